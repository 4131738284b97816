// One profile of the AWS shared files, found the way the AWS CLI finds it: the
// credentials file (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials) names
// profiles `[name]`; the config file (AWS_CONFIG_FILE, else ~/.aws/config) names them
// `[profile name]`, and the default one `[default]`. The profile is AWS_PROFILE,
// else "default". The two files' properties merge, the credentials file winning.

import Foundation

/// The merged properties of one profile of the AWS shared files.
struct AWSSharedProfile: Equatable, Sendable {
    /// The profile used when none is named.
    static let defaultName = "default"

    /// The profile's name.
    let name: String
    /// Its properties (lower-cased names) from both files.
    let properties: [String: String]
    /// The shared files' paths, credentials file first (named in errors).
    let files: [String]

    /// The profile named `profile` (else `AWS_PROFILE`, else "default") from the shared files;
    /// `nil` when it is in neither file and was not asked for by name (a missing file counts as
    /// empty). Throws `profileNotFound` when a profile asked for by name is in neither file.
    static func load(profile: String?, environment: [String: String]) throws -> AWSSharedProfile? {
        let requested = profile ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        let name = requested ?? defaultName
        let credentialsPath = path(environment, "AWS_SHARED_CREDENTIALS_FILE", default: "credentials")
        let configPath = path(environment, "AWS_CONFIG_FILE", default: "config")
        let files = [credentialsPath, configPath]
        let fromCredentials = try AWSSharedConfigFile.load(path: credentialsPath)?.sections[name]
        let config = try AWSSharedConfigFile.load(path: configPath)
        let fromConfig = config.flatMap { configSection($0, profile: name) }
        guard fromCredentials != nil || fromConfig != nil else {
            if requested != nil { throw AWSCredentialsError.profileNotFound(profile: name, files: files) }
            return nil
        }
        let merged = (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentials in credentials }
        return AWSSharedProfile(name: name, properties: merged, files: files)
    }

    /// The config file's section of `profile`: `[profile name]` (any spaces after `profile`), or for
    /// the default profile `[default]` as well.
    private static func configSection(_ config: AWSSharedConfigFile, profile: String) -> [String: String]? {
        if let exact = config.sections["profile " + profile] { return exact }
        let spaced = config.sections.keys.sorted().first { section in
            let words = section.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            return words.count == 2 && words[0] == "profile" && words[1].trimmingCharacters(in: .whitespaces) == profile
        }
        if let spaced { return config.sections[spaced] }
        return profile == defaultName ? config.sections[profile] : nil
    }

    /// The property `name` when set to a non-empty value.
    subscript(_ name: String) -> String? {
        guard let value = properties[name], !value.isEmpty else { return nil }
        return value
    }

    /// The file path in `variable`, with a leading `~/` expanded, else ~/.aws/`file`.
    private static func path(_ environment: [String: String], _ variable: String, default file: String) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        guard let value = environment[variable], !value.isEmpty else {
            return (home as NSString).appendingPathComponent(".aws/" + file)
        }
        if value == "~" { return home }
        if value.hasPrefix("~/") { return (home as NSString).appendingPathComponent(String(value.dropFirst(2))) }
        return value
    }
}
