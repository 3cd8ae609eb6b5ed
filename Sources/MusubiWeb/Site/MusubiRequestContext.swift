import Hummingbird
import MusubiCore
import NIOCore

/// What every handler knows about the request beyond the request itself: who is asking,
/// in which language, and the CSRF token their forms must carry.
public struct MusubiRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var actor: Requester = .anonymous
    public var session: Session?
    public var language: UILanguage = .ja
    /// The token forms must echo: the session's, or for visitors a cookie of their own.
    public var csrfToken: String = ""
    /// The bell's count, for a page shown to someone signed in.
    public var unreadNotifications: Int?
    /// For coordinators: how many applications wait (the header's badge).
    public var waitingApplications: Int?
    /// Set when a visitor got a new CSRF cookie with this response.
    var newVisitorCSRF: String?
    /// The client's address, for rate limiting sign-ins: the peer, or behind a trusted
    /// proxy the address it forwarded for (ClientMiddleware, ClientAddress).
    public var remoteAddress: String
    /// A posted page form, already checked for its CSRF token.
    public var form = FormData()
    /// The files of a posted `multipart/form-data` form, by field name (upload groups only).
    public var files: [String: [MultipartForm.File]] = [:]

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    public var maxUploadSize: Int { 2 * 1024 * 1024 }
}

/// The languages of the interface. Japanese first.
public enum UILanguage: String, CaseIterable, Sendable {
    case ja, en
}
