import Foundation
import MusubiTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM, as a service manager sends it: the server stops taking requests, finishes the one
/// in flight, closes the database and exits 0.
@Suite struct GracefulShutdownTests {
    @Test func sigtermFinishesTheRequestInFlightAndExitsCleanly() async throws {
        let dir = try CommandLineTests.scratch()
        let port = Int.random(in: 40001...60000)
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["serve", "--data-dir", "data", "--port", String(port)]
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // given: a sign-in form whose body has only half arrived when SIGTERM comes
        var visitor: RawConnection?
        for _ in 0..<150 where visitor == nil {
            visitor = try? RawConnection(port: port)
            if visitor == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let form = try #require(visitor, "the server did not start")
        try form.send("GET /signin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let formPage = try form.readResponse()
        let token = try #require(formPage.firstMatch(of: /musubi_csrf=([A-Za-z0-9_\-]+)/)?.1, "the form set no CSRF cookie")
        let body = "email=nobody%40example.jp&password=wrong-password&_csrf=\(token)"
        let inFlight = try RawConnection(port: port)
        try inFlight.send(
            "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: musubi_csrf=\(token)\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body.prefix(20)
        )
        try await Task.sleep(for: .milliseconds(300))

        // when
        kill(process.processIdentifier, SIGTERM)
        try await Task.sleep(for: .milliseconds(500))
        try inFlight.send(String(body.dropFirst(20)))

        // then: the request is answered in full, and the process ends well
        let answer = try inFlight.readResponse()
        let status = Int(answer.prefix(12).dropFirst(9)) ?? 0
        #expect(answer.hasPrefix("HTTP/1.1 ") && (200..<500).contains(status), "\(answer.prefix(200))")
        #expect(answer.contains("</html>"), "the page arrived whole")
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning, "the server stopped")
        #expect(
            process.terminationReason == .exit && process.terminationStatus == 0,
            "\(String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self))")
        #expect(throws: (any Error).self, "nobody is listening any more") { try RawConnection(port: port) }
    }
}

/// A TCP connection to the server on this machine that writes bytes as the test says, so a
/// request can be left half sent.
final class RawConnection {
    private let socket: Int32

    struct Failure: Error { let step: String }

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(step: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw Failure(step: "connect")
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    func send(_ text: some StringProtocol) throws {
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            throw Failure(step: "send")
        }
    }

    /// One response: its head, and a body as long as its Content-Length says (or to the end).
    func readResponse() throws -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            data += buffer[0..<count]
            let text = String(decoding: data, as: UTF8.self)
            if let headEnd = text.range(of: "\r\n\r\n"),
                let length = text[..<headEnd.lowerBound].firstMatch(of: /(?i)content-length: *([0-9]+)/).flatMap({ Int($0.1) }),
                text[headEnd.upperBound...].utf8.count >= length
            {
                break
            }
        }
        return String(decoding: data, as: UTF8.self)
    }
}
