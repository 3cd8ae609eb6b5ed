import ArgumentParser
import Configuration
import Foundation
import MusubiCore
import MusubiMail
import MusubiStore
import MusubiWeb

/// The installation's settings, from (highest first) command-line flags, the environment,
/// a `.env` file in the working directory, and defaults. Environment names are the keys in
/// upper case with a MUSUBI_ prefix: `databaseURL` is MUSUBI_DATABASE_URL.
public struct Settings: Sendable {
    public var host: String
    public var port: Int
    public var dataDirectory: String
    public var databaseURL: String?
    public var publicBaseURL: String?
    public var sessionSecret: String?
    public var defaultLanguage: UILanguage
    public var themeDirectory: String?
    public var siteName: String?
    public var siteNameEn: String?
    public var timeZone: String
    public var trustedProxies: Set<String>
    public var sqliteSynchronous: DatabaseLocation.SQLiteSynchronous
    /// Where mail goes by SMTP; `.eml` files under the data folder when nil.
    public var smtp: SMTPConfiguration?
    public var mailFrom: String?
    /// Nil when the installation sends no weekly digest (`MUSUBI_DIGEST_AT=off`).
    public var digestSchedule: DigestSchedule?
    public var mailTracking: Bool

    /// Every key, with what it means, for `--help` and the README.
    public static let keys: [(key: String, environment: String, meaning: String)] = [
        ("host", "MUSUBI_HOST", "address to listen on (127.0.0.1)"),
        ("port", "MUSUBI_PORT", "port to listen on (8080)"),
        ("dataDir", "MUSUBI_DATA_DIR", "folder for the SQLite database and the generated secret (./data)"),
        (
            "databaseURL", "MUSUBI_DATABASE_URL",
            "postgres://user:password@host:5432/db?sslmode=disable to use PostgreSQL; SQLite in the data folder when unset"
        ),
        ("publicBaseURL", "MUSUBI_PUBLIC_BASE_URL", "the address people reach Musubi at, for invitation links; https:// makes cookies Secure"),
        ("sessionSecret", "MUSUBI_SESSION_SECRET", "key that signs stored digests of sessions and tokens; generated into the data folder when unset"),
        ("defaultLanguage", "MUSUBI_DEFAULT_LANGUAGE", "ja or en (ja)"),
        ("themeDir", "MUSUBI_THEME_DIR", "folder whose templates/, public/ and i18n/ override the bundled ones"),
        ("siteName", "MUSUBI_SITE_NAME", "the installation's name in Japanese"),
        ("siteNameEn", "MUSUBI_SITE_NAME_EN", "the installation's name in English"),
        ("timeZone", "MUSUBI_TIME_ZONE", "time zone for dates on pages (Asia/Tokyo)"),
        ("trustedProxies", "MUSUBI_TRUSTED_PROXIES", "comma-separated addresses of reverse proxies whose X-Forwarded-For is believed (none)"),
        (
            "sqliteSynchronous", "MUSUBI_SQLITE_SYNCHRONOUS",
            "full (the default: every acknowledged write survives a power cut) or normal (faster writes; the last seconds of writes may be lost on a power cut)"
        ),
        (
            "smtpURL", "MUSUBI_SMTP_URL",
            "smtp://user:password@host:587?starttls=true or smtps://user:password@host:465 to send mail; written as .eml files under the data folder's mail/ when unset"
        ),
        ("mailFrom", "MUSUBI_MAIL_FROM", "the address mail comes from (noreply@ the public address's host)"),
        ("digestAt", "MUSUBI_DIGEST_AT", "when the weekly digest mail goes out, in the time zone above (monday 08:00), or off"),
        ("mailTracking", "MUSUBI_MAIL_TRACKING", "on: count which bulletin, funding call and digest mails are opened, for the dashboard (off)"),
    ]

    /// What never appears in the configuration's own logs: it holds a password or a key.
    static let secrets: Set<String> = ["MUSUBI_SESSION_SECRET", "MUSUBI_DATABASE_URL", "MUSUBI_SMTP_URL"]

