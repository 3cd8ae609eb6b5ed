import Foundation

/// The matching engine's index: every document's features, the documents by concept and
/// by gram, and how many documents have each (for weighting what is rare). Kept in memory;
/// the server adds and removes documents as listings change and rebuilds it at start.
///
/// A candidate's score mixes four signals, each between 0 and 1:
/// - concepts the two share, or that are related (a problem and its solution), weighted by
///   rarity;
/// - the words they share (cosine of TF-IDF over character bigrams and latin words);
/// - fields: the same field, or a bridge between different fields through a shared concept;
/// - sectors that complement each other (a company's need, a college's seed);
/// and is then discounted by status and age.
public struct MatchIndex: Sendable {
    public struct Candidate: Sendable, Equatable {
        public var id: String
        public var score: Double
        public var reasons: [Reason]
    }

    /// Why a candidate was proposed, in terms the page turns into words.
    public enum Reason: Sendable, Equatable {
        case sharedConcepts([String])
        case relatedConcepts([String])
        case sharedTerms([String])
        case sameField(String)
        case bridgesFields(String, String)
        case complementarySectors(Sector, Sector)
    }

    public struct Weights: Sendable {
        public var concepts = 0.45
        public var related = 0.15
        public var terms = 0.30
        public var fields = 0.05
        public var sectors = 0.05
        /// Days after which an unchanged document counts half.
        public var halfLifeDays = 365.0
        public init() {}
    }

    private struct Entry: Sendable {
        var document: MatchDocument
        var features: TextFeatures
    }

    public let dictionary: ConceptDictionary
    public let fields: FieldHierarchy
    public var weights = Weights()
    private var entries: [String: Entry] = [:]
    private var byConcept: [Int: Set<String>] = [:]
    private var byGram: [String: Set<String>] = [:]

    public init(dictionary: ConceptDictionary, fields: FieldHierarchy = FieldHierarchy()) {
        self.dictionary = dictionary
        self.fields = fields
    }

    public var count: Int { entries.count }

    /// Adds a document, or replaces the one with its id.
    public mutating func add(_ document: MatchDocument) {
        remove(id: document.id)
        let features = TextFeatures(Self.text(of: document), dictionary: dictionary)
        for concept in features.concepts.keys { byConcept[concept, default: []].insert(document.id) }
        for gram in features.grams.keys { byGram[gram, default: []].insert(document.id) }
        entries[document.id] = Entry(document: document, features: features)
    }

    public mutating func remove(id: String) {
        guard let old = entries.removeValue(forKey: id) else { return }
        for concept in old.features.concepts.keys { byConcept[concept]?.remove(id) }
        for gram in old.features.grams.keys {
            byGram[gram]?.remove(id)
            if byGram[gram]?.isEmpty == true { byGram[gram] = nil }
        }
    }

