import Foundation
import XCTest
@testable import SimpleZarr

/// Credential and region resolution from the environment and the AWS shared files, and the
/// INI dialect of those files.
final class AWSCredentialsTests: XCTestCase {
    private var root = FileManager.default.temporaryDirectory

    override func setUpWithError() throws { root = try makeTemporaryDirectory() }
    override func tearDown() { removeTemporaryDirectory(root) }

    /// An environment whose HOME is the temporary directory, with ~/.aws/credentials and
    /// ~/.aws/config holding `credentials` and `config` when given.
    private func home(credentials: String? = nil, config: String? = nil, _ extra: [String: String] = [:]) throws -> [String: String] {
        let aws = root.appendingPathComponent(".aws")
        try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
        if let credentials { try Data(credentials.utf8).write(to: aws.appendingPathComponent("credentials")) }
        if let config { try Data(config.utf8).write(to: aws.appendingPathComponent("config")) }
        return extra.merging(["HOME": root.path]) { a, _ in a }
    }

    private let sampleCredentials = """
        # the CLI writes files like this one
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = secret/default+key

        ; a second profile, with odd spacing and an upper-case name
          [ work ]   # trailing comment
        AWS_ACCESS_KEY_ID=AKIDWORK
        aws_secret_access_key   =   secret#with#hashes
        aws_session_token = token-work

        """

    private let sampleConfig = """
        [default]
        region = eu-west-1

        [profile work]
        region = us-east-2
        s3 =
            addressing_style = path
            region = not-this-one
        [profile   config-only]
        aws_access_key_id = AKIDCONFIG
        aws_secret_access_key = secret-config
        [sso-session corp]
        sso_region = us-east-1
        [profile role]
        role_arn = arn:aws:iam::123456789012:role/x
        source_profile = default
        """

    // MARK: - Environment variables

