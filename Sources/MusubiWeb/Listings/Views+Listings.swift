import Foundation
import MusubiCore

/// A seed or need as a card in a list.
struct ListingRow {
    var href: String
    var title: String
    var kind: String
    var kindKey: String
    var summary: String
    var status: String
    var statusKey: String
    var sector: String
    var sectorKey: String
    var fields: [String]
    var keywords: [String]
    /// Nil when it does not expire (Mustache shows an empty string as if it were there).
    var expires: String?
}

extension Views {
    func row(_ shown: Listings.Shown) -> ListingRow {
        let listing = shown.listing
        return ListingRow(
            href: Paths.listing.href(listing.id), title: listing.content.title,
            kind: site.t("listing_kind." + listing.content.kind.rawValue, context), kindKey: listing.content.kind.rawValue,
            summary: listing.content.summary,
            status: site.t("listing_status." + listing.status.rawValue, context), statusKey: listing.status.rawValue,
            sector: sector(listing.sector), sectorKey: listing.sector?.rawValue ?? "",
            fields: fieldNames(listing.content.fieldIDs), keywords: listing.content.keywords,
            expires: listing.content.expiresOn.map { site.formatDate($0, context) }
        )
    }

    func options<Value: RawRepresentable<String>>(_ values: [Value], catalog prefix: String, selected: Value?, all allKey: String? = nil) -> [Option]
    {
        (allKey.map { [Option(value: "", label: site.t($0, context), selected: selected == nil)] } ?? [])
            + values.map { Option(value: $0.rawValue, label: site.t(prefix + $0.rawValue, context), selected: $0.rawValue == selected?.rawValue) }
    }
}
