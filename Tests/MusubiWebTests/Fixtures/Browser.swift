import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MusubiApp
import MusubiCore
import MusubiStore
import MusubiTestSupport
import MusubiWeb
import Synchronization
import Testing

/// A person at a browser: keeps cookies, fills in the CSRF token from the last page it saw,
/// and follows nothing by itself so tests can look at every redirect.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    private(set) var csrf: String = ""

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    /// A failed expectation prints the status and the page's title, not the whole page
    /// (a whole page made swift-testing drop the message).
    struct Page: CustomTestStringConvertible {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        /// The body as it came, for a download.
        var bytes = Data()
        var location: String? { headers[.location] }
        func contains(_ text: String) -> Bool { body.contains(text) }
        /// The part of the page from the element with this test id to the end of its section.
        func section(_ testID: String) -> String {
            guard let start = body.firstRange(of: "data-testid=\"\(testID)\"") else { return "" }
            let rest = body[start.lowerBound...]
            return String(rest[..<(rest.firstRange(of: "</section>")?.lowerBound ?? rest.endIndex)])
        }
        /// The cards with this test id in that part of the page.
        func cards(_ testID: String, in sectionID: String) -> [String] {
            Array(section(sectionID).components(separatedBy: "data-testid=\"\(testID)\"").dropFirst())
        }
        var testDescription: String {
            let title = body.firstRange(of: "<title>").flatMap { start in
                body[start.upperBound...].firstRange(of: "</title>").map { body[start.upperBound..<$0.lowerBound] }
            }
            return "\(status.code) page \"\(title ?? body.prefix(120))\" (\(body.utf8.count) bytes)"
        }
    }

    @discardableResult
    func get(_ path: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(path, method: .get, headers: headers, body: nil)
    }

    /// Posts a form, adding the CSRF token unless the test sets `_csrf` itself.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf: Bool = true, headers: HTTPFields = [:]) async throws -> Page {
        var all = fields
        if csrf && !fields.contains(where: { $0.0 == "_csrf" }) { all.append(("_csrf", self.csrf)) }
        let body = all.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a form with files as `multipart/form-data`, adding the CSRF token.
    @discardableResult
    func upload(_ path: String, _ fields: [(String, String)], files: [FilePart]) async throws -> Page {
        let (contentType, body) = Self.multipart(fields + [("_csrf", csrf)], files: files)
        return try await send(path, method: .post, headers: [.contentType: contentType], body: ByteBuffer(bytes: body))
    }

    typealias FilePart = (name: String, filename: String, type: String, data: Data)

    /// A `multipart/form-data` body and its content type.
    static func multipart(_ fields: [(String, String)], files: [FilePart]) -> (contentType: String, body: Data) {
        let boundary = "musubi-test-\(UUID().uuidString)"
        var body = Data()
        func line(_ text: String) { body.append(Data((text + "\r\n").utf8)) }
        for (name, value) in fields {
            line("--" + boundary)
            line("Content-Disposition: form-data; name=\"\(name)\"")
            line("")
            line(value)
        }
        for file in files {
            line("--" + boundary)
            line("Content-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"")
            line("Content-Type: \(file.type)")
            line("")
            body.append(file.data)
            line("")
        }
        line("--" + boundary + "--")
        return ("multipart/form-data; boundary=\(boundary)", body)
    }

    func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Page {
        var headers = headers
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: body)
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let (name, value) = (String(pair[0]), String(pair[1]))
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = String(buffer: response.body)
        if let token = Self.csrfToken(in: text) { csrf = token } else if csrf.isEmpty, let visitor = cookies["musubi_csrf"] { csrf = visitor }
        return Page(status: response.status, headers: response.headers, body: text, bytes: Data(buffer: response.body))
    }

    /// Signs in through the form, as a person would.
    @discardableResult
    func signIn(_ email: String, password: String = Community.password) async throws -> Page {
        try await get("/signin")
        let page = try await post("/signin", [("email", email), ("password", password)])
        try await get("/")
        return page
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// A running site over a seeded test community, on one of the test databases.
struct TestSite {
    let community: Community
    let client: any TestClientProtocol
    /// The database as the core sees it: a test can make its reads or writes fail.
    let faults: FaultyPersistence
    /// Warnings and errors the site logged.
    let log: LogRecorder
    let environment: CoreEnvironment

    func browser() -> Browser { Browser(client) }

    /// The application as `musubi serve` builds it (`MusubiApplication`), over a fresh test
    /// database seeded with the community while it prepares. With `live`, it runs on a real
    /// socket, for WebSocket tests; otherwise requests go straight to its router.
    static func run(
        _ database: TestDatabase, throttle: SignInThrottle = SignInThrottle(), trustedProxies: Set<String> = [], live: Bool = false,
        uploadsDirectory: URL? = nil, connectionTimeout: Duration = .seconds(30), mailTracking: Bool = false,
        observeRendering: (@Sendable (String, [String: Any]) -> Void)? = nil,
        _ body: @escaping @Sendable (TestSite) async throws -> Void
    ) async throws {
        let persistence = try await database.open()
        let signal = LiveSignal()
        let faults = FaultyPersistence(persistence)
        let log = LogRecorder()
        let installation = Installation(
            persistence: persistence, environment: .testing(faults, events: signal), live: signal, logger: log.logger(),
            workFolder: TestFolders.new("work"), mailTransport: EMLFileTransport(directory: TestFolders.new("mail")))
        let seeded = Mutex<Community?>(nil)
        let options = MusubiApplication.Options(
            host: "127.0.0.1", port: 0,
            // The whole suite runs at once on two cores: a request may wait behind an import in
            // its test's one in-memory connection longer than a server's would.
            web: WebConfiguration(
                installationName: "テスト結び", installationNameEn: "Test Musubi", trustedProxies: trustedProxies,
                uploadsDirectory: uploadsDirectory?.path,
                databasePatience: .seconds(60),
                // The test clock stands on a Monday evening: no weekly digest joins a test's mail.
                digestSchedule: nil, mailTracking: mailTracking
            ),
            // Mail stays queued, as it was written, for the tests to read (they send it themselves).
            throttle: throttle, tokenUseInterval: .milliseconds(200), sendsMail: false, connectionTimeout: connectionTimeout,
            prepare: { installation in
                let community = try await Community.seed(installation.environment)
                seeded.withLock { $0 = community }
            },
            observeRendering: observeRendering
        )
        let app = try MusubiApplication.build(installation, options)
        try await app.test(live ? .live : .router) { client in
            try await body(
                TestSite(community: seeded.withLock { $0! }, client: client, faults: faults, log: log, environment: installation.environment))
        }
    }
}

/// Calls the JSON API with a bearer token.
struct APIClient {
    let client: any TestClientProtocol
    let token: String?
    /// Checks every answer against the OpenAPI document the site serves, and records an issue
    /// where they differ (`OpenAPIConformance`).
    let conformance = OpenAPIConformanceHook()

    struct Reply {
        var status: HTTPResponse.Status
        var headers: HTTPFields = [:]
        var json: Any?
        var body: String
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
        var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    }

    func call(
        _ method: HTTPRequest.Method, _ path: String, json: Any? = nil, raw: String? = nil, contentType: String = "application/json",
        headers: HTTPFields = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Reply {
        var body: ByteBuffer?
        if let json { body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)) }
        if let raw { body = ByteBuffer(string: raw) }
        return try await send(method, path, contentType: contentType, body: body, headers: headers, sourceLocation: sourceLocation)
    }

    /// Posts `multipart/form-data`, as a program sends files.
    func upload(
        _ path: String, _ fields: [(String, String)], files: [Browser.FilePart], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Reply {
        let (contentType, body) = Browser.multipart(fields, files: files)
        return try await send(.post, path, contentType: contentType, body: ByteBuffer(bytes: body), headers: [:], sourceLocation: sourceLocation)
    }

    private func send(
        _ method: HTTPRequest.Method, _ path: String, contentType: String, body: ByteBuffer?, headers extra: HTTPFields,
        sourceLocation: SourceLocation
    ) async throws -> Reply {
        var headers: HTTPFields = extra
        headers[.contentType] = contentType
        if let token { headers[.authorization] = "Bearer \(token)" }
        let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: body)
        await conformance.verify(method, path, response, client: client, sourceLocation: sourceLocation)
        let text = String(buffer: response.body)
        return Reply(status: response.status, headers: response.headers, json: try? JSONSerialization.jsonObject(with: Data(text.utf8)), body: text)
    }

    /// Creates a token for the person through their account page.
    static func token(for browser: Browser, name: String = "test") async throws -> String {
        try await browser.get("/me/account")
        let page = try await browser.post("/me/tokens", [("name", name)])
        guard let start = page.body.range(of: "data-testid=\"new-token\">") else { throw TokenError.notShown }
        let rest = page.body[start.upperBound...]
        return String(rest[..<rest.firstIndex(of: "<")!])
    }

    enum TokenError: Error { case notShown }
}
