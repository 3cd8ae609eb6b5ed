import Foundation
import MusubiApp
import MusubiCore

/// The search benchmark's community, made once and found again by its reader's address:
/// 300 authors, 120 public and 30 private channels, and messages spread over three years,
/// stored in batches through the repositories, so through the same path (search index
/// included) as a posted message. A tenth are replies in a thread.
struct SearchCorpus {
    var reader: Requester
    var publicChannels: Int
    var privateChannels: Int
    var seatedPrivate: Int

    static let readerEmail = "bench-reader@example.jp"
    static let layout = (authors: 300, publicChannels: 120, privateChannels: 30, readerPublic: 20, readerPrivate: 5, batch: 10_000)
    static let families = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水"]
    static let givens = ["健", "花子", "一郎", "美咲", "大輔", "優子", "翔", "陽菜", "誠", "彩", "拓也", "恵", "亮", "真由美", "浩"]

    static func prepare(_ wanted: Int, from set: DevelopmentSet, in env: CoreEnvironment) async throws -> SearchCorpus {
        let start = Date(timeIntervalSince1970: 1_680_000_000) // 2023-03-28
        let (reader, authors, channels) = try await community(in: env, at: start)
        let allChannels = channels.public + channels.private
        let stored = try await env.persistence.read { repos in
            try await repos.messageSearch.countMatches(
                MessageSearchFilter(phrases: [], includePublic: true, seatedChannelIDs: channels.private), cap: wanted)
        }
        if stored < wanted {
            var synthetic = SyntheticMessages(set, seed: UInt64(stored) + 7)
            let span = 3 * 365 * 86_400.0
            let clock = ContinuousClock()
            let began = clock.now
            var roots: [Int64: Int64] = [:]
            for first in stride(from: stored, to: wanted, by: layout.batch) {
                let last = min(first + layout.batch, wanted)
                let batch = (first..<last).map { number in
                    (
                        number, synthetic.next(), allChannels[synthetic.pick(allChannels.count)], authors[synthetic.pick(authors.count)],
                        synthetic.pick(10) == 0
                    )
                }
                roots = try await env.persistence.write { [roots] repos in
                    var roots = roots
                    for (number, body, channel, author, isReply) in batch {
                        let root = isReply ? roots[channel] : nil
                        let message = try await repos.messages.insert(
                            NewMessage(
                                channelID: channel, authorID: author, body: body, threadRootID: root,
                                at: start.addingTimeInterval(span * Double(number) / Double(wanted))
                            ))
                        if root == nil { roots[channel] = message.id }
                    }
                    return roots
                }
                say("stored \(last) of \(wanted) messages (\(clock.now - began))")
            }
        }
        return SearchCorpus(
            reader: reader, publicChannels: channels.public.count, privateChannels: channels.private.count, seatedPrivate: layout.readerPrivate)
    }

    /// The reader, the authors' ids, and the public and private channels' ids.
    private static func community(in env: CoreEnvironment, at now: Date) async throws -> (Requester, [Int64], (public: [Int64], private: [Int64])) {
        try await env.persistence.write { repos in
            if let account = try await repos.accounts.account(email: readerEmail) {
                var authors: [Int64] = []
                for number in 0..<layout.authors {
                    if let author = try await repos.accounts.account(email: authorEmail(number)) { authors.append(author.memberID) }
                }
                // The first author sits in every channel.
                let channels = try await repos.channels.seats(of: authors[0]).map(\.channel)
                return (
                    .member(id: account.memberID, role: account.role), authors,
                    (channels.filter { $0.kind == .public }.map(\.id), channels.filter { $0.kind == .private }.map(\.id))
                )
            }
            func person(_ email: String, _ name: String) async throws -> Int64 {
                try await repos.members.insert(
                    NewMember(
                        email: email, passwordHash: "", role: .member, status: .active, organizationID: nil,
                        draft: ProfileDraft(name: name, nameKana: "", profile: Profile(), fieldIDs: [])),
                    at: now
                ).id
            }
            let reader = try await person(readerEmail, "ベンチ 読者")
            var authors: [Int64] = []
            for number in 0..<layout.authors {
                authors.append(try await person(authorEmail(number), authorName(number)))
            }
            var channels: (public: [Int64], private: [Int64]) = ([], [])
            for number in 0..<(layout.publicChannels + layout.privateChannels) {
                let isPublic = number < layout.publicChannels
                let channel = try await repos.channels.insert(
                    ChannelDraft(kind: isPublic ? .public : .private, name: channelName(number)),
                    groupID: nil, directKey: nil, createdBy: authors[0], at: now)
                let seated = isPublic ? number < layout.readerPublic : number - layout.publicChannels < layout.readerPrivate
                if seated { try await repos.channels.addSeat(channelID: channel.id, memberID: reader, at: now) }
                try await repos.channels.addSeat(channelID: channel.id, memberID: authors[0], at: now)
                if isPublic { channels.public.append(channel.id) } else { channels.private.append(channel.id) }
            }
            return (.member(id: reader, role: .member), authors, channels)
        }
    }

    /// A person's name, the same for the same number (the import benchmark's people too).
    static func authorName(_ number: Int) -> String {
        families[number % families.count] + " " + givens[number / families.count % givens.count]
    }

    private static func authorEmail(_ number: Int) -> String {
        "bench-\(number)@example.jp"
    }

    private static func channelName(_ number: Int) -> String {
        String(format: "ベンチ-%03d", number)
    }
}
