// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Musubi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "musubi", targets: ["musubi"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
    ],
    targets: [
        .target(
            name: "MusubiCore",
            resources: [.copy("Resources")]
        ),
        .target(
            name: "MusubiMail",
            dependencies: [
                "MusubiCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "MusubiStore",
            dependencies: [
                "MusubiCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "MusubiWeb",
            dependencies: [
                "MusubiCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")]
        ),
        // The composition root: the one place that knows every concrete type, and the
        // settings an installation is opened with.
        .target(
            name: "MusubiApp",
            dependencies: [
                "MusubiCore", "MusubiStore", "MusubiWeb", "MusubiMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // `musubi bench`: the benchmarks and the matching evaluation; nothing of it ships in
        // the other targets.
        .target(
            name: "MusubiBench",
            dependencies: [
                "MusubiCore", "MusubiStore", "MusubiWeb", "MusubiApp", "MusubiMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "musubi",
            dependencies: [
                "MusubiCore", "MusubiStore", "MusubiWeb", "MusubiApp", "MusubiBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "MusubiTestSupport",
            dependencies: [
                "MusubiCore", "MusubiStore", "MusubiWeb", "MusubiApp", .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Tests/MusubiTestSupport"
        ),
        .testTarget(name: "MusubiCoreTests", dependencies: ["MusubiCore", "MusubiTestSupport"]),
        .testTarget(name: "MusubiStoreTests", dependencies: ["MusubiCore", "MusubiStore", "MusubiTestSupport"]),
        .testTarget(
            name: "MusubiWebTests",
            dependencies: [
                "MusubiCore", "MusubiStore", "MusubiWeb", "MusubiApp", "MusubiTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "MusubiBenchTests", dependencies: ["MusubiCore", "MusubiBench"]),
        .testTarget(
            name: "MusubiMailTests",
            dependencies: ["MusubiCore", "MusubiMail", "MusubiTestSupport", .product(name: "NIOSSL", package: "swift-nio-ssl")]
        ),
        .testTarget(name: "musubiTests", dependencies: ["musubi", "MusubiTestSupport"]),
    ]
)
