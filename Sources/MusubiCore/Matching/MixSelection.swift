import Foundation

/// "Mix" suggestions: serendipity on purpose. From a person's match candidates it keeps
/// those from a field other than their own, behind whom stands someone they have never
/// dealt with, and that a concept both mention bridges (not only a shared word or a related
/// concept); then it spreads the few it shows over different fields and different people.
public struct MixSelection: Sendable {
    /// A candidate, with who stands behind it and the top fields it belongs to.
    public struct Option: Sendable, Equatable {
        public var subject: MatchSubject
        public var ownerID: Int64
        public var organizationID: Int64?
        public var fieldRoots: Set<String>
        public var score: Double
        public var reasons: [MatchIndex.Reason]

        public init(
            subject: MatchSubject, ownerID: Int64, organizationID: Int64?, fieldRoots: Set<String>, score: Double, reasons: [MatchIndex.Reason]
        ) {
            self.subject = subject
            self.ownerID = ownerID
            self.organizationID = organizationID
            self.fieldRoots = fieldRoots
            self.score = score
            self.reasons = reasons
        }

        /// A concept both mention, in whatever words: what makes a suggestion more than a
        /// coincidence of words or a loose association.
        public var isBridgedByConcept: Bool {
            reasons.contains { reason in
                if case .sharedConcepts(let labels) = reason { !labels.isEmpty } else { false }
            }
        }
    }

    /// Whom the suggestions are for.
    public struct Recipient: Sendable {
        public var memberID: Int64
        public var organizationID: Int64?
        /// The top fields of their profile and their listings.
        public var fieldRoots: Set<String>
        /// Everyone they have already dealt with (asked, or been asked, for an introduction).
        public var partners: Set<Int64>

        public init(memberID: Int64, organizationID: Int64?, fieldRoots: Set<String>, partners: Set<Int64>) {
            self.memberID = memberID
            self.organizationID = organizationID
            self.fieldRoots = fieldRoots
            self.partners = partners
        }
    }

    public let recipient: Recipient

    public init(for recipient: Recipient) {
        self.recipient = recipient
    }

    /// Whether an option may be suggested at all: from another field, another person and
    /// organisation never dealt with, bridged by a concept.
    public func admits(_ option: Option) -> Bool {
        guard option.ownerID != recipient.memberID, !recipient.partners.contains(option.ownerID) else { return false }
        if let mine = recipient.organizationID, option.organizationID == mine { return false }
        guard !option.fieldRoots.isEmpty, option.fieldRoots.isDisjoint(with: recipient.fieldRoots) else { return false }
        return option.isBridgedByConcept
    }

    /// Up to `limit` admitted options, best first, at most one per person, and each from
    /// fields none of the earlier ones came from, as long as there are enough such options;
    /// the rest are filled with the next best of people not yet shown.
    public func pick(from options: [Option], limit: Int) -> [Option] {
        let ranked = options.filter(admits).sorted { MatchSubject.ranksBefore(($0.score, $0.subject), ($1.score, $1.subject)) }
        var picked: [Option] = []
        var owners: Set<Int64> = []
        var roots: Set<String> = []
        for option in ranked where picked.count < limit && !owners.contains(option.ownerID) && option.fieldRoots.isDisjoint(with: roots) {
            picked.append(option)
            owners.insert(option.ownerID)
            roots.formUnion(option.fieldRoots)
        }
        for option in ranked where picked.count < limit && !owners.contains(option.ownerID) {
            picked.append(option)
            owners.insert(option.ownerID)
        }
        return picked.sorted { MatchSubject.ranksBefore(($0.score, $0.subject), ($1.score, $1.subject)) }
    }
}
