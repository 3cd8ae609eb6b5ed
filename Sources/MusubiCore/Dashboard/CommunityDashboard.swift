import Foundation

/// The coordinators' dashboard: a fiscal year month by month, as the network reports it.
/// Participants against the target the admin set, active members (who posted, reacted or
/// signed in), new members by sector, messages and threads by channel kind, seeds and needs
/// posted, introductions requested, accepted, with an outcome and across fields, bulletins
/// sent. Counts only: no text, no names.
public struct CommunityDashboard: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    /// What a chart shows.
    public enum ChartKind: String, Sendable, CaseIterable {
        case participants
        case activeMembers = "active_members"
        case newMembers = "new_members"
        case messages, listings, introductions, bulletins
    }

    /// One line of a chart: a catalog key that names it, and a number for each month.
    public struct Series: Sendable, Equatable {
        public var key: String
        public var values: [Int]
    }

    public struct Chart: Sendable, Equatable {
        public var kind: ChartKind
        public var series: [Series]
        /// Stacked (parts of one whole) or side by side.
        public var stacked: Bool
        /// The admin's target, drawn across the chart.
        public var target: Int?
    }

    public struct Report: Sendable, Equatable {
        public var fiscalYear: FiscalYear
        public var months: [DateInterval]
        /// How many of its months have begun: the later ones have no numbers yet.
        public var monthsBegun: Int
        public var charts: [Chart]
        /// The fiscal years there is anything for, newest first, for choosing.
        public var years: [FiscalYear]

        public func chart(_ kind: ChartKind) -> Chart? { charts.first { $0.kind == kind } }
    }

    /// The year's report, for coordinators.
    /// With `countsOpens` (the installation counts opened mail), the bulletins chart also
    /// shows how many bulletin, funding call and digest mails were opened.
    public func report(_ actor: Requester, fiscalYear: FiscalYear, timeZone: TimeZone, countsOpens: Bool = false) async throws -> Report {
        try Policy.require(actor, .view, .dashboard)
        var report = try await compose(fiscalYear, timeZone: timeZone)
        if countsOpens, let index = report.charts.firstIndex(where: { $0.kind == .bulletins }) {
            let opens = try await env.persistence.read { try await $0.mailOutbox.opens(in: fiscalYear.interval(in: timeZone)) }
            let values = report.months.map { month in opens.filter { month.start <= $0.at && $0.at < month.end }.count }
            report.charts[index].series.append(Series(key: "dashboard.series.opened", values: values))
        }
        return report
    }

    /// The year's participants, members by sector and totals, for everyone, when the admin
    /// allows it; nil otherwise.
    public func publicSummary(fiscalYear: FiscalYear, timeZone: TimeZone) async throws -> Report? {
        guard try await env.persistence.read({ try await $0.dashboard.isPublic() }) else { return nil }
        var report = try await compose(fiscalYear, timeZone: timeZone)
        report.charts = report.charts.filter { [.participants, .newMembers, .listings, .introductions].contains($0.kind) }
        return report
    }

    /// Whether the public summary is shown, and the year's participants target: the admin's.
    public func settings(_ actor: Requester, fiscalYear: FiscalYear) async throws -> (isPublic: Bool, target: Int?) {
        try Policy.require(actor, .edit, .dashboard, hiding: false)
        return try await env.persistence.read { repos in
            (try await repos.dashboard.isPublic(), try await repos.dashboard.target(fiscalYear.startYear))
        }
    }

    /// The most participants a target may name.
    public static let targetLimit = 1_000_000

    public func setTarget(_ actor: Requester, fiscalYear: FiscalYear, participants: Int?) async throws {
        try Policy.require(actor, .edit, .dashboard, hiding: false)
        if let participants, !(1...Self.targetLimit).contains(participants) { throw MusubiError.invalid("target", "error.dashboard_target") }
        try await env.persistence.write { [now = env.now()] repos in
            try await repos.dashboard.setTarget(fiscalYear.startYear, participants: participants)
            try await repos.audit.append(
                actorID: actor.memberID, action: .dashboardTargetSet, subjectType: "dashboard", subjectID: nil,
                detail: fiscalYear.englishName + ": " + (participants.map(String.init) ?? "-"), at: now)
        }
    }

    public func setPublic(_ actor: Requester, _ isPublic: Bool) async throws {
        try Policy.require(actor, .edit, .dashboard, hiding: false)
        try await env.persistence.write { [now = env.now()] repos in
            try await repos.dashboard.setPublic(isPublic)
            try await repos.audit.append(
                actorID: actor.memberID, action: .dashboardVisibilitySet, subjectType: "dashboard", subjectID: nil,
                detail: isPublic ? "public" : "coordinators", at: now)
        }
    }

    private func compose(_ year: FiscalYear, timeZone: TimeZone) async throws -> Report {
        let months = year.months(in: timeZone)
        let span = year.interval(in: timeZone)
        let tree = try await Directory(env).fieldTree()
        let read = try await env.persistence.read { repos in
            (
                members: try await repos.members.all(), organizations: try await repos.organizations.all(),
                messages: try await repos.dashboard.messages(in: span), reactions: try await repos.dashboard.reactions(in: span),
                signIns: try await repos.dashboard.signIns(in: span), listings: try await repos.listings.all(),
                introductions: try await repos.introductions.all(), outcomes: try await repos.introductions.allOutcomes(),
                bulletins: try await repos.bulletins.all(), target: try await repos.dashboard.target(year.startYear)
            )
        }
        func month(_ date: Date) -> Int? { months.firstIndex { $0.contains(date) && date < $0.end } }
        func counts<T>(_ items: [T], at: (T) -> Date?) -> [Int] {
            var values = Array(repeating: 0, count: 12)
            for item in items { if let date = at(item), let index = month(date) { values[index] += 1 } }
            return values
        }
        let sectors = Dictionary(read.organizations.map { ($0.id, $0.sector) }, uniquingKeysWith: { first, _ in first })
        let active = read.members.filter { $0.status == .active }
        let participants = months.map { interval in active.filter { $0.createdAt < interval.end }.count }
        var activity = Array(repeating: Set<Int64>(), count: 12)
        let posted = read.messages.compactMap { message in message.authorID.map { (at: message.at, memberID: $0) } }
        for (at, memberID) in posted + read.reactions + read.signIns {
            if let index = month(at) { activity[index].insert(memberID) }
        }
        // New members as participants are counted: those active today (a declined applicant
        // is deactivated, and was never a member), by the month they joined.
        let newBySector = (Sector.allCases.map(Optional.some) + [nil]).map { sector in
            Series(
                key: sector.map { "sector." + $0.rawValue } ?? "dashboard.series.no_sector",
                values: counts(active.filter { $0.organizationID.flatMap { sectors[$0] } == sector }, at: \.createdAt))
        }
        let messagesByKind = ChannelKind.allCases.map { kind in
            Series(key: "channel_kind." + kind.rawValue, values: counts(read.messages.filter { $0.channelKind == kind }, at: \.at))
        }
        let threads = Series(key: "dashboard.series.threads", values: counts(read.messages.filter { $0.repliedTo }, at: \.at))
        let listings = ListingKind.allCases.map { kind in
            Series(key: "listing_kind." + kind.rawValue, values: counts(read.listings.filter { $0.content.kind == kind }, at: \.createdAt))
        }
        // Each month's introductions through the funnel's own counting (accepted, with an
        // outcome, across fields), by the month they were asked for.
        let funnels = months.map { interval in
            MatchingFunnel.report(
                listings: read.listings, introductions: read.introductions, outcomes: read.outcomes, views: [:], members: read.members,
                organizations: read.organizations, tree: tree, period: interval
            ).total
        }
        let introductions = [
            Series(key: "dashboard.series.requested", values: funnels.map(\.requested)),
            Series(key: "dashboard.series.accepted", values: funnels.map(\.accepted)),
            Series(key: "dashboard.series.with_outcome", values: funnels.map(\.withOutcome)),
            Series(key: "dashboard.series.cross_field", values: funnels.map(\.crossField)),
        ]
        let sent = Series(key: "dashboard.series.bulletins_sent", values: counts(read.bulletins, at: \.announcedAt))
        let charts = [
            Chart(
                kind: .participants, series: [Series(key: "dashboard.series.participants", values: participants)], stacked: false, target: read.target
            ),
            Chart(kind: .activeMembers, series: [Series(key: "dashboard.series.active", values: activity.map(\.count))], stacked: false),
            Chart(kind: .newMembers, series: newBySector.filter { $0.values.contains { $0 > 0 } || $0.key.hasPrefix("sector.") }, stacked: true),
            Chart(kind: .messages, series: messagesByKind + [threads], stacked: false),
            Chart(kind: .listings, series: listings, stacked: true),
            Chart(kind: .introductions, series: introductions, stacked: false),
            Chart(kind: .bulletins, series: [sent], stacked: false),
        ]
        let first = read.members.map(\.createdAt).min() ?? env.now()
        let current = FiscalYear(containing: env.now(), in: timeZone)
        let years = (FiscalYear(containing: first, in: timeZone).startYear...max(current.startYear, year.startYear)).reversed().map(FiscalYear.init)
        let now = env.now()
        return Report(fiscalYear: year, months: months, monthsBegun: months.filter { $0.start <= now }.count, charts: charts, years: years)
    }
}

extension CommunityDashboard.Chart {
    init(kind: CommunityDashboard.ChartKind, series: [CommunityDashboard.Series], stacked: Bool) {
        self.init(kind: kind, series: series, stacked: stacked, target: nil)
    }
}
