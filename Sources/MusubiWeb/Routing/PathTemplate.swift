import Foundation
import Hummingbird

/// A path spelled once, as `/members/{id}`: the router registers it as `/members/:id`,
/// links fill it in with `href(42)`, and the OpenAPI document prints it as it is.
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    public let template: String

    public init(_ template: String) {
        self.template = template
    }

    public var description: String { template }

    /// The parameter names in order of appearance.
    public var parameterNames: [String] {
        template.split(separator: "/").compactMap { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? String(part.dropFirst().dropLast()) : nil
        }
    }

    /// Hummingbird's spelling: `{id}` becomes `:id`.
    public var routerPath: RouterPath {
        RouterPath(template.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : part
        }.joined(separator: "/"))
    }

    /// The path with its parameters filled in, in order.
    public func href(_ values: any CustomStringConvertible...) -> String {
        var remaining = values[...]
        return template.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            guard part.hasPrefix("{"), let value = remaining.popFirst() else { return String(part) }
            return value.description.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? ""
        }.joined(separator: "/")
    }
}

