import Foundation

extension Exchange {
    /// Who hears of a new message on their bell, once each, for the strongest reason: being
    /// mentioned (by name, or `@channel`), a direct message, a reply in a thread they are in.
    /// People who muted the channel or hear nothing from it are left out. Gives whose bells
    /// changed.
    func notifyAbout(_ message: Message, _ repos: any Repositories) async throws -> Set<Int64> {
        guard let author = message.authorID, let channel = try await repos.channels.find(id: message.channelID) else { return [] }
        let mentioned = MessageText.mentions(in: message.body)
        let isDirect = channel.kind == .direct
        // A plain message in a channel tells nobody: no reads beyond this.
        guard !mentioned.people.isEmpty || mentioned.channel || isDirect || message.threadRootID != nil else { return [] }
        // Only the people seated read the channel: nobody else hears of what it says.
        let seated = Set(try await repos.channels.seatedMembers(of: channel.id))
        var reasons: [(Notice.Step, Set<Int64>)] = [(.mentioned, mentioned.channel ? seated : mentioned.people.intersection(seated))]
        if isDirect { reasons.append((.directMessage, seated)) }
        if let rootID = message.threadRootID, let root = try await repos.messages.find(id: rootID) {
            var people = Set(try await repos.messages.replies(to: rootID).compactMap(\.authorID))
            if let rootAuthor = root.authorID { people.insert(rootAuthor) }
            reasons.append((.threadReply, people.intersection(seated)))
        }
        guard reasons.contains(where: { !$0.1.subtracting([author]).isEmpty }) else { return [] }
        let quiet = try await repos.channels.quietSeats(of: channel.id)
        let names = try await repos.members.names(of: Array(mentioned.people))
        let excerpt = MessageText.plain(message.body, names: names)
        let subject = isDirect ? "" : "#" + channel.name
        let target: NotificationTarget =
            message.threadRootID.map { .reply(channelID: channel.id, rootID: $0, messageID: message.id) }
            ?? .message(channelID: channel.id, messageID: message.id)
        var told: Set<Int64> = [author]
        var changed: Set<Int64> = []
        for (step, people) in reasons {
            let reached = people.subtracting(told).subtracting(quiet)
            told.formUnion(people)
            guard !reached.isEmpty else { continue }
            let notice = Notice(step: step, actorID: author, subject: subject, excerpt: excerpt, target: target)
            changed.formUnion(try await Notifier(env: env).notify(notice, to: reached, repos))
        }
        return changed
    }
}
