/// Bulletins for the reader, or the open funding calls by deadline, with filters.
struct BulletinsPage: PageModel {
    var heading: String
    var kinds: [Option]
    var fields: [Option]
    var action: String
    var fundingCalls: Bool
    var savedOnly: Bool
    var savedHref: String
    /// Funding calls that fit the reader ("calls that fit you").
    var fitsOnly: Bool
    var fitsHref: String
    var allHref: String
    var rows: [BulletinRow]
    var pager: Pager
    var canPublish: Bool
    var feedHref: String
}

/// One bulletin: its text, a funding call's details, saving, its discussion.
struct BulletinPage: PageModel {
    var bulletin: BulletinRow
    var html: String
    var funding: FundingRows?
    var maySave: Bool
    var saved: Bool
    var saveAction: String
    var discussionHref: String?
    var mayEdit: Bool
    var editHref: String
    var removeAction: String
    var audience: String
    /// Its documents, to download.
    var files: [File]
    /// Where a coordinator attaches another; nil for others.
    var attachAction: String?
    var fileError: String?

    struct File {
        var name: String
        var href: String
        var size: String
        var removeAction: String?
    }

    /// Why a funding call suits the reader, in the engine's words.
    var fitReasons: [String]
    /// For coordinators: who here could apply for a funding call, people and seeds.
    var applicants: Applicants?

    struct Applicants {
        var people: [MatchRow]
        var listings: [MatchRow]
    }

    /// A funding call's details as label and value rows.
    struct FundingRows {
        var rows: [Row]
        var link: String?

        struct Row {
            var label: String
            var value: String
        }
    }
}

/// The coordinator's form for a bulletin or funding call.
struct BulletinFormPage: PageModel {
    var action: String
    var isNew: Bool
    var values: [String: String]
    var errors: [String: String]
    var kinds: [Option]
    var visibilities: [Option]
    var fields: [Option]
    var targetFields: [Option]
    var targetSectors: [Option]
    var targetGroups: [Option]
    var eligibleSectors: [Option]
    var funders: [Option]
    var channels: [Option]
    var pinned: Bool
}
