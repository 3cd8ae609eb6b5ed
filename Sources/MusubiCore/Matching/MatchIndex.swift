import Foundation
import Synchronization

/// The matching engine's index, kept in memory: for every gram (character bigram of a
/// Japanese run, or a latin word) and every concept, the documents that have it, and for
/// every document what the score needs. The server adds and removes documents as listings
/// change and rebuilds it at start (`add(contentsOf:)`).
///
/// A candidate's score mixes four signals, each between 0 and 1:
/// - concepts the two share, or that are related (a problem and its solution), weighted by
///   rarity;
/// - the words they share (cosine of TF-IDF over the grams);
/// - fields: the same field, or a bridge between different fields through a shared concept;
/// - sectors that complement each other (a company's need, a college's seed);
/// and is then discounted by status and age. Closed and expired documents are never
/// candidates.
///
/// Scoring walks only the postings of the query's grams and concepts, accumulating into flat
/// arrays, so a query costs the length of those postings, not the size of the index.
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
        var normalized: String
    }

    /// The documents that have one gram, with the gram's log-scaled frequency in each.
    struct Postings: Sendable {
        var slots: [Int32] = []
        var weights: [Float] = []
    }

    public let dictionary: ConceptDictionary
    public let fields: FieldHierarchy
    public var weights = Weights()

    var slots: [Slot?] = []
    private var slotByID: [String: Int32] = [:]
    private var freeSlots: [Int32] = []
    var gramIDs: [String: Int32] = [:]
    var gramPostings: [Postings] = []
    var conceptPostings: [[Int32]]
    /// Removed documents whose postings are still in the lists; they are skipped when
    /// scoring and dropped by `compact()`. Frequencies count them until then.
    private var removedInPostings = 0
    /// Each slot's TF-IDF norm and concept mass, computed with the frequencies as they were
    /// at `weightedAt` documents; recomputed when the index has grown or shrunk an eighth.
    var norms: [Float] = []
    var conceptMasses: [Float] = []
    private var weightedAt = 0

    public init(dictionary: ConceptDictionary, fields: FieldHierarchy = FieldHierarchy()) {
        self.dictionary = dictionary
        self.fields = fields
        self.conceptPostings = Array(repeating: [], count: dictionary.concepts.count)
    }

    public var count: Int { slotByID.count }

    /// The number of documents the frequencies are counted over.
    var documentFrequencyBase: Int { slotByID.count + removedInPostings }

    /// Adds a document, or replaces the one with its id.
    public mutating func add(_ document: MatchDocument) {
        remove(id: document.id)
        let features = TextFeatures(Self.text(of: document), dictionary: dictionary)
        let slot = insert(document, features: features)
        if needsReweighting { reweight() } else { weigh(slot, grams: features.grams) }
    }

    /// Adds many documents at once, reading their text on every core: the rebuild at start.
    public mutating func add(contentsOf documents: [MatchDocument]) {
        for document in documents { remove(id: document.id) }
        let features = Self.features(of: documents, dictionary: dictionary)
        for (document, features) in zip(documents, features) { insert(document, features: features) }
        reweight()
    }

    public mutating func remove(id: String) {
        guard let slot = slotByID.removeValue(forKey: id) else { return }
        slots[Int(slot)] = nil
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
            norms.append(0)
            conceptMasses.append(0)
        }
        slots[Int(slot)] = Slot(
            id: document.id, kind: document.kind, fields: document.fields, sector: document.sector, status: document.status,
            updatedAt: document.updatedAt, expiresAt: document.expiresAt, concepts: features.concepts.keys.map(Int32.init).sorted(),
            normalized: String(features.normalized)
        )
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
        for concept in features.concepts.keys { conceptPostings[concept].append(slot) }
        return slot
    }

    /// Drops removed documents from the postings and frees their slots.
    private mutating func compact() {
        let live = slots.map { $0 != nil }
        for gram in gramPostings.indices {
            var kept = Postings()
            for (slot, weight) in zip(gramPostings[gram].slots, gramPostings[gram].weights) where live[Int(slot)] {
                kept.slots.append(slot)
                kept.weights.append(weight)
            }
            gramPostings[gram] = kept
        }
        for concept in conceptPostings.indices { conceptPostings[concept].removeAll { !live[Int($0)] } }
        freeSlots = live.indices.reversed().filter { !live[$0] }.map(Int32.init)
        removedInPostings = 0
        reweight()
    }

    private var needsReweighting: Bool {
        let base = documentFrequencyBase
        return base > weightedAt + weightedAt / 8 + 16 || base < weightedAt - weightedAt / 8
    }

    /// Recomputes every slot's norm and concept mass with the current frequencies. Adding
    /// and removing one by one does this by itself when the index has changed by an eighth;
    /// until then older documents are weighed with slightly older frequencies.
    public mutating func refreshWeights() {
        reweight()
    }

    private mutating func reweight() {
        norms = Array(repeating: 0, count: slots.count)
        conceptMasses = Array(repeating: 0, count: slots.count)
        for postings in gramPostings {
            let idf = inverseFrequency(postings.slots.count)
            for (slot, weight) in zip(postings.slots, postings.weights) { norms[Int(slot)] += (weight * idf) * (weight * idf) }
        }
        for index in norms.indices { norms[index] = norms[index].squareRoot() }
        for (concept, postings) in conceptPostings.enumerated() {
            let weight = conceptWeight(concept)
            for slot in postings { conceptMasses[Int(slot)] += weight }
        }
        weightedAt = documentFrequencyBase
    }

    /// One new slot's norm and concept mass, with the current frequencies.
    private mutating func weigh(_ slot: Int32, grams: [String: Int]) {
        guard let entry = slots[Int(slot)] else { return }
        var sum: Float = 0
        for (gram, count) in grams {
            guard let id = gramIDs[gram] else { continue }
            let weight = (1 + log(Float(count))) * inverseFrequency(gramPostings[Int(id)].slots.count)
            sum += weight * weight
        }
        norms[Int(slot)] = sum.squareRoot()
        conceptMasses[Int(slot)] = entry.concepts.reduce(0) { $0 + conceptWeight(Int($1)) }
    }

    func inverseFrequency(_ documents: Int) -> Float {
        log(Float(documentFrequencyBase + 1) / Float(documents + 1)) + 1
    }

    /// Rare concepts say more than common ones.
    func conceptWeight(_ concept: Int) -> Float {
        inverseFrequency(conceptPostings[concept].count)
    }

    static func text(of document: MatchDocument) -> String {
        ([document.title, document.title, document.body] + document.keywords).joined(separator: "\n")
    }

    private static func features(of documents: [MatchDocument], dictionary: ConceptDictionary) -> [TextFeatures] {
        let results = Mutex<[TextFeatures?]>(Array(repeating: nil, count: documents.count))
        let chunk = max(64, documents.count / 32)
        let chunks = stride(from: 0, to: documents.count, by: chunk).map { $0..<min($0 + chunk, documents.count) }
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            let range = chunks[index]
            let read = range.map { TextFeatures(text(of: documents[$0]), dictionary: dictionary) }
            results.withLock { all in for (offset, features) in zip(range, read) { all[offset] = features } }
        }
        return results.withLock { $0.map { $0! } }
    }
}
