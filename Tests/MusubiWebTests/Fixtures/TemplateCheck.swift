import Foundation
import Mustache

@testable import MusubiWeb

/// Walks a template as swift-mustache renders it, with the values a real page was rendered
/// with, and names every tag that resolves to nothing: a property a page no longer has, a
/// misspelt name, a case a hand-written `MustacheParent` lookup forgot. Mustache itself
/// renders such a tag as an empty string and says nothing.
///
/// Lookups follow swift-mustache: a name is looked for from the innermost context outwards;
/// a property that is there but nil lets the search go on outwards (and renders nothing,
/// which is fine); a dotted name's later parts must be on the value found.
struct TemplateCheck {
    private let sources: [String: String]

    init() throws {
        var sources: [String: String] = [:]
        for (name, url) in ResourceLocator(themeDirectory: nil).files(in: "templates", withExtension: "mustache") {
            sources[name] = try String(contentsOf: url, encoding: .utf8)
        }
        self.sources = sources
    }

    /// The templates that are pages: those that extend the layout (the others are parts of
    /// pages, included by them or rendered by `Views`).
    var pageNames: Set<String> {
        Set(sources.filter { $0.value.contains("{{<layout}}") }.keys)
    }

    /// What is wrong with rendering `template` with `scope` (empty when nothing is).
    func problems(template: String, scope: [String: Any]) -> [String] {
        var walker = Walker(sources: sources)
        walker.walk(template, stack: [scope], depth: 0)
        return walker.problems.map { "\(template): \($0)" }
    }
}

private enum Tag {
    case text
    case variable(String)
    case section(String, inverted: Bool)
    case close(String)
    case partial(String)
    case parent(String)
    case block(String)
}

private struct Walker {
    let sources: [String: String]
    var problems: [String] = []

    /// Dictionaries by field whose keys come and go: a form's problems and the values typed
    /// into it. Any other missing key is a problem (the catalog's `t`, the layout's paths).
    static func isMap(_ name: String) -> Bool {
        ["errors", "values"].contains { name.lowercased().hasSuffix($0) }
    }

    enum Lookup {
        case value(Any)
        /// There, but nil: renders nothing, and the search goes on outwards.
        case empty
        case absent
    }

    mutating func walk(_ name: String, stack: [Any], depth: Int) {
        guard depth < 12 else { return }
        guard let source = sources[name] else {
            problems.append("no template \"\(name)\"")
            return
        }
        let tags = Self.tags(of: source)
        var index = 0
        walk(tags, &index, until: nil, stack: stack, depth: depth)
    }

    /// Walks tags from `index` to the closing tag `until` (or the end).
    private mutating func walk(_ tags: [Tag], _ index: inout Int, until end: String?, stack: [Any], depth: Int) {
        while index < tags.count {
            let tag = tags[index]
            index += 1
            switch tag {
            case .text:
                continue
            case .close(let name):
                if name == end { return }
                problems.append("{{/\(name)}} closes nothing")
            case .variable(let name):
                _ = resolve(name, stack)
            case .partial(let name):
                walk(name, stack: stack, depth: depth + 1)
            case .block(let name):
                walk(tags, &index, until: name, stack: stack, depth: depth)
            case .parent(let name):
                walk(tags, &index, until: name, stack: stack, depth: depth)
                walk(name, stack: stack, depth: depth + 1)
            case .section(let name, let inverted):
                let value = resolve(name, stack)
                let contexts: [[Any]]
                if inverted {
                    contexts = [stack]
                } else {
                    contexts = Self.contexts(of: value).map { stack + $0 }
                }
                let start = index
                for context in contexts {
                    index = start
                    walk(tags, &index, until: name, stack: context, depth: depth)
                }
                if contexts.isEmpty { Self.skip(tags, &index, to: name) }
            }
        }
    }

