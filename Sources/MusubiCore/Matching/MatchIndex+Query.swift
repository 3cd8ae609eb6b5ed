import Foundation

extension MatchIndex {
    /// The best documents of `kinds` for `query`, best first. The query need not be in the
    /// index and is never its own candidate. `isAllowed` narrows the candidates to what a
    /// viewer may see; `explain: false` skips the reasons (bulk matching needs only ids), and
    /// `sharedTerms: false` the shared phrases among them, the costliest to find (the weekly
    /// digest names only the concepts).
    public func candidates(
        for query: MatchDocument, kinds: Set<MatchDocument.Kind>, limit: Int = 10, now: Date = Date(), explain: Bool = true,
        sharedTerms: Bool = true, where isAllowed: (String) -> Bool = { _ in true }
    ) -> [Candidate] {
        guard limit > 0 else { return [] }
        let features = TextFeatures(Self.text(of: query), dictionary: dictionary)
        let (dot, conceptHits, queryNorm) = accumulate(features)
        guard queryNorm > 0 else { return [] }

        // The cosine of every slot of the asked kinds; then the full score, in order of
        // cosine, for as long as a raise could still lift a slot into the best.
        let wanted = kinds.reduce(UInt8(0)) { $0 | Self.bit($1) }
        var cosines: [(index: Int, cosine: Float)] = []
        for index in dot.indices where dot[index] > 0 && kindBits[index] & wanted != 0 && norms[index] > 0 {
            cosines.append((index, dot[index] / (queryNorm * norms[index])))
        }
        // The most a raise can do, with a little slack so that rounding never stops the scan
        // at a slot that would tie with the last of the best.
        let maximumRaise = (1 + weights.field + weights.sector) * (1 + 1e-9)
        var best = TopScores(limit: limit)
        func cannotEnter(_ cosine: Float) -> Bool {
            guard best.isFull, let last = best.ranked.last else { return false }
            return Double(cosine) * maximumRaise < last.score
        }
        var examined = 0
        for batch in [min(limit * 4 + 16, cosines.count), cosines.count] where examined < cosines.count {
            if examined == 0 { Self.moveLargest(batch, of: &cosines) } else { cosines[examined...].sort { $0.cosine > $1.cosine } }
            for (index, cosine) in cosines[examined..<batch] {
                if cannotEnter(cosine) { break }
                guard let slot = slots[index], slot.id != query.id, slot.status != .closed else { continue }
                if let expiry = slot.expiresAt, expiry <= now { continue }
                let score = fullScore(cosine: cosine, query: query, slot: slot, bridged: conceptHits[index], now: now)
                guard best.admits(score, slot.id), isAllowed(slot.id) else { continue }
                best.insert(index: index, id: slot.id, score: score)
            }
            examined = batch
            // Whatever is left has no larger cosine than the smallest of the batch.
            if cannotEnter(cosines[batch - 1].cosine) { break }
        }
        return best.ranked.map { entry in
            let reasons = explain ? self.reasons(query: query, features: features, slot: slots[entry.index]!, sharedTerms: sharedTerms) : []
            return Candidate(id: entry.id, score: entry.score, reasons: reasons, fields: slots[entry.index]!.fields)
        }
    }

    /// The cosine raised for fields and sectors, lowered for status and age.
    private func fullScore(cosine: Float, query: MatchDocument, slot: Slot, bridged: Bool, now: Date) -> Double {
        var raise = fieldRelation(query.fields, slot.fields, bridged: bridged) == nil ? 0 : weights.field
        if let mine = query.sector, let theirs = slot.sector { raise += weights.sector * Self.complementarity(mine, theirs) }
        var score = Double(cosine) * (1 + raise) * Self.statusFactor(slot.status)
        if let updated = slot.updatedAt {
            let days = max(0, now.timeIntervalSince(updated) / 86_400)
            score *= 0.5 + 0.5 * pow(0.5, days / weights.halfLifeDays)
        }
        return score
    }

    /// Moves the `count` largest cosines to the front, largest first; the rest keep no order.
    static func moveLargest(_ count: Int, of cosines: inout [(index: Int, cosine: Float)]) {
        guard count < cosines.count else {
            cosines.sort { $0.cosine > $1.cosine }
            return
        }
        // A min-heap of the largest seen so far, at the front of the array.
        var heap = Array(cosines.prefix(count)).sorted { $0.cosine < $1.cosine }
        for candidate in cosines[count...] where candidate.cosine > heap[0].cosine {
            heap[0] = candidate
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < count, heap[left].cosine < heap[smallest].cosine { smallest = left }
                if right < count, heap[right].cosine < heap[smallest].cosine { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        let chosen = Set(heap.map(\.index))
        let rest = cosines.filter { !chosen.contains($0.index) }
        cosines = heap.sorted { $0.cosine > $1.cosine } + rest
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

    /// A shared field, or a bridge between different fields that a concept carries: what a
    /// mix is for. Either raises the score alike.
    func fieldRelation(_ mine: [String], _ theirs: [String], bridged: Bool) -> Reason? {
        if let same = mine.first(where: theirs.contains) { return .sameField(same) }
        if bridged, let from = mine.first, let to = theirs.first, fields.root(of: from) != fields.root(of: to) { return .bridgesFields(from, to) }
        return nil
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
    var isFull: Bool { ranked.count == limit }

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
