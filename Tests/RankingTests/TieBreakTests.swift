import Foundation
import Model
import PSEATestSupport
import Testing

@testable import Ranking

/// Five entries that all score 80 (worked out in each line):
/// - A: P1 50% → 5, P2 50% → 5, R1 85% → 34, R2 90% → 36; results 70.
/// - B, C: P1 100% → 10, P2 50% → 5, R1 80% → 32, R2 82.5% → 33; results 65. C was submitted at 10:00 +07:00,
///   B at 04:00Z (11:00 +07:00): C is earlier although its text sorts later.
/// - D, E: P1 100% → 10, P2 100% → 10, R1 75% → 30, R2 75% → 30; results 60; same submission time.
func tiedRound() -> [RankingEntry] {
    [
        entry("E", p1: 100, p2: 100, r1: 75, r2: 75),
        entry("B", p1: 100, p2: 50, r1: 80, r2: 82.5, submitted: "2025-02-01T04:00:00Z"),
        entry("A", p1: 50, p2: 50, r1: 85, r2: 90),
        entry("D", p1: 100, p2: 100, r1: 75, r2: 75),
        entry("C", p1: 100, p2: 50, r1: 80, r2: 82.5, submitted: "2025-02-01T10:00:00+07:00"),
    ]
}

@Suite struct TieBreakTests {
    @Test func cascadeAppliesEachKeyInOrderThenTheLottery() throws {
        let seed: UInt64 = 42
        let result = Ranker.rank(tiedRound(), seeds: ["2568/test-type": seed])
        for e in result.entries { #expect(e.score == 80) }
        let a = try #require(result.entry("A")?.tieBreak)
        #expect(a.decidedBy == "results-dimension")
        #expect(a.equalOn.isEmpty)
        #expect(a.value == "70")
        #expect(a.tiedWith == ["B", "C", "D", "E"])
        #expect(result.entry("A")?.rank == 1)

        let c = try #require(result.entry("C")?.tieBreak)
        #expect(c.equalOn == ["results-dimension", "criterion:P1"])
        #expect(c.decidedBy == "submitted-at")
        #expect(result.entry("C")?.rank == 2)
        #expect(result.entry("B")?.rank == 3)

        let d = try #require(result.entry("D")?.tieBreak)
        let e = try #require(result.entry("E")?.tieBreak)
        #expect(d.equalOn == ["results-dimension", "criterion:P1", "submitted-at"])
        #expect(d.decidedBy == "lottery" && e.decidedBy == "lottery")
        #expect(d.seed == seed)
        // The lower draw places first.
        let drawD = Ranker.lotteryDraw(seed: seed, application: "D")
        let drawE = Ranker.lotteryDraw(seed: seed, application: "E")
        #expect(drawD != drawE)
        let first = drawD < drawE ? "D" : "E"
        #expect(result.entry(first)?.rank == 4)
        #expect(result.entries.map(\.application) == ["A", "C", "B"] + (first == "D" ? ["D", "E"] : ["E", "D"]))
        #expect(result.seedsUsed == ["2568/test-type": seed])

        // The reason is printed beside every tied rank, in both languages.
        #expect(d.reason.en.contains("decided by lottery (seed 42)"))
        #expect(d.reason.th.contains("จับสลาก"))
        #expect(
            c.reason.en
                == "score tied with A, B, D, E; equal on results-dimension, criterion:P1; decided by submitted-at: 2025-02-01T10:00:00+07:00 against 2025-02-01T04:00:00Z (B)"
        )
        let text = RankingReport.text(result, language: .en)
        #expect(text.contains("tie: score tied with B, C, D, E; decided by results-dimension: 70 against 65 (B), 65 (C), 60 (D), 60 (E)"))
        #expect(text.contains("lottery seed for 2568/test-type: 42"))
    }

    @Test func lotteryDependsOnTheSeedAndIsReproducible() {
        let round = tiedRound()
        let once = Ranker.rank(round, seeds: ["2568/test-type": 7])
        let again = Ranker.rank(round.reversed(), seeds: ["2568/test-type": 7])
        #expect(once == again)
        // Some seed in 0..<64 puts D first and some puts E first: the draw is not fixed by the ids.
        let orders = Set(
            (0..<64).map { seed -> [String] in
                Ranker.rank(round, seeds: ["2568/test-type": UInt64(seed)]).entries.suffix(2).map(\.application)
            })
        #expect(orders == [["D", "E"], ["E", "D"]])
    }

