import Foundation

/// Finds bundled resources, letting a region's `theme/` folder override any of them
/// (templates, assets, catalog entries) without rebuilding.
public struct ResourceLocator: Sendable {
    public let bundleRoot: URL
    public let themeRoot: URL?

    public init(themeDirectory: String?) {
        self.bundleRoot =
            Bundle.module.url(forResource: "Resources", withExtension: nil) ?? Bundle.module.bundleURL.appendingPathComponent("Resources")
        self.themeRoot = themeDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
    }

    /// The theme's file if it has one, else the bundled one.
    public func file(_ relativePath: String) -> URL? {
        all(relativePath).last
    }

    /// The bundled file, then the theme's, for resources that merge (catalogs).
    public func all(_ relativePath: String) -> [URL] {
        [bundleRoot, themeRoot].compactMap { root in
            guard let root else { return nil }
            let url = root.appendingPathComponent(relativePath)
            return FileManager.default.fileExists(atPath: url.path) ? url : nil
        }
    }

    /// Every file under a folder of the bundle and the theme, the theme's winning by name.
    public func files(in folder: String, withExtension ext: String) -> [String: URL] {
        var result: [String: URL] = [:]
        for root in [bundleRoot, themeRoot].compactMap({ $0 }) {
            let directory = root.appendingPathComponent(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for name in names where name.hasSuffix("." + ext) {
                result[String(name.dropLast(ext.count + 1))] = directory.appendingPathComponent(name)
            }
        }
        return result
    }
}
