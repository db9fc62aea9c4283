import Model
import PSEATestSupport
import Panel
import Ranking
import Rubric

/// Panel figures of n judges with a given official percent and spread.
func panel(_ percent: Double, n: Int = 3, spread: Double = 10, wide: Bool = false) -> PanelFigures {
    PanelFigures(n: n, aggregate: percent, median: percent, spread: spread, wideRange: wide)
}

/// An entry of the test rubric: P1 and R2 from the panel, P2 and R1 automatic.
func entry(
    _ id: String, agency: String = "จังหวัดทดสอบ", type: String = "test-type", p1: Double, p2: Double, r1: Double, r2: Double,
    submitted: String? = "2025-02-01T09:00:00+07:00", judges: Int = 3, rubric: Rubric? = nil, siteVisit: SiteVisit? = nil,
    spectrum: Int = 3, evidence: Double = 0.5
) -> RankingEntry {
    RankingEntry(
        application: id, year: 2568, type: type, agency: Agency(kind: .province, name: agency), workTitle: "ผลงาน \(id)",
        submittedAt: submitted.flatMap { Timestamp(iso: $0) }, rubric: rubric ?? testRubric(type: type),
        criteria: [
            CriterionInput(criterion: "P1", source: .panel, percent: p1, panel: panel(p1)),
            CriterionInput(criterion: "P2", source: .automatic, percent: p2),
            CriterionInput(criterion: "R1", source: .automatic, percent: r1),
            CriterionInput(criterion: "R2", source: .panel, percent: r2, panel: panel(r2)),
        ],
        assignedJudges: (0..<judges).map { "J\($0 + 1)" }, siteVisit: siteVisit, spectrumRank: spectrum, evidenceCoverage: evidence)
}
