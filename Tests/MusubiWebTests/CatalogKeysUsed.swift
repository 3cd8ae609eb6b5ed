import Foundation

/// Reads the sources for every catalog key they ask for, so `CatalogTests` can check each is
/// in both languages. The patterns follow how the code calls the catalog today (quoted in
/// `CatalogTests`); spot checks there fail if a pattern stops finding what it was written for.
/// A pattern whose character class holds a parenthesis is written `#/…/#`, as a bare `/…/`
/// with an unbalanced-looking parenthesis may not be lexed as a regex.
enum CatalogKeysUsed {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// The text of every file under `Sources/<folder>` (all of `Sources` for ""), by path.
    static func files(under folder: String, ending suffix: String) throws -> [String: String] {
        let root = folder.isEmpty ? sources : sources.appendingPathComponent(folder)
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var texts: [String: String] = [:]
        for url in enumerator?.allObjects as? [URL] ?? [] where url.path.hasSuffix(suffix) {
            texts[String(url.path.dropFirst(sources.path.count + 1))] = try String(contentsOf: url, encoding: .utf8)
        }
        return texts
    }

    /// Keys templates read as `{{t.section.key}}`, also as a section (`{{#t.…}}`), unescaped or
    /// inside a transform; each with the template it is in. Any other tag that reaches into `t`
    /// (`{{#t}}`, `{{t.section}}`, a capital letter) is returned in `odd`, so a form this test
    /// cannot read fails instead of going unchecked.
    static func templateKeys() throws -> (keys: [String: String], odd: [String]) {
        var keys: [String: String] = [:]
        var odd: [String] = []
        for (path, text) in try files(under: "MusubiWeb/Resources/templates", ending: ".mustache") {
            for tag in text.matches(of: /\{\{\{?([^\{\}]*)\}?\}\}/) {
                let name = tag.1.trimmingCharacters(in: CharacterSet(charactersIn: "#^/& "))
                guard name == "t" || name.hasPrefix("t.") || name.contains("(t.") else { continue }
                if let key = name.firstMatch(of: /t\.([a-z0-9_]+(?:\.[a-z0-9_]+)+)\)*$/) {
                    keys[String(key.1)] = path
                } else {
                    odd.append(path + ": " + name)
                }
            }
        }
        return (keys, odd)
    }

    /// Keys the Swift code names as literals, each with the file it is in. A key is any quoted
    /// `"section.name"` handed to the catalog; paths ("users.json"), SQL columns ("m.channel_id")
    /// and audit action names ("group.created") are not handed to it, so they are not read.
    static func literalKeys() throws -> [String: String] {
        var keys: [String: String] = [:]
        for (path, text) in try files(under: "", ending: ".swift") {
            // Every "error.…" is a key, whatever carries it: MusubiError.invalid/.conflict, a
            // Validator's fail, a Problem, an API error's code, ErrorMiddleware's table.
            var found = text.matches(of: /"(error\.[a-z0-9_]+)"/).map { $0.1 }
            // The first argument of t(…), text(…) and has(…) up to its first parenthesis: a key,
            // or both keys of `cond ? "a.b" : "c.d"`, or the fallback of `x ?? "a.b"`. A prefix
            // ("role.", "people.tab_") ends in "." or "_" and is not read here (see dynamicPrefixes).
            for call in text.matches(of: #/[^A-Za-z0-9_](?:t|text|has)\(([^()]*)/#) {
                found += call.1.matches(of: /"([a-z][a-z0-9_]*(?:\.[a-z0-9_]*[a-z0-9])+)"/).map { $0.1 }
            }
            // Keys passed on by label for someone else to look up: `titleKey:`, `all:` (Views.options), `key:`, `code:`, `error:`.
            found += text.matches(of: #/[ (,](?:[a-z][A-Za-z]*Key|key|code|all|error): "([a-z][a-z0-9_]*(?:\.[a-z0-9_]*[a-z0-9])+)"/#).map { $0.1 }
            // A Slack import's problems: `problems.add(path, "slack_import.bad_json")`.
            found += text.matches(of: /\.add\([^,\n]+, "([a-z][a-z0-9_]*(?:\.[a-z0-9_]*[a-z0-9])+)"/).map { $0.1 }
            for key in found { keys[String(key)] = path }
        }
        return keys
    }

    /// What `redirect(…, notice: "saved")` and `followUp(…, notice: a ? "x" : "y")` ask for;
    /// the layout shows it as `notice.<name>`.
    static func notices() throws -> Set<String> {
        var names = Set<String>()
        for (_, text) in try files(under: "", ending: ".swift") {
            for match in text.matches(of: #/[ (,]notice: (?:[^\n?,)]*\? )?"([a-z_]+)"(?: : "([a-z_]+)")?/#) {
                names.insert(String(match.1))
                if let other = match.2 { names.insert(String(other)) }
            }
        }
        return names
    }

    /// The Slack import page's summary rows, `("people_created", s.peopleCreated)`, each shown
    /// as `slack_import.summary_<name>`.
    static func summaryRows() throws -> [String] {
        let text = try String(contentsOf: sources.appendingPathComponent("MusubiWeb/Migration/MigrationHandlers.swift"), encoding: .utf8)
        return text.matches(of: /\("([a-z_]+)", s\.[A-Za-z]+\)/).map { String($0.1) }
    }

    /// Prefixes the code completes at run time, each with a file it is in: `"role." + …`,
    /// `"people.tab_" + …`, `"sector.\(…)"`, and `catalog: "listing_kind."`, which Views.options
    /// completes with each value's rawValue.
    static func dynamicPrefixes() throws -> [String: String] {
        var prefixes: [String: String] = [:]
        for (path, text) in try files(under: "", ending: ".swift") {
            var found = text.matches(of: /"([a-z][a-z0-9_]*(?:\.[a-z0-9_]*)+)" *\+/).map { $0.1 }
            found += text.matches(of: #/"([a-z][a-z0-9_]*(?:\.[a-z0-9_]*)+)\\\(/#).map { $0.1 }
            found += text.matches(of: /catalog: "([a-z][a-z0-9_]*\.[a-z0-9_]*)"/).map { $0.1 }
            for prefix in found { prefixes[String(prefix)] = path }
        }
        return prefixes
    }

    /// A language's catalog file flattened to dotted keys. Read directly because
    /// `Catalog.text` falls back to Japanese, which would hide a key missing in English.
    static func strings(_ language: String) throws -> [String: String] {
        let url = sources.appendingPathComponent("MusubiWeb/Resources/i18n/\(language).json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        func flatten(_ tree: [String: Any], _ prefix: String, into result: inout [String: String]) {
            for (key, value) in tree {
                if let nested = value as? [String: Any] {
                    flatten(nested, prefix + key + ".", into: &result)
                } else {
                    result[prefix + key] = value as? String ?? "\(value)"
                }
            }
        }
        var result: [String: String] = [:]
        flatten(object, "", into: &result)
        return result
    }
}
