import Export
import Foundation
import Model
import PSEATestSupport
import Panel
import Ranking
import Rubric

/// The shared rubric built in code as the effective-change sub-type: good 70, outstanding 80, best of the best 90;
/// results gate 50%; minJudges 3; tie-break results, P1, lottery.
func exportRubric() -> Rubric {
    testRubric(
        type: "effective-change",
        title: LocalizedText(th: "รางวัลการบริหารราชการแบบมีส่วนร่วม ประเภทสัมฤทธิผลประชาชนมีส่วนร่วม", en: "Effective Change through Participation"),
        tieBreak: [.resultsDimension, .criterion("P1"), .lottery])
}

/// An entry with P1 and R2 from a three-judge panel (R2 optionally by consensus), P2 and R1 automatic.
func exportEntry(
    _ id: String, agency: String, p1: Double, p2: Double, r1: Double, r2: Double, consensus: String? = nil,
    siteVisit: SiteVisit? = nil, missing: Bool = false
) -> RankingEntry {
    let trail = [LocalizedText(th: "คำนวณจากตัวชี้วัด I1", en: "computed from indicator I1")]
    return RankingEntry(
        application: id, year: 2568, type: "effective-change", agency: Agency(kind: .province, name: agency, nameEn: "Agency \(id)"),
        workTitle: "ผลงานของ\(agency)", submittedAt: Timestamp(iso: "2025-02-01T09:00:00+07:00"), rubric: exportRubric(),
        criteria: [
            missing
                ? CriterionInput(criterion: "P1", source: .missing, percent: nil)
                : CriterionInput(
                    criterion: "P1", source: .panel, percent: p1, band: "70–85",
                    panel: PanelFigures(n: 3, aggregate: p1, median: p1, spread: 10)),
            CriterionInput(criterion: "P2", source: .automatic, percent: p2, band: "50–65", trail: trail),
            CriterionInput(criterion: "R1", source: .automatic, percent: r1, band: "70–85", trail: trail),
            CriterionInput(
                criterion: "R2", source: consensus == nil ? .panel : .consensus, percent: r2, band: "70–85",
                panel: PanelFigures(n: 3, aggregate: r2 + 5, median: r2, spread: consensus == nil ? 10 : 40, wideRange: consensus != nil),
                consensusReason: consensus),
        ],
        assignedJudges: ["J1", "J2", "J3"], siteVisit: siteVisit, spectrumRank: 3, evidenceCoverage: 0.5)
}

/// Agencies whose names begin with each leading vowel เ แ โ ใ ไ, mixed with names that begin with a consonant.
/// In Thai order (by the consonant after a leading vowel): กระบี่ ขอนแก่น โคราช ใจดี เชียงใหม่ ตาก ไทรน้อย นครพนม แพร่ สงขลา.
let thaiOrder = ["กระบี่", "ขอนแก่น", "โคราช", "ใจดี", "เชียงใหม่", "ตาก", "ไทรน้อย", "นครพนม", "แพร่", "สงขลา"]

/// A round of the ten agencies above, all at the good level (7 + 7 + 30 + 30 = 74 … varying by R2), plus one
/// outstanding entry with a consensus and a confirmed site visit, one tie pair and one incomplete entry.
func exportEntries() -> [RankingEntry] {
    var entries: [RankingEntry] = []
    for (index, name) in thaiOrder.reversed().enumerated() {
        entries.append(exportEntry(String(format: "EC-2568-%04d", index + 1), agency: name, p1: 70, p2: 70, r1: 75, r2: 75 + Double(index % 3) * 2.5))
    }
    entries.append(
        exportEntry(
            "EC-2568-0020", agency: "กรมทดสอบ <ดีเด่น> & \"ที่หนึ่ง\"", p1: 90, p2: 90, r1: 90, r2: 80,
            consensus: "กรรมการประชุมแล้วเห็นพ้องที่ร้อยละ 80", siteVisit: SiteVisit(application: "EC-2568-0020", confirmed: true)))
    entries.append(exportEntry("EC-2568-0030", agency: "อำเภอรอผล", p1: 0, p2: 50, r1: 50, r2: 50, missing: true))
    return entries
}

/// Judges' scores for the entries above, with comments: strengths, opportunities, a comma, quotes and a formula.
func exportScores() -> [Score] {
    var scores: [Score] = []
    for (index, judge) in ["J1", "J2", "J3"].enumerated() {
        scores.append(
            Score(
                judge: judge, application: "EC-2568-0020", criterion: "P1", percent: 85 + Double(index) * 5,
                comment: index == 0 ? "+ ผู้บริหารกำหนดทิศทางชัดเจน, มีส่วนร่วมทุกระดับ" : "ผู้บริหารกำหนดทิศทางชัดเจน, มีส่วนร่วมทุกระดับ", band: "70–85"))
        scores.append(
            Score(
                judge: judge, application: "EC-2568-0020", criterion: "R2", percent: 60 + Double(index) * 20,
                comment: index == 1 ? "โอกาสพัฒนา: ควรเลือกคู่เปรียบเทียบที่ \"ใกล้เคียง\" กว่านี้" : "=SUM(A1:A9)"))
        for entry in 1...10 {
            scores.append(Score(judge: judge, application: String(format: "EC-2568-%04d", entry), criterion: "P1", percent: 70))
        }
    }
    return scores
}

func exportBundle(entries: [RankingEntry] = exportEntries(), scores: [Score] = exportScores()) -> ExportBundle {
    ExportBundle(
        ranking: Ranker.rank(entries, seeds: ["2568/effective-change": 2568]), scores: scores,
        rubricHashes: ["2568/effective-change": String(repeating: "ab", count: 32)], ledgerHead: String(repeating: "0f", count: 32))
}
