// The AWS region to sign for, found as the AWS CLI finds it: AWS_REGION, then
// AWS_DEFAULT_REGION, then the `region` of the shared files' profile.

import Foundation

/// Where the region of S3 requests comes from when the caller gives none.
public enum AWSRegion {
    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the `region` of the profile `profile` (else
    /// `AWS_PROFILE`, else `"default"`) in the shared files; `nil` when none is set.
    ///
    /// Throws like `AWSCredentials.fromSharedFiles` when a profile named explicitly is absent or
    /// a shared file cannot be read or parsed.
    public static func resolve(
        profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String? {
        for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let region = environment[variable], !region.isEmpty { return region }
        }
        return try AWSSharedProfile.load(profile: profile, environment: environment)?["region"]
    }
}
