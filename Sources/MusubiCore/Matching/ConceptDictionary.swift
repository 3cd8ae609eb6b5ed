import Foundation

/// A concept the matching engine recognises under several surface forms: ファインバブル,
/// マイクロバブル and 微細気泡 are one concept, and a problem written in a user's words
/// (汚れが落ちない) meets a technology written in a researcher's (洗浄) through `related`.
/// Coordinators extend the dictionary; the bundled one covers the region's usual fields.
public struct Concept: Codable, Sendable, Equatable {
    public var key: String
    public var label: String
    public var labelEn: String
    /// Surface forms, in any script and width; they are normalised before use.
    public var terms: [String]
    /// Keys of concepts that often meet this one across a problem and its solution.
    public var related: [String]

    public init(key: String, label: String, labelEn: String, terms: [String], related: [String] = []) {
        self.key = key
        self.label = label
        self.labelEn = labelEn
        self.terms = terms
        self.related = related
    }
}

/// The concepts, and a trie of their normalised surface forms for finding them in text in
/// one pass.
public struct ConceptDictionary: Sendable {
    public let concepts: [Concept]
    /// For each concept, the indices of its related concepts (both directions).
    let relatedIndices: [[Int]]
    private let trie: SurfaceTrie

    public init(_ concepts: [Concept]) {
        self.concepts = concepts
        let indexByKey = Dictionary(concepts.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        var related = Array(repeating: Set<Int>(), count: concepts.count)
        for (index, concept) in concepts.enumerated() {
            for key in concept.related {
                guard let other = indexByKey[key], other != index else { continue }
                related[index].insert(other)
                related[other].insert(index)
            }
        }
        self.relatedIndices = related.map { $0.sorted() }
        var trie = SurfaceTrie()
        for (index, concept) in concepts.enumerated() {
            for term in concept.terms + [concept.label, concept.labelEn] {
                trie.insert(JapaneseText.normalize(term), concept: index)
            }
        }
        self.trie = trie
    }

    public static let empty = ConceptDictionary([])

    /// The bundled dictionary, read once. It ships inside the binary's resources, so a
    /// failure to read it is a broken build, not a condition to carry on from.
    public static let standard: ConceptDictionary = {
        do {
            return try bundled()
        } catch {
            fatalError("The bundled concept dictionary cannot be read: \(error)")
        }
    }()

    /// The dictionary that ships with Musubi (Resources/matching/concepts.json).
    public static func bundled() throws -> ConceptDictionary {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("matching/concepts.json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return ConceptDictionary(try JSONDecoder().decode([Concept].self, from: Data(contentsOf: url)))
    }

    /// This dictionary with more concepts; an added concept with a known key extends that
    /// concept's terms and relations.
    public func extended(with additions: [Concept]) -> ConceptDictionary {
        var merged = concepts
        for addition in additions {
            if let index = merged.firstIndex(where: { $0.key == addition.key }) {
                merged[index].terms += addition.terms
                merged[index].related += addition.related
            } else {
                merged.append(addition)
            }
        }
        return ConceptDictionary(merged)
    }

    /// The concepts found in normalised text, with how often each was found.
    func occurrences(in normalized: [Unicode.Scalar]) -> [Int: Int] {
        trie.matches(in: normalized)
    }
}

/// Normalised surface forms by character. A form made only of latin letters and digits
/// (AI, IoT) matches only as a whole word, so that "ai" is not found in "maintain".
struct SurfaceTrie: Sendable {
    private var children: [[UInt32: Int32]] = [[:]]
    private var concepts: [[Int]] = [[]]
    private var wholeWord: [Bool] = [false]

    mutating func insert(_ surface: String, concept: Int) {
        guard !surface.isEmpty else { return }
        var node = 0
        for scalar in surface.unicodeScalars {
            if let next = children[node][scalar.value] {
                node = Int(next)
            } else {
                children.append([:])
                concepts.append([])
                wholeWord.append(false)
                children[node][scalar.value] = Int32(children.count - 1)
                node = children.count - 1
            }
        }
        if !concepts[node].contains(concept) { concepts[node].append(concept) }
        wholeWord[node] = surface.unicodeScalars.allSatisfy(\.isWordCharacter)
    }

    func matches(in text: [Unicode.Scalar]) -> [Int: Int] {
        var found: [Int: Int] = [:]
        for start in text.indices {
            if start > 0, text[start - 1].isWordCharacter, text[start].isWordCharacter { continue }
            var node = 0
            var position = start
            while position < text.count, let next = children[node][text[position].value] {
                node = Int(next)
                position += 1
                guard !concepts[node].isEmpty else { continue }
                if wholeWord[node], position < text.count, text[position].isWordCharacter { continue }
                for concept in concepts[node] { found[concept, default: 0] += 1 }
            }
        }
        return found
    }
}
