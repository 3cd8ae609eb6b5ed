import Foundation
import Synchronization

/// The matching engine's index, kept in memory: for every gram (character bigram of a
/// Japanese run, or a latin word) and every concept, the documents that have it, and for
/// every document what the score needs. The server adds and removes documents as listings
/// change and rebuilds it at start (`add(contentsOf:)`).
///
/// A candidate's score is the cosine of two TF-IDF vectors that hold the document's grams
/// and, as terms of their own, the concepts of the dictionary it mentions; the query's
/// vector also holds the concepts related to its own (a problem reaches its solution).
/// Concepts weigh more than one gram, and rare ones more than common ones. The cosine is
/// then raised for a shared field or a bridge between fields carried by a concept, and for
/// complementary sectors (a company's need, a college's seed), and lowered by status and
/// age. Closed and expired documents are never candidates.
///
/// Scoring walks only the postings of the query's grams and concepts, accumulating into a
/// flat array, so a query costs the length of those postings, not the size of the index.
public struct MatchIndex: Sendable {
    public struct Candidate: Sendable, Equatable {
        public var id: String
        public var score: Double
        public var reasons: [Reason]
        /// The candidate's field keys.
        public var fields: [String]
    }

    /// Why a candidate was proposed, in terms the page turns into words. Fields are named
    /// by their keys.
    public enum Reason: Sendable, Equatable {
        case sharedConcepts([ConceptLabel])
        case relatedConcepts([ConceptLabel])
        case sharedTerms([String])
        case sameField(String)
        case bridgesFields(String, String)
        case complementarySectors(Sector, Sector)
    }

    /// A concept as a reason names it, in either language.
    public struct ConceptLabel: Sendable, Equatable, Hashable, Codable {
        public var ja: String
        public var en: String

        public init(ja: String, en: String) {
            self.ja = ja
            self.en = en
        }
    }

    public struct Weights: Sendable {
        /// How much one mention of a concept weighs against one gram.
        public var concept: Float = 1
        /// How much a concept related to the query's weighs against one it mentions.
        public var related: Float = 0.5
        /// The raise for a shared field or a bridge, and for fully complementary sectors.
        public var field = 0.15
        public var sector = 0.15
        /// Days after which an unchanged document counts half.
        public var halfLifeDays = 365.0
        public init() {}
    }

    /// What scoring needs of an indexed document besides its postings.
    struct Slot: Sendable {
        var id: String
        var kind: MatchDocument.Kind
        var fields: [String]
        var sector: Sector?
        var status: MatchDocument.Status
        var updatedAt: Date?
        var expiresAt: Date?
        /// Sorted concept indices.
        var concepts: [Int32]
        /// The normalised text, for saying in words what two documents share.
        var normalized: [Unicode.Scalar]
    }

    /// The documents that have one gram or concept, with its log-scaled frequency in each.
    struct Postings: Sendable {
        var slots: [Int32] = []
        var weights: [Float] = []
    }

    public let dictionary: ConceptDictionary
    public let fields: FieldHierarchy
    public let weights: Weights

    var slots: [Slot?] = []
    /// Each slot's kind as a bit (0 for an empty slot), so that the scan of every scored
    /// slot touches no reference-counted value.
    var kindBits: [UInt8] = []
    private var slotByID: [String: Int32] = [:]
    private var freeSlots: [Int32] = []
    var gramIDs: [UInt64: Int32] = [:]
    var gramPostings: [Postings] = []
    var conceptPostings: [Postings]
    /// Removed documents whose postings are still in the lists; they are skipped when
    /// scoring and dropped by `compact()`. Frequencies count them until then.
    private var removedInPostings = 0
    /// Each slot's vector norm, computed with the frequencies as they were at `weightedAt`
    /// documents; recomputed when the index has grown or shrunk an eighth.
    var norms: [Float] = []
    private var weightedAt = 0

    public init(dictionary: ConceptDictionary, fields: FieldHierarchy = FieldHierarchy(), weights: Weights = Weights()) {
        self.dictionary = dictionary
        self.fields = fields
        self.weights = weights
        self.conceptPostings = Array(repeating: Postings(), count: dictionary.concepts.count)
    }

    public var count: Int { slotByID.count }

    /// The number of documents the frequencies are counted over.
    var documentFrequencyBase: Int { slotByID.count + removedInPostings }

    /// Adds a document, or replaces the one with its id.
    public mutating func add(_ document: MatchDocument) {
        remove(id: document.id)
        let features = TextFeatures(Self.text(of: document), dictionary: dictionary)
        let slot = insert(document, features: features)
        if needsReweighting { reweight() } else { weigh(slot, features) }
    }

    /// Adds many documents at once, reading their text on every core: the rebuild at start.
    public mutating func add(contentsOf documents: [MatchDocument]) {
        for document in documents { remove(id: document.id) }
        // A chunk at a time, so that the features of all documents are never held at once.
        for start in stride(from: 0, to: documents.count, by: 8_192) {
            let chunk = Array(documents[start..<min(start + 8_192, documents.count)])
            for (document, features) in zip(chunk, Self.features(of: chunk, dictionary: dictionary)) { insert(document, features: features) }
        }
        reweight()
    }

