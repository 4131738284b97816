// Errors of credential and region resolution (AWSCredentials, AWSRegion): a profile
// that is not there, a file that cannot be read or parsed. Messages name the profile
// and the files; they never carry a value read from a file, so no secret leaks.

import Foundation

/// An error while resolving AWS credentials or the region from the environment and the shared files.
public enum AWSCredentialsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A profile was asked for by name (argument or `AWS_PROFILE`) but neither shared file has it.
    case profileNotFound(profile: String, files: [String])
    /// The profile has one of the access key ID and the secret access key but not the other.
    case incompleteProfile(profile: String, missing: String, files: [String])
    /// The profile gets its credentials in a way this library does not implement (an assumed role,
    /// SSO, an external process); `setting` is the property that says so.
    case unsupportedCredentialSource(profile: String, setting: String, files: [String])
    /// A shared file breaks the INI syntax at `line` (1-based).
    case malformedFile(path: String, line: Int, reason: String)
    /// A shared file exists but cannot be read.
    case unreadableFile(path: String, reason: String)

    /// The complete message of the error.
    public var message: String {
        switch self {
        case .profileNotFound(let profile, let files):
            return "AWS profile '\(profile)' not found in \(Self.list(files))"
        case .incompleteProfile(let profile, let missing, let files):
            return "AWS profile '\(profile)' in \(Self.list(files)) has no \(missing)"
        case .unsupportedCredentialSource(let profile, let setting, let files):
            return "AWS profile '\(profile)' in \(Self.list(files)) gets its credentials through '\(setting)', "
                + "which is not supported; use static keys or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
        case .malformedFile(let path, let line, let reason):
            return "AWS shared file \(path), line \(line): \(reason)"
        case .unreadableFile(let path, let reason):
            return "AWS shared file \(path) cannot be read: \(reason)"
        }
    }

    /// Same as `message`.
    public var description: String { message }

    private static func list(_ files: [String]) -> String {
        files.isEmpty ? "the shared files" : files.joined(separator: " or ")
    }
}

extension AWSCredentialsError: LocalizedError {
    /// Same as `message`, so `localizedDescription` shows it too.
    public var errorDescription: String? { message }
}
