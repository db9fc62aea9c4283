import Foundation
import Intake
import Model
import Round
import Rubric
import Store
import Testing

/// A round on a temporary database with the project's rubrics and a fixed clock.
package final class TemporaryRound {
    package let folder: URL
    package let store: CompetitionStore
    package let context: RoundContext

    /// 2025-02-19T21:20:00Z.
    package static let when = Date(timeIntervalSince1970: 1_740_000_000)

    /// A round with the rubrics in `rubrics`, or the project's rubrics (loaded once per process) when nil.
    package init(rubrics: URL? = nil) throws {
        folder = try makeTemporaryFolder("psea-round")
        store = try CompetitionStore(path: folder.appendingPathComponent("round.sqlite").path)
        let catalog = try rubrics.map { try RubricCatalog(directory: $0) } ?? SharedRubrics.projectCatalog()
        context = RoundContext(store: store, catalog: catalog, actor: "tester", clock: .fixed(Self.when))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    package var panel: RoundPanel { RoundPanel(context: context) }

    /// A round with the valid samples ingested and screened, and the demo's nine judges and their declared
    /// conflicts registered (`Samples/round`): where the tests of guards and of streamed scores start.
    package static func withSamplePanel() throws -> TemporaryRound {
        let round = try TemporaryRound()
        _ = try round.ingestSamples()
        #expect(try round.panel.importJudges(csv: roundSample("judges.csv")).isValid)
        #expect(try round.panel.importConflicts(csv: roundSample("conflicts.csv")).isValid)
        return round
    }

    /// `withSamplePanel` with five judges on every entry and the demo's scores of them imported: a round under way,
    /// not approved.
    package static func withSampleScores() throws -> TemporaryRound {
        let round = try withSamplePanel()
        _ = try round.panel.assign(perEntry: 5, seed: 2568)
        #expect(try round.panel.importScores(csv: roundSample("scores.csv"), skipUnassigned: true).isValid)
        return round
    }

    /// The bytes of `Samples/round/NAME`: the demo's judges, conflicts and scores files.
    package static func roundSample(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: TestPaths.samples.appendingPathComponent("round").appendingPathComponent(name)))
    }

    /// How many applications Samples/valid holds.
    package static var validSampleCount: Int { TestPaths.validSampleFiles.count }

    /// Ingests the valid samples (inside the 2568 window, by the fixed clock) and screens them, as staff do before
    /// assigning judges; `ingestOnly` leaves them unscreened.
    package func ingestSamples() throws -> IngestSummary {
        let summary = try ingestOnly()
        _ = try screen()
        return summary
    }

    /// Ingests the valid samples without screening them.
    package func ingestOnly() throws -> IngestSummary {
        try Ingestor(context: context, rules: nil, chunkSize: 4).run(paths: TestPaths.validSampleFiles) { _, _ in }
    }

    /// Screens every current entry by the round file's rules.
    @discardableResult
    package func screen() throws -> ScreeningOutcome {
        try RoundScreener(context: context).screen()
    }

    package func snapshot() throws -> RoundSnapshot { try RoundSnapshot.load(store: store, catalog: context.catalog) }
}
