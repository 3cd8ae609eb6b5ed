import Foundation
import Hummingbird
import MusubiCore

/// The admin's outbox page, and trying a given-up mail again.
struct MailOutboxHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func list(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let status = OutboxMail.Status(rawValue: query["status"])
        let (mails, counts) = try await site.mailOutbox.list(
            context.actor, status: status, page: PageRequest(number: try query.int("page") ?? 1, size: 50))
        let views = Views(site: site, context: context, tree: FieldTree([]))
        func tab(_ tab: OutboxMail.Status?) -> Tab {
            let label = tab.map { site.t("mail_status." + $0.rawValue, context) + " (\(counts[$0] ?? 0))" } ?? site.t("mail_outbox.all", context)
            return .init(
                label: label, href: Paths.mailOutbox.href() + (tab.map { "?status=" + $0.rawValue } ?? ""), current: tab == status,
                testID: "tab-" + (tab?.rawValue ?? "all"))
        }
        let model = MailOutboxPage(
            tabs: [tab(nil)] + OutboxMail.Status.allCases.map(tab),
            rows: mails.items.map { mail in
                let rendered = site.letters.mail(mail.letter)
                return .init(
                    to: rendered.to.map(\.address).joined(separator: ", "), subject: rendered.subject,
                    kind: site.t("notification_kind." + mail.kind, context), status: site.t("mail_status." + mail.status.rawValue, context),
                    failed: mail.status == .failed, attempts: mail.attempts, queuedAt: site.formatDate(mail.createdAt, context, withTime: true),
                    sentAt: mail.sentAt.map { site.formatDate($0, context, withTime: true) } ?? "", lastError: mail.lastError,
                    retryHref: Paths.mailRetry.href(mail.id))
            },
            pager: views.pager(mails, path: Paths.mailOutbox.href(), query: query, keys: ["status"]))
        return site.render(model, title: site.t("mail_outbox.title", context), request, context)
    }

    func retry(_ request: Request, _ context: Context) async throws -> Response {
        guard let id = Int64(try context.parameters.require("id")) else { throw MusubiError.notFound }
        try await site.mailOutbox.retry(context.actor, id: id)
        return site.redirect(Paths.mailOutbox.href(), notice: "mail_requeued")
    }

    /// The transparent image a counted mail carries: records it as opened and answers the
    /// image either way (a mail program shows nothing for it); nothing exists here when the
    /// installation does not count opens.
    func opened(_ request: Request, _ context: Context) async throws -> Response {
        guard site.configuration.mailTracking else { throw MusubiError.notFound }
        try await site.mailOpens.record(try context.parameters.require("token"))
        return Response(
            status: .ok, headers: [.contentType: "image/gif", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: Self.transparentGIF)))
    }

    /// A 1×1 transparent GIF.
    static let transparentGIF: [UInt8] = [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01,
        0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ]
}
