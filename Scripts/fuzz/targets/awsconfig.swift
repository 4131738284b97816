// Fuzz target: the INI parser of the AWS shared files (~/.aws/credentials, ~/.aws/config).
// Any bytes may be refused with an error; nothing may crash or run away, and an error never
// repeats the file's content (it could hold a secret), only its path and a line number.

import Foundation
@testable import SimpleZarr

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAWSConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let file = try AWSSharedConfigFile.parse(text, path: "fuzz")
        for (name, properties) in file.sections {
            precondition(!name.isEmpty, "awsconfig: an empty section name was accepted")
            for key in properties.keys {
                precondition(!key.isEmpty && key == key.lowercased(), "awsconfig: a property name is empty or not lower-cased")
            }
        }
    } catch let error as AWSCredentialsError {
        guard case .malformedFile(let path, let line, _) = error else {
            preconditionFailure("awsconfig: parsing threw \(error), not malformedFile")
        }
        precondition(path == "fuzz" && line >= 1, "awsconfig: an error without its path or line")
    } catch {
        preconditionFailure("awsconfig: parsing threw an unexpected error \(error)")
    }
    return 0
}