    public static func load(flags: [String: String]) async throws -> Settings {
        var overrides: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in flags {
            overrides[AbsoluteConfigKey(["musubi", key])] = ConfigValue(
                .string(value), isSecret: ["sessionSecret", "databaseURL", "smtpURL"].contains(key))
        }
        let reader = ConfigReader(providers: [
            InMemoryProvider(name: "flags", values: overrides),
            EnvironmentVariablesProvider(secretsSpecifier: .specific(secrets)),
            try await EnvironmentVariablesProvider(
                environmentFilePath: ".env", allowMissing: true, secretsSpecifier: .specific(secrets)),
        ])
        func string(_ key: String) -> String? {
            reader.string(forKey: ConfigKey(["musubi", key])).flatMap { $0.isEmpty ? nil : $0 }
        }
        let portText = string("port") ?? "8080"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw ValidationError("The port must be a number from 1 to 65535, not '\(portText)'.")
        }
        let languageText = string("defaultLanguage") ?? "ja"
        guard let language = UILanguage(rawValue: languageText) else {
            throw ValidationError("The default language must be ja or en, not '\(languageText)'.")
        }
        let zone = string("timeZone") ?? "Asia/Tokyo"
        guard TimeZone(identifier: zone) != nil else { throw ValidationError("Unknown time zone '\(zone)'.") }
        let synchronousText = string("sqliteSynchronous") ?? "full"
        guard let synchronous = DatabaseLocation.SQLiteSynchronous(rawValue: synchronousText) else {
            throw ValidationError("sqliteSynchronous must be full or normal, not '\(synchronousText)'.")
        }
        let smtp: SMTPConfiguration?
        do {
            smtp = try string("smtpURL").map(SMTPConfiguration.parse)
        } catch {
            // The message names what is wrong, never the URL itself (it may hold a password).
            throw ValidationError("MUSUBI_SMTP_URL: \(error)")
        }
        let mailFrom = string("mailFrom")
        if let mailFrom, !MailAddress(address: mailFrom).isUsable {
            throw ValidationError("MUSUBI_MAIL_FROM must be one plain address such as noreply@example.jp, not '\(mailFrom)'.")
        }
        let digestText = string("digestAt") ?? "monday 08:00"
        let digestSchedule = DigestSchedule(digestText, timeZone: TimeZone(identifier: zone)!)
        guard digestSchedule != nil || digestText == "off" else {
            throw ValidationError("MUSUBI_DIGEST_AT must be a day and a time such as 'monday 08:00', or off; not '\(digestText)'.")
        }
        let trackingText = string("mailTracking") ?? "off"
        guard ["on", "off"].contains(trackingText) else { throw ValidationError("MUSUBI_MAIL_TRACKING must be on or off, not '\(trackingText)'.") }
        return Settings(
            host: string("host") ?? "127.0.0.1", port: port, dataDirectory: string("dataDir") ?? "data",
            databaseURL: string("databaseURL"), publicBaseURL: string("publicBaseURL"), sessionSecret: string("sessionSecret"),
            defaultLanguage: language, themeDirectory: string("themeDir"), siteName: string("siteName"),
            siteNameEn: string("siteNameEn"), timeZone: zone,
            trustedProxies: Set(
                (string("trustedProxies") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }),
            sqliteSynchronous: synchronous, smtp: smtp, mailFrom: mailFrom, digestSchedule: digestSchedule,
            mailTracking: trackingText == "on"
        )
    }

    public var databaseLocation: DatabaseLocation {
        get throws {
            if let databaseURL { return try DatabaseLocation.parse(databaseURL) }
            let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("musubi.sqlite").standardizedFileURL.path
            return .sqliteFile(path: path, synchronous: sqliteSynchronous)
        }
    }

    public var baseURL: String { publicBaseURL ?? "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)" }
}

/// The flags every command that touches the installation accepts.
public struct SettingsOptions: ParsableArguments {
    public init() {}

    @Option(help: "Address to listen on.") var host: String?
    @Option(help: "Port to listen on.") var port: Int?
    @Option(name: .customLong("data-dir"), help: "Folder for the SQLite database and generated secret.") var dataDir: String?
    @Option(name: .customLong("database-url"), help: "postgres://… to use PostgreSQL.") var databaseURL: String?
    @Option(name: .customLong("public-base-url"), help: "The address people reach Musubi at.") var publicBaseURL: String?
    @Option(name: .customLong("default-language"), help: "ja or en.") var defaultLanguage: String?
    @Option(name: .customLong("theme-dir"), help: "Folder overriding templates, assets and catalog entries.") var themeDir: String?
    @Option(name: .customLong("trusted-proxies"), help: "Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed.")
    var trustedProxies: String?
    @Option(name: .customLong("sqlite-synchronous"), help: "full (durable at every commit, the default) or normal (faster writes).")
    var sqliteSynchronous: String?

    public func settings() async throws -> Settings {
        var flags: [String: String] = [:]
        flags["host"] = host
        flags["port"] = port.map(String.init)
        flags["dataDir"] = dataDir
        flags["databaseURL"] = databaseURL
        flags["publicBaseURL"] = publicBaseURL
        flags["defaultLanguage"] = defaultLanguage
        flags["themeDir"] = themeDir
        flags["trustedProxies"] = trustedProxies
        flags["sqliteSynchronous"] = sqliteSynchronous
        return try await Settings.load(flags: flags)
    }
}
