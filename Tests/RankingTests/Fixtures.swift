import Model
import Ranking
import Rubric

/// A rubric built in code so that every expected number below can be worked out by hand:
/// process (20) = P1 judged 10 + P2 auto 10; results (80) = R1 auto LeTCI 40 + R2 hybrid LeTCI 40.
/// Levels: good 70, outstanding 80, best of the best 90. Gate: results ≥ 50%. Panel: mean, minJudges 3,
/// disagreement above 25 points. Tie-break: results-dimension, criterion:P1, submitted-at, lottery.
func testRubric(
    type: String = "test-type", bestOfBest: Double? = 90, gates: [Gate] = [Gate(dimension: "results", minPercent: 50)],
    tieBreak: [TieBreakKey] = [.resultsDimension, .criterion("P1"), .submittedAt, .lottery]
) -> Rubric {
    let text = LocalizedText(th: "ทดสอบ", en: "test")
    return Rubric(
        year: 2568, type: type, title: LocalizedText(th: "ประเภททดสอบ \(type)", en: "Test sub-type \(type)"), totalPoints: 100,
        dimensions: [
            Dimension(
                id: "process", title: text, points: 20,
                criteria: [
                    Criterion(
                        id: "P1", title: LocalizedText(th: "การนำองค์การ", en: "Leadership"), points: 10, pmqaCategory: 1, lens: .adli, mode: .judged,
                        guidance: text),
                    Criterion(
                        id: "P2", title: LocalizedText(th: "ระดับการมีส่วนร่วม", en: "Participation depth"), points: 10, pmqaCategory: 3, lens: .spectrum,
                        mode: .auto,
                        rule: RuleSpec(name: "stakeholder-breadth"), guidance: text),
                ]),
            Dimension(
                id: "results", title: text, points: 80,
                criteria: [
                    Criterion(
                        id: "R1", title: LocalizedText(th: "ระดับผลลัพธ์", en: "Result levels"), points: 40, pmqaCategory: 7, lens: .letci, mode: .auto,
                        rule: RuleSpec(name: "letci-level"), guidance: text),
                    Criterion(
                        id: "R2", title: LocalizedText(th: "การเปรียบเทียบ", en: "Comparisons"), points: 40, pmqaCategory: 7, lens: .letci,
                        mode: .hybrid,
                        rule: RuleSpec(name: "letci-comparison"), guidance: text),
                ]),
        ],
        levels: Levels(outstanding: 80, good: 70, bestOfBest: bestOfBest), gates: gates,
        panel: PanelSettings(aggregation: .mean, normalisation: .raw, minJudges: 3, disagreementThreshold: 25),
        tieBreak: tieBreak)
}

/// Panel figures of n judges with a given official percent and spread.
func panel(_ percent: Double, n: Int = 3, spread: Double = 10, wide: Bool = false) -> PanelFigures {
    PanelFigures(n: n, aggregate: percent, median: percent, spread: spread, wideRange: wide)
}

/// An entry of the test rubric: P1 and R2 from the panel, P2 and R1 automatic.
func entry(
    _ id: String, agency: String = "จังหวัดทดสอบ", type: String = "test-type", p1: Double, p2: Double, r1: Double, r2: Double,
    submitted: String? = "2025-02-01T09:00:00+07:00", judges: Int = 3, rubric: Rubric? = nil, siteVisit: SiteVisitRecord? = nil,
    spectrum: Int = 3, evidence: Double = 0.5
) -> RankingEntry {
    RankingEntry(
        application: id, year: 2568, type: type, agency: AgencyInfo(name: agency, kind: "province"), workTitle: "ผลงาน \(id)",
        submittedAt: submitted.flatMap { Timestamp(iso: $0) }, rubric: rubric ?? testRubric(type: type),
        criteria: [
            CriterionInput(criterion: "P1", source: .panel, percent: p1, panel: panel(p1)),
            CriterionInput(criterion: "P2", source: .automatic, percent: p2),
            CriterionInput(criterion: "R1", source: .automatic, percent: r1),
            CriterionInput(criterion: "R2", source: .panel, percent: r2, panel: panel(r2)),
        ],
        assignedJudges: (0..<judges).map { "J\($0 + 1)" }, siteVisit: siteVisit, spectrumRank: spectrum, evidenceCoverage: evidence)
}
