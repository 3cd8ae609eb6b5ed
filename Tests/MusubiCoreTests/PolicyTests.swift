import MusubiCore
import Testing

/// The policy as a table: for each resource and action, which of the five kinds of actor
/// may. Written out by hand so that a change in the policy shows up here as a failing row.
@Suite struct PolicyTests {
    static let visitor = Requester.anonymous
    static let guest = Requester.member(id: 10, role: .guest)
    static let member = Requester.member(id: 20, role: .member)
    static let coordinator = Requester.member(id: 30, role: .coordinator)
    static let admin = Requester.member(id: 40, role: .admin)
    static let actors = [visitor, guest, member, coordinator, admin]

    struct Row: CustomTestStringConvertible, Sendable {
        var action: Action
        var resource: Resource
        /// visitor, guest, member, coordinator, admin
        var allowed: [Bool]
        var testDescription: String { "\(action) \(resource)" }
    }

    static let yes = true, no = false
    static let rows: [Row] = [
        Row(action: .view, resource: .home, allowed: [yes, yes, yes, yes, yes]),
        Row(action: .list, resource: .organizations, allowed: [yes, yes, yes, yes, yes]),
        Row(action: .view, resource: .organization(id: 1), allowed: [yes, yes, yes, yes, yes]),
        Row(action: .create, resource: .organizations, allowed: [no, no, no, yes, yes]),
        Row(action: .edit, resource: .organization(id: 1), allowed: [no, no, no, yes, yes]),
        Row(action: .list, resource: .members, allowed: [no, no, yes, yes, yes]),
        Row(action: .view, resource: .member(id: 99, role: .member), allowed: [no, no, yes, yes, yes]),
        Row(action: .list, resource: .groups, allowed: [no, no, yes, yes, yes]),
        Row(action: .view, resource: .group(id: 1), allowed: [no, no, yes, yes, yes]),
        Row(action: .create, resource: .groups, allowed: [no, no, no, yes, yes]),
        Row(action: .edit, resource: .group(id: 1), allowed: [no, no, no, yes, yes]),
        Row(action: .list, resource: .applications, allowed: [no, no, no, yes, yes]),
        Row(action: .approve, resource: .applications, allowed: [no, no, no, yes, yes]),
        Row(action: .read, resource: .auditLog, allowed: [no, no, no, no, yes]),
        Row(action: .invite(.guest), resource: .members, allowed: [no, no, no, yes, yes]),
        Row(action: .invite(.member), resource: .members, allowed: [no, no, no, yes, yes]),
        Row(action: .invite(.coordinator), resource: .members, allowed: [no, no, no, no, yes]),
        Row(action: .list, resource: .listings, allowed: [yes, yes, yes, yes, yes]),
        Row(action: .create, resource: .listings, allowed: [no, no, yes, yes, yes]),
        Row(action: .view, resource: .listing(.init(ownerID: 99, disclosure: .public)), allowed: [yes, yes, yes, yes, yes]),
        Row(action: .view, resource: .listing(.init(ownerID: 99, disclosure: .members)), allowed: [no, no, yes, yes, yes]),
        Row(action: .view, resource: .listing(.init(ownerID: 99, disclosure: .coordinators)), allowed: [no, no, yes, yes, yes]),
        Row(
            action: .readDetails(viewerOrganization: nil), resource: .listing(.init(ownerID: 99, disclosure: .public)),
            allowed: [yes, yes, yes, yes, yes]),
        Row(
            action: .readDetails(viewerOrganization: nil), resource: .listing(.init(ownerID: 99, disclosure: .members)),
            allowed: [no, no, yes, yes, yes]),
        Row(
            action: .readDetails(viewerOrganization: nil), resource: .listing(.init(ownerID: 99, disclosure: .coordinators)),
            allowed: [no, no, no, yes, yes]),
        Row(
            action: .readDetails(viewerOrganization: 7), resource: .listing(.init(ownerID: 99, disclosure: .organizations, organizationIDs: [7])),
            allowed: [no, no, yes, yes, yes]),
        Row(
            action: .readDetails(viewerOrganization: 8), resource: .listing(.init(ownerID: 99, disclosure: .organizations, organizationIDs: [7])),
            allowed: [no, no, no, yes, yes]),
        Row(action: .edit, resource: .listing(.init(ownerID: 99, disclosure: .public)), allowed: [no, no, no, yes, yes]),
        // Owners (the member is 20) read and edit their own, whatever the level.
        Row(
            action: .readDetails(viewerOrganization: nil), resource: .listing(.init(ownerID: 20, disclosure: .coordinators)),
            allowed: [no, no, yes, yes, yes]),
        Row(action: .edit, resource: .listing(.init(ownerID: 20, disclosure: .coordinators)), allowed: [no, no, yes, yes, yes]),
        // Introductions: the member (20) asks person 99; a coordinator reviews; 99 answers.
        Row(action: .create, resource: .introductions, allowed: [no, no, yes, yes, yes]),
        Row(action: .list, resource: .introductions, allowed: [no, yes, yes, yes, yes]),
        Row(action: .approve, resource: .introductions, allowed: [no, no, no, yes, yes]),
        Row(action: .view, resource: .introduction(.init(requesterID: 20, recipientID: 99, status: .requested)), allowed: [no, no, yes, yes, yes]),
        Row(action: .approve, resource: .introduction(.init(requesterID: 20, recipientID: 99, status: .requested)), allowed: [no, no, no, yes, yes]),
        Row(action: .approve, resource: .introduction(.init(requesterID: 30, recipientID: 99, status: .requested)), allowed: [no, no, no, no, yes]),
        Row(action: .view, resource: .introduction(.init(requesterID: 99, recipientID: 20, status: .requested)), allowed: [no, no, no, yes, yes]),
        Row(action: .view, resource: .introduction(.init(requesterID: 99, recipientID: 20, status: .approved)), allowed: [no, no, yes, yes, yes]),
        Row(action: .respond, resource: .introduction(.init(requesterID: 99, recipientID: 20, status: .approved)), allowed: [no, no, yes, no, no]),
        Row(
            action: .readContact, resource: .introduction(.init(requesterID: 99, recipientID: 20, status: .approved)), allowed: [no, no, no, no, no]),
        Row(
            action: .readContact, resource: .introduction(.init(requesterID: 99, recipientID: 20, status: .accepted)),
            allowed: [no, no, yes, yes, yes]),
        Row(action: .edit, resource: .introduction(.init(requesterID: 99, recipientID: 98, status: .accepted)), allowed: [no, no, no, yes, yes]),
        Row(action: .view, resource: .conceptDictionary, allowed: [no, no, no, yes, yes]),
        Row(action: .edit, resource: .conceptDictionary, allowed: [no, no, no, yes, yes]),
        Row(action: .list, resource: .suggestions, allowed: [no, no, yes, yes, yes]),
        Row(action: .view, resource: .suggestions, allowed: [no, no, no, yes, yes]),
        Row(action: .edit, resource: .suggestions, allowed: [no, no, no, yes, yes]),
        Row(action: .view, resource: .matchingTools, allowed: [no, no, no, yes, yes]),
        Row(action: .edit, resource: .matchingTools, allowed: [no, no, no, yes, yes]),
        Row(action: .create, resource: .migration, allowed: [no, no, no, no, yes]),
        Row(action: .view, resource: .migration, allowed: [no, no, no, no, no]),
        Row(action: .read, resource: .communityArchive, allowed: [no, no, no, no, yes]),
        Row(action: .edit, resource: .communityArchive, allowed: [no, no, no, no, no]),
        Row(action: .invite(.admin), resource: .members, allowed: [no, no, no, no, yes]),
        Row(action: .assignRole(.member), resource: .member(id: 99, role: .guest), allowed: [no, no, no, yes, yes]),
        Row(action: .assignRole(.coordinator), resource: .member(id: 99, role: .member), allowed: [no, no, no, no, yes]),
        Row(action: .assignRole(.member), resource: .member(id: 99, role: .coordinator), allowed: [no, no, no, no, yes]),
        Row(action: .assignRole(.member), resource: .member(id: 99, role: .admin), allowed: [no, no, no, no, yes]),
        Row(action: .deactivate, resource: .member(id: 99, role: .member), allowed: [no, no, no, yes, yes]),
        Row(action: .deactivate, resource: .member(id: 99, role: .coordinator), allowed: [no, no, no, no, yes]),
        Row(action: .reactivate, resource: .member(id: 99, role: .guest), allowed: [no, no, no, yes, yes]),
        Row(action: .issueSignInLink, resource: .member(id: 99, role: .member), allowed: [no, no, no, yes, yes]),
        Row(action: .issueSignInLink, resource: .member(id: 99, role: .admin), allowed: [no, no, no, no, yes]),
        Row(action: .edit, resource: .member(id: 99, role: .member), allowed: [no, no, no, no, no]),
        Row(action: .view, resource: .account(ownerID: 99), allowed: [no, no, no, no, no]),
        Row(action: .edit, resource: .account(ownerID: 99), allowed: [no, no, no, no, no]),
        Row(action: .list, resource: .events, allowed: [yes, yes, yes, yes, yes]),
        Row(action: .create, resource: .events, allowed: [no, no, no, yes, yes]),
        Row(action: .edit, resource: .events, allowed: [no, no, no, yes, yes]),
        Row(action: .view, resource: .event(EventAccess(visibility: .public, invited: false)), allowed: [yes, yes, yes, yes, yes]),
        Row(action: .join, resource: .event(EventAccess(visibility: .public, invited: false)), allowed: [no, yes, yes, yes, yes]),
        Row(action: .view, resource: .event(EventAccess(visibility: .members, invited: false)), allowed: [no, no, yes, yes, yes]),
        Row(action: .view, resource: .event(EventAccess(visibility: .members, invited: true)), allowed: [yes, yes, yes, yes, yes]),
        Row(action: .view, resource: .event(EventAccess(visibility: .invited, invited: false)), allowed: [no, no, no, yes, yes]),
        Row(action: .join, resource: .event(EventAccess(visibility: .invited, invited: true)), allowed: [no, yes, yes, yes, yes]),
        Row(action: .edit, resource: .event(EventAccess(visibility: .public, invited: true)), allowed: [no, no, no, yes, yes]),
        Row(action: .view, resource: .minutes(MinutesAccess(visibility: .public, participant: false)), allowed: [yes, yes, yes, yes, yes]),
        Row(action: .view, resource: .minutes(MinutesAccess(visibility: .members, participant: false)), allowed: [no, no, yes, yes, yes]),
        Row(action: .view, resource: .minutes(MinutesAccess(visibility: .members, participant: true)), allowed: [no, yes, yes, yes, yes]),
        Row(action: .view, resource: .minutes(MinutesAccess(visibility: .participants, participant: false)), allowed: [no, no, no, yes, yes]),
        Row(action: .view, resource: .minutes(MinutesAccess(visibility: .participants, participant: true)), allowed: [no, yes, yes, yes, yes]),
        Row(action: .view, resource: .minutes(MinutesAccess(visibility: .coordinators, participant: true)), allowed: [no, no, no, yes, yes]),
        Row(action: .edit, resource: .minutes(MinutesAccess(visibility: .public, participant: true)), allowed: [no, no, no, no, no]),
    ]