    /// The best documents of `kinds` for `query`, best first. The query need not be in the
    /// index. Closed documents are never candidates.
    public func candidates(for query: MatchDocument, kinds: Set<MatchDocument.Kind>, limit: Int = 10, now: Date = Date()) -> [Candidate] {
        let queryFeatures = TextFeatures(Self.text(of: query), dictionary: dictionary)
        let queryVector = gramVector(queryFeatures)
        let queryNorm = norm(queryVector)
        let queryConcepts = Set(queryFeatures.concepts.keys)
        let queryRelated = Set(queryConcepts.flatMap { dictionary.relatedIndices[$0] }).subtracting(queryConcepts)

        var pool: Set<String> = []
        for concept in queryConcepts.union(queryRelated) { pool.formUnion(byConcept[concept] ?? []) }
        // The rarest grams of the query bring in documents that share words but no concept.
        let rareGrams = queryVector.sorted { $0.value > $1.value }.prefix(24).map(\.key)
        for gram in rareGrams { pool.formUnion(byGram[gram] ?? []) }
        pool.remove(query.id)

        var scored: [Candidate] = []
        for id in pool {
            guard let entry = entries[id], kinds.contains(entry.document.kind), entry.document.status != .closed else { continue }
            let candidate = score(entry, query: query, queryFeatures: queryFeatures, queryVector: queryVector, queryNorm: queryNorm,
                                  queryConcepts: queryConcepts, now: now)
            if candidate.score > 0 { scored.append(candidate) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return Array(scored.prefix(limit))
    }

    private func score(
        _ entry: Entry, query: MatchDocument, queryFeatures: TextFeatures, queryVector: [String: Double], queryNorm: Double,
        queryConcepts: Set<Int>, now: Date
    ) -> Candidate {
        let document = entry.document
        var reasons: [Reason] = []

        let candidateConcepts = Set(entry.features.concepts.keys)
        let shared = queryConcepts.intersection(candidateConcepts)
        let conceptMass = { (concepts: Set<Int>) in concepts.reduce(0.0) { $0 + conceptWeight($1) } }
        let conceptScore = shared.isEmpty ? 0 : conceptMass(shared) / max(1e-9, sqrt(conceptMass(queryConcepts) * conceptMass(candidateConcepts)))
        if !shared.isEmpty { reasons.append(.sharedConcepts(shared.sorted().map { dictionary.concepts[$0].label })) }

        var relatedPairs: Set<Int> = []
        for concept in queryConcepts.subtracting(shared) {
            for other in dictionary.relatedIndices[concept] where candidateConcepts.contains(other) && !shared.contains(other) {
                relatedPairs.insert(other)
            }
        }
        let relatedScore = relatedPairs.isEmpty ? 0 : min(1, conceptMass(relatedPairs) / max(1e-9, conceptMass(candidateConcepts)))
        if !relatedPairs.isEmpty { reasons.append(.relatedConcepts(relatedPairs.sorted().map { dictionary.concepts[$0].label })) }

        let candidateVector = gramVector(entry.features)
        var dot = 0.0
        for (gram, weight) in queryVector { dot += weight * (candidateVector[gram] ?? 0) }
        let termScore = queryNorm > 0 ? dot / (queryNorm * max(1e-9, norm(candidateVector))) : 0
        let phrases = Self.sharedPhrases(queryFeatures.normalized, entry.features.normalized)
        if !phrases.isEmpty { reasons.append(.sharedTerms(phrases)) }

        var fieldScore = 0.0
        if let same = query.fields.first(where: document.fields.contains) {
            fieldScore = 1
            reasons.append(.sameField(same))
        } else if let from = query.fields.first, let to = document.fields.first,
                  fields.root(of: from) != fields.root(of: to), !shared.isEmpty || !relatedPairs.isEmpty {
            fieldScore = 1 // a bridge between fields, carried by a concept: what a mix is for
            reasons.append(.bridgesFields(from, to))
        }

        var sectorScore = 0.0
        if let mine = query.sector, let theirs = document.sector {
            sectorScore = Self.complementarity(mine, theirs)
            if sectorScore >= 0.75 { reasons.append(.complementarySectors(mine, theirs)) }
        }

        let content = weights.concepts * conceptScore + weights.related * relatedScore + weights.terms * termScore
        guard content > 0 else { return Candidate(id: document.id, score: 0, reasons: []) }
        var score = content + weights.fields * fieldScore + weights.sectors * sectorScore
        score *= Self.statusFactor(document.status)
        if let updated = document.updatedAt {
            let days = max(0, now.timeIntervalSince(updated) / 86_400)
            score *= 0.5 + 0.5 * pow(0.5, days / weights.halfLifeDays)
        }
        return Candidate(id: document.id, score: score, reasons: reasons)
    }

    /// Rare concepts say more than common ones.
    private func conceptWeight(_ concept: Int) -> Double {
        log(Double(entries.count + 1) / Double((byConcept[concept]?.count ?? 0) + 1)) + 1
    }

    private func gramVector(_ features: TextFeatures) -> [String: Double] {
        let total = Double(entries.count + 1)
        var vector: [String: Double] = [:]
        for (gram, count) in features.grams {
            let idf = log(total / Double((byGram[gram]?.count ?? 0) + 1)) + 1
            vector[gram] = (1 + log(Double(count))) * idf
        }
        return vector
    }

    private func norm(_ vector: [String: Double]) -> Double {
        sqrt(vector.values.reduce(0) { $0 + $1 * $1 })
    }

    private static func text(of document: MatchDocument) -> String {
        ([document.title, document.title, document.body] + document.keywords).joined(separator: "\n")
    }

    /// How well two sectors complement each other for a match (1 best). Industry with
    /// academia or a public research or support body is the classic 産学 pairing; finance
    /// and government connect rather than solve.
    static func complementarity(_ a: Sector, _ b: Sector) -> Double {
        switch (a, b) {
        case (.industry, .academia), (.academia, .industry), (.industry, .support), (.support, .industry): 1
        case (.industry, .industry): 0.75
        case (.academia, .support), (.support, .academia): 0.5
        case (.finance, _), (_, .finance), (.government, _), (_, .government): 0.25
        default: 0.25
        }
    }

    static func statusFactor(_ status: MatchDocument.Status) -> Double {
        switch status {
        case .open: 1
        case .inDiscussion: 0.7
        case .matched: 0.3
        case .closed: 0
        }
    }

    /// The longest runs of Japanese or latin characters both texts contain (two or more
    /// characters, at most five runs), for saying in words what they share.
    static func sharedPhrases(_ a: [Character], _ b: [Character], limit: Int = 5) -> [String] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        var best: [String: Int] = [:]
        for i in 1...a.count {
            for j in 1...b.count {
                if a[i - 1] == b[j - 1], !a[i - 1].isWhitespace, !a[i - 1].isPunctuation {
                    current[j] = previous[j - 1] + 1
                    let length = current[j]
                    // Record a run where it ends.
                    if length >= 2, i == a.count || j == b.count || a[i] != b[j] {
                        let phrase = String(a[(i - length)..<i])
                        best[phrase] = length
                    }
                } else {
                    current[j] = 0
                }
            }
            swap(&previous, &current)
        }
        let phrases = Set(best.keys.compactMap(Self.contentWords)).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        var chosen: [String] = []
        for phrase in phrases where !chosen.contains(where: { $0.contains(phrase) }) {
            chosen.append(phrase)
            if chosen.count == limit { break }
        }
        return chosen
    }

    /// The phrase without the particles it ends in (陸上養殖の → 陸上養殖), or nil when it is
    /// nothing but short kana (について). Katakana is hiragana after normalisation, so a long
    /// kana run (まいくろばぶる) is kept as the word it probably is.
    private static func contentWords(_ phrase: String) -> String? {
        let isKana = { (character: Character) in character.unicodeScalars.allSatisfy { (0x3041...0x309F).contains($0.value) } }
        if phrase.allSatisfy(isKana) { return phrase.count >= 5 ? phrase : nil }
        var trimmed = phrase.trimmingCharacters(in: .whitespaces)
        while let last = trimmed.last, isKana(last) { trimmed.removeLast() }
        return trimmed.count >= 2 ? trimmed : nil
    }
}
