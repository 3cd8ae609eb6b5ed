import Foundation

/// The emoji people can react with and type as `:shortcode:`: Unicode's emoji in their
/// order and groups, with English and Japanese names and Slack's shortcodes. Made by
/// `scripts/emoji-data` from Unicode's emoji-test.txt and CLDR's Japanese names (see
/// `Resources/emoji/LICENSE.txt`).
public struct EmojiCatalog: Sendable {
    public struct Group: Sendable, Decodable {
        public var name: String
        public var emoji: [Emoji]
    }

    public struct Emoji: Sendable, Decodable {
        public var character: String
        public var english: String
        public var japanese: String
        public var shortcodes: [String]

        public init(from decoder: any Decoder) throws {
            var row = try decoder.unkeyedContainer()
            character = try row.decode(String.self)
            english = try row.decode(String.self)
            japanese = try row.decode(String.self)
            shortcodes = try row.decode([String].self)
        }
    }

    public let groups: [Group]
    /// The catalog as shipped, for pages to fetch.
    public let json: Data
    private let byShortcode: [String: String]

    /// The catalog shipped with Musubi.
    public static let shipped: EmojiCatalog = {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("emoji/emoji.json"),
            let data = try? Data(contentsOf: url), let catalog = try? EmojiCatalog(json: data)
        else { return EmojiCatalog(groups: [], json: Data("{\"groups\":[]}".utf8)) }
        return catalog
    }()

    init(json: Data) throws {
        struct File: Decodable { var groups: [Group] }
        self.init(groups: try JSONDecoder().decode(File.self, from: json).groups, json: json)
    }

    private init(groups: [Group], json: Data) {
        self.groups = groups
        self.json = json
        var byShortcode: [String: String] = [:]
        for emoji in groups.lazy.flatMap(\.emoji) {
            for code in emoji.shortcodes where byShortcode[code] == nil { byShortcode[code] = emoji.character }
        }
        self.byShortcode = byShortcode
    }

    /// The emoji a shortcode (without its colons, as Slack writes them) stands for.
    public func emoji(shortcode: String) -> String? {
        byShortcode[shortcode.lowercased()]
    }

    /// The text with every known `:shortcode:` outside code (between backquotes) turned into
    /// its emoji; unknown ones stay as typed.
    public func replacingShortcodes(in text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: ":")) else { return text }
        var result = ""
        var inCode = false
        var rest = text[...]
        while let index = rest.firstIndex(where: { $0 == ":" || $0 == "`" }) {
            result += rest[..<index]
            if rest[index] == "`" {
                inCode.toggle()
                result.append("`")
                rest = rest[rest.index(after: index)...]
                continue
            }
            let after = rest[rest.index(after: index)...]
            let name = after.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "+" || $0 == "-") }
            if !inCode, !name.isEmpty, after.dropFirst(name.count).first == ":", let emoji = emoji(shortcode: String(name)) {
                result += emoji
                rest = after.dropFirst(name.count + 1)
            } else {
                result.append(":")
                rest = after
            }
        }
        return result + rest
    }
}