    @Test func lotteryDrawIsSplitMix64OfSeedXorFNV() {
        // FNV-1a of the empty id is its offset basis, so this seed gives SplitMix64(0), whose first output is the
        // published reference value 0xE220A8397B1DCDAF.
        #expect(Ranker.lotteryDraw(seed: 0xCBF2_9CE4_8422_2325, application: "") == 0xE220_A839_7B1D_CDAF)
    }

    @Test func cascadeWithoutLotteryStillEndsInOne() throws {
        let rubric = testRubric(tieBreak: [.spectrum, .spectrum])
        #expect(Ranker.cascade(rubric) == ["spectrum", "lottery"])
        let result = Ranker.rank(
            [
                entry("X", p1: 100, p2: 100, r1: 75, r2: 75, rubric: rubric, spectrum: 4),
                entry("Y", p1: 100, p2: 100, r1: 75, r2: 75, rubric: rubric, spectrum: 4),
                entry("Z", p1: 100, p2: 100, r1: 75, r2: 75, rubric: rubric, spectrum: 5),
            ], seeds: ["2568/test-type": 1])
        #expect(result.entry("Z")?.rank == 1)
        #expect(result.entry("Z")?.tieBreak?.decidedBy == "spectrum")
        #expect(result.entry("Z")?.tieBreak?.value == "empower")
        #expect(result.entry("X")?.tieBreak?.decidedBy == "lottery")
        #expect(result.entry("X")?.tieBreak?.equalOn == ["spectrum"])
    }

    @Test func evidenceCoverageAndDimensionKeys() throws {
        let rubric = testRubric(tieBreak: [.dimension("process"), .evidenceCoverage, .lottery])
        let result = Ranker.rank([
            entry("LOW", p1: 100, p2: 100, r1: 75, r2: 75, rubric: rubric, evidence: 0.5),
            entry("HIGH", p1: 100, p2: 100, r1: 75, r2: 75, rubric: rubric, evidence: 0.75),
            entry("PROC", p1: 50, p2: 50, r1: 85, r2: 85, rubric: rubric),
        ])
        // PROC: 5 + 5 + 34 + 34 = 78, not tied. HIGH and LOW: 80, equal on process (20), HIGH covers more evidence.
        #expect(result.entries.map(\.application) == ["HIGH", "LOW", "PROC"])
        #expect(result.entry("HIGH")?.tieBreak?.value == "75%")
        #expect(result.entry("HIGH")?.tieBreak?.equalOn == ["dimension:process"])
        #expect(result.entry("PROC")?.tieBreak == nil)
    }

