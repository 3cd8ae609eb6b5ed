import Foundation

/// Bringing people in from a spreadsheet. Every row is checked first; if any row is bad,
/// nothing is imported and the report names each bad row by its line.
public struct MemberImport: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: String
        public var key: String
        public var description: String { "line \(line): \(column): \(key)" }
    }

    public struct Report: Sendable, Equatable {
        public var rows: Int
        public var problems: [Problem]
        public var imported: Int
    }

    /// Column names, in English or as a Japanese spreadsheet would head them.
    static let aliases: [String: [String]] = [
        "email": ["email", "e-mail", "メール", "メールアドレス"],
        "name": ["name", "氏名", "名前"],
        "nameKana": ["namekana", "kana", "ふりがな", "フリガナ", "よみがな"],
        "organization": ["organization", "organisation", "所属", "組織", "所属組織"],
        "role": ["role", "役割", "権限"],
        "title": ["title", "役職"],
        "keywords": ["keywords", "キーワード"],
        "offer": ["offer", "提供できること", "シーズ"],
        "seeking": ["seeking", "求めていること", "ニーズ"],
        "fields": ["fields", "分野"],
        "languages": ["languages", "言語", "対応言語"],
    ]

    /// Checks the file and, unless it is a dry run, imports every row in one transaction.
    public func run(_ table: CSVTable, dryRun: Bool, actorID: Int64? = nil) async throws -> Report {
        let columns = Self.columnIndex(table.header)
        var problems: [Problem] = []
        for required in ["email", "name"] where columns[required] == nil {
            problems.append(Problem(line: 1, column: required, key: "error.column_missing"))
        }
        guard problems.isEmpty else { return Report(rows: table.rows.count, problems: problems, imported: 0) }

        let (tree, organizations, emails) = try await env.persistence.read { repos in
            (FieldTree(try await repos.fields.all()), try await repos.organizations.names(), Set(try await repos.members.emails().values))
        }
        let organizationByName = Dictionary(organizations.map { (JapaneseText.normalize($0.name), $0.id) }, uniquingKeysWith: { first, _ in first })
        let fieldByName = Dictionary(
            tree.fields.flatMap { [(JapaneseText.normalize($0.name), $0.id), ($0.key, $0.id), (JapaneseText.normalize($0.nameEn), $0.id)] },
            uniquingKeysWith: { first, _ in first })
        var seen = Set<String>()
        var members: [NewMember] = []
        for row in table.rows {
            func value(_ column: String) -> String {
                guard let index = columns[column], index < row.values.count else { return "" }
                return row.values[index]
            }
            var check = Validator()
            let email = check.email("email", value("email"))
            if !email.isEmpty && (emails.contains(email) || !seen.insert(email).inserted) { check.fail("email", "error.email_taken") }
            let name = check.text("name", value("name"), required: true, limit: 100)
            let kana = check.text("nameKana", value("nameKana"), limit: 100)
            let title = check.text("title", value("title"), limit: 100)
            let offer = check.text("offer", value("offer"), limit: 2000, multiline: true)
            let seeking = check.text("seeking", value("seeking"), limit: 2000, multiline: true)
            let keywords = check.list("keywords", CSVTable.list(in: value("keywords")), maxCount: 20, maxLength: 40)
            let languages = check.list("languages", CSVTable.list(in: value("languages")), maxCount: Language.codes.count, maxLength: 8)
            if languages.contains(where: { !Language.codes.contains($0) }) { check.fail("languages", "error.language") }
            let role =
                Role(rawValue: value("role").trimmingCharacters(in: .whitespaces).lowercased())
                ?? (value("role").trimmingCharacters(in: .whitespaces).isEmpty ? .member : nil)
            if role == nil || role == .admin { check.fail("role", "error.role") }
            var organizationID: Int64?
            let organization = value("organization").trimmingCharacters(in: .whitespaces)
            if !organization.isEmpty {
                organizationID = organizationByName[JapaneseText.normalize(organization)]
                if organizationID == nil { check.fail("organization", "error.organization_unknown") }
            }
            var fieldIDs: [Int64] = []
            for field in CSVTable.list(in: value("fields")) {
                if let id = fieldByName[JapaneseText.normalize(field)] ?? fieldByName[field] {
                    fieldIDs.append(id)
                } else {
                    check.fail("fields", "error.field_unknown")
                }
            }
            problems += check.problems.map { Problem(line: row.line, column: $0.field, key: $0.key) }
            members.append(
                NewMember(
                    email: email, passwordHash: "", role: role ?? .member, status: .active, organizationID: organizationID,
                    draft: ProfileDraft(
                        name: name, nameKana: kana,
                        profile: Profile(
                            title: title, keywords: keywords, offer: offer, seeking: seeking, languages: languages.isEmpty ? ["ja"] : languages),
                        fieldIDs: Array(Set(fieldIDs)).sorted())
                ))
        }
        guard problems.isEmpty, !dryRun else { return Report(rows: table.rows.count, problems: problems, imported: 0) }
        let now = env.now()
        let toImport = members
        try await env.persistence.write { repos in
            for member in toImport { _ = try await repos.members.insert(member, at: now) }
            try await repos.audit.append(
                actorID: actorID, action: .membersImported, subjectType: "member", subjectID: nil, detail: "\(toImport.count)", at: now)
        }
        return Report(rows: table.rows.count, problems: [], imported: members.count)
    }

    static func columnIndex(_ header: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        for (index, title) in header.enumerated() {
            let normalized = title.lowercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "_", with: "")
            if let column = aliases.first(where: { $0.value.contains(normalized) || $0.value.contains(title) })?.key, result[column] == nil {
                result[column] = index
            }
        }
        return result
    }
}
