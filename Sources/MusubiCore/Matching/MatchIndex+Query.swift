import Foundation

extension MatchIndex {
    /// The best documents of `kinds` for `query`, best first. The query need not be in the
    /// index and is never its own candidate. `isAllowed` narrows the candidates to what a
    /// viewer may see; `explain: false` skips the reasons (bulk matching needs only ids).
    public func candidates(
        for query: MatchDocument, kinds: Set<MatchDocument.Kind>, limit: Int = 10, now: Date = Date(), explain: Bool = true,
        where isAllowed: (String) -> Bool = { _ in true }
    ) -> [Candidate] {
        guard limit > 0 else { return [] }
        let features = TextFeatures(Self.text(of: query), dictionary: dictionary)
        let accumulated = accumulate(features)
        let queryConcepts = Set(features.concepts.keys)
        let queryMass = queryConcepts.reduce(Float(0)) { $0 + conceptWeight($1) }

        var best = TopScores(limit: limit)
        for index in accumulated.dot.indices where accumulated.dot[index] > 0 || accumulated.shared[index] > 0 || accumulated.related[index] > 0 {
            guard let slot = slots[index], slot.id != query.id, kinds.contains(slot.kind), slot.status != .closed else { continue }
            if let expiry = slot.expiresAt, expiry <= now { continue }
            let shared = accumulated.shared[index], related = accumulated.related[index]
            let mass = max(1e-9, conceptMasses[index])
            let conceptScore = shared > 0 ? Double(shared / max(1e-9, (queryMass * mass).squareRoot())) : 0
            let relatedScore = related > 0 ? Double(min(1, related / mass)) : 0
            let termScore = accumulated.queryNorm > 0 && norms[index] > 0 ? Double(accumulated.dot[index] / (accumulated.queryNorm * norms[index])) : 0
            let content = weights.concepts * conceptScore + weights.related * relatedScore + weights.terms * termScore
            guard content > 0 else { continue }
            let bridged = shared > 0 || related > 0
            var score = content + weights.fields * fieldScore(query.fields, slot.fields, bridged: bridged)
            if let mine = query.sector, let theirs = slot.sector { score += weights.sectors * Self.complementarity(mine, theirs) }
            score *= Self.statusFactor(slot.status)
            if let updated = slot.updatedAt {
                let days = max(0, now.timeIntervalSince(updated) / 86_400)
                score *= 0.5 + 0.5 * pow(0.5, days / weights.halfLifeDays)
            }
            guard best.admits(score, slot.id), isAllowed(slot.id) else { continue }
            best.insert(index: index, id: slot.id, score: score)
        }
        return best.ranked.map { entry in
            let reasons = explain ? self.reasons(query: query, features: features, slot: slots[entry.index]!) : []
            return Candidate(id: entry.id, score: entry.score, reasons: reasons)
        }
    }

    /// For every slot: the TF-IDF dot product with the query, the mass of the concepts it
    /// shares with the query and of the concepts related to the query's.
    private func accumulate(_ features: TextFeatures) -> (dot: [Float], shared: [Float], related: [Float], queryNorm: Float) {
        var dot = [Float](repeating: 0, count: slots.count)
        var queryNorm: Float = 0
        for (gram, count) in features.grams {
            let id = gramIDs[gram]
            let idf = inverseFrequency(id.map { gramPostings[Int($0)].slots.count } ?? 0)
            let weight = (1 + log(Float(count))) * idf
            queryNorm += weight * weight
            guard let id else { continue }
            let postings = gramPostings[Int(id)]
            let factor = weight * idf
            postings.slots.withUnsafeBufferPointer { slots in
                postings.weights.withUnsafeBufferPointer { weights in
                    for position in slots.indices { dot[Int(slots[position])] += factor * weights[position] }
                }
            }
        }
        let queryConcepts = Set(features.concepts.keys)
        var shared = [Float](repeating: 0, count: slots.count)
        for concept in queryConcepts {
            let weight = conceptWeight(concept)
            for slot in conceptPostings[concept] { shared[Int(slot)] += weight }
        }
        var related = [Float](repeating: 0, count: slots.count)
        for concept in relatedConcepts(of: queryConcepts) {
            let weight = conceptWeight(concept)
            for slot in conceptPostings[concept] { related[Int(slot)] += weight }
        }
        return (dot, shared, related, queryNorm.squareRoot())
    }

    /// Concepts related to the query's that it does not mention itself.
    func relatedConcepts(of concepts: Set<Int>) -> Set<Int> {
        Set(concepts.flatMap { dictionary.relatedIndices[$0] }).subtracting(concepts)
    }

    /// 1 for a shared field, or for a bridge between different fields that a concept
    /// carries: what a mix is for.
    func fieldScore(_ mine: [String], _ theirs: [String], bridged: Bool) -> Double {
        if mine.contains(where: theirs.contains) { return 1 }
        if bridged, let from = mine.first, let to = theirs.first, fields.root(of: from) != fields.root(of: to) { return 1 }
        return 0
    }
}

/// The best `limit` scores seen so far, best first; ties go to the smaller id so that a
/// ranking never depends on the order of the index.
struct TopScores {
    struct Entry {
        var index: Int
        var id: String
        var score: Double
    }

    let limit: Int
    private(set) var ranked: [Entry] = []

    init(limit: Int) {
        self.limit = limit
        ranked.reserveCapacity(limit + 1)
    }

    func admits(_ score: Double, _ id: String) -> Bool {
        guard ranked.count == limit, let last = ranked.last else { return true }
        return Self.precedes(score, id, last.score, last.id)
    }

    mutating func insert(index: Int, id: String, score: Double) {
        let position = ranked.firstIndex { !Self.precedes($0.score, $0.id, score, id) } ?? ranked.count
        ranked.insert(Entry(index: index, id: id, score: score), at: position)
        if ranked.count > limit { ranked.removeLast() }
    }

    private static func precedes(_ score: Double, _ id: String, _ otherScore: Double, _ otherID: String) -> Bool {
        score != otherScore ? score > otherScore : id < otherID
    }
}
