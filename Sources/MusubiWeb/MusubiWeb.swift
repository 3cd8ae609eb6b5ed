import Hummingbird
import HummingbirdWebSocket
import ServiceLifecycle
import Logging
import NIOCore
import MusubiCore

/// Builds the HTTP application from the core's environment.
public enum MusubiWeb {
    public static func application(
        site: Site, host: String, port: Int, logger: Logger, services: [any Service] = [],
        onServerRunning: @escaping @Sendable (any NIOCore.Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: SiteMap.router(for: site),
            server: .http1WebSocketUpgrade(webSocketRouter: LiveRoutes.router(for: site)),
            configuration: .init(address: .hostname(host, port: port), serverName: "Musubi"),
            services: services,
            onServerRunning: onServerRunning,
            logger: logger
        )
    }
}
