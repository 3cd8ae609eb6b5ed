import Foundation
import Hummingbird
import HummingbirdWebSocket
import MusubiCore

/// The request context of a WebSocket upgrade: who is asking, from their session cookie or
/// their API token (`LiveSession`).
public struct LiveRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    var actor: Requester = .anonymous
    var credential: LiveCredential?
    /// When the credential was read.
    var checkedAt = ContinuousClock.now

    public init(source: Source) {
        coreContext = .init(source: source)
        webSocket = .init()
    }
}

/// `GET /live?after=<event id>&watch=<channel id>`: the exchange's events as they happen.
/// The client sends `{"type":"typing","channel":<id>}` while someone writes.
public enum LiveRoutes {
    static let inboundLimit = 4_096

    public static func router(for site: Site) -> Router<LiveRequestContext> {
        let router = Router(context: LiveRequestContext.self)
        router.add(middleware: LiveSession(site: site))
        router.ws(Paths.live.routerPath) { request, context in
            sameOrigin(request) && context.actor != .anonymous && context.credential != nil ? .upgrade([:]) : .dontUpgrade
        } onUpgrade: { inbound, outbound, context in
            let (actor, credential, checkedAt) = (context.requestContext.actor, context.requestContext.credential, context.requestContext.checkedAt)
            guard let credential else { return }
            let query = context.request.uri.queryParameters
            let after = query["after"].flatMap { Int64(String($0)) }.map { max(0, $0) }
            let watch = query["watch"].flatMap { Int64(String($0)) }
            let (frames, outbox) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingOldest(LiveHub.outboxLimit))
            let id = try await site.live.connect(actor, credential: credential, checkedAt: checkedAt, after: after, watching: watch, outbox: outbox)
            defer { Task { await site.live.disconnect(id) } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await frame in frames { try await outbound.write(.text(frame)) }
                }
                group.addTask {
                    for try await message in inbound.messages(maxSize: inboundLimit) {
                        guard case .text(let text) = message, let typing = try? JSONDecoder().decode(Typing.self, from: Data(text.utf8)),
                            typing.type == "typing"
                        else { continue }
                        try await site.live.typing(id, channelID: typing.channel)
                    }
                }
                defer { group.cancelAll() }
                _ = try await group.next()
            }
        }
        return router
    }

    private struct Typing: Decodable {
        var type: String
        var channel: Int64
    }
}

/// What a live connection signed in with: read at the upgrade, and again while the
/// connection stays open (`LiveHub.recheck`). Kept in memory only, never logged.
enum LiveCredential: Sendable, Hashable, CustomStringConvertible {
    case apiToken(String)
    case session(cookieSecret: String)

    /// Never the secret itself.
    var description: String {
        switch self {
        case .apiToken: "API token"
        case .session: "session"
        }
    }

    /// Who it lets in now; nil once it is revoked, signed out or expired, or its person
    /// deactivated. Checking again (`opening` false) does not mark a token used.
    func actor(_ accounts: Accounts, opening: Bool) async throws -> Requester? {
        switch self {
        case .apiToken(let token): try await accounts.actor(apiToken: token, recordingUse: opening)
        case .session(let secret): try await accounts.session(cookieSecret: secret)?.actor
        }
    }
}

extension LiveRoutes {
    /// Reads who is asking once, for the upgrade and the connection after it: a program
    /// sends its API token (`Authorization: Bearer …`, and then the cookie is not read), a
    /// page its session cookie.
    struct LiveSession: RouterMiddleware {
        let site: Site

        func handle(_ request: Request, context: LiveRequestContext, next: (Request, LiveRequestContext) async throws -> Response) async throws
            -> Response
        {
            var context = context
            if let token = request.bearerToken {
                context.credential = .apiToken(token)
            } else if let secret = request.cookies[Cookies.session]?.value, !secret.isEmpty {
                context.credential = .session(cookieSecret: secret)
            }
            context.checkedAt = .now
            context.actor = try await context.credential?.actor(site.accounts, opening: true) ?? .anonymous
            return try await next(request, context)
        }
    }

    /// A browser sends its page's origin; a page on another host may not listen in (the
    /// session cookie is SameSite=Lax as well).
    private static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let authority = request.head.authority, let originHost = URL(string: origin)?.host?.lowercased() else { return false }
        let host = authority.hasPrefix("[") ? String(authority.prefix { $0 != "]" }.dropFirst()) : String(authority.prefix { $0 != ":" })
        return originHost == host.lowercased() || originHost == "[" + host.lowercased() + "]"
    }
}
