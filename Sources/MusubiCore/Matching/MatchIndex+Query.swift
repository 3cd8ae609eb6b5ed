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
        let (dot, conceptHits, queryNorm) = accumulate(features)
        guard queryNorm > 0 else { return [] }

        var best = TopScores(limit: limit)
        for index in dot.indices where dot[index] > 0 {
            guard let slot = slots[index], slot.id != query.id, kinds.contains(slot.kind), slot.status != .closed, norms[index] > 0 else { continue }
            if let expiry = slot.expiresAt, expiry <= now { continue }
            var score = Double(dot[index] / (queryNorm * norms[index]))
            var raise = weights.field * fieldScore(query.fields, slot.fields, bridged: conceptHits[index])
            if let mine = query.sector, let theirs = slot.sector { raise += weights.sector * Self.complementarity(mine, theirs) }
            score *= (1 + raise) * Self.statusFactor(slot.status)
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

    /// For every slot, the dot product of its vector with the query's, and whether it shares
    /// a concept with the query or has one related to the query's; and the query's norm.
    private func accumulate(_ features: TextFeatures) -> (dot: [Float], conceptHits: [Bool], queryNorm: Float) {
        var dot = [Float](repeating: 0, count: slots.count)
        var conceptHits = [Bool](repeating: false, count: slots.count)
        var queryNorm: Float = 0
        func add(_ postings: Postings, queryWeight: Float, idf: Float, hits: Bool) {
            let factor = queryWeight * idf
            dot.withUnsafeMutableBufferPointer { dot in
                postings.slots.withUnsafeBufferPointer { slots in
                    postings.weights.withUnsafeBufferPointer { weights in
                        for position in slots.indices { dot[Int(slots[position])] += factor * weights[position] }
                    }
                }
            }
            if hits { for slot in postings.slots { conceptHits[Int(slot)] = true } }
        }
        for (gram, count) in features.grams {
            let id = gramIDs[gram]
            let idf = inverseFrequency(id.map { gramPostings[Int($0)].slots.count } ?? 0)
            let weight = (1 + log(Float(count))) * idf
            queryNorm += weight * weight
            if let id { add(gramPostings[Int(id)], queryWeight: weight, idf: idf, hits: false) }
        }
        let concepts = Set(features.concepts.keys)
        for (concept, count) in features.concepts {
            let idf = conceptWeight(concept)
            let weight = (1 + log(Float(count))) * idf
            queryNorm += weight * weight
            add(conceptPostings[concept], queryWeight: weight, idf: idf, hits: true)
        }
        for concept in relatedConcepts(of: concepts) {
            let idf = conceptWeight(concept)
            let weight = weights.related * idf
            queryNorm += weight * weight
            add(conceptPostings[concept], queryWeight: weight, idf: idf, hits: true)
        }
        return (dot, conceptHits, queryNorm.squareRoot())
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
