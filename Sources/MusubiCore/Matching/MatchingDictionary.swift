import Foundation

/// The concept dictionary as coordinators keep it: the bundled concepts, and those they
/// add (or terms they add to a bundled concept under its key). A change rebuilds the
/// matching index, so the next candidates already use it.
public struct MatchingDictionary: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    static let limits = (label: 60, terms: 50, term: 40, related: 20)

    public struct Entries: Sendable {
        public var bundled: [Concept]
        public var added: [Concept]
    }

    public func entries(_ actor: Requester) async throws -> Entries {
        try Policy.require(actor, .view, .conceptDictionary)
        let added = try await env.persistence.read { try await $0.concepts.all() }
        return Entries(bundled: ConceptDictionary.standard.concepts, added: added)
    }

    /// Adds a concept or replaces an added one. Under a bundled concept's key, the terms and
    /// related concepts extend it and its labels stay.
    public func save(_ actor: Requester, _ concept: Concept) async throws {
        try Policy.require(actor, .edit, .conceptDictionary)
        let added = try await env.persistence.read { try await $0.concepts.all() }
        let clean = try validate(concept, known: ConceptDictionary.standard.concepts + added)
        let now = env.now()
        try await env.persistence.write { repos in
            try await repos.concepts.save(clean, by: actor.memberID, at: now)
            try await repos.audit.append(
                actorID: actor.memberID, action: .conceptSaved, subjectType: "concept", subjectID: nil, detail: clean.key, at: now)
        }
        try await Matchmaking(env).rebuildIndex()
    }

    public func remove(_ actor: Requester, key: String) async throws {
        try Policy.require(actor, .edit, .conceptDictionary)
        let now = env.now()
        try await env.persistence.write { repos in
            guard try await repos.concepts.delete(key: key) else { throw MusubiError.notFound }
            try await repos.audit.append(
                actorID: actor.memberID, action: .conceptRemoved, subjectType: "concept", subjectID: nil, detail: key, at: now)
        }
        try await Matchmaking(env).rebuildIndex()
    }

    /// Each concept's key under its key and its labels, lower-cased (a label two concepts share
    /// names the first).
    static func keysByName(_ concepts: [Concept]) -> [String: String] {
        var names: [String: String] = [:]
        for concept in concepts {
            for name in [concept.key, concept.label, concept.labelEn] where !name.isEmpty && names[name.lowercased()] == nil {
                names[name.lowercased()] = concept.key
            }
        }
        return names
    }

    /// A key of lower-case latin letters, digits and hyphens; labels unless it extends a
    /// bundled concept; at least one term; related concepts that exist, named by key or by
    /// their Japanese or English label (as coordinators know them), kept as keys.
    private func validate(_ concept: Concept, known: [Concept]) throws -> Concept {
        var check = Validator()
        var clean = concept
        clean.key = concept.key.trimmingCharacters(in: .whitespaces).lowercased()
        let keyAllowed =
            clean.key.count >= 2 && clean.key.count <= 40
            && clean.key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if !keyAllowed { check.fail("key", "error.concept_key") }
        let bundled = ConceptDictionary.standard.concepts.first { $0.key == clean.key }
        clean.label = check.text("label", bundled?.label ?? concept.label, required: true, limit: Self.limits.label)
        clean.labelEn = check.text("labelEn", bundled?.labelEn ?? concept.labelEn, limit: Self.limits.label)
        if clean.labelEn.isEmpty { clean.labelEn = clean.label }
        clean.terms = check.list("terms", concept.terms, maxCount: Self.limits.terms, maxLength: Self.limits.term)
        if clean.terms.isEmpty { check.fail("terms", "error.required") }
        let named = Self.keysByName(known)
        let related = concept.related.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if related.contains(where: { named[$0.lowercased()] == nil }) { check.fail("related", "error.concept_unknown") }
        clean.related = Array(Set(related.compactMap { named[$0.lowercased()] }.filter { $0 != clean.key })).sorted()
        if clean.related.count > Self.limits.related { check.fail("related", "error.too_many") }
        try check.check()
        return clean
    }
}