    @Test func aLargeTieNamesTheCountAndTheNearestEntriesOnly() throws {
        // 30 identical entries: the lottery decides; each note names the 10 placed nearest, never all 29.
        let ids = (1...30).map { String(format: "E%02d", $0) }
        let result = Ranker.rank(ids.map { entry($0, p1: 100, p2: 100, r1: 75, r2: 75) }, seeds: ["2568/test-type": 9])
        let order = result.entries.map(\.application)
        #expect(Set(order) == Set(ids))
        for (position, ranked) in result.entries.enumerated() {
            let note = try #require(ranked.tieBreak)
            #expect(note.decidedBy == "lottery")
            #expect(note.tiedCount == 29 && note.othersCount == 29)
            #expect(note.tiedWith.count == Ranker.tieListLimit && note.others.count == Ranker.tieListLimit)
            let start = min(max(0, position - 5), 30 - 11)
            let window = order[start...(start + 10)].filter { $0 != ranked.application }
            #expect(note.tiedWith == window.sorted())
            // The draws are in rank order: the others shown are the same window, lowest draw first.
            #expect(note.others.map { String($0.split(separator: "(").last?.dropLast() ?? "") } == window)
        }
        let first = try #require(result.entries.first?.tieBreak)
        #expect(first.reason.en.hasPrefix("score tied with 29 other entries (nearest in the order: "))
        #expect(first.reason.en.hasSuffix("(the 10 nearest of 29) (lower first)"))
        #expect(first.reason.th.contains("ผลงานอื่น 29 รายการ"))

        // Decided by a key: the others shown are the nearest on that key (higher coverage first).
        let rubric = testRubric(tieBreak: [.evidenceCoverage, .lottery])
        let keyed = Ranker.rank(
            ids.enumerated().map { index, id in
                entry(id, p1: 100, p2: 100, r1: 75, r2: 75, rubric: rubric, evidence: Double(index + 1) / 100)
            })
        #expect(keyed.entries.map(\.application) == ids.reversed())
        let top = try #require(keyed.entries.first?.tieBreak)
        #expect(top.decidedBy == "evidence-coverage" && top.value == "30%")
        #expect(top.othersCount == 29)
        #expect(top.others == (20...29).reversed().map { "\($0)% (E\($0))" })
        #expect(
            top.reason.en.hasSuffix(
                "against 29% (E29), 28% (E28), 27% (E27), 26% (E26), 25% (E25), 24% (E24), 23% (E23), 22% (E22), 21% (E21), 20% (E20) (the 10 nearest of 29)"
            ))
    }

    @Test func scopesAreRankedSeparately() {
        let result = Ranker.rank([
            entry("O1", type: "other", p1: 100, p2: 100, r1: 75, r2: 75),
            entry("T1", p1: 100, p2: 100, r1: 75, r2: 75),
        ])
        #expect(result.entry("O1")?.rank == 1)
        #expect(result.entry("T1")?.rank == 1)
        #expect(result.entry("T1")?.tieBreak == nil)
        #expect(result.scopes == ["2568/other", "2568/test-type"])
    }
}

@Suite struct SubmissionTimeTests {
    @Test func readsOffsetsAsInstants() throws {
        let zulu = try #require(SubmissionTime.instant("2025-02-01T04:00:00Z"))
        let bangkok = try #require(SubmissionTime.instant("2025-02-01T11:00:00+07:00"))
        let plain = try #require(SubmissionTime.instant("2025-02-01T11:00"))
        #expect(zulu == bangkok)
        #expect(plain == bangkok)
        // 1970-01-01T00:00Z is 0; one day and 1.5 s later is 86401.5.
        #expect(SubmissionTime.instant("1970-01-02T00:00:01.5Z") == 86401.5)
        #expect(SubmissionTime.instant("2025-02-01T04:00:00-01:30") == zulu + 5400)
        #expect(SubmissionTime.instant("not a time at all") == nil)
        #expect(SubmissionTime.instant("2025-13-01T04:00:00Z") == nil)
        #expect(SubmissionTime.instant("2025-02-01T04:00:00 junk") == nil)
    }
}

@Suite struct RankingJSONTests {
    @Test func jsonHasTheContractKeysAndStatuses() throws {
        var incomplete = entry("I", p1: 100, p2: 100, r1: 75, r2: 75)
        incomplete.criteria[0] = CriterionInput(criterion: "P1", source: .missing, percent: nil)
        let round = tiedRound() + [incomplete, entry("G", p1: 100, p2: 100, r1: 10, r2: 10)]
        let result = Ranker.rank(round, seeds: ["2568/test-type": 3])
        let data = RankingReport.json(result, language: .en)
        let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(array.count == 7)
        let keys: Set<String> = ["application", "type", "agency", "score", "level", "rank", "tieBreak", "status", "gatesFailed", "siteVisit"]
        for object in array { #expect(Set(object.keys) == keys) }
        #expect(array.map { $0["status"] as? String } == ["ranked", "ranked", "ranked", "ranked", "ranked", "gate-failed", "incomplete"])
        #expect(array[0]["rank"] as? Int == 1)
        #expect((array[0]["tieBreak"] as? String)?.hasPrefix("score tied with B, C, D, E") == true)
        #expect(array[5]["gatesFailed"] as? [String] == ["dimension:results"])
        #expect(array[6]["score"] is NSNull && array[6]["rank"] is NSNull && array[6]["tieBreak"] is NSNull)
        #expect(RankingReport.json(result, language: .en) == data)
        let thai = String(decoding: RankingReport.json(result, language: .th), as: UTF8.self)
        #expect(thai.contains("ตัดสินด้วยการจับสลาก"))
    }
}
