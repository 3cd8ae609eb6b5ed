import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

/// Events: who sees them, registration with a capacity held under concurrent registrations,
/// the waitlist in the order people asked and its promotion when someone cancels.
@Suite struct EventTests {
    static func meeting(_ now: Date, capacity: Int? = nil, visibility: EventVisibility = .members) -> EventDraft {
        EventDraft(
            kind: .technologyExchange, title: "技術交流会（水素）", description: "銀行と研究所の共催", startsAt: now.addingTimeInterval(7 * 86_400),
            endsAt: now.addingTimeInterval(7 * 86_400 + 7_200), place: EventPlace(venueName: "鳥取県産業技術センター", prefectureCode: "31"),
            visibility: visibility, capacity: capacity)
    }

    @Test(arguments: TestDatabase.available)
    func fiftyAtOnceForTwentyPlacesGiveTwentyPlacesAndThirtyWaitingInOrder(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let clock = TestClock()
            let c = try await Community.seed(.testing(persistence, clock: clock))
            let events = Events(c.env)
            let event = try await events.create(c.actor(c.coordinator), Self.meeting(clock.now, capacity: 20))
            var people: [Member] = []
            for number in 0..<50 { people.append(try await c.addMember("p\(number)@example.jp", "参加者 \(number)", sector: .industry)) }

            try await withThrowingTaskGroup(of: Void.self) { group in
                for person in people {
                    group.addTask { try await events.register(c.actor(person), eventID: event.id) }
                }
                try await group.waitForAll()
            }
            let all = try await persistence.read { try await $0.events.registrations(eventID: event.id) }
            #expect(all.filter { $0.status == .registered }.count == 20)
            let waiting = all.filter { $0.status == .waitlisted }
            #expect(waiting.count == 30)
            // Everyone who got a place asked before everyone who waits.
            let lastPlace = all.filter { $0.status == .registered }.map { ($0.registeredAt, $0.id) }.max { $0 < $1 }!
            #expect(waiting.allSatisfy { ($0.registeredAt, $0.id) > lastPlace })
            #expect(try await events.show(c.actor(c.coordinator), id: event.id).counts == RegistrationCounts(registered: 20, waitlisted: 30))

            // Registering again changes nothing; a place given up goes to the first waiting.
            let placed = try #require(all.first { $0.status == .registered })
            let holder = try #require(people.first { $0.id == placed.registrant.memberID })
            #expect(try await events.register(c.actor(holder), eventID: event.id).id == placed.id)
            let promoted = try await events.cancel(c.actor(holder), eventID: event.id)
            #expect(promoted?.id == waiting[0].id && promoted?.status == .registered)
            #expect(try await events.show(c.actor(c.coordinator), id: event.id).counts == RegistrationCounts(registered: 20, waitlisted: 29))
            // One who waits and gives up frees nothing; one who comes back queues from now.
            let waiter = try #require(people.first { $0.id == waiting[5].registrant.memberID })
            #expect(try await events.cancel(c.actor(waiter), eventID: event.id) == nil)
            clock.advance(by: 60)
            #expect(try await events.register(c.actor(holder), eventID: event.id).status == .waitlisted)
            let order = try await persistence.read { try await $0.events.registrations(eventID: event.id) }.filter { $0.status == .waitlisted }
            #expect(order.last?.registrant.memberID == holder.id, "back at the end of the line")
        }
    }

    @Test(arguments: TestDatabase.available)
    func eachEventIsSeenByThoseItsVisibilityAllows(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let clock = TestClock()
            let c = try await Community.seed(.testing(persistence, clock: clock))
            let events = Events(c.env)
            let coordinator = c.actor(c.coordinator)
            let open = try await events.create(coordinator, Self.meeting(clock.now, visibility: .public))
            let members = try await events.create(coordinator, Self.meeting(clock.now, visibility: .members))
            let invited = try await events.create(coordinator, Self.meeting(clock.now, visibility: .invited))
            func seen(by actor: Requester) async -> [Bool] {
                var seen: [Bool] = []
                for event in [open, members, invited] { seen.append((try? await events.show(actor, id: event.id)) != nil) }
                return seen
            }
            #expect(await seen(by: .anonymous) == [true, false, false])
            #expect(await seen(by: c.actor(c.guest)) == [true, false, false])
            #expect(await seen(by: c.actor(c.member)) == [true, true, false])
            #expect(await seen(by: coordinator) == [true, true, true])
            await #expect(throws: MusubiError.notFound) { try await events.register(c.actor(c.member), eventID: invited.id) }
            await #expect(throws: MusubiError.unauthenticated) { try await events.register(.anonymous, eventID: open.id) }
            await #expect(throws: MusubiError.forbidden) { try await events.invite(c.actor(c.member), eventID: open.id, memberIDs: [c.guest.id]) }
            try await events.invite(coordinator, eventID: invited.id, memberIDs: [c.member.id, c.guest.id])
            #expect(await seen(by: c.actor(c.member)) == [true, true, true])
            #expect(await seen(by: c.actor(c.guest)) == [true, false, true])
            #expect(try await events.register(c.actor(c.guest), eventID: invited.id).status == .registered)
            let listed = try await events.list(c.actor(c.member), upcoming: true, page: PageRequest()).items.map(\.id)
            #expect(listed == [c.seminar.id, open.id, members.id], "an invited-only event is not listed to members")
            #expect(try await events.list(.anonymous, upcoming: true, page: PageRequest()).items.map(\.id) == [open.id])
            #expect(try await events.list(coordinator, upcoming: true, page: PageRequest()).items.count == 4)

            // Registration closes when the event starts.
            clock.advance(by: 7 * 86_400 + 1)
            await #expect(throws: MusubiError.conflict("error.registration_closed")) {
                try await events.register(c.actor(c.member), eventID: members.id)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func badInputIsRefusedAndNothingIsWritten(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let clock = TestClock()
            let c = try await Community.seed(.testing(persistence, clock: clock))
            let events = Events(c.env)
            let before = try await persistence.rowCounts()
            var draft = Self.meeting(clock.now, capacity: 0)
            draft.title = "  "
            draft.endsAt = draft.startsAt.addingTimeInterval(-60)
            draft.place.onlineURL = "javascript:alert(1)"
            draft.place.prefectureCode = "99"
            do {
                _ = try await events.create(c.actor(c.coordinator), draft)
                Issue.record("accepted")
            } catch MusubiError.invalid(let problems) {
                #expect(Set(problems.map(\.field)) == ["title", "endsAt", "onlineURL", "prefectureCode", "capacity"])
            }
            await #expect(throws: MusubiError.forbidden) { try await events.create(c.actor(c.member), Self.meeting(clock.now)) }
            #expect(try await persistence.rowCounts() == before)
        }
    }
}
