import Foundation

/// A progress bar on standard error, redrawn in place on a terminal (and silent when standard
/// error is not one, so that logs stay readable).
public final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var shown = ""
    private var drawn = false

    public init() {}

    public func show(_ label: String, done: Int, total: Int) {
        guard isTerminal, total > 0 else { return }
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let line =
            "\(label.padding(toLength: 10, withPad: " ", startingAt: 0)) [" + String(repeating: "#", count: filled)
            + String(repeating: ".", count: width - filled) + "] \(Int(fraction * 100))% \(done)/\(total)"
        lock.withLock {
            guard line != shown else { return }
            shown = line
            drawn = true
            FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        }
    }

    /// Ends the bar's line.
    public func finish() {
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            drawn = false
            shown = ""
        }
    }
}
