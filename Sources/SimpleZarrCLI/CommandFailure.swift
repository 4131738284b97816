// How the command reports a failure: `simplezarr: <path>: <cause>` on stderr
// with exit status 1, the cause taken from the library's error values.

import Foundation
import SimpleZarr

/// A subcommand that could not do its work on `path` (exit status 1).
struct CommandFailure: Error, CustomStringConvertible {
    /// The argument the failure is about (a store path, an output file).
    let path: String
    let cause: String

    init(_ path: String, _ cause: String) {
        self.path = path
        self.cause = cause
    }

    /// A failure whose cause is `error`, as the library describes it.
    init(_ path: String, _ error: any Error) {
        if let failure = error as? CommandFailure {
            self = failure
        } else {
            self.init(path, Self.cause(of: error))
        }
    }

    var description: String { "\(path): \(cause)" }

    /// The text of an error: the library's own description (which names the method, key and
    /// cause), or Foundation's.
    static func cause(of error: any Error) -> String {
        switch error {
        case let error as ZarrError: return error.description
        case let error as StoreError: return error.description
        case let error as CocoaError:
            return error.userInfo[NSUnderlyingErrorKey].map { "\($0)" } ?? error.localizedDescription
        default: return "\(error)"
        }
    }
}
