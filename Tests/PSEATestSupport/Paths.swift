import Foundation

/// Places in the source tree that tests read, found from this file's place (`Tests/PSEATestSupport/`).
package enum TestPaths {
    /// The package root.
    package static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The project's `Rubrics/` folder.
    package static let rubrics = packageRoot.appendingPathComponent("Rubrics", isDirectory: true)
    /// The project's `Samples/` folder.
    package static let samples = packageRoot.appendingPathComponent("Samples")
    /// The valid sample applications' folder.
    package static let validSamples = samples.appendingPathComponent("valid")

    /// The paths of the valid sample applications (XML and JSON), sorted.
    package static var validSampleFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: validSamples.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.sorted().map { validSamples.appendingPathComponent($0).path }
    }
}

/// A fresh, empty folder under the system's temporary directory, named `<prefix>-<UUID>`.
package func makeTemporaryFolder(_ prefix: String) throws -> URL {
    let url = temporaryPath(prefix)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A path under the system's temporary directory that does not exist yet: `<prefix>-<UUID><suffix>`.
package func temporaryPath(_ prefix: String, suffix: String = "") -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)")
}

/// The bytes of a CSV text, as the panel's readers take them.
package func csv(_ text: String) -> [UInt8] { Array(text.utf8) }
