import Foundation

/// What a Slack-compatible incoming webhook is sent: `text`, an optional `username` and
/// `icon_emoji`, and `blocks` and `attachments`, read as Musubi's typed text. Blocks stand in
/// for the text when they say anything (as in Slack, where `text` is then the notification's
/// fallback); attachments follow, each a quoted paragraph.
public struct SlackPayload: Sendable, Equatable {
    public var text: String
    public var username: String?
    public var iconEmoji: String?

    /// Reads the JSON; anything but an object, or a known field of the wrong type, is refused
    /// as `error.webhook_payload`.
    public static func parse(_ data: Data) throws -> SlackPayload {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { throw malformed }
        func optionalString(_ key: String) throws -> String? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            guard let text = value as? String else { throw malformed }
            return text
        }
        func optionalList(_ key: String) throws -> [[String: Any]] {
            guard let value = object[key], !(value is NSNull) else { return [] }
            guard let list = value as? [Any], list.allSatisfy({ $0 is [String: Any] }) else { throw malformed }
            return list.compactMap { $0 as? [String: Any] }
        }
        let text = try optionalString("text").map { SlackText.musubi($0) } ?? ""
        let blocks = render(blocks: try optionalList("blocks"))
        let attachments = try optionalList("attachments").map(render(attachment:)).filter { !$0.isEmpty }
        let main = blocks.isEmpty ? text : blocks
        return SlackPayload(
            text: ([main] + attachments).filter { !$0.isEmpty }.joined(separator: "\n\n").trimmingCharacters(in: .whitespacesAndNewlines),
            username: try optionalString("username"), iconEmoji: try optionalString("icon_emoji")
        )
    }

    static let malformed = MusubiError.invalid("payload", "error.webhook_payload")

    // MARK: Blocks

    static func render(blocks: [[String: Any]]) -> String {
        blocks.compactMap(render(block:)).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    private static func render(block: [String: Any]) -> String? {
        switch block["type"] as? String {
        case "header": return textObject(block["text"]).map { "*\($0)*" }
        case "section":
            let fields = (block["fields"] as? [Any] ?? []).compactMap(textObject)
            return ([textObject(block["text"])].compactMap { $0 } + fields).joined(separator: "\n")
        case "context":
            return (block["elements"] as? [[String: Any]] ?? []).compactMap { textObject($0) ?? ($0["alt_text"] as? String) }.joined(separator: " ")
        case "divider": return "――――"
        case "image":
            let alt = block["alt_text"] as? String ?? ""
            return (block["image_url"] as? String).map { SlackText.link($0, label: alt) } ?? alt
        case "rich_text": return (block["elements"] as? [[String: Any]] ?? []).map(richText).joined(separator: "\n")
        default: return nil // actions, inputs and the like say nothing to read
        }
    }

    /// A text object (`{"type": "mrkdwn" | "plain_text", "text": …}`) as typed text.
    private static func textObject(_ value: Any?) -> String? {
        guard let object = value as? [String: Any], let text = object["text"] as? String else { return nil }
        return object["type"] as? String == "plain_text" ? text : SlackText.musubi(text)
    }

    private static func richText(_ element: [String: Any]) -> String {
        let children = element["elements"] as? [[String: Any]] ?? []
        switch element["type"] as? String {
        case "rich_text_section": return children.map(richText).joined()
        case "rich_text_quote":
            return children.map(richText).joined().split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
        case "rich_text_preformatted": return "```\n" + children.map(richText).joined() + "\n```"
        case "rich_text_list": return children.map { "・" + richText($0) }.joined(separator: "\n")
        case "text": return element["text"] as? String ?? ""
        case "link":
            return SlackText.link(element["url"] as? String ?? "", label: element["text"] as? String)
        case "user": return "@" + (element["user_id"] as? String ?? "")
        case "channel": return "#" + (element["channel_id"] as? String ?? "")
        case "broadcast": return "@channel"
        case "emoji": return (element["unicode"] as? String).flatMap(Self.unicode) ?? SlackText.emoji(":\(element["name"] as? String ?? ""):") ?? ""
        default: return ""
        }
    }

    /// Slack's `unicode` field: code points in hex, joined by `-`.
    private static func unicode(_ hex: String) -> String? {
        let scalars = hex.split(separator: "-").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
        return scalars.isEmpty ? nil : String(String.UnicodeScalarView(scalars))
    }

    // MARK: Attachments

    /// An attachment (Slack's older layout): its pretext, then its title (linked), text,
    /// fields and footer as a quote; the fallback when it has none of these.
    static func render(attachment: [String: Any]) -> String {
        let string = { (key: String) in (attachment[key] as? String).map { SlackText.musubi($0) }.flatMap { $0.isEmpty ? nil : $0 } }
        var quoted: [String] = []
        if let title = attachment["title"] as? String, !title.isEmpty {
            // A linked title is a link; emphasis around a link stays as marks.
            quoted.append(
                (attachment["title_link"] as? String).map { SlackText.link($0, label: SlackText.musubi(title)) } ?? "*" + SlackText.musubi(title)
                    + "*")
        }
        if let text = string("text") { quoted.append(text) }
        for field in attachment["fields"] as? [[String: Any]] ?? [] {
            let title = (field["title"] as? String).map { SlackText.musubi($0) } ?? ""
            let value = (field["value"] as? String).map { SlackText.musubi($0) } ?? ""
            if !title.isEmpty || !value.isEmpty { quoted.append(title.isEmpty ? value : "*\(title)*: \(value)") }
        }
        let blocks = render(blocks: attachment["blocks"] as? [[String: Any]] ?? [])
        if !blocks.isEmpty { quoted.append(blocks) }
        if let footer = string("footer") { quoted.append(footer) }
        if quoted.isEmpty, let fallback = string("fallback") { quoted.append(fallback) }
        let quote = quoted.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
        return ([string("pretext")].compactMap { $0 } + (quoted.isEmpty ? [] : [quote])).joined(separator: "\n")
    }
}
