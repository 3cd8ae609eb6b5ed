import Foundation

extension MatchIndex {
    /// Why `slot` was proposed for the query, in terms the page turns into words.
    func reasons(query: MatchDocument, features: TextFeatures, slot: Slot, sharedTerms: Bool = true) -> [Reason] {
        var reasons: [Reason] = []
        let queryConcepts = Set(features.concepts.keys)
        let theirs = Set(slot.concepts.map(Int.init))
        let shared = queryConcepts.intersection(theirs)
        if !shared.isEmpty { reasons.append(.sharedConcepts(shared.sorted().map(conceptLabel))) }
        let related = relatedConcepts(of: queryConcepts).intersection(theirs)
        if !related.isEmpty { reasons.append(.relatedConcepts(related.sorted().map(conceptLabel))) }
        let phrases = sharedTerms ? Self.sharedPhrases(features.normalized, slot.normalized) : []
        if !phrases.isEmpty { reasons.append(.sharedTerms(phrases)) }
        if let field = fieldRelation(query.fields, slot.fields, bridged: !shared.isEmpty || !related.isEmpty) { reasons.append(field) }
        if let mine = query.sector, let other = slot.sector, Self.complementarity(mine, other) >= 0.75 {
            reasons.append(.complementarySectors(mine, other))
        }
        return reasons
    }

    private func conceptLabel(_ index: Int) -> ConceptLabel {
        ConceptLabel(ja: dictionary.concepts[index].label, en: dictionary.concepts[index].labelEn)
    }

    /// How well two sectors complement each other for a match (1 best). Industry with
    /// academia or a public research or support body is the classic 産学 pairing; finance
    /// and government connect rather than solve.
    static func complementarity(_ a: Sector, _ b: Sector) -> Double {
        switch (a, b) {
        case (.industry, .academia), (.academia, .industry), (.industry, .support), (.support, .industry): 1
        case (.industry, .industry): 0.75
        case (.academia, .support), (.support, .academia): 0.5
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

    /// How much of each text the search for shared phrases reads: it compares every
    /// character of one with every character of the other.
    static let phraseScalarLimit = 1_000
    /// The longest phrase reported; a longer shared run is reported by its last characters.
    static let phraseLengthLimit = 40

    /// The longest runs of Japanese or latin characters both texts contain (two or more
    /// characters, at most five runs), for saying in words what they share. Reads the first
    /// `phraseScalarLimit` scalars of each text, and keeps for every place in `a` only the
    /// longest run that ends there, so that repetitive texts cost no more than others.
    static func sharedPhrases(_ fullA: [Unicode.Scalar], _ fullB: [Unicode.Scalar], limit: Int = 5) -> [String] {
        let a = fullA.prefix(phraseScalarLimit)
        let b = fullB.prefix(phraseScalarLimit)
        guard !a.isEmpty, !b.isEmpty else { return [] }
        // Whether a character may be part of a phrase (punctuation and spaces may not).
        let counts = a.map { ScriptKind($0) != .other }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        var longestEndingAt = [Int](repeating: 0, count: a.count + 1)
        for i in 1...a.count {
            guard counts[i - 1] else {
                previous.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                continue
            }
            let character = a[i - 1]
            let next = i < a.count && counts[i] ? a[i] : nil
            for j in 1...b.count {
                if character == b[j - 1] {
                    let length = min(previous[j - 1] + 1, phraseLengthLimit)
                    current[j] = length
                    // Record a run where it ends.
                    if length > max(1, longestEndingAt[i]), next == nil || j == b.count || next != b[j] { longestEndingAt[i] = length }
                } else {
                    current[j] = 0
                }
            }
            swap(&previous, &current)
        }
        var runs = Set<String>()
        for (end, length) in longestEndingAt.enumerated() where length >= 2 {
            runs.insert(String(String.UnicodeScalarView(a[(end - length)..<end])))
        }
        let phrases = Set(runs.compactMap(Self.contentWords)).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        var chosen: [String] = []
        for phrase in phrases where !chosen.contains(where: { $0.contains(phrase) }) {
            chosen.append(phrase)
            if chosen.count == limit { break }
        }
        return chosen
    }

    /// The phrase as a word worth showing, or nil. Kana at either end of a phrase with kanji
    /// is a particle or an inflection (の設 → 設, 陸上養殖の → 陸上養殖); what is left must be two
    /// characters or more (three for a latin word). Numbers shared by chance (約30, 0kg) are not a reason. Katakana is
    /// hiragana after normalisation, so a long kana run (まいくろばぶる) is kept as the word it
    /// probably is, unless it holds a verb ending or a function word (しています).
    private static func contentWords(_ phrase: String) -> String? {
        let isKana = { (character: Character) in character.unicodeScalars.allSatisfy(\.isHiragana) }
        var trimmed = Substring(phrase.trimmingCharacters(in: .whitespaces))
        if trimmed.contains(where: { $0.isASCII && $0.isNumber }) { return nil }
        if trimmed.allSatisfy(isKana) {
            return trimmed.count >= 5 && !functionKana.contains(where: trimmed.contains) ? String(trimmed) : nil
        }
        // A particle or two at the start (の設, では凍) goes; a longer run is a loanword
        // (まいくろばぶる発生) and stays.
        let leadingKana = trimmed.prefix(while: isKana).count
        if leadingKana <= 2 { trimmed.removeFirst(leadingKana) }
        while let last = trimmed.last, isKana(last) { trimmed.removeLast() }
        // A latin word needs three letters to say anything (kg, cm do not; iot does).
        let isLatin = trimmed.allSatisfy { $0.isASCII && $0.isLetter }
        return trimmed.count >= (isLatin ? 3 : 2) ? String(trimmed) : nil
    }

    /// Verb endings and function words that mark a kana run as grammar, not a term.
    private static let functionKana = ["ます", "です", "して", "いる", "ている", "ない", "れる", "られ", "ため", "こと", "よう", "について", "による", "から", "まで", "など"]
}
