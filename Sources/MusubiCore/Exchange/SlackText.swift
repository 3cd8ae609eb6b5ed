import Foundation

/// Slack's message text (its "mrkdwn") as Musubi's typed text. The emphasis, code and quote
/// marks are the same; what differs is Slack's angle-bracket references, turned here into
/// what a person would type: `<@U…>` by `person` (else `@U…`), `<#C…|name>` by `channel`
/// (else `#name`), `<!channel>`, `<!here>` and `<!everyone>` into `everyone` (`@channel`, or
/// the stored `<!channel>` for text that is stored as it is), `<url|label>` into
/// `[label](url)`, and `&amp;`, `&lt;`, `&gt;` back into their characters.
public enum SlackText {
    public static func musubi(
        _ text: String, person: (String) -> String? = { _ in nil }, channel: (String) -> String? = { _ in nil }, everyone: String = "@channel"
    ) -> String {
        var output = ""
        var rest = text[...]
        // The brackets are looked for byte by byte: most text has none, and a byte search
        // skips the work of telling characters apart.
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "<")) {
            output += decode(rest[..<open])
            guard let close = rest[open...].utf8.firstIndex(of: UInt8(ascii: ">")) else {
                rest = rest[open...]
                break
            }
            output += reference(String(rest[rest.index(after: open)..<close]), person: person, channel: channel, everyone: everyone)
            rest = rest[rest.index(after: close)...]
        }
        return output + decode(rest)
    }

    /// Whether the text may name a person or a channel (holds a `<`): most text does not, and
    /// this is all it costs.
    static func mayReferToSomeone(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: "<"))
    }

    /// The Slack ids of the people (`<@U…>`) and channels (`<#C…>`) the text refers to, in
    /// the order written.
    static func references(in text: String) -> (people: [String], channels: [String]) {
        var people: [String] = []
        var channels: [String] = []
        _ = musubi(
            text,
            person: {
                people.append($0)
                return nil
            },
            channel: {
                channels.append($0)
                return nil
            })
        return (people, channels)
    }

    private static func reference(_ inside: String, person: (String) -> String?, channel: (String) -> String?, everyone: String) -> String {
        let parts = inside.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let target = parts[0]
        let label = parts.count > 1 ? decode(parts[1][...]) : nil
        switch target.first {
        case "@":
            let id = String(target.dropFirst())
            return person(id) ?? "@" + (label ?? id)
        case "#":
            let id = String(target.dropFirst())
            return channel(id) ?? "#" + (label ?? id)
        case "!":
            let command = target.dropFirst()
            if ["channel", "here", "everyone"].contains(command) { return everyone }
            if let label { return label } // <!subteam^S…|@team>, <!date^…|fallback>
            return "@" + command
        default:
            let url = decode(target[...])
            if url.lowercased().hasPrefix("mailto:") { return label ?? String(url.dropFirst("mailto:".count)) }
            return link(url, label: label)
        }
    }

    /// `[label](url)` in Musubi's markup, or the bare URL when the label adds nothing; only
    /// http(s) becomes a link (anything else is its label, as text).
    static func link(_ url: String, label: String?) -> String {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return label ?? url }
        guard let label, !label.isEmpty, label != url else { return url }
        return "[\(label.replacingOccurrences(of: "]", with: ")"))](\(url))"
    }

    /// Slack escapes only these three.
    private static func decode(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(
            of: "&amp;", with: "&")
    }

    /// The emoji for a `:short_name:` (Slack's names for the common ones), or the emoji itself;
    /// nil for anything else.
    public static func emoji(_ value: String) -> String? {
        // What a reaction may be: one emoji, or a `:short_name:` looked up here.
        guard let valid = Exchange.reactionEmoji(value) else { return nil }
        return valid.hasPrefix(":") ? emojiNames[String(valid.dropFirst().dropLast())] : valid
    }

    static let emojiNames: [String: String] = [
        "robot_face": "🤖", "ghost": "👻", "bell": "🔔", "warning": "⚠️", "white_check_mark": "✅", "heavy_check_mark": "✔️",
        "x": "❌", "rotating_light": "🚨", "calendar": "📅", "date": "📅", "memo": "📝", "pencil": "📝", "chart_with_upwards_trend": "📈",
        "bar_chart": "📊", "information_source": "ℹ️", "mega": "📣", "loudspeaker": "📢", "tada": "🎉", "bulb": "💡", "email": "📧",
        "envelope": "✉️", "newspaper": "📰", "books": "📚", "package": "📦", "rocket": "🚀", "fire": "🔥", "star": "⭐", "sparkles": "✨",
        "thumbsup": "👍", "+1": "👍", "pray": "🙏", "eyes": "👀", "clock": "🕐", "alarm_clock": "⏰", "hourglass": "⌛", "gear": "⚙️",
        "wrench": "🔧", "hammer": "🔨", "microscope": "🔬", "test_tube": "🧪", "ocean": "🌊", "fish": "🐟", "seedling": "🌱",
        "ear_of_rice": "🌾", "factory": "🏭", "office": "🏢", "bank": "🏦", "school": "🏫", "moneybag": "💰", "yen": "💴",
        "handshake": "🤝", "speech_balloon": "💬", "link": "🔗", "lock": "🔒", "sunny": "☀️", "umbrella": "☂️", "zap": "⚡",
    ]
}
