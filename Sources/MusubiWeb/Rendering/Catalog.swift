import Foundation

/// Every user-facing string, per language, from `Resources/i18n/<lang>.json` (nested objects,
/// looked up by dotted keys). A theme's `i18n/<lang>.json` overrides single keys.
public struct Catalog: Sendable {
    /// Nested, as templates read it: `{{t.nav.members}}`.
    private let trees: [UILanguage: [String: any Sendable]]
    private let flat: [UILanguage: [String: String]]

    public init(resources: ResourceLocator) throws {
        var trees: [UILanguage: [String: any Sendable]] = [:]
        var flat: [UILanguage: [String: String]] = [:]
        for language in UILanguage.allCases {
            var tree: [String: Any] = [:]
            for url in resources.all("i18n/\(language.rawValue).json") {
                guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
                    throw CatalogError.notAnObject(url.path)
                }
                tree = Self.merge(tree, object)
            }
            var strings: [String: String] = [:]
            Self.flatten(tree, prefix: "", into: &strings)
            flat[language] = strings
            trees[language] = Self.sendable(tree)
        }
        self.trees = trees
        self.flat = flat
    }

    /// The text for a key; falls back to Japanese, then to the key itself so a gap is visible.
    public func text(_ key: String, _ language: UILanguage) -> String {
        flat[language]?[key] ?? flat[.ja]?[key] ?? key
    }

    public func has(_ key: String) -> Bool { flat[.ja]?[key] != nil }

    /// The whole catalog for a template.
    public func tree(_ language: UILanguage) -> [String: any Sendable] { trees[language] ?? [:] }

    enum CatalogError: Error, CustomStringConvertible {
        case notAnObject(String)
        var description: String {
            switch self {
            case .notAnObject(let path): "\(path) is not a JSON object"
            }
        }
    }

    private static func merge(_ base: [String: Any], _ override: [String: Any]) -> [String: Any] {
        var result = base
        for (key, value) in override {
            if let nested = value as? [String: Any], let existing = result[key] as? [String: Any] {
                result[key] = merge(existing, nested)
            } else {
                result[key] = value
            }
        }
        return result
    }

    private static func flatten(_ tree: [String: Any], prefix: String, into result: inout [String: String]) {
        for (key, value) in tree {
            let path = prefix.isEmpty ? key : prefix + "." + key
            if let nested = value as? [String: Any] {
                flatten(nested, prefix: path, into: &result)
            } else if let string = value as? String {
                result[path] = string
            }
        }
    }

    private static func sendable(_ tree: [String: Any]) -> [String: any Sendable] {
        tree.compactMapValues { value -> (any Sendable)? in
            if let nested = value as? [String: Any] { return sendable(nested) }
            return value as? String
        }
    }
}
