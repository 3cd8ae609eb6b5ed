import Foundation
import MusubiCore
import Testing

@testable import MusubiWeb

/// Every catalog key the site can ask for is in both languages. A missing one is not an error
/// at run time: the reader sees the raw key ("role.coordinator", "audit_action.attachment_added")
/// where a word should be, so only these tests notice.
@Suite struct CatalogTests {
    /// Every key the code builds as prefix + value at run time, with every value it can take.
    /// All values of each enum are checked, not only those a page shows today (the channel
    /// form leaves out `group`; a member's status is shown unless active): a page that starts
    /// showing one must not find it missing. A prefix found in Sources but not listed here
    /// fails `everyKeyPrefixInTheSourcesIsListed`.
    static func dynamic() throws -> [String: [String]] {
        func values<T: CaseIterable & RawRepresentable>(_: T.Type) -> [String] where T.RawValue == String { T.allCases.map { $0.rawValue } }
        let summaryRows = try CatalogKeysUsed.summaryRows()
        let notices = try CatalogKeysUsed.notices()
        // ManagementHandlers turns "group.created" into "audit_action.group_created".
        let auditActions = AuditAction.allCases.map { $0.rawValue.replacingOccurrences(of: ".", with: "_") }
        return [
            "sector.": values(Sector.self),
            "role.": values(Role.self),
            "status.": values(AccountStatus.self),
            "people.tab_": values(AccountStatus.self),
            "group_kind.": values(GroupKind.self),
            "group_role.": values(GroupRole.self),
            "channel_kind.": values(ChannelKind.self),
            "channel_purpose.": values(ChannelPurpose.self),
            "notify_level.": values(NotifyLevel.self),
            "listing_kind.": values(ListingKind.self),
            "listing_status.": values(ListingStatus.self),
            "listing_stage.": values(ListingStage.self),
            "disclosure.": values(Disclosure.self),
            "introduction_status.": values(IntroductionStatus.self),
            "introduction_lead.": values(IntroductionStatus.self),
            "outcome.": values(OutcomeKind.self),
            "audit_action.": auditActions,
            "notification_step.": values(Notice.Step.self),
            "notification_kind.": values(NotificationKind.self),
            "notification_kind_hint.": values(NotificationKind.self),
            "notification_delivery.": values(NotificationDelivery.self),
            "mail_status.": values(OutboxMail.Status.self),
            "bulletin_kind.": values(BulletinKind.self),
            "event_kind.": values(EventKind.self),
            "event_visibility.": values(EventVisibility.self),
            "registration_status.": values(RegistrationStatus.self),
            "mail.event_": values(EventLetter.Reason.self),
            "minutes_visibility.": values(MinutesVisibility.self),
            "audit_subject.": values(AuditSubject.self),
            "bulletin_visibility.": values(BulletinVisibility.self),
            "language.": MusubiCore.Language.codes,
            "people_csv.": PeopleExportHandlers.columns,
            "funnel.": MatchingToolHandlers.funnelColumns,
            "bulk_csv.": MatchingToolHandlers.bulkColumns,
            "dashboard.chart.": values(CommunityDashboard.ChartKind.self),
            "digest.weekday.": (1...7).map(String.init),
            // Not enums: IntroductionHandlers' tabs and MigrationHandlers' progress phases, written out there as strings.
            "introductions.tab_": ["queue", "all", "mine"],
            "slack_import.phase_": ["checking", "writing"],
            // String literals in the sources, read from there so a new one is checked too.
            "slack_import.summary_": summaryRows,
            "notice.": notices.sorted(),
        ]
    }

    /// Fails for each key missing in ja.json or en.json, naming where it is used. The
    /// Japanese check goes through `Catalog`, as the site does; the English one reads en.json
    /// because `Catalog.text` would fall back to the Japanese text.
    static func expectInBothLanguages(_ keys: [String: String]) throws {
        let catalog = try Catalog(resources: ResourceLocator(themeDirectory: nil))
        let english = try CatalogKeysUsed.strings("en")
        for (key, place) in keys.sorted(by: { $0.key < $1.key }) {
            #expect(catalog.has(key), "\(key), used in \(place), is missing in ja.json")
            #expect(english[key] != nil && catalog.text(key, .en) != key, "\(key), used in \(place), is missing in en.json")
        }
    }

    @Test func templatesAskOnlyForKeysInBothLanguages() throws {
        let (keys, odd) = try CatalogKeysUsed.templateKeys()
        #expect(odd.isEmpty, "templates read the catalog in a form this test does not check: \(odd)")
        #expect(keys.count > 300)
        try Self.expectInBothLanguages(keys)
    }

    @Test func swiftCodeAsksOnlyForKeysInBothLanguages() throws {
        let keys = try CatalogKeysUsed.literalKeys()
        #expect(keys.count > 150)
        // One key each pattern exists for, so a pattern that stops matching fails here rather than checking nothing:
        // ErrorMiddleware's table, MusubiError.invalid in MusubiCore, site.t(…) with a literal, a ternary inside
        // site.t(…), `titleKey:`, `all:`, and a Slack import problem.
        for key in [
            "error.csrf", "error.too_many_tokens", "exchange.open_direct", "invitation.claim_title",
            "members.title", "listings.all_kinds", "slack_import.bad_json",
        ] {
            #expect(keys[key] != nil, "no longer found in the sources: \(key)")
        }
        try Self.expectInBothLanguages(keys)
    }

    @Test func everyValueOfABuiltKeyIsInBothLanguages() throws {
        var keys: [String: String] = [:]
        for (prefix, values) in try Self.dynamic() {
            #expect(!values.isEmpty, "no values found for \(prefix)")
            for value in values { keys[prefix + value] = "keys built from \"\(prefix)\"" }
        }
        let notices = try CatalogKeysUsed.notices()
        #expect(notices.contains("saved") && notices.contains("introduction_declined"), "the notice pattern misses a plain or a ternary notice")
        try Self.expectInBothLanguages(keys)
    }

    @Test func everyKeyPrefixInTheSourcesIsListed() throws {
        let found = try CatalogKeysUsed.dynamicPrefixes()
        let listed = try Set(Self.dynamic().keys)
        for (prefix, place) in found where !listed.contains(prefix) {
            Issue.record("\(place) builds catalog keys from \"\(prefix)\": list its values in CatalogTests.dynamic()")
        }
        for prefix in listed where found[prefix] == nil {
            Issue.record("CatalogTests.dynamic() lists \"\(prefix)\", which no source builds keys from any more")
        }
    }

    @Test func japaneseAndEnglishHaveTheSameKeys() throws {
        let japanese = try Set(CatalogKeysUsed.strings("ja").keys)
        let english = try Set(CatalogKeysUsed.strings("en").keys)
        #expect(japanese.subtracting(english).isEmpty, "only in ja.json: \(japanese.subtracting(english).sorted())")
        #expect(english.subtracting(japanese).isEmpty, "only in en.json: \(english.subtracting(japanese).sorted())")
    }
}
