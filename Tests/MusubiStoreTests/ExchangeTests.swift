import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

/// The exchange through the core on a real database: who sees which channel, seats,
/// messages with mentions, threads, reactions, tombstones, unread counts and the event log.
@Suite struct ExchangeTests {
    @Test(arguments: TestDatabase.available)
    func membersFindJoinAndPostInPublicChannelsGuestsAndVisitorsDoNot(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let exchange = Exchange(c.env)
            let lobby = try await exchange.create(c.actor(c.coordinator), ChannelDraft(kind: .public, name: "水素の広場", topic: "水素の話題"))
            #expect(try await exchange.browse(c.actor(c.member), term: "水素", page: .init()).items.map(\.channel.name) == ["水素の広場"])
            #expect(try await exchange.browse(c.actor(c.member), term: "養殖", page: .init()).items.isEmpty)

            // A member reads before joining, but must join to post.
            let seen = try await exchange.show(c.actor(c.member), channelID: lobby.id)
            #expect(seen.seat == nil && seen.memberCount == 1)
            await #expect(throws: MusubiError.forbidden) { try await exchange.post(c.actor(c.member), channelID: lobby.id, body: "こんにちは") }
            try await exchange.join(c.actor(c.member), channelID: lobby.id)
            let posted = try await exchange.post(c.actor(c.member), channelID: lobby.id, body: "こんにちは")
            #expect(try await exchange.show(c.actor(c.coordinator), channelID: lobby.id).messages.map(\.body) == ["こんにちは"])

            await #expect(throws: MusubiError.notFound) { try await exchange.show(c.actor(c.guest), channelID: lobby.id) }
            await #expect(throws: MusubiError.notFound) { try await exchange.browse(c.actor(c.guest), term: "", page: .init()) }
            await #expect(throws: MusubiError.unauthenticated) { try await exchange.show(.anonymous, channelID: lobby.id) }
            await #expect(throws: MusubiError.notFound) { try await exchange.thread(c.actor(c.guest), rootID: posted.id) }

            // Names are unique, and a bad draft names every problem.
            await #expect(throws: MusubiError.conflict("error.channel_name_taken")) {
                try await exchange.create(c.actor(c.member), ChannelDraft(kind: .public, name: "水素の広場"))
            }
            do {
                _ = try await exchange.create(c.actor(c.member), ChannelDraft(kind: .direct, purpose: .field, name: " ", fieldID: 9_999))
                Issue.record("a bad draft was accepted")
            } catch MusubiError.invalid(let problems) {
                #expect(Set(problems.map(\.field)) == ["name", "kind", "fieldID"])
            }
            await #expect(throws: MusubiError.forbidden) { try await exchange.create(c.actor(c.guest), ChannelDraft(kind: .public, name: "ゲストの部屋")) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func privateChannelsAreForTheSeatedAndOnlyCoordinatorsBringGuestsIn(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let exchange = Exchange(c.env)
            let other = try await c.addMember("other@example.jp", "田中 一郎", sector: .industry)
            let room = try await exchange.create(c.actor(c.member), ChannelDraft(kind: .private, name: "新規事業の相談"))
            let secret = try await exchange.post(c.actor(c.member), channelID: room.id, body: "社外秘の計画")

            await #expect(throws: MusubiError.notFound) { try await exchange.show(c.actor(other), channelID: room.id) }
            await #expect(throws: MusubiError.notFound) { try await exchange.show(c.actor(c.admin), channelID: room.id) }
            await #expect(throws: MusubiError.notFound) { try await exchange.join(c.actor(other), channelID: room.id) }
            await #expect(throws: MusubiError.notFound) { try await exchange.thread(c.actor(other), rootID: secret.id) }
            await #expect(throws: MusubiError.notFound) { try await exchange.react(c.actor(other), messageID: secret.id, emoji: "👍") }
            #expect(try await !exchange.browse(c.actor(other), term: "", page: .init()).items.contains { $0.channel.id == room.id })
            #expect(try await exchange.mentions(c.actor(other), page: .init()).items.isEmpty)

            await #expect(throws: MusubiError.forbidden) { try await exchange.invite(c.actor(c.member), channelID: room.id, memberIDs: [c.guest.id]) }
            try await exchange.invite(c.actor(c.member), channelID: room.id, memberIDs: [other.id])
            #expect(try await exchange.show(c.actor(other), channelID: room.id).messages.map(\.body) == ["社外秘の計画"])

            // A coordinator seated in the room may bring the guest, who then sees that room only.
            try await exchange.invite(c.actor(c.member), channelID: room.id, memberIDs: [c.coordinator.id])
            try await exchange.invite(c.actor(c.coordinator), channelID: room.id, memberIDs: [c.guest.id])
            #expect(try await exchange.channels(c.actor(c.guest)).map(\.channel.id) == [room.id])
            _ = try await exchange.post(c.actor(c.guest), channelID: room.id, body: "よろしくお願いします")
            await #expect(throws: MusubiError.forbidden) { try await exchange.invite(c.actor(c.guest), channelID: room.id, memberIDs: [c.admin.id]) }

