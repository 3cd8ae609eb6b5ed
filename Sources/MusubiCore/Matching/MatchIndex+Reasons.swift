import Foundation

extension MatchIndex {
    /// Why `slot` was proposed for the query, in terms the page turns into words.
    func reasons(query: MatchDocument, features: TextFeatures, slot: Slot) -> [Reason] {
        var reasons: [Reason] = []
        let queryConcepts = Set(features.concepts.keys)
        let theirs = Set(slot.concepts.map(Int.init))
        let shared = queryConcepts.intersection(theirs)
        if !shared.isEmpty { reasons.append(.sharedConcepts(shared.sorted().map(conceptLabel))) }
        let related = relatedConcepts(of: queryConcepts).intersection(theirs)
        if !related.isEmpty { reasons.append(.relatedConcepts(related.sorted().map(conceptLabel))) }
        let phrases = Self.sharedPhrases(features.normalized, slot.normalized)
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

    /// The longest runs of Japanese or latin characters both texts contain (two or more
    /// characters, at most five runs), for saying in words what they share.
    static func sharedPhrases(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = 5) -> [String] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        var best: [String: Int] = [:]
        for i in 1...a.count {
            for j in 1...b.count {
                if a[i - 1] == b[j - 1], ScriptKind(a[i - 1]) != .other {
                    current[j] = previous[j - 1] + 1
                    let length = current[j]
                    // Record a run where it ends.
                    if length >= 2, i == a.count || j == b.count || a[i] != b[j] {
                        best[String(String.UnicodeScalarView(a[(i - length)..<i]))] = length
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
