import Foundation
import Intake
import Model
import PSEATestSupport
import Panel
import Round
import Rubric
import Scoring
import Store
import Testing

@Suite("A whole competition round through the Round library")
struct WholeRoundTests {
    static let judges = """
        id,name,ministry,province,agency
        J1,สมชาย ใจดี,กระทรวงมหาดไทย,,
        J2,สมหญิง รักดี,,น่าน,
        J3,วิชัย สุขใจ,,,
        J4,มานี มีนา,,,
        J5,ปิติ ชูใจ,,,
        J6,ชูใจ ใฝ่รู้,,,

        """

    @Test("ingest, judges, conflicts, assign, scores, aggregate, flag, consensus")
    func wholeRound() throws {
        let round = try TemporaryRound()
        let ingest = try round.ingestSamples()
        #expect(ingest.stored == TemporaryRound.validSampleCount && ingest.invalid == 0)

        #expect(try round.panel.importJudges(csv: csv(Self.judges)).recorded == 6)
        let declared = try round.panel.importConflicts(csv: csv("judge,application,reason\nJ3,PG-2568-0044,former staff of the department\n"))
        #expect(declared.recorded == 1)

        let outcome = try round.panel.assign(perEntry: 3, seed: 42, override: "a small test panel")
        #expect(outcome.shortfalls.isEmpty)
        #expect(outcome.added.count == 3 * TemporaryRound.validSampleCount)
        #expect(outcome.frozen.count == 4)
        #expect(outcome.seedScope == "assignment-1")

        var snapshot = try round.snapshot()
        // Automatic: J1 shares the Interior ministry with Nan province; J2 is from Nan (a province entry).
        let nan = try #require(snapshot.conflicts.first { $0.pair.judge == "J1" && $0.pair.application == "PG-2568-0107" })
        #expect(nan.automatic && !nan.declared)
        #expect(snapshot.conflicts.contains { $0.pair.judge == "J2" && $0.pair.application == "PG-2568-0107" && $0.automatic })
        let forest = try #require(snapshot.conflicts.first { $0.pair.judge == "J3" && $0.pair.application == "PG-2568-0044" })
        #expect(forest.declared && forest.reasons.contains { $0.message.en.contains("former staff") })
        // No conflicted pair is ever assigned, and every entry has 3 judges.
        let pairs = Set(snapshot.assignments.map { JudgeEntryPair(judge: $0.judge, application: $0.application) })
        #expect(pairs.isDisjoint(with: snapshot.conflictPairs))
        #expect(snapshot.entries.allSatisfy { $0.judges.count == 3 })
        let loads = Dictionary(grouping: snapshot.assignments, by: \.judge).mapValues(\.count)
        #expect((loads.values.max() ?? 0) - (loads.values.min() ?? 0) <= 1)

        let dga = try #require(snapshot.entry("PG-2568-0406"))
        let forestEntry = try #require(snapshot.entry("PG-2568-0044"))
        #expect(dga.rubric?.key == "2568/open-governance")
        #expect(dga.rubricSHA256?.count == 64)
        #expect(dga.sheet?.application == "PG-2568-0406")
        let a = dga.judges, f = forestEntry.judges
        let scores = """
            judge,application,criterion,percent,comment
            \(a[0]),PG-2568-0406,OG1.1,60,
            \(a[1]),PG-2568-0406,OG1.1,70,
            \(a[2]),PG-2568-0406,OG1.1,100,"clear evidence, strong"
            \(f[0]),PG-2568-0044,OG1.1,50,
            \(f[1]),PG-2568-0044,OG1.1,60,
            \(f[2]),PG-2568-0044,OG1.1,70,

            """
        let stored = try round.panel.importScores(csv: csv(scores))
        #expect(stored.isValid && stored.recorded == 6)

        snapshot = try round.snapshot()
        let wide = try #require(snapshot.entry("PG-2568-0406")?.aggregate("OG1.1"))
        // Mean (60 + 70 + 100) / 3 = 76.67, median 70, range 100 − 60 = 40 > threshold 25: flagged.
        #expect(abs(wide.rawValue - 230.0 / 3) < 1e-9)
        #expect(wide.raw.median == 70)
        #expect(wide.raw.range == 40)
        // Sample sd: deviations −16.67, −6.67, 23.33 → squares 277.78 + 44.44 + 544.44 = 866.67, / 2 = 433.33, √ = 20.82.
        #expect(abs((wide.raw.standardDeviation ?? 0) - (1300.0 / 3).squareRoot()) < 1e-9)
        #expect(wide.wideRange && wide.needsConsensus)
        #expect(wide.normalizedValue != nil)
        let calm = try #require(snapshot.entry("PG-2568-0044")?.aggregate("OG1.1"))
        // Mean (50 + 60 + 70) / 3 = 60, sd 10, range 20 ≤ 25: not flagged.
        #expect(calm.rawValue == 60 && calm.raw.standardDeviation == 10 && !calm.wideRange)
        // Only OG1.1 is scored: the other judged criteria have no scores, so not enough judges yet.
        #expect(snapshot.entry("PG-2568-0044")?.hasEnoughJudges == false)
        #expect(snapshot.entry("PG-2568-0406")?.scores.first { $0.judge == a[2] }?.band == "90–100")

        try round.panel.recordConsensus(application: "PG-2568-0406", criterion: "OG1.1", percent: 75, reason: "panel discussion")
        let agreed = try #require(try round.snapshot().entry("PG-2568-0406")?.aggregate("OG1.1"))
        #expect(agreed.consensus == 75 && agreed.official == 75 && !agreed.needsConsensus)

        let report = PanelReport(try round.snapshot())
        #expect(report.lines.count == 2)
        #expect(report.reliability.contains { $0.rubric == "2568/open-governance" })
        #expect(try round.store.verify().ok)

        // The panel's read holds the same stored facts and each entry's rubric, profile and judges, without an
        // application, a score or an aggregate.
        let full = try round.snapshot()
        let panel = try RoundSnapshot.loadPanel(store: round.store, catalog: round.context.catalog)
        #expect(panel.facts.assignments == full.assignments && panel.facts.conflicts == full.conflicts)
        #expect(panel.facts.judges == full.judges && panel.facts.frozenRubrics == full.frozenRubrics)
        #expect(panel.facts.lotterySeeds == full.lotterySeeds && panel.facts.ledgerHead == full.ledgerHead)
        #expect(panel.entries.map(\.id) == full.entries.map(\.id))
        #expect(panel.entries.map(\.judges) == full.entries.map(\.judges))
        #expect(panel.entries.map(\.rubricSHA256) == full.entries.map(\.rubricSHA256))
        #expect(panel.entries.map(\.rubric?.key) == full.entries.map(\.rubric?.key))
        #expect(panel.entries.map(\.profile) == full.entries.map { EntryProfile($0.stored.application) })
        #expect(panel.entry("PG-2568-0406")?.judges == full.entry("PG-2568-0406")?.judges)
        #expect(panel.entries.contains { !$0.judges.isEmpty })
        #expect(panel.facts.entries.isEmpty && panel.facts.reliability.isEmpty && !full.reliability.isEmpty)
        #expect(full.entries.allSatisfy { $0.sheet != nil })

        // Read a chunk at a time, each application once, keeping only part of each entry: the same entries and the
        // same facts.
        struct Kept: Equatable, Sendable {
            var id: String, judges: [String], scores: [Score], aggregates: [CriterionAggregate], sheet: ScoreSheet?
            var rubricSHA256: String?, enough: Bool, title: String
            init(_ e: RoundEntry) {
                (id, judges, scores, aggregates, sheet) = (e.id, e.judges, e.scores, e.aggregates, e.sheet)
                (rubricSHA256, enough, title) = (e.rubricSHA256, e.hasEnoughJudges, e.stored.application.work.title)
            }
            init(title: String, sheet: ScoreSheet?, _ p: EntryPanel) {
                (id, judges, scores, aggregates, self.sheet) = (p.id, p.judges, p.scores, p.aggregates, sheet)
                (rubricSHA256, enough, self.title) = (p.rubricSHA256, p.hasEnoughJudges, title)
            }
        }
        let streamed = try RoundSnapshot.load(
            store: round.store, catalog: round.context.catalog,
            reading: { facts, sheet in (facts.workTitle, sheet) },
            keeping: { read, panel in Kept(title: read.0, sheet: read.1, panel) })
        #expect(streamed.entries == full.entries.map(Kept.init))
        #expect(streamed.entries.contains { $0.sheet != nil && !$0.aggregates.isEmpty })
        #expect(streamed.snapshot.entries.isEmpty)
        #expect(streamed.snapshot.conflicts == full.conflicts && streamed.snapshot.assignments == full.assignments)
        #expect(streamed.snapshot.ledgerHead == full.ledgerHead && streamed.snapshot.judges == full.judges)
        #expect(streamed.snapshot.reliability.map(\.rubric) == full.reliability.map(\.rubric))
    }

