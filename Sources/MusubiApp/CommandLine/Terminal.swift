import Foundation

/// Writes a line to standard output at once (print buffers when output is not a terminal).
public func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