    func testFromEnvironment() {
        XCTAssertEqual(AWSCredentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s"]),
                       AWSCredentials(accessKeyID: "AKID", secretAccessKey: "s"))
        XCTAssertEqual(AWSCredentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s",
                                                       "AWS_SESSION_TOKEN": "t"])?.sessionToken, "t")
        XCTAssertEqual(AWSCredentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s",
                                                       "AWS_SESSION_TOKEN": ""])?.sessionToken, nil)
        XCTAssertNil(AWSCredentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "AKID"]))
        XCTAssertNil(AWSCredentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "s"]))
        XCTAssertNil(AWSCredentials.fromEnvironment([:]))
    }

    // MARK: - Shared files

    func testProfilesFromBothFiles() throws {
        let env = try home(credentials: sampleCredentials, config: sampleConfig)
        XCTAssertEqual(try AWSCredentials.fromSharedFiles(environment: env),
                       AWSCredentials(accessKeyID: "AKIDDEFAULT", secretAccessKey: "secret/default+key"))
        XCTAssertEqual(try AWSCredentials.fromSharedFiles(profile: "work", environment: env),
                       AWSCredentials(accessKeyID: "AKIDWORK", secretAccessKey: "secret#with#hashes", sessionToken: "token-work"))
        XCTAssertEqual(try AWSCredentials.fromSharedFiles(environment: env.merging(["AWS_PROFILE": "work"]) { $1 })?.accessKeyID,
                       "AKIDWORK")
        // Keys in the config file's `[profile name]` section count too.
        XCTAssertEqual(try AWSCredentials.fromSharedFiles(profile: "config-only", environment: env)?.accessKeyID, "AKIDCONFIG")
    }

    func testCredentialsFileWinsOverConfig() throws {
        let env = try home(credentials: "[p]\naws_access_key_id = FROMCREDS\naws_secret_access_key = a\n",
                           config: "[profile p]\naws_access_key_id = FROMCONFIG\naws_secret_access_key = b\nregion = r\n")
        XCTAssertEqual(try AWSCredentials.fromSharedFiles(profile: "p", environment: env),
                       AWSCredentials(accessKeyID: "FROMCREDS", secretAccessKey: "a"))
        XCTAssertEqual(try AWSRegion.resolve(profile: "p", environment: env), "r")
    }

    func testFileLocationsFromEnvironment() throws {
        let credentials = root.appendingPathComponent("elsewhere-credentials")
        let config = root.appendingPathComponent("elsewhere-config")
        try Data("[x]\naws_access_key_id = AKIDX\naws_secret_access_key = sx\n".utf8).write(to: credentials)
        try Data("[profile x]\nregion = ap-south-1\n".utf8).write(to: config)
        let env = ["HOME": "/nonexistent-home", "AWS_SHARED_CREDENTIALS_FILE": credentials.path,
                   "AWS_CONFIG_FILE": config.path, "AWS_PROFILE": "x"]
        XCTAssertEqual(try AWSCredentials.fromSharedFiles(environment: env)?.accessKeyID, "AKIDX")
        XCTAssertEqual(try AWSRegion.resolve(environment: env), "ap-south-1")
        // A leading ~/ is the home directory.
        let tilde = ["HOME": root.path, "AWS_SHARED_CREDENTIALS_FILE": "~/elsewhere-credentials", "AWS_PROFILE": "x"]
        XCTAssertEqual(try AWSCredentials.fromSharedFiles(environment: tilde)?.accessKeyID, "AKIDX")
    }

    func testMissingFilesAndProfiles() throws {
        let empty = try home()
        // No files and no profile asked for: nothing found, not an error.
        XCTAssertNil(try AWSCredentials.fromSharedFiles(environment: empty))
        XCTAssertNil(try AWSRegion.resolve(environment: empty))
        // A profile asked for by name that is not there is an error naming it and the files.
        XCTAssertThrowsError(try AWSCredentials.fromSharedFiles(profile: "nope", environment: empty)) { error in
            guard case .profileNotFound(let profile, let files)? = error as? AWSCredentialsError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(profile, "nope")
            XCTAssertEqual(files, [root.path + "/.aws/credentials", root.path + "/.aws/config"])
            XCTAssertTrue("\(error)".contains("'nope'") && "\(error)".contains("/.aws/config"), "\(error)")
        }
        let env = try home(credentials: sampleCredentials, config: sampleConfig)
        XCTAssertThrowsError(try AWSCredentials.fromSharedFiles(environment: env.merging(["AWS_PROFILE": "gone"]) { $1 }))
        // A config section that is not `[profile name]` is not a profile.
        XCTAssertThrowsError(try AWSCredentials.fromSharedFiles(profile: "corp", environment: env))
        // A credentials-file section is never spelled `[profile name]`.
        let spelled = try home(credentials: "[profile q]\naws_access_key_id = A\naws_secret_access_key = B\n")
        XCTAssertThrowsError(try AWSCredentials.fromSharedFiles(profile: "q", environment: spelled))
    }

    func testProfilesWithoutUsableKeys() throws {
        let env = try home(credentials: "[half]\naws_access_key_id = AKIDHALF\n[nokeys]\noutput = json\n", config: sampleConfig)
        XCTAssertThrowsError(try AWSCredentials.fromSharedFiles(profile: "half", environment: env)) { error in
            XCTAssertEqual(error as? AWSCredentialsError, .incompleteProfile(
                profile: "half", missing: "aws_secret_access_key",
                files: [root.path + "/.aws/credentials", root.path + "/.aws/config"]))
        }
        XCTAssertNil(try AWSCredentials.fromSharedFiles(profile: "nokeys", environment: env))
        XCTAssertThrowsError(try AWSCredentials.fromSharedFiles(profile: "role", environment: env)) { error in
            guard case .unsupportedCredentialSource(_, let setting, _)? = error as? AWSCredentialsError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(setting, "role_arn")
        }
    }

    // MARK: - Resolution order

    func testResolveOrder() throws {
        var env = try home(credentials: sampleCredentials, config: sampleConfig)
        XCTAssertEqual(try AWSCredentials.resolve(environment: env)?.accessKeyID, "AKIDDEFAULT")
        env["AWS_ACCESS_KEY_ID"] = "AKIDENV"
        env["AWS_SECRET_ACCESS_KEY"] = "secret-env"
        // Environment variables beat the shared files, even with AWS_PROFILE set ...
        XCTAssertEqual(try AWSCredentials.resolve(environment: env)?.accessKeyID, "AKIDENV")
        env["AWS_PROFILE"] = "does-not-exist"
        XCTAssertEqual(try AWSCredentials.resolve(environment: env)?.accessKeyID, "AKIDENV")
        // ... and a profile the caller names beats them.
        XCTAssertEqual(try AWSCredentials.resolve(profile: "work", environment: env)?.accessKeyID, "AKIDWORK")
        XCTAssertNil(try AWSCredentials.resolve(environment: ["HOME": root.path + "/empty"]))
    }

    func testRegionOrder() throws {
        var env = try home(credentials: sampleCredentials, config: sampleConfig)
        XCTAssertEqual(try AWSRegion.resolve(environment: env), "eu-west-1")
        // The nested `s3 = region = ...` setting is not the profile's region.
        XCTAssertEqual(try AWSRegion.resolve(profile: "work", environment: env), "us-east-2")
        env["AWS_DEFAULT_REGION"] = "us-west-1"
        XCTAssertEqual(try AWSRegion.resolve(profile: "work", environment: env), "us-west-1")
        env["AWS_REGION"] = "ca-central-1"
        XCTAssertEqual(try AWSRegion.resolve(environment: env), "ca-central-1")
        XCTAssertNil(try AWSRegion.resolve(profile: "config-only", environment: try home(config: "[profile config-only]\n")))
    }

    // MARK: - The INI dialect

    func testParserDialect() throws {
        let file = try AWSSharedConfigFile.parse(
            "[a]\r\nKey = v = w\r\n\tnested = 1\r\n  more\r\n[ a ]\nother=\n[b] ; c\n", path: "f")
        XCTAssertEqual(file.sections["a"], ["key": "v = w\nnested = 1\nmore", "other": ""])
        XCTAssertEqual(file.sections["b"], [:])
        // Equally indented lines are separate properties.
        let indented = try AWSSharedConfigFile.parse("[a]\n  x = 1\n  y = 2\n", path: "f")
        XCTAssertEqual(indented.sections["a"], ["x": "1", "y": "2"])
    }

    func testManyContinuationLinesParseInLinearTime() throws {
        // 200,000 continuation lines: a parser that rebuilt the value per line would copy ~10^11 bytes.
        let text = "[a]\nk = v\n" + String(repeating: "  continued\n", count: 200_000)
        let start = Date()
        let file = try AWSSharedConfigFile.parse(text, path: "f")
        XCTAssertEqual(file.sections["a"]?["k"]?.count, 1 + 200_000 * 10)
        XCTAssertLessThan(Date().timeIntervalSince(start), 30, "parsing took too long")
    }

    func testParserErrorsNameTheLineNotTheContent() {
        let cases: [(String, Int)] = [
            ("aws_secret_access_key = SECRET\n", 1), ("[a]\nSECRET\n", 2), ("[a\n", 1), ("[]\n", 1),
            ("[a] SECRET\n", 1), ("[a]\n= SECRET\n", 2),
        ]
        for (text, line) in cases {
            XCTAssertThrowsError(try AWSSharedConfigFile.parse(text, path: "/x/credentials"), text) { error in
                guard case .malformedFile(let path, let errorLine, _)? = error as? AWSCredentialsError else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(path, "/x/credentials")
                XCTAssertEqual(errorLine, line, text)
                XCTAssertFalse("\(error)".contains("SECRET"), "\(error)")
            }
        }
    }

    func testUnreadableFiles() throws {
        let env = try home()
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".aws/credentials"),
                                                withIntermediateDirectories: true)
        XCTAssertThrowsError(try AWSCredentials.fromSharedFiles(environment: env)) { error in
            guard case .unreadableFile? = error as? AWSCredentialsError else { return XCTFail("\(error)") }
        }
    }

    // MARK: - Redaction

    func testSecretsAreRedacted() {
        let keys = AWSCredentials(accessKeyID: "AKIDSHOWN", secretAccessKey: "TOPSECRET", sessionToken: "TOKENSECRET")
        var dumped = ""
        dump(keys, to: &dumped)
        for text in [keys.description, keys.debugDescription, "\(keys)", String(reflecting: keys), dumped, "\([keys])"] {
            XCTAssertTrue(text.contains("AKIDSHOWN"), text)
            XCTAssertFalse(text.contains("TOPSECRET") || text.contains("TOKENSECRET"), text)
        }
    }
}