    @Test("scores from a conflicted judge are refused and nothing from the file is stored")
    func conflictedScoresRefused() throws {
        let round = try TemporaryRound()
        _ = try round.ingestSamples()
        _ = try round.panel.importJudges(csv: csv(Self.judges))
        _ = try round.panel.importConflicts(csv: csv("judge,application,reason\nJ3,PG-2568-0044,former staff\n"))
        _ = try round.panel.assign(perEntry: 3, seed: 7, override: "a small test panel")
        let good = try #require(try round.snapshot().entry("PG-2568-0044")?.judges.first)
        let result = try round.panel.importScores(
            csv: csv(
                """
                judge,application,criterion,percent,comment
                \(good),PG-2568-0044,OG1.1,50,
                J3,PG-2568-0044,OG1.1,60,
                J1,PG-2568-0107,OG1.1,60,
                \(good),PG-2568-0044,OG3.1,50,
                \(good),PG-2568-0044,OG1.2,52,

                """))
        #expect(result.issues.contains { $0.code == ProblemCode.conflictedJudge.code && $0.line == 3 })
        #expect(result.issues.contains { $0.code == ProblemCode.conflictedJudge.code && $0.line == 4 })
        #expect(result.issues.contains { $0.code == ProblemCode.automaticCriterion.code && $0.line == 5 })
        #expect(result.issues.contains { $0.code == ProblemCode.percentOffStep.code && $0.line == 6 })
        #expect(try round.store.scores().isEmpty)
        let single = try round.panel.addScore(Score(judge: "J3", application: "PG-2568-0044", criterion: "OG1.1", percent: 50))
        #expect(single.issues.map(\.code) == [ProblemCode.conflictedJudge.code])
        #expect(try round.store.scores().isEmpty)
    }

