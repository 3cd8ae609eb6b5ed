import Foundation
import MusubiWeb
import Testing

/// Every string a template or the core asks for is in both languages.
@Suite struct CatalogTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    static func files(under folder: String, ending suffix: String) throws -> [URL] {
        let root = sources.appendingPathComponent(folder)
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { $0.path.hasSuffix(suffix) }
    }

    @Test func templatesAndCoreUseOnlyKeysTheCatalogHas() throws {
        let catalog = try Catalog(resources: ResourceLocator(themeDirectory: nil))
        var used = Set<String>()
        for url in try Self.files(under: "MusubiWeb/Resources/templates", ending: ".mustache") {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: /\{\{[#^\/]?t\.([a-z_]+\.[a-z_]+)\}\}/) { used.insert(String(match.1)) }
        }
        for url in try Self.files(under: "MusubiCore", ending: ".swift") {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: /"(error\.[a-z_]+)"/) { used.insert(String(match.1)) }
        }
        #expect(used.count > 100)
        for key in used.sorted() {
            #expect(catalog.has(key), "missing \(key)")
            #expect(catalog.text(key, .en) != key, "missing in English: \(key)")
        }
    }

    @Test func japaneseAndEnglishHaveTheSameKeys() throws {
        func keys(_ language: String) throws -> Set<String> {
            let url = Self.sources.appendingPathComponent("MusubiWeb/Resources/i18n/\(language).json")
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
            func flatten(_ tree: [String: Any], _ prefix: String) -> Set<String> {
                tree.reduce(into: Set<String>()) { result, entry in
                    let key = prefix + entry.key
                    if let nested = entry.value as? [String: Any] { result.formUnion(flatten(nested, key + ".")) } else { result.insert(key) }
                }
            }
            return flatten(object, "")
        }
        #expect(try keys("ja") == keys("en"))
    }
}
