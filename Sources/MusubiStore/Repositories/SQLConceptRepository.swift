import Foundation
import MusubiCore
import SQLKit

struct SQLConceptRepository: ConceptRepository {
    let db: any SQLDatabase

    func all() async throws -> [Concept] {
        try await db.raw("SELECT * FROM concepts ORDER BY key").all().map { row in
            Concept(
                key: try row.string("key"), label: try row.string("label"), labelEn: try row.string("label_en"),
                terms: try row.stringList("terms"), related: try row.stringList("related"))
        }
    }

    func save(_ concept: Concept, by memberID: Int64?, at: Date) async throws {
        try await db.raw(
            """
            INSERT INTO concepts (key, label, label_en, terms, related, updated_by, updated_at)
            VALUES (\(bind: concept.key), \(bind: concept.label), \(bind: concept.labelEn), \(bind: JSONList.encode(concept.terms)),
              \(bind: JSONList.encode(concept.related)), \(bind: memberID), \(bind: at.epochMilliseconds))
            ON CONFLICT (key) DO UPDATE SET label = excluded.label, label_en = excluded.label_en, terms = excluded.terms,
              related = excluded.related, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """
        ).run()
    }

    func delete(key: String) async throws -> Bool {
        try await db.raw("DELETE FROM concepts WHERE key = \(bind: key) RETURNING key").first() != nil
    }
}
