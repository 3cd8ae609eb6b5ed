import Foundation

/// Seeds or needs handed in as a file, for bulk matching (`musubi match`, and a
/// coordinator's upload): a JSON array of objects, or a CSV file, with `id`, `title`,
/// `body` and optionally `fields` (JSON array, or `;`-separated in CSV), `sector` and
/// `organization`. Every bad entry is reported; a file with any is refused as a whole.
public enum MatchDocumentFile {
    public struct Problem: Error, Equatable, CustomStringConvertible {
        /// The entry (1-based, JSON) or line (CSV) the problem is in; 0 for the whole file.
        public var entry: Int
        public var message: String
        public var description: String { entry == 0 ? message : "entry \(entry): \(message)" }
    }

    public struct Refused: Error, Equatable, CustomStringConvertible {
        public var problems: [Problem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    public static func read(_ data: Data, kind: MatchDocument.Kind) throws -> [MatchDocument] {
        let trimmed = data.drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if trimmed.first == UInt8(ascii: "[") { return try readJSON(data, kind: kind) }
        return try readCSV(data, kind: kind)
    }

    private static func readJSON(_ data: Data, kind: MatchDocument.Kind) throws -> [MatchDocument] {
        guard let entries = try? JSONDecoder().decode([Attempt].self, from: data) else {
            throw Refused(problems: [Problem(entry: 0, message: "not a JSON array of objects")])
        }
        var problems: [Problem] = []
        var documents: [MatchDocument] = []
        for (offset, attempt) in entries.enumerated() {
            guard let entry = attempt.entry else {
                problems.append(Problem(entry: offset + 1, message: attempt.problem))
                continue
            }
            switch document(
                id: entry.id?.text, title: entry.title, body: entry.body ?? "", fields: entry.fields?.items ?? [],
                sector: entry.sector, organization: entry.organization, kind: kind)
            {
            case .success(let document): documents.append(document)
            case .failure(let message): problems.append(Problem(entry: offset + 1, message: message.message))
            }
        }
        return try checked(documents, problems)
    }

    /// One element of the JSON array, read on its own so that every bad one is reported.
    private struct Attempt: Decodable {
        var entry: Entry?
        var problem = ""
        init(from decoder: any Decoder) throws {
            do {
                entry = try Entry(from: decoder)
            } catch DecodingError.typeMismatch(_, let context) {
                let field = context.codingPath.dropFirst(decoder.codingPath.count).first?.stringValue
                problem = field.map { "\($0) is not of the type it takes" } ?? "not an object"
            } catch {
                problem = "not an object"
            }
        }
    }

    private struct Entry: Decodable {
        var id: Identifier?
        var title: String?
        var body: String?
        var fields: Fields?
        var sector: String?
        var organization: String?
    }

    /// An id written as text or as a number.
    private struct Identifier: Decodable {
        var text: String
        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let text = try? value.decode(String.self) {
                self.text = text
            } else if let number = try? value.decode(Int64.self) {
                text = String(number)
            } else {
                text = String(describing: try value.decode(Double.self))
            }
        }
    }

    /// Fields as a list, or as one text separated as in CSV.
    private struct Fields: Decodable {
        var items: [String]
        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let text = try? value.decode(String.self) {
                items = CSVTable.list(in: text)
            } else {
                do {
                    items = try value.decode([String].self)
                } catch {
                    throw DecodingError.typeMismatch(
                        [String].self, .init(codingPath: decoder.codingPath, debugDescription: "fields must be a list of strings"))
                }
            }
        }
    }

    private static func readCSV(_ data: Data, kind: MatchDocument.Kind) throws -> [MatchDocument] {
        let table: CSVTable
        do {
            table = try CSVTable(data: data)
        } catch {
            throw Refused(problems: [Problem(entry: 0, message: "neither a JSON array nor a readable CSV file")])
        }
        let columns = Dictionary(
            table.header.enumerated().map { ($1.trimmingCharacters(in: .whitespaces).lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        guard columns["id"] != nil, columns["title"] != nil else {
            throw Refused(problems: [Problem(entry: 1, message: "the header needs the columns id and title")])
        }
        var problems: [Problem] = []
        var documents: [MatchDocument] = []
        for row in table.rows {
            func value(_ column: String) -> String? {
                columns[column].flatMap { $0 < row.values.count ? row.values[$0] : nil }
            }
            switch document(
                id: value("id"), title: value("title"), body: value("body") ?? "", fields: CSVTable.list(in: value("fields") ?? ""),
                sector: value("sector"), organization: value("organization"), kind: kind)
            {
            case .success(let document): documents.append(document)
            case .failure(let message): problems.append(Problem(entry: row.line, message: message.message))
            }
        }
        return try checked(documents, problems)
    }

    private struct Message: Error { var message: String }

    private static func document(
        id: String?, title: String?, body: String, fields: [String], sector: String?, organization: String?, kind: MatchDocument.Kind
    ) -> Result<MatchDocument, Message> {
        guard let id = id?.trimmingCharacters(in: .whitespaces), !id.isEmpty else { return .failure(Message(message: "id is missing")) }
        guard let title = title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty else {
            return .failure(Message(message: "title is missing (id \(id))"))
        }
        var parsedSector: Sector?
        if let sector = sector?.trimmingCharacters(in: .whitespaces), !sector.isEmpty {
            guard let known = Sector(rawValue: sector) else {
                return .failure(
                    Message(message: "unknown sector '\(sector)' (id \(id)); one of " + Sector.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            parsedSector = known
        }
        return .success(
            MatchDocument(
                id: id, kind: kind, title: title, body: body, fields: fields, sector: parsedSector,
                organization: organization.flatMap { $0.isEmpty ? nil : $0 }))
    }

    private static func checked(_ documents: [MatchDocument], _ problems: [Problem]) throws -> [MatchDocument] {
        var problems = problems
        var seen: Set<String> = []
        for document in documents where !seen.insert(document.id).inserted {
            problems.append(Problem(entry: 0, message: "id \(document.id) appears more than once"))
        }
        guard problems.isEmpty else { throw Refused(problems: problems) }
        return documents
    }
}
