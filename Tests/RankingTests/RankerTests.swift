import Foundation
import Model
import PSEATestSupport
import Panel
import Rubric
import Testing

@testable import Ranking

@Suite struct ScoreAndLevelTests {
    @Test func finalScoreAddsAutomaticAndPanelPoints() throws {
        // P1 75% of 10 = 7.5; P2 50% of 10 = 5; R1 80% of 40 = 32; R2 62.5% of 40 = 25 → 69.5: below good (70).
        let result = Ranker.rank([entry("E1", p1: 75, p2: 50, r1: 80, r2: 62.5)])
        let e = try #require(result.entry("E1"))
        #expect(e.score == 69.5)
        #expect(e.criteria.map(\.points) == [7.5, 5, 32, 25])
        #expect(e.level == AwardLevel.none)
        #expect(e.status == .ranked)
        #expect(e.rank == 1)
        #expect(e.tieBreak == nil)
    }

    @Test func levelsFollowTheRubricCutoffs() {
        let levels = Levels(outstanding: 80, good: 70, bestOfBest: 90)
        #expect(Ranker.level(90, levels: levels) == .bestOfBest)
        #expect(Ranker.level(89.99, levels: levels) == .outstanding)
        #expect(Ranker.level(80, levels: levels) == .outstanding)
        #expect(Ranker.level(70, levels: levels) == .good)
        #expect(Ranker.level(69.99, levels: levels) == AwardLevel.none)
        // Without a best-of-best level the top stays outstanding.
        #expect(Ranker.level(100, levels: Levels(outstanding: 80, good: 70)) == .outstanding)
    }

    @Test func panelPercentOutsideZeroToHundredIsClamped() throws {
        // A normalised aggregate of 120% counts as 100%: P1 10 + P2 5 + R1 32 + R2 (−5% → 0) 0 = 47.
        let result = Ranker.rank([entry("E1", p1: 120, p2: 50, r1: 80, r2: -5, rubric: testRubric(gates: []))])
        #expect(result.entry("E1")?.score == 47)
    }
}

@Suite struct GateTests {
    @Test func failedDimensionGateIsNamedAndBlocksAnyAward() throws {
        // results: R1 40% of 40 = 16, R2 50% of 40 = 20 → 36 of 80 = 45% < 50%.
        // Total 10 + 10 + 16 + 20 = 56.
        let result = Ranker.rank([entry("E1", p1: 100, p2: 100, r1: 40, r2: 50)])
        let e = try #require(result.entry("E1"))
        #expect(e.status == .gateFailed)
        #expect(e.gatesFailed.map(\.gate) == ["dimension:results"])
        #expect(e.gatesFailed.map(\.percent) == [45] && e.gatesFailed.map(\.minPercent) == [50])
        #expect(e.level == AwardLevel.none)
        #expect(e.rank == nil)
        #expect(e.score == 56)
        #expect(e.gatesFailed[0].message.th.contains("ต่ำกว่าเกณฑ์ขั้นต่ำ"))
        // Thai names the dimension by its title, never by its id.
        #expect(e.gatesFailed[0].message.th.hasPrefix("คะแนนมิติทดสอบ ได้ร้อยละ 45"))
        #expect(!e.gatesFailed[0].message.th.contains("results"))
        #expect(e.gatesFailed[0].message.en.contains("dimension:results reached 45%"))
    }

    @Test func criterionGateAndGateFailedEntriesComeAfterRankedOnes() throws {
        let rubric = testRubric(gates: [Gate(criterion: "P1", minPercent: 60)])
        let result = Ranker.rank([
            entry("LOW", p1: 50, p2: 100, r1: 100, r2: 100, rubric: rubric),
            entry("OK", p1: 60, p2: 50, r1: 50, r2: 50, rubric: rubric),
        ])
        #expect(result.entries.map(\.application) == ["OK", "LOW"])
        #expect(result.entry("LOW")?.gatesFailed.map(\.gate) == ["criterion:P1"])
        #expect(result.entry("OK")?.rank == 1)
        // A score of 95 would be best of the best, but the failed gate leaves no award.
        #expect(result.entry("LOW")?.scoreLevel == .bestOfBest)
        #expect(result.entry("LOW")?.level == AwardLevel.none)
    }
}

