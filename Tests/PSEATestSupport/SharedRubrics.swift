import Foundation
import Model
import Rubric

/// The rubric catalogues tests use, each loaded once per process: Yams crashed when several tests loaded YAML at
/// the same moment, so tests share these instead of loading their own.
package enum SharedRubrics {
    /// The project's `Rubrics/` folder as a catalogue, nil when it fails to load (tests `#require` it).
    package static let project: RubricCatalog? = try? RubricCatalog(directory: TestPaths.rubrics)
    /// The catalogue embedded in the binary.
    package static let builtIn: RubricCatalog? = try? RubricCatalog.builtIn()

    /// The project's catalogue, or the error that loading it again gives.
    package static func projectCatalog() throws -> RubricCatalog {
        if let project { return project }
        return try RubricCatalog(directory: TestPaths.rubrics)
    }

    /// The built-in catalogue, or the error that loading it again gives.
    package static func builtInCatalog() throws -> RubricCatalog {
        if let builtIn { return builtIn }
        return try RubricCatalog.builtIn()
    }
}

/// The text of the shipped 2568 rubric of `type` (`Rubrics/2568/<type>.yaml`).
package func shippedText(_ type: String) throws -> String {
    try String(contentsOf: TestPaths.rubrics.appendingPathComponent("2568/\(type).yaml"), encoding: .utf8)
}

/// The shipped 2568 rubric of `type`, loaded from its file.
package func shipped(_ type: String) throws -> Rubric {
    try RubricLoader.load(contentsOf: TestPaths.rubrics.appendingPathComponent("2568/\(type).yaml"))
}
