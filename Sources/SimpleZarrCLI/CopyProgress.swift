// The progress of `cp` on stdout: on a terminal a bar with the chunk count,
// throughput and time left, redrawn in place (`\r`, then erase to the end of
// the line); when stdout is a pipe or a file, a plain line every few seconds
// and no escape codes; nothing with `--quiet`.

import Foundation
import SimpleZarr

/// Counts copied chunks and shows them; safe to call from every worker.
final class CopyProgress: Sendable {
    enum Style: Sendable {
        case terminal, lines, quiet
    }

    private struct State {
        var done = 0
        var skipped = 0
        var bytes = 0
        var lastDraw = 0.0
    }

    let style: Style
    let total: Int
    private let start = Date()
    /// A pthread mutex (`LockedValue`), which ThreadSanitizer understands (it cannot see the
    /// futex under `Synchronization.Mutex` on Linux and reports its accesses as races).
    private let state = LockedValue(State())
    /// Seconds between two redraws.
    private let interval: Double

    init(total: Int, quiet: Bool) {
        self.total = total
        style = quiet ? .quiet : (isatty(STDOUT_FILENO) == 1 ? .terminal : .lines)
        interval = style == .terminal ? 0.1 : 2
        if style == .terminal { draw(State(), final: false) }
    }

    /// Records one finished chunk of `bytes` uncompressed bytes (`skipped`: already present and equal).
    func record(bytes: Int, skipped: Bool) {
        let now = Date().timeIntervalSince(start)
        let snapshot: State? = state.withLock { state in
            state.done += 1
            state.bytes += bytes
            if skipped { state.skipped += 1 }
            guard now - state.lastDraw >= interval else { return nil }
            state.lastDraw = now
            return state
        }
        if let snapshot { draw(snapshot, final: false) }
    }

    /// Draws the last state (and ends the bar's line).
    func finish() {
        draw(state.withLock { $0 }, final: true)
    }

    /// The counts so far: chunks done and of those skipped.
    var counts: (done: Int, skipped: Int) { state.withLock { ($0.done, $0.skipped) } }

    private func draw(_ state: State, final: Bool) {
        let elapsed = max(Date().timeIntervalSince(start), 1e-3)
        let rate = Double(state.bytes) / elapsed
        let fraction = total == 0 ? 1 : Double(state.done) / Double(total)
        let remaining = state.done == 0 ? nil : elapsed / Double(state.done) * Double(total - state.done)
        let numbers = "\(state.done)/\(total) chunks" + (state.skipped > 0 ? " (\(state.skipped) skipped)" : "")
            + "  \(Self.byteText(rate))/s  " + (final ? "in \(Self.timeText(elapsed))" : "ETA \(remaining.map(Self.timeText) ?? "?")")
        switch style {
        case .quiet: return
        case .terminal:
            let width = 30
            let filled = min(width, Int(fraction * Double(width)))
            let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
            let percent = String(format: "%3d%%", Int(fraction * 100))
            write("\r\(bar) \(percent) \(numbers)\u{1B}[K" + (final ? "\n" : ""))
        case .lines:
            write("cp: \(String(format: "%.1f", fraction * 100))% \(numbers)\n")
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `12.3 MB`: a byte count in decimal units.
    static func byteText(_ bytes: Double) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = bytes
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(Int(value)) B" : String(format: "%.1f", value) + " " + units[unit]
    }

    /// `1:05` or `2:03:04`, or `0.4s` under a second.
    static func timeText(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        if seconds < 1 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        let (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