@Suite struct IncompleteTests {
    @Test func missingPanelScoresAreIncompleteNotRanked() throws {
        var e = entry("E1", p1: 100, p2: 100, r1: 100, r2: 100)
        e.criteria[0] = CriterionInput(criterion: "P1", source: .missing, percent: nil)
        let result = Ranker.rank([e, entry("E2", p1: 50, p2: 50, r1: 50, r2: 50)])
        let incomplete = try #require(result.entry("E1"))
        #expect(incomplete.status == .incomplete)
        #expect(incomplete.score == nil && incomplete.rank == nil && incomplete.level == nil)
        #expect(incomplete.missing.map(\.criterion) == ["P1"])
        #expect(result.entry("E2")?.rank == 1)
        #expect(result.entries.last?.application == "E1")
    }

    @Test func tooFewJudgesScoresOrAwaitingConsensus() throws {
        var fewScores = entry("FEW", p1: 80, p2: 80, r1: 80, r2: 80)
        fewScores.criteria[3].panel = panel(80, n: 2)
        var unscored = entry("UNSCORED", p1: 80, p2: 80, r1: 80, r2: 80, judges: 4)
        unscored.criteria[0].panel = panel(80, n: 3)
        var wide = entry("WIDE", p1: 80, p2: 80, r1: 80, r2: 80)
        wide.criteria[0].panel = panel(80, spread: 40, wide: true)
        var agreed = entry("AGREED", p1: 80, p2: 80, r1: 80, r2: 80)
        agreed.criteria[0] = CriterionInput(
            criterion: "P1", source: .consensus, percent: 70, panel: panel(80, spread: 40, wide: true), consensusReason: "ประชุมแล้ว")
        let noJudges = entry("NOJUDGES", p1: 80, p2: 80, r1: 80, r2: 80, judges: 2)
        let result = Ranker.rank([fewScores, unscored, wide, agreed, noJudges])
        #expect(result.entry("FEW")?.missing.first?.reason.en == "criterion R2 has scores from 2 judges; the rubric requires at least 3")
        #expect(result.entry("UNSCORED")?.missing.first?.reason.en == "criterion P1 still lacks scores from 1 of the 4 assigned judges")
        #expect(result.entry("WIDE")?.missing.first?.reason.en.contains("awaits a consensus") == true)
        #expect(result.entry("NOJUDGES")?.missing.first?.criterion == "")
        #expect(result.entry("NOJUDGES")?.missing.first?.reason.th.contains("อย่างน้อย 3 คน") == true)
        for id in ["FEW", "UNSCORED", "WIDE", "NOJUDGES"] { #expect(result.entry(id)?.status == .incomplete) }
        // Consensus replaces the wide aggregate: P1 70% → 7, the rest 80% → 8 + 32 + 32.
        #expect(result.entry("AGREED")?.status == .ranked)
        #expect(result.entry("AGREED")?.score == 79)
    }

    @Test func automaticCriterionWithoutResultIsIncomplete() {
        var e = entry("E1", p1: 80, p2: 80, r1: 80, r2: 80)
        e.criteria.remove(at: 2)
        let result = Ranker.rank([e])
        #expect(result.entry("E1")?.missing.map(\.criterion) == ["R1"])
        #expect(result.entry("E1")?.missing.first?.reason.en == "criterion R1 has no automatic result")
    }
}

@Suite struct SiteVisitTests {
    @Test func outstandingRangeIsFlaggedUntilAVisitIsRecorded() throws {
        // 8 + 8 + 34 + 34 = 84: outstanding range.
        let pending = Ranker.rank([entry("E1", p1: 80, p2: 80, r1: 85, r2: 85)]).entry("E1")
        #expect(pending?.siteVisit == .pending)
        #expect(pending?.level == .outstanding)
        let confirmed = Ranker.rank([entry("E1", p1: 80, p2: 80, r1: 85, r2: 85, siteVisit: SiteVisit(application: "E1", confirmed: true))]).entry(
            "E1")
        #expect(confirmed?.siteVisit == .confirmed)
        #expect(confirmed?.level == .outstanding)
        let refused = Ranker.rank([
            entry("E1", p1: 80, p2: 80, r1: 85, r2: 85, siteVisit: SiteVisit(application: "E1", confirmed: false, reason: "ไม่พบการดำเนินงานจริง"))
        ]).entry("E1")
        #expect(refused?.siteVisit == .notConfirmed)
        #expect(refused?.level == .good)
        #expect(refused?.scoreLevel == .outstanding)
        // 7 + 7 + 30 + 30 = 74: good, no visit needed.
        let good = Ranker.rank([entry("E1", p1: 70, p2: 70, r1: 75, r2: 75)]).entry("E1")
        #expect(good?.siteVisit == nil)
        #expect(good?.level == .good)
    }
}

@Suite("Ranking: criterion headings shared per rubric")
struct CriterionHeadingTests {
    @Test("the outcomes of entries ranked under one rubric share each criterion's heading; another rubric with the same key gets its own")
    func headingsAreSharedPerRubric() throws {
        var renamed = testRubric()
        renamed.dimensions[0].criteria[0].title = LocalizedText(th: "ชื่ออื่น", en: "Another name")
        let result = Ranker.rank([
            entry("E1", p1: 75, p2: 50, r1: 80, r2: 62.5), entry("E2", p1: 60, p2: 50, r1: 70, r2: 62.5),
            entry("E3", p1: 60, p2: 50, r1: 70, r2: 62.5, rubric: renamed),
        ])
        let (one, two, other) = (try #require(result.entry("E1")), try #require(result.entry("E2")), try #require(result.entry("E3")))
        #expect(one.criteria.count == two.criteria.count)
        for (a, b) in zip(one.criteria, two.criteria) { #expect(a.heading === b.heading) }
        #expect(other.criteria[0].heading !== one.criteria[0].heading)
        #expect(other.criteria[0].title == renamed.allCriteria[0].criterion.title)
        #expect(one.criteria[0].title == testRubric().allCriteria[0].criterion.title)
        #expect(one.criteria.map(\.criterion) == testRubric().allCriteria.map(\.criterion.id))
    }

    @Test("a ranked entry keeps each input once, in its outcome: the entry it carries has none")
    func inputsLiveInTheOutcomes() throws {
        let input = entry("E1", p1: 75, p2: 50, r1: 80, r2: 62.5)
        let ranked = try #require(Ranker.rank([input]).entry("E1"))
        #expect(ranked.entry.criteria.isEmpty)
        #expect(ranked.criteria.map(\.input) == input.criteria)
        #expect(ranked.entry.subject == input.subject && ranked.entry.rubric == input.rubric)
    }

    @Test("an outcome encodes every field of its heading beside its input and points, and decodes back to an equal outcome")
    func outcomeCodingKeepsEveryField() throws {
        let outcome = CriterionOutcome(
            criterion: "P1", dimension: "process", title: LocalizedText(th: "ก", en: "A"), mode: "judged", lens: "adli", maxPoints: 10,
            input: CriterionInput(criterion: "P1", source: .panel, percent: 75), points: 7.5)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(outcome), as: UTF8.self)
        #expect(
            text
                == #"{"criterion":"P1","dimension":"process","input":{"criterion":"P1","percent":75,"source":"panel","trail":[]},"lens":"adli","maxPoints":10,"mode":"judged","points":7.5,"title":{"en":"A","th":"ก"}}"#
        )
        #expect(try JSONDecoder().decode(CriterionOutcome.self, from: Data(text.utf8)) == outcome)
        var missing = outcome
        missing.points = nil
        #expect(!String(decoding: try encoder.encode(missing), as: UTF8.self).contains("points"))
    }
}
