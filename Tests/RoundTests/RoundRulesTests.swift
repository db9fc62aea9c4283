import Foundation
import Model
import PSEATestSupport
import Panel
import Round
import Rubric
import Store
import Testing

@Suite("Round: error paths, revisions, recusal and batches")
struct RoundRulesTests {
    /// A round with the samples, three neutral judges and three judges on every entry.
    func assigned() throws -> TemporaryRound {
        let round = try TemporaryRound()
        _ = try round.ingestSamples()
        _ = try round.panel.importJudges(csv: csv("id,name,ministry,province,agency\nA,Judge A,,,\nB,Judge B,,,\nC,Judge C,,,\n"))
        _ = try round.panel.assign(perEntry: 3, seed: 1, override: "a small test panel")
        return round
    }

    @Test("consensus is refused for an unknown entry, an automatic criterion, an off-step percent or no reason")
    func consensusChecks() throws {
        let round = try assigned()
        let cases: [(String, String, Double, String, String)] = [
            ("PG-0000-0000", "OG1.1", 50, "r", RoundCode.unknownEntry.code),
            ("PG-2568-0406", "OG3.1", 50, "r", RoundCode.invalidValue.code),
            ("PG-2568-0406", "NOPE", 50, "r", RoundCode.invalidValue.code),
            ("PG-2568-0406", "OG1.1", 52, "r", RoundCode.invalidValue.code),
            ("PG-2568-0406", "OG1.1", 105, "r", RoundCode.invalidValue.code),
            ("PG-2568-0406", "OG1.1", 50, "  ", RoundCode.invalidValue.code),
        ]
        for (application, criterion, percent, reason, code) in cases {
            let error = #expect(throws: PSEAError.self) {
                try round.panel.recordConsensus(application: application, criterion: criterion, percent: percent, reason: reason)
            }
            #expect(error?.code == code, "\(application) \(criterion) \(percent)")
            #expect(error?.isInvalidInput == true)
        }
        #expect(try round.store.consensus().isEmpty)
    }

    @Test("a second score for the same judge, entry and criterion is a revision; the first stays readable")
    func revisions() throws {
        let round = try assigned()
        let row = "judge,application,criterion,percent,comment\nA,PG-2568-0406,OG1.1,50,first look\n"
        #expect(try round.panel.importScores(csv: csv(row)).recorded == 1)
        #expect(
            try round.panel.addScore(Score(judge: "A", application: "PG-2568-0406", criterion: "OG1.1", percent: 65, comment: "after the visit"))
                .isValid)
        let revisions = try round.store.scoreRevisions(judge: "A", application: "PG-2568-0406", criterion: "OG1.1")
        #expect(revisions.map(\.score.percent) == [50, 65])
        #expect(revisions.map(\.score.band) == ["50–65", "50–65"])
        #expect(try round.snapshot().entry("PG-2568-0406")?.aggregate("OG1.1")?.rawValue == 65)
    }

    @Test("a score for an entry that is not ingested is refused with its line")
    func unknownEntry() throws {
        let round = try assigned()
        let result = try round.panel.importScores(csv: csv("judge,application,criterion,percent,comment\nA,PG-2568-9999,OG1.1,50,\n"))
        #expect(result.issues.contains { $0.code == RoundCode.unknownEntry.code && $0.line == 2 })
        #expect(try round.store.scores().isEmpty)
    }

    @Test("a conflict declared after assignment recuses the judge: no assignment in force, scores left out of aggregates")
    func recusal() throws {
        let round = try assigned()
        #expect(
            try round.panel.importScores(
                csv: csv(
                    """
                    judge,application,criterion,percent,comment
                    A,PG-2568-0406,OG1.1,50,
                    B,PG-2568-0406,OG1.1,60,
                    C,PG-2568-0406,OG1.1,70,

                    """)
            ).recorded == 3)
        #expect(try round.panel.importConflicts(csv: csv("judge,application,reason\nC,PG-2568-0406,sibling works there\n")).recorded == 1)
        let entry = try #require(try round.snapshot().entry("PG-2568-0406"))
        #expect(entry.judges == ["A", "B"])
        // Only A and B count: (50 + 60) / 2 = 55.
        #expect(entry.aggregate("OG1.1")?.rawValue == 55)
        #expect(entry.aggregate("OG1.1")?.judges == ["A", "B"])
        #expect(!(try round.snapshot().assignments.contains { $0.judge == "C" && $0.application == "PG-2568-0406" }))
    }

    @Test("conflicts: the same declaration again is unchanged, another reason for the same pair is refused")
    func conflictReasons() throws {
        let round = try assigned()
        let file = "judge,application,reason\nA,PG-2568-0044,former staff\n"
        #expect(try round.panel.importConflicts(csv: csv(file)).recorded == 1)
        let again = try round.panel.importConflicts(csv: csv(file))
        #expect(again.isValid && again.recorded == 0 && again.unchanged == 1)
        let other = try round.panel.importConflicts(csv: csv("judge,application,reason\nA,PG-2568-0044,friend\n"))
        #expect(other.issues.map(\.code) == [RoundCode.contradicts.code])
        let twice = try round.panel.importConflicts(csv: csv("judge,application,reason\nB,PG-2568-0044,x\nB,PG-2568-0044,y\n"))
        #expect(twice.issues.map(\.line) == [3])
        #expect(try round.store.conflicts().count == 1)
    }

    @Test("judges: re-importing the same file is unchanged")
    func judgesUnchanged() throws {
        let round = try assigned()
        let again = try round.panel.importJudges(csv: csv("id,name,ministry,province,agency\nA,Judge A,,,\n"))
        #expect(again.isValid && again.recorded == 0 && again.unchanged == 1)
    }

    @Test("a store batch that fails halfway stores nothing")
    func batchRollback() throws {
        let round = try TemporaryRound()
        struct Stop: Error {}
        #expect(throws: PSEAError.self) {
            try round.store.batch { batch in
                try batch.registerJudge(Judge(id: "X", name: "X"), actor: "t", at: TemporaryRound.when)
                throw Stop()
            }
        }
        #expect(try round.store.judges().isEmpty)
        #expect(try round.store.status().events == 0)
    }

    @Test("the snapshot is the same on every load and the ledger head is the last event's hash")
    func deterministic() throws {
        let round = try assigned()
        let first = try round.snapshot(), second = try round.snapshot()
        #expect(first.entries.map(\.id) == first.entries.map(\.id).sorted())
        #expect(first.entries.map(\.judges) == second.entries.map(\.judges))
        #expect(first.ledgerHead == (try round.store.events().last?.hash))
        #expect(first.lotterySeeds.map(\.scope) == ["assignment-1"])
        #expect(first.frozenRubrics.count == 4)
        for entry in first.entries {
            #expect(entry.rubricSHA256 == first.frozenRubrics.first { $0.type == entry.stored.application.type }?.sha256)
        }
    }

    @Test("the same seed gives the same assignment on another database")
    func sameSeed() throws {
        let one = try assigned(), two = try assigned()
        #expect(try one.store.assignments() == (try two.store.assignments()))
    }

    @Test("panel settings map onto Panel's aggregation")
    func mapping() {
        let trimmed = PanelSettingsMapping.settings(
            PanelSettings(aggregation: .trimmedMean, trim: 0.2, normalisation: .raw, minJudges: 3, disagreementThreshold: 25))
        #expect(trimmed.method == .trimmedMean(fraction: 0.2) && trimmed.official == .raw && trimmed.normalize)
        let median = PanelSettingsMapping.settings(
            PanelSettings(aggregation: .median, normalisation: .zScore, minJudges: 3, disagreementThreshold: 30))
        #expect(median.method == .median && median.official == .normalized && median.disagreementThreshold == 30)
        let mean = PanelSettingsMapping.settings(PanelSettings(aggregation: .mean, normalisation: .raw, minJudges: 1, disagreementThreshold: 20))
        #expect(mean.method == .mean && mean.official == .raw)
    }
}
