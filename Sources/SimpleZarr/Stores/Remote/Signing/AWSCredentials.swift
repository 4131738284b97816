// AWS access keys and where to find them, in the order of the AWS SDKs' default
// chain, simplified to static keys: a profile named by the caller, then the
// environment variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN,
// then the shared files' profile (AWS_PROFILE, else "default"). Finding none means
// anonymous access. The secret key and the session token never appear in
// `description`, `debugDescription` or `dump`.

import Foundation

/// The keys that sign requests to S3 and S3-compatible services (Signature Version 4).
public struct AWSCredentials: Sendable, Equatable {
    /// The access key ID (`AKIA...`, or `ASIA...` for temporary keys).
    public var accessKeyID: String
    /// The secret access key.
    public var secretAccessKey: String
    /// The session token of temporary credentials; `nil` for long-term keys.
    public var sessionToken: String?

    /// Credentials from explicit keys.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    // MARK: - Resolution

    /// The keys in `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (with `AWS_SESSION_TOKEN` when set);
    /// `nil` unless both keys are set and non-empty.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> AWSCredentials? {
        guard let id = nonEmpty(environment["AWS_ACCESS_KEY_ID"]),
              let secret = nonEmpty(environment["AWS_SECRET_ACCESS_KEY"]) else { return nil }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret,
                              sessionToken: nonEmpty(environment["AWS_SESSION_TOKEN"]))
    }

    /// The static keys of a profile of the shared files (`~/.aws/credentials` and `~/.aws/config`,
    /// or the files that `AWS_SHARED_CREDENTIALS_FILE` and `AWS_CONFIG_FILE` name).
    ///
    /// The profile is `profile`, else `AWS_PROFILE`, else `"default"`. Returns `nil` when the default
    /// profile is absent (missing files count as empty) or has no keys. Throws when a profile named
    /// explicitly is absent, when a profile has only half a key pair or gets its keys in a way not
    /// implemented here (a role, SSO, a process), and when a file cannot be read or parsed.
    public static func fromSharedFiles(
        profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> AWSCredentials? {
        guard let found = try AWSSharedProfile.load(profile: profile, environment: environment) else { return nil }
        let id = found["aws_access_key_id"]
        let secret = found["aws_secret_access_key"]
        switch (id, secret) {
        case let (id?, secret?):
            return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: found["aws_session_token"])
        case (nil, nil):
            if let setting = unsupportedSources.first(where: { found[$0] != nil }) {
                throw AWSCredentialsError.unsupportedCredentialSource(
                    profile: found.name, setting: setting, files: found.files)
            }
            return nil
        case (nil, _):
            throw AWSCredentialsError.incompleteProfile(profile: found.name, missing: "aws_access_key_id", files: found.files)
        case (_, nil):
            throw AWSCredentialsError.incompleteProfile(profile: found.name, missing: "aws_secret_access_key", files: found.files)
        }
    }

    /// The credentials to use: the named `profile` when given, else the environment variables, else
    /// the shared files' profile (`AWS_PROFILE` or `"default"`). `nil` means none were found, so
    /// requests go unsigned (anonymous access to public buckets).
    public static func resolve(
        profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> AWSCredentials? {
        if profile == nil, let keys = fromEnvironment(environment) { return keys }
        return try fromSharedFiles(profile: profile, environment: environment)
    }

    /// Profile properties that get credentials some other way than static keys.
    private static let unsupportedSources = [
        "role_arn", "source_profile", "credential_source", "credential_process", "web_identity_token_file",
        "sso_session", "sso_start_url",
    ]

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}

// MARK: - Redaction

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The access key ID, with the secrets redacted.
    public var description: String {
        "AWSCredentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>"
            + (sessionToken == nil ? ")" : ", sessionToken: <redacted>)")
    }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// A mirror that shows the access key ID only, so `dump` does not print the secrets.
    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyID": accessKeyID, "secretAccessKey": "<redacted>",
                                "sessionToken": sessionToken == nil ? "nil" : "<redacted>"])
    }
}
