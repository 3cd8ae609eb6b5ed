import Foundation

extension Exchange {
    /// What the author of a message should hear about the names they typed after `@` that
    /// mention nobody: people outside the channel (invite them, or they will not see it), and
    /// names several people here share (pick one).
    public struct MentionCheck: Sendable, Equatable {
        public struct Ambiguous: Sendable, Equatable {
            public var typed: String
            public var people: [MentionName]
        }
        public var outsiders: [MentionName] = []
        public var ambiguous: [Ambiguous] = []
        /// Whether the author may seat the outsiders in the channel.
        public var mayInvite = false

        public var isEmpty: Bool { outsiders.isEmpty && ambiguous.isEmpty }
    }

    /// Reads a message just posted (or edited) for names that reached nobody.
    public func mentionCheck(_ actor: Requester, message: Message) async throws -> MentionCheck {
        let typed = MentionNames.unresolved(in: message.body)
        guard !typed.isEmpty else { return MentionCheck() }
        return try await env.persistence.read { repos in
            let (_, access) = try await visible(message.channelID, to: actor, repos)
            let seatedIDs = try await repos.channels.seatedMembers(of: message.channelID)
            let seated = try await repos.members.mentionNames(of: seatedIDs)
            let here = MentionNames(seated)
            var check = MentionCheck(mayInvite: Policy.can(actor, .invite(.member), .channel(access)))
            var everyone: (names: MentionNames, people: [Int64: MentionName])?
            for text in typed {
                if let match = here.match(text) {
                    if match.people.count > 1 {
                        check.ambiguous.append(
                            .init(typed: String(text.prefix(match.length)), people: seated.filter { match.people.contains($0.id) }))
                    }
                    continue
                }
                // Outside the channel: only for those who may see the directory.
                guard Policy.can(actor, .list, .members) else { continue }
                if everyone == nil {
                    let all = try await repos.members.mentionNames(of: nil)
                    everyone = (MentionNames(all), Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
                }
                guard let (names, people) = everyone, let match = names.match(text), match.people.count <= 3 else { continue }
                for id in match.people.sorted() where !seatedIDs.contains(id) && id != actor.memberID {
                    if let person = people[id], !check.outsiders.contains(person) { check.outsiders.append(person) }
                }
            }
            return check
        }
    }

    /// A person the autocomplete offers after `@`, and whether they sit in the channel.
    public struct MentionCandidate: Sendable, Equatable {
        public var person: MentionName
        public var seated: Bool
    }

    /// Whom `@term` may mean in a channel: the people seated in it first, then (for those
    /// who may see the directory) other members, by name, reading or organisation.
    public func mentionCandidates(_ actor: Requester, channelID: Int64, term: String, limit: Int = 8) async throws -> [MentionCandidate] {
        try await env.persistence.read { repos in
            _ = try await visible(channelID, to: actor, repos)
            let seatedIDs = try await repos.channels.seatedMembers(of: channelID)
            var found = try await repos.members.mentionNames(of: seatedIDs)
                .filter { $0.id != actor.memberID && MentionNames.matches($0, term: term) }
                .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
                .prefix(limit).map { MentionCandidate(person: $0, seated: true) }
            let terms = JapaneseText.terms(of: term)
            if found.count < limit, !terms.isEmpty, Policy.can(actor, .list, .members) {
                let others = try await repos.members.search(DirectoryQuery(terms: terms, page: PageRequest(number: 1, size: limit * 2)))
                let seated = Set(seatedIDs)
                for member in others.items where !seated.contains(member.id) && member.id != actor.memberID && found.count < limit {
                    let person = MentionName(id: member.id, name: member.name, kana: member.nameKana, organization: member.organizationName)
                    found.append(MentionCandidate(person: person, seated: false))
                }
            }
            return found
        }
    }

    /// The public channels `#term` may mean, for the autocomplete.
    public func channelCandidates(_ actor: Requester, term: String, limit: Int = 8) async throws -> [ExchangeChannel] {
        guard actor.memberID != nil else { throw MusubiError.unauthenticated }
        guard Policy.can(actor, .list, .channels) else { return [] }
        return try await env.persistence.read { repos in
            try await repos.channels.browse(term: term, page: PageRequest(number: 1, size: limit)).items.map(\.channel)
        }
    }
}
