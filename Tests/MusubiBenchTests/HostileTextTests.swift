import Foundation
import MusubiCore
import Testing

@testable import MusubiBench

/// A listing written to keep the matcher busy costs what any other costs: candidates with
/// reasons answer in under 100 ms on the release build (`musubi bench index` prints the
/// times) and, on the slower debug build the tests run on, well within a second.
@Suite struct HostileTextTests {
    #if DEBUG
        static let bound = Duration.milliseconds(1_500)
    #else
        static let bound = Duration.milliseconds(100)
    #endif

    static func index() throws -> (MatchIndex, ordinary: [MatchDocument]) {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../bench/matching/devset.json")
        let set = try DevelopmentSet.read(Data(contentsOf: file))
        var index = MatchIndex(dictionary: try ConceptDictionary.bundled())
        index.add(contentsOf: set.seedDocuments + set.needDocuments + HostileTexts.documents())
        return (index, Array(set.needDocuments.prefix(20)))
    }

    @Test func everyHostileTextAnswersWithinTheBound() throws {
        let (index, ordinary) = try Self.index()
        for (name, slowest) in HostileTexts.timings(index, ordinary: ordinary) {
            #expect(slowest < Self.bound, "\(name): \(slowest)")
        }
    }

    @Test func aRepeatedPhraseIsStillFoundAndExplained() throws {
        let (index, _) = try Self.index()
        let need = MatchDocument(id: "q", kind: .need, title: "陸上養殖の水質を微細気泡で整えたい", sector: .industry)
        let found = index.candidates(for: need, kinds: [.seed], limit: 50)
        let repeated = try #require(found.first { $0.id == "hostile-seed-0" })
        #expect(repeated.reasons.contains { if case .sharedTerms(let terms) = $0 { terms.contains { $0.contains("陸上養殖") } } else { false } })
    }
}
