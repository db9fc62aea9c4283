import Model
import Testing

@testable import Panel

@Suite struct ScoreRulesTests {
    let assignments: Set<JudgeEntryPair> = [
        JudgeEntryPair(judge: "J1", application: "E1"), JudgeEntryPair(judge: "J2", application: "E1"),
    ]
    let conflicts: Set<JudgeEntryPair> = [JudgeEntryPair(judge: "J3", application: "E1")]

    func mode(_ application: String, _ criterion: String) -> ScoringMode? {
        guard application == "E1" else { return nil }
        return ["c1": .judged, "c2": .hybrid, "c3": .auto][criterion]
    }

    func check(_ body: String) -> [PanelIssue] {
        let parsed = PanelFiles.scores("judge,application,criterion,percent,comment\n" + body)
        #expect(parsed.isValid)
        return ScoreRules.check(rows: parsed.rows, assignments: assignments, conflicts: conflicts, criteria: mode)
    }

    @Test func acceptsAGoodFile() {
        #expect(check("J1,E1,c1,75,ดี\nJ2,E1,c2,0,\nJ2,E1,c1,100,\n").isEmpty)
    }

    @Test func refusesEachBadRowWithItsLine() {
        let issues = check(
            """
            J1,E1,c1,75,
            J2,E1,c2,80,
            J3,E1,c1,70,
            J4,E1,c1,70,
            J1,E1,c9,70,
            J1,E1,c3,70,
            J1,E1,c2,105,
            J2,E1,c1,72.5,
            J1,E1,c1,80,
            J2,E1,c2,-5,

            """)
        #expect(
            issues.map { "\($0.line):\($0.code)" } == [
                "4:PSEA-C010", "5:PSEA-C011", "6:PSEA-C012", "7:PSEA-C013",
                "8:PSEA-C014", "9:PSEA-C015", "10:PSEA-C016", "11:PSEA-C014", "11:PSEA-C016",
            ])
        #expect(issues.first { $0.entry == .duplicateScore }?.message.en.contains("line 2") == true)
        #expect(issues.first { $0.entry == .percentOffStep }?.column == "percent")
        #expect(issues.first { $0.entry == .percentOffStep }?.message.en == "percent 72.5 must be in steps of 5 (0, 5, 10, …, 100)")
        #expect(issues.last { $0.entry == .percentOutOfRange }?.message.th == "ค่าร้อยละ -5 อยู่นอกช่วง 0–100")
        #expect(issues.first { $0.entry == .conflictedJudge }?.message.th == "กรรมการ J3 มีส่วนได้ส่วนเสียกับผลงาน E1 จึงให้คะแนนไม่ได้")
    }

    @Test func aConflictedJudgeIsRefusedEvenIfAssigned() {
        let both: Set<JudgeEntryPair> = [JudgeEntryPair(judge: "J1", application: "E1")]
        let rows = [FileRow(Score(judge: "J1", application: "E1", criterion: "c1", percent: 50), line: 2)]
        let issues = ScoreRules.check(rows: rows, assignments: both, conflicts: both, criteria: mode)
        #expect(issues.map(\.entry) == [.conflictedJudge])
    }

    @Test func unknownApplicationMeansUnknownCriterionAndUnassigned() {
        let issues = check("J1,E9,c1,50,\n")
        #expect(issues.map(\.entry) == [.unassignedJudge, .unknownCriterion])
    }

    @Test("a repeat is found with its first line whichever table holds its key: judges and criteria past 65,536 too")
    func repeatsBeyondTheCompactKeys() {
        // Criteria c0…c65536 take the numbers 0…65536: the last one's key no longer fits the compact table, where
        // it would stand where J2 (judge 1) and c0 (criterion 0) do.
        var rows = (0...65_536).map { FileRow(Score(judge: "J1", application: "E1", criterion: "c\($0)", percent: 50), line: $0 + 2) }
        rows.append(FileRow(Score(judge: "J2", application: "E1", criterion: "c0", percent: 55), line: 70_000))
        rows.append(FileRow(Score(judge: "J1", application: "E1", criterion: "c65536", percent: 55), line: 70_001))
        rows.append(FileRow(Score(judge: "J1", application: "E1", criterion: "c7", percent: 55), line: 70_002))
        var checker = ScoreRules.Checker(expectedRows: 4)
        let pairs = ScoreRules.PairBook(assignments: assignments, conflicts: conflicts)
        let repeats = rows.flatMap { checker.check($0, pairs: pairs) { _, _ in .judged } }.filter { $0.entry == .duplicateScore }
        #expect(repeats.map(\.line) == [70_001, 70_002])
        #expect(repeats.first?.message.en.hasSuffix("on line 65538") == true)
        #expect(repeats.last?.message.en.hasSuffix("on line 9") == true)
    }

    @Test("the pair book answers as the sets it was made from, for known and unknown judges and entries")
    func pairBook() {
        let pairs = ScoreRules.PairBook(assignments: assignments, conflicts: conflicts)
        for judge in ["J1", "J2", "J3", "J9"] {
            for application in ["E1", "E2"] {
                let pair = JudgeEntryPair(judge: judge, application: application)
                #expect(pairs.isAssigned(judge: judge, application: application) == assignments.contains(pair))
                #expect(pairs.isConflicted(judge: judge, application: application) == conflicts.contains(pair))
            }
        }
    }
}
