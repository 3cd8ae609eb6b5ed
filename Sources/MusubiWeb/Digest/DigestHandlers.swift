import Foundation
import Hummingbird
import MusubiCore

/// The weekly digest's web version.
struct DigestHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func show(_ request: Request, _ context: Context) async throws -> Response {
        let digest = try await site.digests.mine(context.actor)
        let words = DigestText(catalog: site.catalog, language: context.language, configuration: site.configuration)
        let schedule =
            if let when = when(context) {
                try await site.notifications.wantsDigest(context.actor)
                    ? site.t("digest.schedule", context).replacingOccurrences(of: "{when}", with: when) : site.t("digest.turned_off", context)
            } else {
                site.t("digest.not_sent", context)
            }
        let model = DigestPage(
            period: words.period(digest), sections: words.sections(digest), schedule: schedule,
            preferencesHref: Paths.notificationPreferences.href())
        return site.render(model, title: site.t("digest.title", context), request, context)
    }

    /// `毎週月曜日 08:00`: the installation's digest hour in words; nil when it sends none.
    private func when(_ context: Context) -> String? {
        guard let schedule = site.configuration.digestSchedule else { return nil }
        return site.t("digest.weekday." + String(schedule.weekday), context) + String(format: " %02d:%02d", schedule.hour, schedule.minute)
    }
}
