import Foundation

/// How search results are ordered.
public enum MessageSearchOrder: String, Sendable, CaseIterable {
    /// The newest matches, best first (see `Exchange.searchLimits`).
    case relevance
    case newest
}

extension Exchange {
    /// Search looks at the newest `ranked` matches when ordering by relevance, pages through
    /// at most `reach` newest first, and counts no further than `reach`.
    public static let searchLimits = (ranked: 200, reach: 1_000, page: 20)

    /// One message found, with where it was said, and its text and its files' names cut
    /// for the result list.
    public struct SearchHit: Sendable {
        public var message: Message
        public var channel: ExchangeChannel
        public var channelTitle: String
        public var segments: [SearchMatches.Segment]
        public var files: [(file: MessageFile, segments: [SearchMatches.Segment])]
    }

    public struct SearchResults: Sendable {
        public var query: MessageQuery
        public var order: MessageSearchOrder
        public var hits: [SearchHit]
        /// Matching messages the actor may see, counted up to `searchLimits.reach`.
        public var total: Int
        public var totalIsCapped: Bool
        public var page: PageRequest
        public var names: [Int64: String]
        /// Names after `in:` and `from:` that matched no channel the actor sees, or nobody.
        public var unknownChannels: [String]
        public var unknownPeople: [String]

        public var pageCount: Int {
            let reachable = order == .relevance ? min(total, Exchange.searchLimits.ranked) : total
            return max(1, (reachable + page.size - 1) / page.size)
        }
    }

    /// Messages the actor may see that match the query. Nothing else is counted or shown.
    public func search(_ actor: Requester, query typed: String, order: MessageSearchOrder, page number: Int, timeZone: TimeZone) async throws
        -> SearchResults
    {
        // Anyone signed in searches, guests included: what they may see is decided per
        // channel below, by their seats and by whether the policy lets them read public ones.
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        let query = try MessageQuery.parse(typed, timeZone: timeZone)
        let page = PageRequest(number: number, size: Self.searchLimits.page)
        let nothing = SearchResults(
            query: query, order: order, hits: [], total: 0, totalIsCapped: false, page: page, names: [:],
            unknownChannels: [], unknownPeople: [])
        guard !query.isEmpty else { return nothing }
        return try await env.persistence.read { repos in
            var results = nothing
            let seats = try await repos.channels.seats(of: me)
            let readsPublic = Policy.can(actor, .view, .channel(ChannelAccess(kind: .public, seated: false, followsGroup: false)))
            var filter = MessageSearchFilter(
                phrases: query.phrases.compactMap(SearchGrams.phrase), includePublic: readsPublic, seatedChannelIDs: seats.map(\.channel.id),
                since: query.since, until: query.until, hasFile: query.hasFile
            )
            if !query.channelNames.isEmpty {
                (filter.channelIDs, results.unknownChannels) = try await channels(
                    named: query.channelNames, seats: seats.map(\.channel), readsPublic, repos)
            }
            if !query.authorNames.isEmpty {
                // Someone who may not list the directory (a guest) looks only among the
                // people seated with them, so `from:` cannot probe who else is a member.
                let among = Policy.can(actor, .list, .members) ? nil : try await seatedWith(seats.map(\.channel.id), repos)
                (filter.authorIDs, results.unknownPeople) = try await people(named: query.authorNames, among: among, repos)
            }
            if filter.channelIDs?.isEmpty == true || filter.authorIDs?.isEmpty == true { return results }

            let found: [Message]
            switch order {
            case .relevance:
                let window = try await repos.messageSearch.texts(filter, limit: Self.searchLimits.ranked)
                results.total = window.count
                let shown = Self.ranked(window, phrases: query.phrases).dropFirst(page.offset).prefix(page.size)
                let rows = Dictionary(uniqueKeysWithValues: try await repos.messages.find(ids: Array(shown)).map { ($0.id, $0) })
                found = shown.compactMap { rows[$0] }
            case .newest:
                found =
                    page.offset < Self.searchLimits.reach ? try await repos.messageSearch.search(filter, limit: page.size, offset: page.offset) : []
            }
            if order == .newest || results.total == Self.searchLimits.ranked {
                let counted = try await repos.messageSearch.countMatches(filter, cap: Self.searchLimits.reach + 1)
                (results.total, results.totalIsCapped) = (min(counted, Self.searchLimits.reach), counted > Self.searchLimits.reach)
            }
            results.names = try await repos.members.names(of: Array(Self.people(in: found)))
            var channels = Dictionary(uniqueKeysWithValues: seats.map { ($0.channel.id, $0.channel) })
            for id in Set(found.map(\.channelID)) where channels[id] == nil { channels[id] = try await repos.channels.find(id: id) }
            let titles = try await directTitles(Set(found.map(\.channelID)).compactMap { channels[$0] }, me: me, repos)
            let files = Dictionary(grouping: try await repos.messages.files(of: found.map(\.id)), by: \.messageID)
            results.hits = found.compactMap { message in
                guard let channel = channels[message.channelID] else { return nil }
                return SearchHit(
                    message: message, channel: channel, channelTitle: titles[channel.id] ?? channel.name,
                    segments: SearchMatches.highlight(MessageText.plain(message.body, names: results.names), phrases: query.phrases),
                    files: (files[message.id] ?? []).map { ($0, SearchMatches.highlight($0.filename, phrases: query.phrases)) })
            }
            return results
        }
    }

