import Foundation
import Hummingbird

/// A path spelled once, as `/members/{id}`: the router registers it as `/members/:id`,
/// links fill it in with `href(42)`, and the OpenAPI document prints it as it is.
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    public let template: String
    /// The template cut at its parameters: `/members/{id}/edit` is `/members/`, a parameter,
    /// `/edit`. Links are built from these pieces, for every row of every list.
    private let pieces: [Piece]

    private enum Piece: Sendable, Hashable {
        case text(String)
        case parameter(String)
    }

    public init(_ template: String) {
        self.template = template
        var pieces: [Piece] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            pieces.append(.parameter(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    public var description: String { template }

    /// The parameter names in order of appearance.
    public var parameterNames: [String] {
        pieces.compactMap { piece in
            if case .parameter(let name) = piece { name } else { nil }
        }
    }

    /// Hummingbird's spelling: `{id}` becomes `:id`.
    public var routerPath: RouterPath {
        RouterPath(
            pieces.map { piece in
                switch piece {
                case .text(let text): text
                case .parameter(let name): ":" + name
                }
            }.joined())
    }

    /// The path with its parameters filled in, in order; text is percent-encoded, numbers
    /// need not be.
    public func href(_ values: any CustomStringConvertible...) -> String {
        var remaining = values[...]
        var result = ""
        for piece in pieces {
            switch piece {
            case .text(let text):
                result += text
            case .parameter(let name):
                guard let value = remaining.popFirst() else {
                    result += "{" + name + "}"
                    continue
                }
                if let number = value as? any BinaryInteger {
                    result += String(number)
                } else {
                    result += value.description.addingPercentEncoding(withAllowedCharacters: Self.segmentAllowed) ?? ""
                }
            }
        }
        return result
    }

    /// Whether a request's path is this template's: its text as written, and a parameter in
    /// place of any one non-empty segment.
    public func matches(_ path: Substring) -> Bool {
        var rest = path
        for piece in pieces {
            switch piece {
            case .text(let text):
                guard rest.hasPrefix(text) else { return false }
                rest = rest.dropFirst(text.count)
            case .parameter:
                let segment = rest.prefix { $0 != "/" }
                guard !segment.isEmpty else { return false }
                rest = rest[segment.endIndex...]
            }
        }
        return rest.isEmpty
    }

    /// A path without parameters, with a query string of these names and values in order.
    public func href(query: KeyValuePairs<String, String>) -> String {
        Self.link(href(), query: query.map { URLQueryItem(name: $0.key, value: $0.value) })
    }

    /// `path?query`, every value percent-encoded.
    static func link(_ path: String, query: [URLQueryItem]) -> String {
        var components = URLComponents()
        components.path = path
        components.queryItems = query
        // A form decodes "+" as a space, so a typed "+" must travel encoded.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.string ?? path
    }

    private static let segmentAllowed = CharacterSet.urlPathAllowed.subtracting(["/"])
}
