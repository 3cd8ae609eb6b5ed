import Foundation

/// Files in the store that no record names: left by a server stopped between saving a file
/// and writing its message, listing attachment or import, or by an import whose cleanup it
/// did not live to do. They are deleted once they are a day old, so that a record still
/// being written (a long import) keeps its files.
public struct StrayFiles: Sendable {
    let env: CoreEnvironment

    public static let grace: TimeInterval = 24 * 3_600

    public init(_ env: CoreEnvironment) { self.env = env }

    /// Deletes them, and the previews of files no longer kept; gives how many files there were.
    public func delete() async throws -> Int {
        let old = try await env.files.names(savedBefore: env.now().addingTimeInterval(-Self.grace))
        let inUse = try await env.persistence.read { try await $0.attachments.storedNamesInUse() }
        try await env.previews.prune(keeping: inUse)
        guard !old.isEmpty else { return 0 }
        let strays = old.filter { !inUse.contains($0) }
        for name in strays { try await env.files.delete(name) }
        return strays.count
    }
}
