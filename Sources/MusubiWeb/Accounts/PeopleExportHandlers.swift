import Foundation
import Hummingbird
import MusubiCore

/// The member directory as a CSV for Excel, for coordinators.
struct PeopleExportHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    /// The columns, as `people_csv.<column>` in the catalogs.
    static let columns = ["name", "name_kana", "organization", "sector", "title", "fields", "email", "role", "status", "joined"]

    func directory(_ request: Request, _ context: Context) async throws -> Response {
        let entries = try await site.people.directoryExport(context.actor)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let headers = Self.columns.map { site.t("people_csv." + $0, context) }
        let rows = entries.map { entry in
            let member = entry.member
            return [
                member.name, member.nameKana, entry.organization?.name ?? "", views.sector(entry.organization?.sector), member.profile.title,
                views.fieldNames(member.fieldIDs).joined(separator: "・"), entry.email, site.t("role." + member.role.rawValue, context),
                site.t("status." + member.status.rawValue, context), site.formatDate(member.createdAt, context),
            ]
        }
        return ExcelCSV.response([headers] + rows, filename: site.t("people_csv.filename", context) + ".csv")
    }
}
