import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

/// The network's announcement channels: the admin marks public channels, and everyone who
/// joins the network from then on (an approved application, an accepted invitation) is
/// seated in them in the same transaction.
@Suite struct AnnouncementChannelTests {
    @Test(arguments: TestDatabase.available)
    func newMembersAreSeatedInTheChannelsTheAdminMarked(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let exchange = Exchange(c.env)
            func seated(_ memberID: Int64) async throws -> Bool {
                try await persistence.read { try await $0.channels.seat(channelID: c.lobby.id, memberID: memberID) } != nil
            }
            await #expect(throws: MusubiError.forbidden) { try await exchange.setAnnouncement(c.actor(c.coordinator), channelID: c.lobby.id, true) }
            let board = try await exchange.create(c.actor(c.admin), ChannelDraft(kind: .private, name: "役員会"))
            await #expect(throws: MusubiError.invalid("announcement", "error.announcement_public")) {
                try await exchange.setAnnouncement(c.actor(c.admin), channelID: board.id, true)
            }
            try await exchange.setAnnouncement(c.actor(c.admin), channelID: c.lobby.id, true)
            #expect(try await persistence.read { try await $0.channels.find(id: c.lobby.id) }?.isAnnouncement == true)

            // An approved applicant is seated; so is whoever accepts an invitation.
            #expect(try await seated(c.applicant.id) == false)
            try await PeopleAdministration(c.env).approve(c.actor(c.coordinator), memberID: c.applicant.id)
            #expect(try await seated(c.applicant.id))
            let issued = try await PeopleAdministration(c.env).invite(
                c.actor(c.coordinator), email: "new@example.jp", role: .member, organizationID: nil)
            let joined = try await Accounts(c.env, throttle: SignInThrottle()).acceptInvitation(
                secret: issued.secret, name: "新井 花子", nameKana: "", password: "a long enough password")
            #expect(try await seated(joined.account.memberID))
            // Members who were there before are not moved.
            #expect(try await seated(c.guest.id) == false)

            try await exchange.setAnnouncement(c.actor(c.admin), channelID: c.lobby.id, false)
            #expect(try await persistence.read { try await $0.channels.announcementChannels() }.isEmpty)
        }
    }
}
