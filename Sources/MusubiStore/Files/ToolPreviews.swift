import Foundation
import MusubiCore

/// Previews made by Debian's tools, in their own processes (a picture the server cannot
/// read harms only that process): `vipsthumbnail` (libvips-tools) for PNG and JPEG, and
/// `pdftoppm` (poppler-utils) for a PDF's first page. Each is at most 480×360, a JPEG with
/// no metadata, kept in a folder (`previews` under the data directory) under the stored
/// file's name. Without a tool, its kind has no preview; a file a tool fails on (damaged,
/// too slow) gets none, and is not tried again until the server restarts.
public actor ToolPreviews: PreviewMaker {
    let directory: URL
    private let tools: [FileKind: URL]
    /// Which kinds this machine can preview.
    public nonisolated let kinds: Set<FileKind>
    private var failed = Set<String>()
    private var making: [String: Task<Data?, Never>] = [:]
    static let timeout = Duration.seconds(15)

    public init(directory: String, searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
        func find(_ name: String) -> URL? {
            searchPath.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
                .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        }
        var tools: [FileKind: URL] = [:]
        if let vips = find("vipsthumbnail") { (tools[.png], tools[.jpeg]) = (vips, vips) }
        if let poppler = find("pdftoppm") { tools[.pdf] = poppler }
        self.tools = tools
        self.kinds = Set(tools.keys)
    }

    public func preview(of storedName: String, kind: FileKind, bytes: @escaping @Sendable () async throws -> Data) async -> Data? {
        guard let tool = tools[kind], DiskFileStore.isName(storedName), !failed.contains(storedName) else { return nil }
        let kept = directory.appendingPathComponent(storedName + ".jpg")
        if let data = try? Data(contentsOf: kept) { return data }
        if let running = making[storedName] { return await running.value }
        let task = Task { [directory] in
            do {
                return try await Self.make(tool: tool, kind: kind, from: try await bytes(), into: kept, work: directory)
            } catch {
                return nil as Data?
            }
        }
        making[storedName] = task
        let data = await task.value
        making[storedName] = nil
        if data == nil { failed.insert(storedName) }
        return data
    }

    public func prune(keeping storedNames: Set<String>) async throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasSuffix(".jpg") && !storedNames.contains(String(name.dropLast(4))) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    private static func make(tool: URL, kind: FileKind, from data: Data, into kept: URL, work: URL) async throws -> Data? {
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let scratch = work.appendingPathComponent(".making-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent(kind == .pdf ? "in.pdf" : kind == .png ? "in.png" : "in.jpg")
        let output = scratch.appendingPathComponent("out.jpg")
        try data.write(to: input)
        let arguments =
            kind == .pdf
            ? ["-jpeg", "-f", "1", "-l", "1", "-singlefile", "-scale-to", "480", input.path, scratch.appendingPathComponent("out").path]
            : [input.path, "--size", "480x360", "-o", output.path + "[Q=80,strip]"]
        guard try await run(tool, arguments), let made = try? Data(contentsOf: output), !made.isEmpty else { return nil }
        try? FileManager.default.moveItem(at: output, to: kept)
        return made
    }

    /// Runs the tool; false when it fails or takes too long (then it is stopped).
    private static func run(_ tool: URL, _ arguments: [String]) async throws -> Bool {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished.continuation.yield($0.terminationStatus) }
        try process.run()
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            if process.isRunning { process.terminate() }
        }
        defer { watchdog.cancel() }
        for await status in finished.stream { return status == 0 && process.terminationReason == .exit }
        return false
    }
}
