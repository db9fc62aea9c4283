import Model
import PSEATestSupport
import Panel
import Rubric
import Scoring
import Testing

@testable import Ranking

private func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d) ?? LocalDate(year: 2024, month: 1, day: 1)! }

/// A small application: A1 involve with influence and evidence E1; A2 empower with influence but a reference to a
/// missing evidence item; A3 consult without influence but with E1; indicator I1 with E1, I2 without evidence.
private func application() -> Application {
    Application(
        id: "TT-2568-0001", awardYear: 2568, type: "test-type", submittedAt: Timestamp(iso: "2025-02-01T09:00:00+07:00"),
        agency: Agency(kind: .province, name: "จังหวัดแพร่", nameEn: "Phrae Province", province: "แพร่"),
        contact: Contact(name: "สมหญิง", email: "a@example.go.th"),
        work: Work(
            title: "แพร่ร่วมใจ", summary: "สรุป", background: "ความเป็นมา", objectives: [Objective(id: "O1", text: "เป้าหมาย")],
            period: Period(start: day(2023, 1, 1))),
        stakeholders: [Stakeholder(id: "S1", name: "ประชาชน", kind: .citizens)],
        activities: [
            Activity(
                id: "A1", title: "เวที", stage: .planning, level: .involve, date: day(2023, 2, 1), stakeholderRefs: ["S1"],
                influence: "ปรับแผน", evidenceRefs: ["E1"]),
            Activity(
                id: "A2", title: "ลงมติ", stage: .decision, level: .empower, date: day(2023, 3, 1), stakeholderRefs: ["S1"],
                influence: "ประชาชนตัดสิน", evidenceRefs: ["E9"]),
            Activity(
                id: "A3", title: "สำรวจ", stage: .evaluation, level: .consult, date: day(2023, 4, 1), stakeholderRefs: ["S1"],
                evidenceRefs: ["E1"]),
        ],
        indicators: [
            Indicator(
                id: "I1", name: "ตัวชี้วัด", unit: "ร้อยละ", direction: .increase, objectiveRef: "O1",
                baseline: YearValue(year: 2565, value: 10), target: 20, measurements: [YearValue(year: 2566, value: 20)], evidenceRefs: ["E1"]),
            Indicator(
                id: "I2", name: "ตัวชี้วัดสอง", unit: "ครั้ง", direction: .increase,
                baseline: YearValue(year: 2565, value: 1), measurements: [YearValue(year: 2566, value: 2)]),
        ],
        evidence: [Evidence(id: "E1", kind: .document, title: "รายงาน")],
        declaration: Declaration(signedBy: "ผู้ว่า", position: "ผู้ว่าราชการจังหวัด", date: day(2025, 1, 20)))
}

@Suite struct BuilderTests {
    @Test func buildsInputsFromTheRoundRecords() throws {
        let app = application()
        let rubric = testRubric()
        let sheet = Scorer.score(app, rubric: rubric)
        let scores = ["J1": 60.0, "J2": 70, "J3": 95].flatMap { judge, percent in
            [
                Score(judge: judge, application: app.id, criterion: "P1", percent: percent),
                Score(judge: judge, application: app.id, criterion: "R2", percent: 50),
            ]
        }
        let consensus = [EntryCriterion(application: app.id, criterion: "P1"): 75.0]
        let aggregates = Aggregator.aggregate(scores, settings: AggregationSettings(method: .mean, disagreementThreshold: 25), consensus: consensus)
        let entry = RankingEntry(
            application: app, rubric: rubric, sheet: sheet, aggregates: aggregates, consensusReasons: ["P1": "ประชุมกรรมการ"],
            assignedJudges: ["J3", "J1", "J2"])
        #expect(entry.assignedJudges == ["J1", "J2", "J3"])
        #expect(entry.agency == app.agency)
        #expect([entry.agency.name, entry.agency.nameEn, entry.agency.kind.rawValue] == ["จังหวัดแพร่", "Phrae Province", "province"])
        #expect(entry.workTitle == "แพร่ร่วมใจ")
        let byId = Dictionary(uniqueKeysWithValues: entry.criteria.map { ($0.criterion, $0) })
        // P1: judges 60, 70, 95 (range 35 > 25) replaced by the consensus 75 with its reason.
        #expect(byId["P1"]?.source == .consensus)
        #expect(byId["P1"]?.percent == 75)
        #expect(byId["P1"]?.consensusReason == "ประชุมกรรมการ")
        #expect(byId["P1"]?.panel?.n == 3)
        #expect(byId["P1"]?.panel?.spread == 35)
        #expect(byId["P1"]?.panel?.wideRange == true)
        // R2 hybrid: the panel decides (50), not the scorer's suggestion.
        #expect(byId["R2"]?.source == .panel)
        #expect(byId["R2"]?.percent == 50)
        #expect(byId["R2"]?.band == "50–65")
        // P2 and R1 come from the score sheet.
        #expect(byId["P2"]?.source == .automatic)
        #expect(byId["P2"]?.percent == sheet.criteria.first { $0.id == "P2" }?.percent.map(Double.init))
        #expect(byId["R1"]?.trail.isEmpty == false)
        // Highest level with influence and existing evidence: involve (A2's empower cites a missing item) = 3.
        #expect(entry.spectrumRank == 3)
        // A1, A3, I1 of 5 items are backed: 0.6.
        #expect(entry.evidenceCoverage == 0.6)
    }

    @Test func criterionWithoutAggregateIsMissing() {
        let app = application()
        let rubric = testRubric()
        let entry = RankingEntry(
            application: app, rubric: rubric, sheet: Scorer.score(app, rubric: rubric), aggregates: [], assignedJudges: ["J1", "J2", "J3"])
        #expect(entry.criteria.filter { $0.source == .missing }.map(\.criterion) == ["P1", "R2"])
        #expect(Ranker.rank([entry]).entry(app.id)?.status == .incomplete)
    }
}