    /// Ids best first: each phrase's frequency (in the text and the files' names), saturating
    /// and weighed against the message's length (as BM25 does), then a little for being
    /// newer. The window is newest first.
    static func ranked(_ window: [(id: Int64, text: String)], phrases: [String]) -> [Int64] {
        let texts = window.map { JapaneseText.normalize($0.text) }
        let lengths = texts.map { Double($0.unicodeScalars.count) }
        let averageLength = max(1, lengths.reduce(0, +) / Double(max(1, texts.count)))
        let scored = zip(window, zip(texts, lengths)).enumerated().map { position, pair in
            let (candidate, (text, length)) = pair
            let lengthFactor = 0.25 + 0.75 * length / averageLength
            let frequency = SearchMatches.counts(of: phrases, inNormalized: text).reduce(0.0) { sum, count in
                sum + Double(count) / (Double(count) + 1.2 * lengthFactor)
            }
            let recency = 1 - Double(position) / Double(window.count)
            return (id: candidate.id, score: frequency / Double(max(1, phrases.count)) + 0.3 * recency)
        }
        return scored.sorted { ($0.score, $0.id) > ($1.score, $1.id) }.map(\.id)
    }

    /// Ids of the channels the actor sees whose names match (normalised), and the names
    /// that matched none.
    private func channels(named names: [String], seats: [ExchangeChannel], _ readsPublic: Bool, _ repos: any Repositories) async throws -> (
        [Int64], [String]
    ) {
        var ids: [Int64] = []
        var unknown: [String] = []
        for name in names {
            let wanted = JapaneseText.normalize(name)
            var matches = seats.filter { $0.kind != .direct && JapaneseText.normalize($0.name) == wanted }.map(\.id)
            if matches.isEmpty, readsPublic, let channel = try await repos.channels.find(name: name) { matches = [channel.id] }
            if matches.isEmpty { unknown.append(name) } else { ids += matches }
        }
        return (ids, unknown)
    }

    /// Ids of the people whose name (or its reading) begins with each name typed, spaces
    /// aside, and the names that matched nobody. Looks among `among` (id to name) when given,
    /// else among the first hundred the directory finds.
    private func people(named names: [String], among: [Int64: String]?, _ repos: any Repositories) async throws -> ([Int64], [String]) {
        var ids: [Int64] = []
        var unknown: [String] = []
        let compact = { (name: String) in JapaneseText.normalize(name).filter { $0 != " " } }
        for name in names {
            let wanted = compact(name)
            var matches: [Int64] = []
            if let among {
                matches = among.filter { compact($0.value).hasPrefix(wanted) }.map(\.key).sorted()
            } else {
                // The directory finds names with their spaces; a name typed without them is
                // looked for by its first two characters.
                for term in [wanted, String(wanted.prefix(2))] where matches.isEmpty && !term.isEmpty {
                    let candidates = try await repos.members.search(DirectoryQuery(terms: [term], page: PageRequest(size: PageRequest.maximumSize)))
                        .items
                    matches = candidates.filter { person in [person.name, person.nameKana].contains { compact($0).hasPrefix(wanted) } }.map(\.id)
                }
            }
            if matches.isEmpty || wanted.isEmpty { unknown.append(name) } else { ids += matches }
        }
        return (ids, unknown)
    }

    /// The people seated in these channels, by name.
    private func seatedWith(_ channelIDs: [Int64], _ repos: any Repositories) async throws -> [Int64: String] {
        var people = Set<Int64>()
        for id in channelIDs { people.formUnion(try await repos.channels.seatedMembers(of: id)) }
        return try await repos.members.names(of: Array(people))
    }
}
