import Foundation

/// A group's private channel: opened with the group, and seating exactly the group's
/// members. Called inside the transaction that changes the group.
enum GroupChannels {
    static func open(for group: Group, _ repos: any Repositories, at now: Date) async throws {
        let draft = ChannelDraft(kind: .private, purpose: .group, name: group.name, description: group.description, fieldID: group.fieldIDs.first)
        _ = try await repos.channels.insert(draft, groupID: group.id, directKey: nil, createdBy: nil, at: now)
    }

    static func seat(_ memberID: Int64, inGroup groupID: Int64, _ repos: any Repositories, at now: Date) async throws {
        guard let channel = try await repos.channels.channel(ofGroup: groupID) else { return }
        try await repos.channels.addSeat(channelID: channel.id, memberID: memberID, at: now)
    }

    static func unseat(_ memberID: Int64, fromGroup groupID: Int64, _ repos: any Repositories) async throws {
        guard let channel = try await repos.channels.channel(ofGroup: groupID) else { return }
        try await repos.channels.removeSeat(channelID: channel.id, memberID: memberID)
    }
}
