import Foundation
import MusubiCore

struct IntroductionDTO: Encodable {
    struct PartyDTO: Encodable {
        var id: Int64
        var name: String
        var organization: String
        var email: String?
    }
    struct OutcomeDTO: Encodable {
        var id: Int64
        var kind: OutcomeKind
        var on: Date
        var note: String
        var recordedBy: Int64
    }
    struct MessageDTO: Encodable {
        var id: Int64
        var authorId: Int64
        var body: String
        var at: Date
    }

    var id: Int64
    var status: IntroductionStatus
    var requesterId: Int64
    var recipientId: Int64
    var listingId: Int64?
    var message: String
    var coordinatorId: Int64?
    var coordinatorNote: String
    var requestedAt: Date
    var reviewedAt: Date?
    var answeredAt: Date?
    var requester: PartyDTO?
    var recipient: PartyDTO?
    var outcomes: [OutcomeDTO]?
    var messages: [MessageDTO]?

    init(_ introduction: Introduction) {
        self.id = introduction.id
        self.status = introduction.status
        self.requesterId = introduction.requesterID
        self.recipientId = introduction.recipientID
        self.listingId = introduction.listingID
        self.message = introduction.message
        self.coordinatorId = introduction.coordinatorID
        self.coordinatorNote = introduction.coordinatorNote
        self.requestedAt = introduction.requestedAt
        self.reviewedAt = introduction.reviewedAt
        self.answeredAt = introduction.answeredAt
    }

    init(_ detail: Introductions.Detail) {
        self.init(detail.introduction)
        let party = { (p: Introductions.Party) in PartyDTO(id: p.id, name: p.name, organization: p.organization, email: p.email) }
        self.requester = party(detail.requester)
        self.recipient = party(detail.recipient)
        self.outcomes = detail.outcomes.map { OutcomeDTO(id: $0.id, kind: $0.kind, on: $0.on, note: $0.note, recordedBy: $0.recordedBy) }
        self.messages = detail.messages.map { MessageDTO(id: $0.id, authorId: $0.authorID, body: $0.body, at: $0.at) }
    }
}

struct IntroductionInput: Decodable {
    var listingId: Int64?
    var memberId: Int64?
    var message: String
}
struct ReviewInput: Decodable {
    var decision: String
    var note: String?
}
struct AnswerInput: Decodable { var answer: String }
struct OutcomeInput: Decodable {
    var kind: OutcomeKind
    var on: String
    var note: String?
}
struct MessageInput: Decodable { var body: String }