            // A private channel's name is nobody else's business: a public one may share it.
            _ = try await exchange.create(c.actor(other), ChannelDraft(kind: .public, name: "新規事業の相談"))
            try await exchange.leave(c.actor(other), channelID: room.id)
            await #expect(throws: MusubiError.notFound) { try await exchange.show(c.actor(other), channelID: room.id) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func mentionsUnreadCountsAndWhatYouMissed(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let exchange = Exchange(c.env)
            let other = try await c.addMember("other@example.jp", "田中 一郎", sector: .industry)
            let lobby = try await exchange.create(c.actor(c.member), ChannelDraft(kind: .public, name: "技術の話題"))
            let quiet = try await exchange.create(c.actor(c.member), ChannelDraft(kind: .public, name: "お知らせ"))
            try await exchange.join(c.actor(other), channelID: lobby.id)
            try await exchange.join(c.actor(other), channelID: quiet.id)

            let hello = try await exchange.post(c.actor(c.member), channelID: lobby.id, body: "@田中一郎 さん、資料をどうぞ")
            #expect(hello.body == "<@\(other.id)> さん、資料をどうぞ")
            _ = try await exchange.post(c.actor(c.member), channelID: lobby.id, body: "メール@example.jp は宛先ではありません")
            _ = try await exchange.post(c.actor(c.member), channelID: quiet.id, body: "@channel 明日は休みです")
            _ = try await exchange.post(c.actor(c.member), channelID: quiet.id, body: "ただの連絡")
            // A mention typed by hand names only someone seated; anyone else stays plain text.
            let probe = try await exchange.post(c.actor(c.member), channelID: quiet.id, body: "<@\(c.applicant.id)> <@\(other.id)>")
            #expect(probe.body == "@\(c.applicant.id) <@\(other.id)>")
            // Whoever joins later starts with the history read.
            try await exchange.join(c.actor(c.coordinator), channelID: quiet.id)
            #expect(
                try await exchange.channels(c.actor(c.coordinator)).first { $0.channel.id == quiet.id }?.unread
                    == UnreadCount(messages: 0, mentions: 0))

            let entries = Dictionary(uniqueKeysWithValues: try await exchange.channels(c.actor(other)).map { ($0.channel.name, $0.unread) })
            #expect(entries["技術の話題"] == UnreadCount(messages: 2, mentions: 1))
            #expect(entries["お知らせ"] == UnreadCount(messages: 3, mentions: 2))
            #expect(try await exchange.channels(c.actor(c.member)).allSatisfy { $0.unread == UnreadCount(messages: 0, mentions: 0) })
            #expect(try await exchange.mentions(c.actor(other), page: .init()).items.count == 3)

            // Muting leaves a channel out of "what you missed"; "mentions" keeps it only when mentioned.
            try await exchange.adjustSeat(c.actor(other), channelID: quiet.id, muted: true)
            #expect(try await exchange.missed(c.actor(other)).map(\.channel.name) == ["技術の話題"])
            try await exchange.adjustSeat(c.actor(other), channelID: quiet.id, muted: false, notify: .nothing)
            #expect(try await exchange.missed(c.actor(other)).map(\.channel.name) == ["技術の話題"])

            // Reading the channel clears its count.
            _ = try await exchange.show(c.actor(other), channelID: lobby.id)
            #expect(try await exchange.channels(c.actor(other)).first { $0.channel.id == lobby.id }?.unread == UnreadCount(messages: 0, mentions: 0))
            #expect(try await exchange.missed(c.actor(other)).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func threadsEditsTombstonesAndReactions(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let exchange = Exchange(c.env)
            let lobby = try await exchange.create(c.actor(c.member), ChannelDraft(kind: .public, name: "試作の話"))
            try await exchange.join(c.actor(c.coordinator), channelID: lobby.id)
            let root = try await exchange.post(c.actor(c.member), channelID: lobby.id, body: "試作機ができました")
            let reply = try await exchange.post(c.actor(c.coordinator), channelID: lobby.id, body: "見学できますか", threadRootID: root.id)
            _ = try await exchange.post(c.actor(c.member), channelID: lobby.id, body: "はい、来週どうぞ", threadRootID: root.id, alsoToChannel: true)

            let timeline = try await exchange.show(c.actor(c.member), channelID: lobby.id).messages
            #expect(timeline.map(\.body) == ["試作機ができました", "はい、来週どうぞ"])
            #expect(timeline.first?.replyCount == 2)
            let thread = try await exchange.thread(c.actor(c.coordinator), rootID: reply.id)
            #expect(thread.root.id == root.id && thread.replies.map(\.body) == ["見学できますか", "はい、来週どうぞ"])
            await #expect(throws: MusubiError.invalid("threadRootID", "error.thread_unknown")) {
                try await exchange.post(c.actor(c.member), channelID: lobby.id, body: "返信の返信", threadRootID: reply.id)
            }

            // Only the author edits; authors and coordinators delete, leaving a tombstone.
            await #expect(throws: MusubiError.forbidden) { try await exchange.edit(c.actor(c.coordinator), messageID: root.id, body: "書き換え") }
            let edited = try await exchange.edit(c.actor(c.member), messageID: root.id, body: "試作機 2 号ができました")
            #expect(edited.editedAt != nil)
            #expect(try await exchange.react(c.actor(c.coordinator), messageID: root.id, emoji: "🎉"))
            #expect(try await exchange.react(c.actor(c.member), messageID: root.id, emoji: ":tada:"))
            #expect(try await !exchange.react(c.actor(c.member), messageID: root.id, emoji: ":tada:"))
            await #expect(throws: MusubiError.invalid("emoji", "error.emoji")) {
                try await exchange.react(c.actor(c.member), messageID: root.id, emoji: "<b>")
            }
            #expect(try await exchange.thread(c.actor(c.member), rootID: root.id).details.reactions[root.id]?.map(\.emoji) == ["🎉"])

            try await exchange.delete(c.actor(c.coordinator), messageID: root.id)
            let after = try await exchange.thread(c.actor(c.member), rootID: root.id)
            #expect(after.root.isDeleted && after.root.body.isEmpty && after.replies.count == 2)
            await #expect(throws: MusubiError.conflict("error.message_deleted")) {
                try await exchange.edit(c.actor(c.member), messageID: root.id, body: "復活")
            }
            await #expect(throws: MusubiError.invalid("threadRootID", "error.thread_deleted")) {
                try await exchange.post(c.actor(c.member), channelID: lobby.id, body: "まだ返信", threadRootID: root.id)
            }

            // Bad bodies are refused whole.
            await #expect(throws: MusubiError.invalid("body", "error.required")) {
                try await exchange.post(c.actor(c.member), channelID: lobby.id, body: "  \n ")
            }
            await #expect(throws: MusubiError.invalid("body", "error.too_long")) {
                try await exchange.post(c.actor(c.member), channelID: lobby.id, body: String(repeating: "あ", count: MessageText.limit + 1))
            }

            // Every change is in the channel's event log, in order.
            let events = try await persistence.read { try await $0.messages.events(after: 0, in: [lobby.id], limit: 100) }
            #expect(events.map(\.kind) == [.posted, .posted, .posted, .edited, .reacted, .reacted, .reacted, .deleted])
            #expect(events.map(\.id) == events.map(\.id).sorted())
        }
    }

    @Test(arguments: TestDatabase.available)
    func directConversationsAndGroupChannels(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let exchange = Exchange(c.env)
            let other = try await c.addMember("other@example.jp", "田中 一郎", sector: .industry)
            let direct = try await exchange.openDirect(c.actor(c.member), with: [other.id])
            #expect(try await exchange.openDirect(c.actor(other), with: [c.member.id]).id == direct.id)
            _ = try await exchange.post(c.actor(other), channelID: direct.id, body: "はじめまして")
            #expect(try await exchange.channels(c.actor(c.member)).first { $0.channel.id == direct.id }?.title == "田中 一郎")
            await #expect(throws: MusubiError.notFound) { try await exchange.show(c.actor(c.coordinator), channelID: direct.id) }
            await #expect(throws: MusubiError.forbidden) { try await exchange.leave(c.actor(c.member), channelID: direct.id) }
            await #expect(throws: MusubiError.invalid("members", "error.direct_too_many")) {
                try await exchange.openDirect(c.actor(c.member), with: Array(1...9).map(Int64.init))
            }
            await #expect(throws: MusubiError.invalid("members", "error.member_unknown")) {
                try await exchange.openDirect(c.actor(c.member), with: [c.applicant.id])
            }

            // A group's channel is opened with it and follows its membership.
            let stewardship = Stewardship(c.env)
            let group = try await stewardship.createGroup(c.actor(c.coordinator), GroupDraft(kind: .studyGroup, name: "水素研究会"))
            try await stewardship.setGroupMember(c.actor(c.coordinator), groupID: group.id, memberID: other.id, role: .member)
            let channel = try #require(try await exchange.channels(c.actor(other)).first { $0.channel.groupID == group.id }?.channel)
            #expect(channel.kind == .private && channel.name == "水素研究会")
            await #expect(throws: MusubiError.forbidden) { try await exchange.leave(c.actor(other), channelID: channel.id) }
            await #expect(throws: MusubiError.notFound) { try await exchange.join(c.actor(c.member), channelID: channel.id) }
            try await stewardship.removeGroupMember(c.actor(c.coordinator), groupID: group.id, memberID: other.id)
            await #expect(throws: MusubiError.notFound) { try await exchange.show(c.actor(other), channelID: channel.id) }
        }
    }
}
