import Foundation

/// Runs a Python script with `input` on its standard input, for the tests that let a real
/// reader (Python's mail parser, feedparser) read what Musubi writes; gives what it printed,
/// read as JSON.
public enum Python {
    public enum Failure: Error { case notJSON(String) }

    public static func json(_ script: String, input: Data) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let (stdin, stdout) = (Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure.notJSON(String(decoding: data, as: UTF8.self))
        }
        return object
    }
}
