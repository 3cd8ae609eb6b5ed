import Foundation

/// The parts of a Slack workspace export that Musubi reads, as Slack writes them
/// (`users.json`, `channels.json`, `groups.json`, `dms.json`, `mpims.json`, and a folder of
/// daily files of messages for each conversation). Every other field is ignored.
struct SlackUser: Decodable, Sendable {
    struct Profile: Decodable, Sendable {
        var email: String?
        var real_name: String?
        var display_name: String?
        var title: String?
    }

    var id: String
    var team_id: String?
    var name: String?
    var real_name: String?
    var deleted: Bool?
    var is_bot: Bool?
    var is_app_user: Bool?
    /// Slack's guests (single- and multi-channel).
    var is_restricted: Bool?
    var is_ultra_restricted: Bool?
    var profile: Profile?

    /// Slackbot and apps have no account in Musubi; what they wrote shows as an app's.
    var isApp: Bool { id == "USLACKBOT" || is_bot == true || is_app_user == true }

    var displayName: String {
        let candidates = [profile?.real_name, real_name, profile?.display_name, name]
        return candidates.compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty } ?? id
    }
}

struct SlackConversation: Decodable, Sendable {
    struct Text: Decodable, Sendable {
        var value: String?
    }

    var id: String
    var name: String?
    var created: Double?
    var members: [String]?
    var topic: Text?
    var purpose: Text?
}

struct SlackMessage: Decodable, Sendable {
    struct Edit: Decodable, Sendable {
        var ts: String?
    }

    struct ReactionList: Decodable, Sendable {
        var name: String
        var users: [String]?
    }

    struct File: Decodable, Sendable {
        var id: String?
        var name: String?
        var title: String?
        var permalink: String?
        var url_private: String?
        /// "tombstone" or "hidden_by_limit" when Slack no longer has the file.
        var mode: String?
    }

    struct Attachment: Decodable, Sendable {
        var fallback: String?
    }

    struct BotProfile: Decodable, Sendable {
        var name: String?
    }

    struct Icons: Decodable, Sendable {
        var emoji: String?
    }

    /// Who wrote it, as Slack showed them then: what names a person `users.json` does not list.
    struct UserProfile: Decodable, Sendable {
        var real_name: String?
        var display_name: String?
        var name: String?

        /// The first name given, without surrounding spaces.
        var shown: String? {
            [real_name, display_name, name].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty }
        }
    }

    var type: String?
    var subtype: String?
    var ts: String?
    var user: String?
    var user_profile: UserProfile?
    var username: String?
    var bot_profile: BotProfile?
    var icons: Icons?
    var text: String?
    var thread_ts: String?
    var edited: Edit?
    var reactions: [ReactionList]?
    var files: [File]?
    var attachments: [Attachment]?
}

/// Slack's timestamps (`"1700000000.123456"`): seconds since 1970 and a per-channel sequence.
enum SlackTimestamp {
    static func date(_ ts: String) -> Date? {
        guard let seconds = Double(ts), seconds.isFinite, seconds > 0, seconds < 10_000_000_000 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}
