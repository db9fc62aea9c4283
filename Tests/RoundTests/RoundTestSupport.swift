import Foundation
import Intake
import Model
import Round
import Rubric
import Store

/// A round on a temporary database with the project's rubrics and a fixed clock.
final class TemporaryRound {
    let folder: URL
    let store: CompetitionStore
    let context: RoundContext

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// 2025-02-19T21:20:00Z.
    static let when = Date(timeIntervalSince1970: 1_740_000_000)

    init(rubrics: URL = TemporaryRound.packageRoot.appendingPathComponent("Rubrics")) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("psea-round-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try CompetitionStore(path: folder.appendingPathComponent("round.sqlite").path)
        context = RoundContext(store: store, catalog: try RubricCatalog(directory: rubrics), actor: "tester", clock: .fixed(Self.when))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var panel: RoundPanel { RoundPanel(context: context) }

    /// How many applications Samples/valid holds.
    static var validSampleCount: Int {
        let folder = packageRoot.appendingPathComponent("Samples/valid")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.count
    }

    /// Ingests the valid samples.
    func ingestSamples() throws -> IngestSummary {
        let folder = Self.packageRoot.appendingPathComponent("Samples/valid")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
        return try Ingestor(context: context, rules: nil, chunkSize: 4).run(paths: files) { _, _ in }
    }

    func snapshot() throws -> RoundSnapshot { try RoundSnapshot.load(store: store, catalog: context.catalog) }
}

func csv(_ text: String) -> [UInt8] { Array(text.utf8) }
