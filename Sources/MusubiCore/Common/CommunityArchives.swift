import Foundation

/// An administrator's copy of the whole community (see `CommunityArchiver`); who took one,
/// and when, is in the audit log, and the archive holds that entry too.
public struct CommunityArchives: Sendable {
    let env: CoreEnvironment
    let archiver: any CommunityArchiver

    public init(_ env: CoreEnvironment, archiver: any CommunityArchiver) {
        self.env = env
        self.archiver = archiver
    }

    public func authorize(_ actor: Requester) throws {
        try Policy.require(actor, .read, .communityArchive, hiding: false)
    }

    /// Writes the archive into `file`.
    public func export(_ actor: Requester, to file: URL) async throws -> CommunityArchiveSummary {
        try authorize(actor)
        let now = env.now()
        try await env.persistence.write { repos in
            try await repos.audit.append(
                actorID: actor.memberID, action: .communityExported, subjectType: "community", subjectID: nil, detail: "", at: now)
        }
        return try await archiver.export(to: file, at: now)
    }
}
