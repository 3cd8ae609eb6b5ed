import Foundation
import MusubiCore

/// What the web layer needs to know about the installation.
public struct WebConfiguration: Sendable {
    public var installationName: String
    public var installationNameEn: String
    /// The address people reach Musubi at, for links in invitations; https makes cookies Secure.
    public var publicBaseURL: String
    public var defaultLanguage: UILanguage
    public var themeDirectory: String?
    public var timeZone: TimeZone
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed (ClientAddress).
    public var trustedProxies: Set<String>
    /// Where uploads wait while read (`UploadArea`): `<data folder>/uploads` for `musubi serve`;
    /// a folder of the process's own in the system's temporary folder when nil (tests).
    public var uploadsDirectory: String?
    /// How long a request waits for the database (SQLite's writer while a long import holds it,
    /// a PostgreSQL connection) before it is answered 503 with Retry-After (`DatabasePatience`).
    public var databasePatience: Duration
    /// The address mail comes from (`MUSUBI_MAIL_FROM`); the installation's name is its
    /// display name. `noreply@` the public address's host when not set.
    public var mailFrom: String
    /// When the weekly digest goes out (`MUSUBI_DIGEST_AT`), in the installation's time zone;
    /// nil when this installation sends none.
    public var digestSchedule: DigestSchedule?
    /// Whether bulletins', funding calls' and digests' mails carry an image that counts them
    /// as opened (`MUSUBI_MAIL_TRACKING=on`); off by default.
    public var mailTracking: Bool

    public init(
        installationName: String = "Musubi 結び",
        installationNameEn: String = "Musubi",
        publicBaseURL: String = "http://127.0.0.1:8080",
        defaultLanguage: UILanguage = .ja,
        themeDirectory: String? = nil,
        timeZone: TimeZone = TimeZone(identifier: "Asia/Tokyo")!,
        trustedProxies: Set<String> = [],
        uploadsDirectory: String? = nil,
        databasePatience: Duration = .seconds(10),
        mailFrom: String? = nil,
        digestSchedule: DigestSchedule? = DigestSchedule(),
        mailTracking: Bool = false
    ) {
        self.mailTracking = mailTracking
        self.installationName = installationName
        self.installationNameEn = installationNameEn
        self.publicBaseURL = publicBaseURL
        self.defaultLanguage = defaultLanguage
        self.themeDirectory = themeDirectory
        self.timeZone = timeZone
        self.trustedProxies = trustedProxies
        self.uploadsDirectory = uploadsDirectory
        self.databasePatience = databasePatience
        self.mailFrom = mailFrom ?? "noreply@" + (URLComponents(string: publicBaseURL)?.host ?? "localhost")
        self.digestSchedule = digestSchedule.map { DigestSchedule(weekday: $0.weekday, hour: $0.hour, minute: $0.minute, timeZone: timeZone) }
    }

    /// The host of the public address: the part after `@` of every Message-ID.
    var publicHost: String { URLComponents(string: publicBaseURL)?.host ?? "localhost" }

    /// A date as pages and mail show it, where the community is: 2026-12-07, or with the time
    /// (the same in both languages). Written from the calendar's numbers: a `DateFormatter` made
    /// for each date was a tenth of an event page's time (docs/benchmarks.md).
    func formatDate(_ date: Date, _ language: UILanguage, withTime: Bool = false) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ number: Int?) -> String {
            let value = number ?? 0
            return value < 10 ? "0\(value)" : String(value)
        }
        let day = "\(parts.year ?? 0)-" + two(parts.month) + "-" + two(parts.day)
        return withTime ? day + " " + two(parts.hour) + ":" + two(parts.minute) : day
    }

    /// An absolute address for a path, for mail and feeds.
    func absolute(_ path: String) -> String {
        (publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL) + path
    }

    var secureCookies: Bool { publicBaseURL.lowercased().hasPrefix("https://") }

    func name(in language: UILanguage) -> String {
        language == .en ? installationNameEn : installationName
    }
}
