import Foundation
import Hummingbird
import HummingbirdWebSocket
import MusubiCore

/// The request context of a WebSocket upgrade: who is asking, from their session cookie or
/// their API token (`LiveSession`).
public struct LiveRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    var actor: Actor = .anonymous

    public init(source: Source) {
        coreContext = .init(source: source)
        webSocket = .init()
    }
}

/// `GET /live?after=<event id>&watch=<channel id>`: the exchange's events as they happen.
/// The client sends `{"type":"typing","channel":<id>}` while someone writes.
enum LiveRoutes {
    static let inboundLimit = 4_096

    static func router(for site: Site) -> Router<LiveRequestContext> {
        let router = Router(context: LiveRequestContext.self)
        router.add(middleware: LiveSession(site: site))
        router.ws(Paths.live.routerPath) { request, context in
            sameOrigin(request) && context.actor != .anonymous ? .upgrade([:]) : .dontUpgrade
        } onUpgrade: { inbound, outbound, context in
            let actor = context.requestContext.actor
            let query = context.request.uri.queryParameters
            let after = query["after"].flatMap { Int64(String($0)) }.map { max(0, $0) }
            let watch = query["watch"].flatMap { Int64(String($0)) }
            let (frames, outbox) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingOldest(LiveHub.outboxLimit))
            let id = try await site.live.connect(actor, after: after, watching: watch, outbox: outbox)
            defer { Task { await site.live.disconnect(id) } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await frame in frames { try await outbound.write(.text(frame)) }
                }
                group.addTask {
                    for try await message in inbound.messages(maxSize: inboundLimit) {
                        guard case .text(let text) = message, let typing = try? JSONDecoder().decode(Typing.self, from: Data(text.utf8)),
                              typing.type == "typing" else { continue }
                        try await site.live.typing(id, channelID: typing.channel)
                    }
                }
                defer { group.cancelAll() }
                _ = try await group.next()
            }
        }
        return router
    }

    private struct Typing: Decodable { var type: String; var channel: Int64 }

    /// Reads who is asking once, for the upgrade and the connection after it: a program
    /// sends its API token (`Authorization: Bearer …`, and then the cookie is not read), a
    /// page its session cookie.
    struct LiveSession: RouterMiddleware {
        let site: Site

        func handle(_ request: Request, context: LiveRequestContext, next: (Request, LiveRequestContext) async throws -> Response) async throws -> Response {
            var context = context
            if let token = request.bearerToken {
                context.actor = try await site.accounts.actor(apiToken: token) ?? .anonymous
            } else if let secret = request.cookies[Cookies.session]?.value, !secret.isEmpty {
                context.actor = try await site.accounts.session(cookieSecret: secret)?.actor ?? .anonymous
            }
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