    @Test("a second assign run tops up and never moves existing assignments")
    func topUp() throws {
        let round = try TemporaryRound()
        _ = try round.ingestSamples()
        _ = try round.panel.importJudges(csv: csv(Self.judges))
        _ = try round.panel.assign(perEntry: 2, seed: 1, override: "a small test panel")
        let before = Set(try round.store.assignments().map { "\($0.judge)/\($0.application)" })
        let second = try round.panel.assign(perEntry: 3, seed: 2, override: "a small test panel")
        // Every entry had two judges and gets one more.
        #expect(second.added.count == TemporaryRound.validSampleCount)
        #expect(second.seedScope == "assignment-2")
        let after = Set(try round.store.assignments().map { "\($0.judge)/\($0.application)" })
        #expect(before.isSubset(of: after))
        let third = try round.panel.assign(perEntry: 3, seed: 3, override: "a small test panel")
        #expect(third.added.isEmpty && third.seedScope == nil)
    }

    @Test("an entry without enough conflict-free judges is reported with why")
    func shortfall() throws {
        let round = try TemporaryRound()
        _ = try round.ingestSamples()
        _ = try round.panel.importJudges(csv: csv("id,name,ministry,province,agency\nJ1,A,กระทรวงมหาดไทย,,\nJ2,B,,,\n"))
        let outcome = try round.panel.assign(perEntry: 2, seed: 5, override: "a small test panel")
        let nan = try #require(outcome.shortfalls.first { $0.application == "PG-2568-0107" })
        #expect(nan.eligible == 1)
        #expect(nan.message.en.contains("only 1 are free of conflict"))
        #expect(!(try round.store.assignments().contains { $0.judge == "J1" && $0.application == "PG-2568-0107" }))
    }

    @Test("bad judge and conflict rows are refused with their line and nothing is stored")
    func badRows() throws {
        let round = try TemporaryRound()
        let judges = try round.panel.importJudges(csv: csv("id,name,ministry,province,agency\nJ1,A,,,\n,B,,,\nJ1,C,,,\n"))
        #expect(judges.issues.map(\.line) == [3, 4])
        #expect(try round.store.judges().isEmpty)
        _ = try round.panel.importJudges(csv: csv("id,name,ministry,province,agency\nJ1,A,,,\n"))
        let changed = try round.panel.importJudges(csv: csv("id,name,ministry,province,agency\nJ2,B,,,\nJ1,Other name,,,\n"))
        #expect(changed.issues.map(\.code) == [RoundCode.contradicts.code] && changed.issues.first?.line == 3)
        #expect(try round.store.judges().map(\.id) == ["J1"])
        let conflicts = try round.panel.importConflicts(csv: csv("judge,application,reason\nJ1,PG-1,x\nJ9,PG-2,y\n"))
        // Nothing is ingested: both applications are unknown, and J9 is no judge.
        #expect(conflicts.issues.map(\.code) == [RoundCode.unknownEntry.code, RoundCode.unknownJudge.code, RoundCode.unknownEntry.code])
        #expect(conflicts.issues.map(\.line) == [2, 3, 3])
        #expect(try round.store.conflicts().isEmpty)
    }

