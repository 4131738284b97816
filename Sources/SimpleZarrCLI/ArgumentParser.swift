// The command line, read by hand: each subcommand declares its positional
// arguments, its options (`--name VALUE` or `--name=VALUE`) and its flags
// (`--name`), and gets them back checked, or a usage error (exit status 2).
// `--help`/`-h` anywhere prints the subcommand's help; `--` ends the options.

import Foundation

/// What a subcommand accepts, and its help text.
struct CommandSpec {
    /// One option or flag.
    struct Option {
        let name: String
        /// The value's placeholder in the help (`N`, `FILE`); `nil` for a flag.
        let value: String?
        let help: String
    }

    let name: String
    /// The positional arguments, as shown in the usage line (`PATH`, `SLICE`).
    let positionals: [String]
    /// How many leading positionals are required (the rest are optional).
    let requiredPositionals: Int
    let summary: String
    let options: [Option]
    /// Extra text under the options (examples, notes).
    var details: String = ""
    /// A few words for the command list of `simplezarr --help`.
    var brief: String = ""

    /// The command and its arguments, as the command list shows them (`tree PATH [options]`).
    var synopsis: String { String(usageLine.dropFirst("usage: simplezarr ".count)) }

    var usageLine: String {
        let args = positionals.enumerated().map { $0.offset < requiredPositionals ? $0.element : "[\($0.element)]" }
        return (["usage: simplezarr", name] + args + (options.isEmpty ? [] : ["[options]"])).joined(separator: " ")
    }

    var help: String {
        var text = usageLine + "\n\n" + summary + "\n"
        text += "\noptions:\n"
        let rows = options.map { ("--" + $0.name + ($0.value.map { " " + $0 } ?? ""), $0.help) } + [("-h, --help", "show this help")]
        let width = (rows.map(\.0.count).max() ?? 0) + 2
        for (left, right) in rows {
            text += "  " + left.padding(toLength: width, withPad: " ", startingAt: 0) + right + "\n"
        }
        if !details.isEmpty { text += "\n" + details + "\n" }
        return text
    }
}

/// A command line that does not fit its subcommand: exit status 2, the message and the usage on stderr.
struct UsageError: Error {
    let message: String
    /// The usage of the subcommand (or of the whole command).
    let usage: String
}

/// `--help` was asked for: the help goes to stdout with exit status 0.
struct HelpRequest: Error {
    let text: String
}

/// The arguments of one subcommand, after checking them against its `CommandSpec`.
struct ParsedArguments {
    let spec: CommandSpec
    let positionals: [String]
    private let values: [String: String]
    private let flags: Set<String>

    /// Parses `arguments` (the words after the subcommand's name).
    init(_ arguments: [String], spec: CommandSpec) throws {
        self.spec = spec
        var positionals: [String] = []
        var values: [String: String] = [:]
        var flags: Set<String> = []
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if optionsEnded || !word.hasPrefix("-") || word == "-" || Self.isNumber(word) {
                positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            if word == "-h" || word == "--help" { throw HelpRequest(text: spec.help) }
            guard word.hasPrefix("--") else { throw UsageError(message: "unknown option '\(word)'", usage: spec.usageLine) }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = spec.options.first(where: { $0.name == name }) else {
                throw UsageError(message: "unknown option '--\(name)'", usage: spec.usageLine)
            }
            if option.value == nil {
                guard inlineValue == nil else {
                    throw UsageError(message: "option '--\(name)' takes no value", usage: spec.usageLine)
                }
                flags.insert(name)
                continue
            }
            if let inlineValue {
                values[name] = inlineValue
            } else {
                guard index < arguments.count else {
                    throw UsageError(message: "option '--\(name)' needs a value \(option.value ?? "")", usage: spec.usageLine)
                }
                values[name] = arguments[index]
                index += 1
            }
        }
        guard positionals.count >= spec.requiredPositionals else {
            let missing = spec.positionals[positionals.count..<spec.requiredPositionals].joined(separator: " ")
            throw UsageError(message: "missing \(missing)", usage: spec.usageLine)
        }
        guard positionals.count <= spec.positionals.count else {
            throw UsageError(
                message: "unexpected argument '\(positionals[spec.positionals.count])'", usage: spec.usageLine)
        }
        self.positionals = positionals
        self.values = values
        self.flags = flags
    }

    /// The positional argument at `index`, or `nil` when an optional one was left out.
    func positional(_ index: Int) -> String? { index < positionals.count ? positionals[index] : nil }

    /// Whether the flag `--name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of `--name`, or `nil`.
    func value(_ name: String) -> String? { values[name] }

    /// The value of `--name` as an integer in `range`, or `defaultValue` when absent.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = values[name] else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw usageError("--\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }

    /// The value of `--name` as comma-separated integers of at least 1 (`--chunks 10,10`).
    func shape(_ name: String) throws -> [Int]? {
        guard let text = values[name] else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw usageError("--\(name) must be comma-separated lengths of at least 1 (like 64,64), got '\(text)'")
        }
        return parts.compactMap { $0 }
    }

    /// A usage error of this subcommand.
    func usageError(_ message: String) -> UsageError { UsageError(message: message, usage: spec.usageLine) }

    /// `-5`, `-1:3`: a negative number or slice is a positional argument, not an option.
    private static func isNumber(_ word: String) -> Bool {
        guard let second = word.dropFirst().first else { return false }
        return second.isNumber || second == ":"
    }
}