    public mutating func remove(id: String) {
        guard let slot = slotByID.removeValue(forKey: id) else { return }
        slots[Int(slot)] = nil
        kindBits[Int(slot)] = 0
        removedInPostings += 1
        if removedInPostings > max(64, slotByID.count / 8) { compact() } else if needsReweighting { reweight() }
    }

    private mutating func insert(_ document: MatchDocument, features: TextFeatures) -> Int32 {
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = Int32(slots.count)
            slots.append(nil)
            kindBits.append(0)
            norms.append(0)
        }
        slots[Int(slot)] = Slot(
            id: document.id, kind: document.kind, fields: document.fields, sector: document.sector, status: document.status,
            updatedAt: document.updatedAt, expiresAt: document.expiresAt, concepts: features.concepts.keys.map(Int32.init).sorted(),
            normalized: features.normalized
        )
        kindBits[Int(slot)] = Self.bit(document.kind)
        slotByID[document.id] = slot
        for (gram, count) in features.grams {
            let id: Int32
            if let known = gramIDs[gram] {
                id = known
            } else {
                id = Int32(gramPostings.count)
                gramIDs[gram] = id
                gramPostings.append(Postings())
            }
            gramPostings[Int(id)].slots.append(slot)
            gramPostings[Int(id)].weights.append(1 + log(Float(count)))
        }
        for (concept, count) in features.concepts {
            conceptPostings[concept].slots.append(slot)
            conceptPostings[concept].weights.append(1 + log(Float(count)))
        }
        return slot
    }

    /// Drops removed documents from the postings and frees their slots.
    private mutating func compact() {
        let live = slots.map { $0 != nil }
        func kept(_ postings: Postings) -> Postings {
            var kept = Postings()
            for (slot, weight) in zip(postings.slots, postings.weights) where live[Int(slot)] {
                kept.slots.append(slot)
                kept.weights.append(weight)
            }
            return kept
        }
        gramPostings = gramPostings.map(kept)
        conceptPostings = conceptPostings.map(kept)
        freeSlots = live.indices.reversed().filter { !live[$0] }.map(Int32.init)
        removedInPostings = 0
        reweight()
    }

    private var needsReweighting: Bool {
        let base = documentFrequencyBase
        return base > weightedAt + weightedAt / 8 + 16 || base < weightedAt - weightedAt / 8
    }

    /// Recomputes every slot's norm with the current frequencies. Adding
    /// and removing one by one does this by itself when the index has changed by an eighth;
    /// until then older documents are weighed with slightly older frequencies.
    public mutating func refreshWeights() {
        reweight()
    }

    private mutating func reweight() {
        norms = Array(repeating: 0, count: slots.count)
        for (postings, boost) in gramPostings.map({ ($0, Float(1)) }) + conceptPostings.map({ ($0, weights.concept) }) {
            let idf = boost * inverseFrequency(postings.slots.count)
            for (slot, weight) in zip(postings.slots, postings.weights) { norms[Int(slot)] += (weight * idf) * (weight * idf) }
        }
        for index in norms.indices { norms[index] = norms[index].squareRoot() }
        weightedAt = documentFrequencyBase
    }

    /// One new slot's norm, with the current frequencies.
    private mutating func weigh(_ slot: Int32, _ features: TextFeatures) {
        var sum: Float = 0
        for (gram, count) in features.grams {
            guard let id = gramIDs[gram] else { continue }
            let weight = (1 + log(Float(count))) * inverseFrequency(gramPostings[Int(id)].slots.count)
            sum += weight * weight
        }
        for (concept, count) in features.concepts {
            let weight = (1 + log(Float(count))) * conceptWeight(concept)
            sum += weight * weight
        }
        norms[Int(slot)] = sum.squareRoot()
    }

    func inverseFrequency(_ documents: Int) -> Float {
        log(Float(documentFrequencyBase + 1) / Float(documents + 1)) + 1
    }

    /// A concept's weight in a vector: more than a gram's, and more the rarer it is.
    func conceptWeight(_ concept: Int) -> Float {
        weights.concept * inverseFrequency(conceptPostings[concept].slots.count)
    }

    static func bit(_ kind: MatchDocument.Kind) -> UInt8 {
        switch kind {
        case .seed: 1
        case .need: 2
        case .person: 4
        }
    }

    static func text(of document: MatchDocument) -> String {
        ([document.title, document.title, document.body] + document.keywords).joined(separator: "\n")
    }

    private static func features(of documents: [MatchDocument], dictionary: ConceptDictionary) -> [TextFeatures] {
        let results = Mutex<[TextFeatures?]>(Array(repeating: nil, count: documents.count))
        let chunk = max(64, documents.count / 16)
        let chunks = stride(from: 0, to: documents.count, by: chunk).map { $0..<min($0 + chunk, documents.count) }
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            let range = chunks[index]
            let read = range.map { TextFeatures(text(of: documents[$0]), dictionary: dictionary) }
            results.withLock { all in for (offset, features) in zip(range, read) { all[offset] = features } }
        }
        return results.withLock { $0.map { $0! } }
    }
}