    @Test("a rubric file changed after it was frozen: the frozen text is used, and the change is reported")
    func rubricChanged() throws {
        let copy = temporaryPath("psea-rubrics")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: TestPaths.rubrics, to: copy)
        let round = try TemporaryRound(rubrics: copy)
        _ = try round.ingestSamples()
        _ = try round.panel.importJudges(csv: csv(Self.judges))
        _ = try round.panel.assign(perEntry: 3, seed: 9, override: "a small test panel")
        let frozen = try #require(try round.store.frozenRubric(year: 2568, type: "open-governance"))
        let file = copy.appendingPathComponent("2568/open-governance.yaml")
        #expect(frozen.text == (try String(contentsOf: file, encoding: .utf8)))
        let judge = try #require(try round.snapshot().entry("PG-2568-0406")?.judges.first)
        let original = try String(contentsOf: file, encoding: .utf8)
        try original.replacingOccurrences(of: "  outstanding: 80\n  good: 70\n", with: "  outstanding: 60\n  good: 50\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let edited = try TemporaryRoundView(round: round, rubrics: copy)
        let drift = try edited.panel.context.rubricDrift()
        #expect(drift.map(\.type) == ["open-governance"] && drift.first?.textFrozen == true && drift.first?.frozen == frozen.sha256)
        #expect(drift.first?.code == .rubricDiffersFromFrozen)
        let scored = try edited.panel.importScores(csv: csv("judge,application,criterion,percent,comment\n\(judge),PG-2568-0406,OG1.1,50,\n"))
        #expect(scored.isValid && scored.recorded == 1)
        let seen = try RoundSnapshot.load(store: round.store, catalog: edited.panel.context.catalog)
        #expect(seen.entry("PG-2568-0406")?.rubric?.levels.outstanding == 80)
        #expect(seen.entry("PG-2568-0406")?.rubricSHA256 == frozen.sha256)
        _ = try edited.panel.assign(perEntry: 3, seed: 9, override: "a small test panel")
        #expect(try round.store.frozenRubrics().count == 4)
    }

    @Test("a ledger that froze only the rubric's hash: a changed file is reported and scores are refused")
    func hashOnlyFreeze() throws {
        let copy = temporaryPath("psea-rubrics")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: TestPaths.rubrics, to: copy)
        let round = try TemporaryRound(rubrics: copy)
        _ = try round.ingestSamples()
        let rubric = try #require(try RubricCatalog(directory: copy).rubric(year: 2568, type: "open-governance"))
        let sha = Ledger.sha256Hex(Data(try #require(rubric.sourceText).utf8))
        try round.store.freezeRubric(RubricFreeze(year: 2568, type: "open-governance", sha256: sha), actor: "opdc", at: TemporaryRound.when)
        let file = copy.appendingPathComponent("2568/open-governance.yaml")
        try (try String(contentsOf: file, encoding: .utf8) + "\n# edited\n").write(to: file, atomically: true, encoding: .utf8)
        let edited = try TemporaryRoundView(round: round, rubrics: copy)
        #expect(try edited.panel.context.rubricDrift().map(\.textFrozen) == [false])
        let assignError = #expect(throws: PSEAError.self) { _ = try edited.panel.assign(perEntry: 3, seed: 9, override: "a small test panel") }
        #expect(assignError?.code == RoundCode.rubricChanged.code)
    }
}

/// The same database seen with another rubric folder (as after someone edits a rubric file).
struct TemporaryRoundView {
    let panel: RoundPanel

    init(round: TemporaryRound, rubrics: URL) throws {
        panel = RoundPanel(
            context: RoundContext(
                store: round.store, catalog: try RubricCatalog(directory: rubrics), actor: "tester", clock: .fixed(TemporaryRound.when)))
    }
}

@Suite("Reading stored applications")
struct StoredApplicationReadingTests {
    /// The store reads stored applications with Intake's byte-level decoder when given it, JSONDecoder otherwise
    /// and for whatever the decoder gives up on: all three give the same entries.
    @Test func theFastDecoderAndTheFallbackGiveTheSameEntries() throws {
        let round = try TemporaryRound()
        _ = try round.ingestSamples()
        let plain = try round.store.entries()
        #expect(plain.count == TemporaryRound.validSampleCount)
        let fast = try CompetitionStore(path: round.store.path, applicationDecoder: StoredApplicationDecoder.decode)
        #expect(try fast.entries() == plain)
        #expect(try fast.entry(id: plain[0].application.id) == plain[0])
        let givingUp = try CompetitionStore(path: round.store.path, applicationDecoder: { _ in nil })
        #expect(try givingUp.entries() == plain)
    }
}
