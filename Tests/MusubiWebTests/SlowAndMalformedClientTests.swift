import Foundation
import MusubiTestSupport
import Testing

/// Clients that send slowly, wrongly or too much get an answer and lose the connection, in
/// seconds, instead of holding it open for ever.
@Suite struct SlowAndMalformedClientTests {
    static func request(_ head: String, body: String = "") -> [UInt8] {
        Array((head.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n" + body).utf8)
    }

    @Test func aHeadOrABodyThatStopsComingIsClosedAfterTheTimeout() async throws {
        try await TestSite.run(.sqlite, live: true, connectionTimeout: .seconds(1)) { site in
            let port = try #require(site.client.port)
            let start = ContinuousClock.now
            let halfHead = try await RawConnection.exchange(
                port: port, send: Array("GET /healthz HTTP/1.1\r\nHost: musubi\r\n".utf8), waiting: .seconds(8))
            #expect(halfHead.lastStatus == "408" && halfHead.closed, "\(halfHead)")
            #expect(ContinuousClock.now - start < .seconds(5))

            // A second head that never ends, after a first request on the same connection.
            let second = try await RawConnection.exchange(
                port: port, send: Self.request("GET /healthz HTTP/1.1\nHost: musubi\n") + Array("GET /healthz HTTP/1.1\r\nHo".utf8),
                waiting: .seconds(8))
            #expect(second.answer.hasPrefix("HTTP/1.1 200") && second.closed, "\(second)")

            // A body declared and never sent.
            let body = try await RawConnection.exchange(
                port: port,
                send: Self.request(
                    "POST /signin HTTP/1.1\nHost: musubi\nContent-Type: application/x-www-form-urlencoded\nContent-Length: 100\n", body: "email="),
                waiting: .seconds(8))
            #expect(body.closed, "\(body)")
        }
    }

    @Test func aBodyDeclaredTooLargeIsRefusedFromItsHeader() async throws {
        try await TestSite.run(.sqlite, live: true) { site in
            let port = try #require(site.client.port)
            let browser = site.browser()
            try await browser.signIn("member@example.jp")
            let token = try await APIClient.token(for: browser)
            let tenGiB = "10737418240"
            for head in [
                "POST /signin HTTP/1.1\nHost: musubi\nContent-Type: application/x-www-form-urlencoded\nContent-Length: \(tenGiB)\n",
                "PATCH /api/v1/me HTTP/1.1\nHost: musubi\nAuthorization: Bearer \(token)\nContent-Type: application/json\nContent-Length: \(tenGiB)\n",
            ] {
                let start = ContinuousClock.now
                let outcome = try await RawConnection.exchange(port: port, send: Self.request(head, body: "{"), waiting: .seconds(3))
                #expect(outcome.lastStatus == "413", "\(head): \(outcome)")
                #expect(ContinuousClock.now - start < .seconds(3))
            }
        }
    }

    @Test func whatTheParserRefusesIsAnsweredAndClosed() async throws {
        try await TestSite.run(.sqlite, live: true) { site in
            let port = try #require(site.client.port)
            let cases: [(String, [UInt8])] = [
                ("501", Self.request("FROB /healthz HTTP/1.1\nHost: musubi\n")),
                ("400", Array("GET /he\0alth HTTP/1.1\r\nHost: musubi\r\n\r\n".utf8)),
                ("400", Array("GET /ヘルス HTTP/1.1\r\nHost: musubi\r\n\r\n".utf8)),
                ("431", Self.request("GET /healthz HTTP/1.1\nHost: musubi\nX-Padding: \(String(repeating: "a", count: 90_000))\n")),
                ("400", Self.request("POST /signin HTTP/1.1\nHost: musubi\nContent-Length: 5\nTransfer-Encoding: chunked\n", body: "0\r\n\r\n")),
                // After a good request on the same connection.
                ("501", Self.request("GET /healthz HTTP/1.1\nHost: musubi\n") + Self.request("FROB /healthz HTTP/1.1\nHost: musubi\n")),
            ]
            for (status, bytes) in cases {
                let outcome = try await RawConnection.exchange(port: port, send: bytes, waiting: .seconds(5))
                #expect(outcome.lastStatus == status && outcome.closed, "\(String(decoding: bytes.prefix(60), as: UTF8.self)): \(outcome)")
            }
        }
    }
}
