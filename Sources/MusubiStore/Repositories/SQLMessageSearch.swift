import Foundation
import MusubiCore
import SQLKit

/// The messages' search index (`SearchGrams` tokens): on SQLite an FTS5 table whose rowid is
/// the message id, on PostgreSQL a `tsvector` with the tokens' positions under a GIN index.
/// On SQLite, FTS5 hands matches over newest first and the query stops at the page; on
/// PostgreSQL the GIN index gathers the matches, which are then sorted.
struct SQLMessageSearch: MessageSearchRepository {
    let db: any SQLDatabase

    /// Puts a new message's words, and its files' names, in the index (an edited one's are
    /// removed first).
    func index(messageID: Int64, body: String, fileNames: [String]) async throws {
        try await index([(messageID, SearchGrams.indexed(MessageText.searchable(body, fileNames: fileNames)))])
    }

    /// Puts many messages in the index at once, each as `SearchGrams.indexed` gives its
    /// `MessageText.searchable` text.
    func index(_ entries: [(messageID: Int64, indexed: String)]) async throws {
        let rows: [SQLQueryString] = entries.compactMap { entry in
            guard !entry.indexed.isEmpty else { return nil }
            return db.isPostgres
                ? "(\(integer: entry.messageID), \(bind: Self.vector(entry.indexed))::tsvector)"
                : "(\(integer: entry.messageID), \(bind: entry.indexed))"
        }
        // One bound value a row: within both databases' limits.
        for chunk in rows.chunked(by: 10_000) {
            try await db.raw(
                "INSERT INTO message_search (" + (db.isPostgres ? "message_id" : "rowid") + ", grams) VALUES " + chunk.joined(separator: ", ")
            ).run()
        }
    }

    func remove(messageID: Int64) async throws {
        try await remove(messageIDs: [messageID])
    }

    func remove(messageIDs: [Int64]) async throws {
        try await db.raw("DELETE FROM message_search WHERE " + inList(db.isPostgres ? "message_id" : "rowid", messageIDs)).run()
    }

    func search(_ filter: MessageSearchFilter, limit: Int, offset: Int) async throws -> [Message] {
        let rows = try await db.raw("SELECT m.* " + matching(filter) + " LIMIT \(literal: limit) OFFSET \(literal: offset)").all()
        return try rows.map(SQLMessageRepository.message)
    }

    func texts(_ filter: MessageSearchFilter, limit: Int) async throws -> [(id: Int64, text: String)] {
        let names: SQLQueryString = db.isPostgres ? "string_agg(f.filename, E'\\n' ORDER BY f.id)" : "group_concat(f.filename, char(10))"
        let rows = try await db.raw(
            "SELECT m.id, m.body, (SELECT " + names + " FROM message_files f WHERE f.message_id = m.id) AS file_names " + matching(filter)
                + " LIMIT \(literal: limit)"
        ).all()
        return try rows.map { row in
            let names = try row.decode(column: "file_names", as: String?.self)
            return (try row.int64("id"), MessageText.searchable(try row.string("body"), fileNames: names.map { [$0] } ?? []))
        }
    }

    func countMatches(_ filter: MessageSearchFilter, cap: Int) async throws -> Int {
        try await db.count("SELECT COUNT(*) AS n FROM (SELECT 1 " + matching(filter) + " LIMIT \(literal: cap)) AS found")
    }

    /// `FROM … WHERE … ORDER BY` for the matching messages, newest first.
    private func matching(_ filter: MessageSearchFilter) -> SQLQueryString {
        var conditions: [SQLQueryString] = ["m.deleted_at IS NULL"]
        let seated = inList("m.channel_id", filter.seatedChannelIDs)
        conditions.append(filter.includePublic ? "m.channel_id IN (SELECT id FROM channels WHERE kind = 'public') OR " + seated : seated)
        if let channels = filter.channelIDs { conditions.append(inList("m.channel_id", channels)) }
        if let authors = filter.authorIDs { conditions.append(inList("m.author_id", authors)) }
        if let since = filter.since { conditions.append("m.created_at >= \(bind: since.epochMilliseconds)") }
        if let until = filter.until { conditions.append("m.created_at < \(bind: until.epochMilliseconds)") }
        if filter.hasFile { conditions.append("EXISTS (SELECT 1 FROM message_files f WHERE f.message_id = m.id)") }
        guard !filter.phrases.isEmpty else {
            return "FROM messages m WHERE " + conditions.conjunction() + " ORDER BY m.id DESC"
        }
        if db.isPostgres {
            conditions.insert("s.grams @@ \(bind: Self.query(filter.phrases))::tsquery", at: 0)
            return "FROM message_search s JOIN messages m ON m.id = s.message_id WHERE " + conditions.conjunction() + " ORDER BY m.id DESC"
        }
        // Ordering by the index's own rowid lets FTS5 hand over matches newest first and stop.
        conditions.insert("s.grams MATCH \(bind: Self.match(filter.phrases))", at: 0)
        return "FROM message_search s JOIN messages m ON m.id = s.rowid WHERE " + conditions.conjunction() + " ORDER BY s.rowid DESC"
    }

    /// FTS5 query syntax: each phrase quoted, its last token open when it is a prefix; all
    /// phrases must match.
    static func match(_ phrases: [SearchGrams.Phrase]) -> String {
        phrases.map { phrase in
            "\"" + phrase.tokens.map { $0.replacingOccurrences(of: "\"", with: "\"\"") }.joined(separator: " ") + "\""
                + (phrase.lastIsPrefix ? "*" : "")
        }.joined(separator: " ")
    }

    /// A `tsquery` literal: each phrase's tokens joined by "followed by", the last one open
    /// when it is a prefix; all phrases must match.
    static func query(_ phrases: [SearchGrams.Phrase]) -> String {
        phrases.map { phrase in
            let lexemes = phrase.tokens.map { token in
                var lexeme = ""
                appendLexeme(token, to: &lexeme)
                return lexeme
            }
            let last = lexemes.count - 1
            return "("
                + lexemes.enumerated().map { $0.offset == last && phrase.lastIsPrefix ? $0.element + ":*" : $0.element }
                .joined(separator: " <-> ") + ")"
        }.joined(separator: " & ")
    }

    /// A `tsvector` literal with each token at its position (PostgreSQL counts from 1 and
    /// stops at 16,383; later tokens share the last position).
    static func vector(_ indexed: String) -> String {
        var vector = ""
        vector.reserveCapacity(indexed.utf8.count * 2)
        for (offset, token) in SearchGrams.tokens(ofIndexed: indexed).enumerated() {
            if offset > 0 { vector += " " }
            appendLexeme(token, to: &vector)
            vector += ":" + String(min(offset + 1, 16_383))
        }
        return vector
    }

    /// The token quoted as a lexeme: `'` doubled and `\` escaped, which almost no token holds
    /// (a million messages' tokens went through two replacements each, and that was most of
    /// the time a restore into PostgreSQL took).
    private static func appendLexeme(_ token: String, to vector: inout String) {
        vector += "'"
        if token.utf8.contains(where: { $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\\") }) {
            for character in token {
                switch character {
                case "'": vector += "''"
                case "\\": vector += "\\\\"
                default: vector.append(character)
                }
            }
        } else {
            vector += token
        }
        vector += "'"
    }
}
