import Foundation
import Mustache

/// The compiled templates. Pages extend `layout` through Mustache inheritance.
public struct Templates: Sendable {
    private let library: MustacheLibrary

    public init(resources: ResourceLocator) throws {
        var library = MustacheLibrary()
        for (name, url) in resources.files(in: "templates", withExtension: "mustache") {
            try library.register(String(contentsOf: url, encoding: .utf8), named: name)
        }
        self.library = library
    }

    public func render(_ name: String, _ object: Any) -> String? {
        library.render(object, withTemplate: name)
    }
}
