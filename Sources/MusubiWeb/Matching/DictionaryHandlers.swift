import Foundation
import Hummingbird
import MusubiCore

/// The coordinators' page for the matching engine's concept dictionary: what it knows, and
/// a form to add a concept or more words for one.
struct DictionaryHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func list(_ request: Request, _ context: Context) async throws -> Response {
        let key = try FormData.query(of: request)["key"]
        let entries = try await site.dictionary.entries(context.actor)
        var values: [String: String] = [:]
        if let concept = entries.added.first(where: { $0.key == key }) ?? entries.bundled.first(where: { $0.key == key }) {
            let isAdded = entries.added.contains { $0.key == key }
            values = [
                "key": concept.key, "label": concept.label, "labelEn": concept.labelEn,
                "terms": isAdded ? concept.terms.joined(separator: "、") : "",
                "related": isAdded ? concept.related.map { label(of: $0, in: entries, context) }.joined(separator: "、") : "",
            ]
        }
        return try await conceptsPage(entries, values: values, errors: [:], request, context)
    }

    func save(_ request: Request, _ context: Context) async throws -> Response {
        let form = context.form
        let concept = Concept(
            key: form["key"], label: form["label"], labelEn: form["labelEn"],
            terms: Validator.splitList(form["terms"]), related: Validator.splitList(form["related"])
        )
        do {
            try await site.dictionary.save(context.actor, concept)
            return site.redirect(Paths.concepts.href(), notice: "concept_saved")
        } catch let error as MusubiError where error.belongsOnTheForm {
            let values = ["key", "label", "labelEn", "terms", "related"].reduce(into: [String: String]()) { $0[$1] = String(form[$1].prefix(4_000)) }
            return try await conceptsPage(
                try await site.dictionary.entries(context.actor), values: values, errors: site.problems(error, context), request, context,
                status: .unprocessableContent)
        }
    }

    func remove(_ request: Request, _ context: Context) async throws -> Response {
        try await site.dictionary.remove(context.actor, key: try context.parameters.require("key"))
        return site.redirect(Paths.concepts.href(), notice: "concept_removed")
    }

    /// A concept's label in the reader's language, as the form takes related concepts.
    private func label(of key: String, in entries: MatchingDictionary.Entries, _ context: Context) -> String {
        guard let concept = (entries.added + entries.bundled).first(where: { $0.key == key }) else { return key }
        return context.language == .en ? concept.labelEn : concept.label
    }

    private func conceptsPage(
        _ entries: MatchingDictionary.Entries, values: [String: String], errors: [String: String], _ request: Request, _ context: Context,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let english = context.language == .en
        let separator = english ? ", " : "、"
        func row(_ concept: Concept) -> ConceptsPage.Row {
            ConceptsPage.Row(
                key: concept.key, label: english ? concept.labelEn : concept.label, terms: concept.terms.joined(separator: separator),
                related: concept.related.map { label(of: $0, in: entries, context) }.joined(separator: separator),
                removeHref: Paths.conceptRemoval.href(concept.key))
        }
        // Every concept by its label, for the related field's suggestions.
        let names = Array(Set((entries.added + entries.bundled).map { english ? $0.labelEn : $0.label })).sorted()
        let model = ConceptsPage(
            added: entries.added.map(row), bundled: entries.bundled.map(row), names: names, values: values, errors: errors)
        return site.render(model, title: site.t("concepts.title", context), request, context, status: status)
    }
}
