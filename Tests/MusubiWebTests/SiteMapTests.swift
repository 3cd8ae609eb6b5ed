import Foundation
import HTTPTypes
import MusubiCore
import MusubiTestSupport
import Testing

/// Every address the site spells in `Paths`, and every operation its API document names, is
/// answered by a route: deleting a route's registration fails here. An address no route
/// answers says so ("no such page"), apart from a thing that is not there.
@Suite struct SiteMapTests {
    static let pathsFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/MusubiWeb/Site/Paths.swift")

    /// Served elsewhere: the WebSocket (its own router, LiveExchangeTests) and the assets'
    /// folder (a file under it is asked for instead).
    static let servedElsewhere = ["/live"]
    static let noSuchPage = ["このアドレスのページはありません", "error.no_such_page"]

    static func concrete(_ template: String) -> String {
        template.replacing(/\{[A-Za-z]+\}/, with: "1") + (template == "/assets" ? "/musubi.css" : "")
    }

    static func unrouted(_ page: Browser.Page) -> Bool {
        page.status == .notFound && noSuchPage.contains { page.body.contains($0) }
    }

    @Test(arguments: TestDatabase.available)
    func everyPathAndOperationIsRouted(_ database: TestDatabase) async throws {
        let templates = try String(contentsOf: Self.pathsFile, encoding: .utf8).matches(of: /PathTemplate\("([^"]+)"\)/).map { String($0.1) }
        #expect(templates.count > 80)
        try await TestSite.run(database) { site in
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            for template in templates where !Self.servedElsewhere.contains(template) {
                let path = Self.concrete(template)
                var answered = false
                for method in [HTTPRequest.Method.get, .post] where !answered {
                    let page = method == .get ? try await admin.get(path) : try await admin.post(path)
                    answered = !Self.unrouted(page)
                }
                #expect(answered, "no route answers \(template)")
            }
            let document = try await admin.get("/api/openapi.json")
            let paths = try #require(
                (try JSONSerialization.jsonObject(with: Data(document.body.utf8)) as? [String: Any])?["paths"] as? [String: [String: Any]])
            #expect(paths.count > 20)
            for (template, operations) in paths {
                for method in operations.keys {
                    let page = try await admin.send(
                        Self.concrete(template), method: HTTPRequest.Method(rawValue: method.uppercased())!, headers: [:], body: nil)
                    #expect(!Self.unrouted(page), "no route answers \(method.uppercased()) \(template)")
                }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func anAddressNoRouteAnswersIsNoSuchPageInHTMLOrJSON(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let visitor = site.browser()
            let page = try await visitor.get("/no/such/page")
            #expect(Self.unrouted(page))
            #expect(page.contains("<html"))
            let api = try await visitor.get("/api/v1/no-such-thing")
            #expect(Self.unrouted(api))
            #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)
            // A member who is not there is not found, not "no such page".
            let missing = try await visitor.get("/organizations/999999")
            #expect(missing.status == .notFound && !Self.unrouted(missing))
        }
    }
}
