// swift-tools-version:6.0
import PackageDescription

/// Targets point inward: the executable → LiaisonApp → {LiaisonMail, LiaisonStore} → LiaisonCore.
/// LiaisonCore is pure (no I/O, no clock, no C module); the C shims are only seen by the
/// transport and the store.
let package = Package(
    name: "liaisond",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "liaisond", targets: ["liaisond"]),
    ],
    targets: [
        .target(
            name: "CCurl",
            path: "Sources/CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "LiaisonCore"),
        .target(name: "LiaisonMail", dependencies: ["LiaisonCore", "CCurl"]),
        .target(name: "LiaisonStore", dependencies: ["LiaisonCore", "CSQLite"]),
        .target(name: "LiaisonApp", dependencies: ["LiaisonCore", "LiaisonMail", "LiaisonStore"]),
        .executableTarget(name: "liaisond", dependencies: ["LiaisonApp"]),
        .testTarget(name: "LiaisonCoreTests", dependencies: ["LiaisonCore"], exclude: ["Fixtures"]),
        .testTarget(
            name: "LiaisonIntegrationTests",
            dependencies: ["LiaisonCore", "LiaisonMail", "LiaisonStore", "LiaisonApp"],
            exclude: ["Support/smtp_server.py", "Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
