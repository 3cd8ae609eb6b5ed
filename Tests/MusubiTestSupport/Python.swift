import Foundation

/// Runs a Python script with `input` on its standard input, for the tests that let a real
/// reader (Python's mail parser, feedparser) read what Musubi writes; gives what it printed,
/// read as JSON.
///
/// The input and the output go through files, not pipes: a pipe's end can be inherited by
/// another child process started at the same moment by a test running beside this one (a
/// test SMTP server that lives for its whole test), and then the end-of-file this would wait
/// for never comes. Only the process's exit is waited for.
public enum Python {
    public enum Failure: Error { case notJSON(String) }

    public static func json(_ script: String, input: Data) throws -> [String: Any] {
        let folder = TestFolders.new("python")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (inputFile, outputFile) = (folder.appendingPathComponent("in"), folder.appendingPathComponent("out"))
        try input.write(to: inputFile)
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: outputFile)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure.notJSON(String(decoding: data, as: UTF8.self))
        }
        return object
    }
}