    @Test(arguments: rows)
    func matrix(_ row: Row) {
        let answers = Self.actors.map { Policy.can($0, row.action, row.resource) }
        #expect(answers == row.allowed)
    }

    @Test func everyoneManagesTheirOwnAccountAndSeesTheirOwnProfile() {
        for case .member(let id, let role) in Self.actors {
            #expect(Policy.can(.member(id: id, role: role), .edit, .account(ownerID: id)))
            #expect(Policy.can(.member(id: id, role: role), .view, .member(id: id, role: role)))
        }
    }

    @Test func nobodyChangesTheirOwnRoleOrDeactivatesThemselves() {
        #expect(!Policy.can(Self.admin, .assignRole(.member), .member(id: 40, role: .admin)))
        #expect(!Policy.can(Self.admin, .deactivate, .member(id: 40, role: .admin)))
        #expect(!Policy.can(Self.coordinator, .deactivate, .member(id: 30, role: .coordinator)))
    }

    @Test func onlyActiveAccountsAct() {
        #expect(Requester.from(Account(memberID: 1, email: "a@example.jp", passwordHash: "", role: .admin, status: .pending)) == .anonymous)
        #expect(Requester.from(Account(memberID: 1, email: "a@example.jp", passwordHash: "", role: .admin, status: .deactivated)) == .anonymous)
        #expect(
            Requester.from(Account(memberID: 1, email: "a@example.jp", passwordHash: "", role: .admin, status: .active))
                == .member(id: 1, role: .admin))
    }
}