    /// The contexts a section's content is rendered in for this value: none when it is not
    /// rendered (or nothing can be said of it: an empty list), up to three of a list's items.
    private static func contexts(of value: Any?) -> [[Any]] {
        guard let value else { return [] }
        switch value {
        case let flag as Bool: return flag ? [[]] : []
        case let text as String: return text.isEmpty ? [] : [[text]]
        case let number as Int: return number == 0 ? [] : [[number]]
        case is [String: Any]: return [[value]]
        default:
            if let items = value as? any Sequence, !(value is any MustacheParent) {
                return firstItems(items).map { [$0] }
            }
            return [[value]]
        }
    }

    private static func firstItems<Items: Sequence>(_ items: Items) -> [Any] {
        items.prefix(3).map { $0 as Any }
    }

    private static func skip(_ tags: [Tag], _ index: inout Int, to name: String) {
        var depth = 0
        while index < tags.count {
            defer { index += 1 }
            switch tags[index] {
            case .section(let inner, _) where inner == name: depth += 1
            case .close(let inner) where inner == name:
                if depth == 0 { return }
                depth -= 1
            default: continue
            }
        }
    }

    /// The value a name stands for, or nil when it renders nothing; a name found nowhere is
    /// a problem.
    private mutating func resolve(_ name: String, _ stack: [Any]) -> Any? {
        if name == "." { return stack.last }
        // A transform (`empty(page.items)`): its argument must resolve; what it gives is a
        // flag or a count, good for any section.
        if let call = name.wholeMatch(of: /([a-zA-Z]+)\((.+)\)/) {
            return resolve(String(call.2), stack).map { _ in true }
        }
        let parts = name.split(separator: ".").map(String.init)
        var found: Any?
        var declared = false
        for context in stack.reversed() {
            switch lookup(parts[0], in: context) {
            case .value(let value):
                found = value
            case .empty:
                declared = true
                continue
            case .absent:
                continue
            }
            break
        }
        guard var current = found else {
            if !declared { problems.append("{{\(name)}}: nothing is called \"\(parts[0])\"") }
            return nil
        }
        for (previous, part) in zip(parts, parts.dropFirst()) {
            switch lookup(part, in: current) {
            case .value(let value): current = value
            case .empty: return nil
            case .absent where Self.isMap(previous) && current is [String: Any]:
                return nil
            case .absent:
                problems.append("{{\(name)}}: \(type(of: current)) has no \"\(part)\"")
                return nil
            }
        }
        return current
    }

    private mutating func lookup(_ key: String, in object: Any) -> Lookup {
        if let dictionary = object as? [String: Any] {
            guard let value = dictionary[key] else { return .absent }
            return Self.unwrapped(value).map(Lookup.value) ?? .empty
        }
        let property = Mirror(reflecting: object).children.first { $0.label == key }.map { Self.unwrapped($0.value) }
        if let parent = object as? any MustacheParent {
            if let value = parent.child(named: key) { return Self.unwrapped(value).map(Lookup.value) ?? .empty }
            if case .some(.some) = property {
                problems.append("\(type(of: object)).child(named: \"\(key)\") answers nil, but it has that property")
            }
            return property == nil ? .absent : .empty
        }
        guard let property else { return .absent }
        return property.map(Lookup.value) ?? .empty
    }

    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map { unwrapped($0.value) } ?? nil
    }

    static func tags(of source: String) -> [Tag] {
        source.matches(of: /\{\{\{\s*(.+?)\s*\}\}\}|\{\{\s*(.+?)\s*\}\}/).map { match in
            if let triple = match.1 { return .variable(String(triple)) }
            let raw = String(match.2 ?? "")
            let rest = String(raw.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch raw.first {
            case "#": return .section(rest, inverted: false)
            case "^": return .section(rest, inverted: true)
            case "/": return .close(rest)
            case ">": return .partial(rest)
            case "<": return .parent(rest)
            case "$": return .block(rest)
            case "!": return .text
            case "&": return .variable(rest)
            default: return .variable(raw)
            }
        }
    }
}
