import Foundation
import Intake
import Model
import PSEATestSupport
import Rubric
import Testing

@testable import Scoring

/// One shipped valid sample of each sub-type, read through the intake and scored under the shipped 2568 rubric,
/// against expectations worked out by hand from the sample file and the rubric's YAML (arithmetic in comments).
///
/// Bands (Rubrics/bands.yaml): 0–5, 10–25, 30–45, 50–65, 70–85, 90–100. Points = criterion points × snapped
/// percent / 100. `automaticPoints` sums the points of auto and hybrid criteria; `pendingPoints` sums the
/// maximum points of the judged ones.
@Suite("Shipped samples scored by hand")
struct ShippedSampleScoringTests {
    /// What one criterion must score: the rule's raw percent, the percent snapped down to a 5-point step, the
    /// band and the points. All nil for a judged criterion.
    struct Hand: Sendable {
        let id: String
        let raw: Double?
        let percent: Int?
        let band: String?
        let points: Double?

        static func judged(_ id: String) -> Hand { Hand(id: id, raw: nil, percent: nil, band: nil, points: nil) }
        static func computed(_ id: String, raw: Double, percent: Int, band: String, points: Double) -> Hand {
            Hand(id: id, raw: raw, percent: percent, band: band, points: points)
        }
    }

    /// Reads `Samples/valid/<file>` through the intake, scores it with the catalog's rubric and bands, and checks
    /// every criterion (in rubric order) and both totals against the hand results.
    func check(
        _ file: String, type: String, expected: [Hand], automatic: Double, pending: Double,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let path = TestPaths.validSamples.appendingPathComponent(file).path
        let intake = try ApplicationIntake.check(fileAt: path)
        #expect(intake.isValid, "\(file): \(intake.diagnostics.map(\.code))", sourceLocation: sourceLocation)
        let application = try #require(intake.application, sourceLocation: sourceLocation)
        #expect(application.type == type, sourceLocation: sourceLocation)

        let catalog = try SharedRubrics.projectCatalog()
        let bands = try #require(catalog.bands, sourceLocation: sourceLocation)
        let rubric = try #require(catalog.rubric(year: application.awardYear, type: type), sourceLocation: sourceLocation)
        let sheet = Scorer.score(application, rubric: rubric, bands: bands)

        #expect(sheet.application == application.id, sourceLocation: sourceLocation)
        #expect(sheet.rubric == "2568/\(type)", sourceLocation: sourceLocation)
        #expect(sheet.criteria.map(\.id) == expected.map(\.id), sourceLocation: sourceLocation)
        for hand in expected {
            let row = try #require(sheet.criteria.first { $0.id == hand.id }, "\(hand.id) missing", sourceLocation: sourceLocation)
            #expect(row.percent == hand.percent, "\(hand.id) percent", sourceLocation: sourceLocation)
            #expect(row.band == hand.band, "\(hand.id) band", sourceLocation: sourceLocation)
            #expect(row.points == hand.points, "\(hand.id) points", sourceLocation: sourceLocation)
            if let raw = hand.raw {
                let spec = try #require(rubric.criterion(hand.id)?.rule, sourceLocation: sourceLocation)
                let name = try #require(RuleName(rawValue: spec.name), sourceLocation: sourceLocation)
                let outcome = Rules.evaluate(name, spec: spec, application: application)
                #expect(abs(outcome.percent - raw) < 1e-9, "\(hand.id) raw \(outcome.percent) ≠ \(raw)", sourceLocation: sourceLocation)
            }
        }
        #expect(sheet.automaticPoints == automatic, "automaticPoints", sourceLocation: sourceLocation)
        #expect(sheet.pendingPoints == pending, "pendingPoints", sourceLocation: sourceLocation)
        #expect(sheet.maxPoints == 100, sourceLocation: sourceLocation)
    }

    /// og-province-nan.xml (PG-2568-0107), rubric 2568/open-governance.
    ///
    /// Stakeholders: S1 citizens, S2 community, S3 civil-society, S4 media. Evidence E1–E6 all exist.
    /// Activities: A1 planning/inform (S1 S4; E1), A2 planning/consult (S1 S2; E2 E3),
    /// A3 decision/consult (S2 S3 S4; E4), A4 evaluation/consult (S1; E5); all four state an influence.
    /// Indicators: K1 increase, O1, baseline 22 (2565), target 60, 35 (2566), 54 (2567), E6;
    /// K2 increase, O2, baseline 9 (2566), target 30, 37 (2567), E3.
    @Test("open-governance: og-province-nan.xml")
    func openGovernance() throws {
        try check(
            "og-province-nan.xml", type: "open-governance",
            expected: [
                // OG1.1 judged (6 points pending).
                .judged("OG1.1"),
                // OG1.2 hybrid stakeholder-breadth, full 4: the activities reference S1 (A1, A2, A4), S2 (A2, A3),
                // S3 (A3), S4 (A1, A3) → kinds citizens, community, civil-society, media = 4; min(4, 4)/4 = 100%
                // → 100 → band 90–100 → 4 × 100/100 = 4.
                .computed("OG1.2", raw: 100, percent: 100, band: "90–100", points: 4),
                // OG2.1 judged (20 pending).
                .judged("OG2.1"),
                // OG2.2 hybrid stage-coverage, consult or above, 4 stages: planning A2 (consult; A1 is only inform),
                // decision A3, implementation none, evaluation A4 → 3/4 = 75% → 75 → band 70–85 → 20 × 0.75 = 15.
                .computed("OG2.2", raw: 75, percent: 75, band: "70–85", points: 15),
                // OG2.3 judged (20 pending).
                .judged("OG2.3"),
                // OG3.1 auto letci-level: K1 (54−22)/(60−22) = 32/38 = 0.8421; K2 (37−9)/(30−9) = 28/21 = 1.33 → clamped
                // to 1; mean (0.8421 + 1)/2 = 92.11% → 90 → band 90–100 → 10 × 0.9 = 9.
                .computed("OG3.1", raw: (32.0 / 38.0 + 1) / 2 * 100, percent: 90, band: "90–100", points: 9),
                // OG3.2 auto letci-trend: K1 22→35 up, 35→54 up = 2/2; K2 9→37 up = 1/1; mean 100% → 100 → 10.
                .computed("OG3.2", raw: 100, percent: 100, band: "90–100", points: 10),
                // OG3.3 auto evidence-coverage: A1 E1, A2 E2 E3, A3 E4, A4 E5, K1 E6, K2 E3 all exist → 6/6 = 100% → 10.
                .computed("OG3.3", raw: 100, percent: 100, band: "90–100", points: 10),
            ],
            // automatic = OG1.2 4 + OG2.2 15 + OG3.1 9 + OG3.2 10 + OG3.3 10 = 48.
            automatic: 48,
            // pending = OG1.1 6 + OG2.1 20 + OG2.3 20 = 46.
            pending: 46)
    }

    /// ec-central-dept-water.xml (PG-2568-0031), rubric 2568/effective-change. Three levels are written with
    /// Thai names: A1 "การเข้ามาเกี่ยวข้อง" = involve, A2 "ระดับความร่วมมือ" = collaborate,
    /// A5 "การรับฟังความคิดเห็น" = consult.
    ///
    /// Stakeholders: S1 community, S2 citizens, S3 government, S4 academia. Evidence E1–E6 all exist.
    /// Activities: A1 planning/involve (S1 S2 S4; influence; E1), A2 decision/collaborate (S1 S3 S4; influence;
    /// E2), A3 implementation/involve (S1; NO influence; E3), A4 implementation/collaborate (S1 S2 S3;
    /// influence; E4), A5 evaluation/consult (S1 S2 S3; influence; E5).
    /// Indicators: K1 increase, O1, baseline 3 (2566), target 8, 11 (2567), comparator 4, E5 E6;
    /// K2 decrease, O1, baseline 38500 (2566), target 25000, 17900 (2567), E6;
    /// K3 increase, O2, baseline 0 (2566), target 40, 46 (2567), E1.
    @Test("effective-change: ec-central-dept-water.xml")
    func effectiveChange() throws {
        try check(
            "ec-central-dept-water.xml", type: "effective-change",
            expected: [
                // EC1.1 judged (10 pending).
                .judged("EC1.1"),
                // EC1.2 auto spectrum-depth (inform 10, consult 30, involve 60, collaborate 80, empower 100): A1 involve,
                // A2 collaborate, A4 collaborate, A5 consult count (influence + existing evidence); A3 has no influence.
                // Highest = collaborate → 80% → 80 → band 70–85 → 10 × 0.8 = 8.
                .computed("EC1.2", raw: 80, percent: 80, band: "70–85", points: 8),
                // EC1.3 hybrid stage-coverage, involve or above, default 4 stages: planning A1, decision A2,
                // implementation A3 and A4, evaluation only A5 at consult (below involve) → 3/4 = 75% → 75
                // → band 70–85 → 10 × 0.75 = 7.5.
                .computed("EC1.3", raw: 75, percent: 75, band: "70–85", points: 7.5),
                // EC2.1 auto stakeholder-breadth, full 5: S1–S4 are all referenced → kinds community, citizens,
                // government, academia = 4; 4/5 = 80% → 80 → band 70–85 → 10 × 0.8 = 8.
                .computed("EC2.1", raw: 80, percent: 80, band: "70–85", points: 8),
                // EC2.2 judged (10 pending).
                .judged("EC2.2"),
                // EC3.1 auto letci-level: K1 (11−3)/(8−3) = 1.6 → 1; K2 decrease (38500−17900)/(38500−25000)
                // = 20600/13500 = 1.53 → 1; K3 (46−0)/(40−0) = 1.15 → 1; mean 100% → 100 → 15 × 1 = 15.
                .computed("EC3.1", raw: 100, percent: 100, band: "90–100", points: 15),
                // EC3.2 auto letci-trend: K1 3→11 up 1/1; K2 38500→17900 down (decrease, so better) 1/1; K3 0→46 up 1/1;
                // mean 100% → 100 → 10.
                .computed("EC3.2", raw: 100, percent: 100, band: "90–100", points: 10),
                // EC3.3 hybrid letci-comparison: K1 latest 11 beats 4 → 1/1; K2 and K3 have no comparators → 0;
                // mean 1/3 = 33.33% → 30 → band 30–45 → 10 × 0.3 = 3.
                .computed("EC3.3", raw: 100.0 / 3, percent: 30, band: "30–45", points: 3),
                // EC3.4 auto letci-integration: K1 → O1, K2 → O1, K3 → O2, all objectives of the work → 3/3 = 100%
                // → 5 × 1 = 5.
                .computed("EC3.4", raw: 100, percent: 100, band: "90–100", points: 5),
                // EC4.1 auto evidence-coverage: A1 E1, A2 E2, A3 E3, A4 E4, A5 E5, K1 E5 E6, K2 E6, K3 E1 → 8/8 = 100%
                // → 5.
                .computed("EC4.1", raw: 100, percent: 100, band: "90–100", points: 5),
                // EC4.2 judged (5 pending).
                .judged("EC4.2"),
            ],
            // automatic = 8 + 7.5 + 8 + 15 + 10 + 3 + 5 + 5 = 61.5.
            automatic: 61.5,
            // pending = EC1.1 10 + EC2.2 10 + EC4.2 5 = 25.
            pending: 25)
    }

    /// pe-provincial-office-ubon.json (PG-2568-0342), rubric 2568/participation-expanded.
    ///
    /// Stakeholders: S1 community, S2 private-sector, S3 government, S4 citizens, S5 academia. Evidence E1–E6.
    /// Activities: A1 planning/involve (S1 S2 S3 S5; influence; E1), A2 decision/collaborate (S1 S2 S3;
    /// influence; E2), A3 implementation/involve (S1 S2 S4; NO influence; E3 E4), A4 benefit/collaborate
    /// (S2 S3 S4; influence; E5), A5 evaluation/consult (S4 S5; influence; E6).
    /// Indicators: K1 increase, O1, baseline 3 (2565), target 25, 11 (2566), 25 (2567), no comparators, E2;
    /// K2 increase, O2, baseline 41 (2565), target 55, 49.5 (2566), 58 (2567), comparators 47.2 and 50.1, E6;
    /// K3 decrease, O1, baseline 63 (2565), target 40, 52 (2566), 37 (2567), no comparators, E4.
    @Test("participation-expanded: pe-provincial-office-ubon.json")
    func participationExpanded() throws {
        try check(
            "pe-provincial-office-ubon.json", type: "participation-expanded",
            expected: [
                // PE1.1 judged (15 pending), PE1.2 judged (10 pending).
                .judged("PE1.1"),
                .judged("PE1.2"),
                // PE2.1 hybrid spectrum-depth (inform 20, consult 40, involve 60, collaborate 80, empower 100): A1, A2,
                // A4, A5 count; A3 has no influence. Highest = collaborate (A2, A4) → 80% → 80 → band 70–85 → 8.
                .computed("PE2.1", raw: 80, percent: 80, band: "70–85", points: 8),
                // PE2.2 auto stakeholder-breadth, full 5: S1–S5 are all referenced → 5 kinds (community, private-sector,
                // government, citizens, academia); 5/5 = 100% → 10.
                .computed("PE2.2", raw: 100, percent: 100, band: "90–100", points: 10),
                // PE2.3 auto stage-coverage, consult or above, default 4 stages: planning A1, decision A2,
                // implementation A3, evaluation A5 (consult reaches consult); A4's benefit stage is not listed
                // → 4/4 = 100% → 15.
                .computed("PE2.3", raw: 100, percent: 100, band: "90–100", points: 15),
                // PE3.1 auto letci-level: K1 (25−3)/(25−3) = 1; K2 (58−41)/(55−41) = 17/14 → 1;
                // K3 decrease (63−37)/(63−40) = 26/23 → 1; mean 100% → 10.
                .computed("PE3.1", raw: 100, percent: 100, band: "90–100", points: 10),
                // PE3.2 auto letci-trend: K1 3→11→25 2/2; K2 41→49.5→58 2/2; K3 63→52→37 falling (decrease) 2/2;
                // mean 100% → 10.
                .computed("PE3.2", raw: 100, percent: 100, band: "90–100", points: 10),
                // PE3.3 auto letci-comparison: K1 no comparators → 0; K2 58 beats 47.2 and 50.1 → 2/2 = 1;
                // K3 no comparators → 0; mean 1/3 = 33.33% → 30 → band 30–45 → 10 × 0.3 = 3.
                .computed("PE3.3", raw: 100.0 / 3, percent: 30, band: "30–45", points: 3),
                // PE4.1 auto evidence-coverage: A1 E1, A2 E2, A3 E3 E4, A4 E5, A5 E6, K1 E2, K2 E6, K3 E4 → 8/8 = 100%
                // → 5.
                .computed("PE4.1", raw: 100, percent: 100, band: "90–100", points: 5),
                // PE4.2 judged (5 pending).
                .judged("PE4.2"),
            ],
            // automatic = 8 + 10 + 15 + 10 + 10 + 3 + 5 = 61.
            automatic: 61,
            // pending = PE1.1 15 + PE1.2 10 + PE4.2 5 = 30.
            pending: 30)
    }

    /// pi-provincial-office-maehongson.xml (PG-2568-0851), rubric 2568/poverty-integration.
    ///
    /// Stakeholders: S1 citizens, S2 community, S3 private-sector, S4 government. Evidence E1–E5.
    /// Activities: A1 planning/involve (S1 S2; influence; E1), A2 decision/empower (S2; influence; E2),
    /// A3 implementation/collaborate (S1 S3; NO influence; E3), A4 evaluation/involve (S1 S2 S4; influence; E4).
    /// Indicators: K1 increase, O2, baseline 0 (2566), target 40, 52 (2567), E4;
    /// K2 increase, O1, baseline 212 (2566), target 1500, 1730 (2567), comparator 640, E2 E5.
    @Test("poverty-integration: pi-provincial-office-maehongson.xml")
    func povertyIntegration() throws {
        try check(
            "pi-provincial-office-maehongson.xml", type: "poverty-integration",
            expected: [
                // PI1.1 judged (15 pending), PI1.2 judged (15 pending).
                .judged("PI1.1"),
                .judged("PI1.2"),
                // PI2.1 auto stakeholder-breadth, full 6: S1–S4 are all referenced → kinds citizens, community,
                // private-sector, government = 4; 4/6 = 66.67% → 65 → band 50–65 → 10 × 0.65 = 6.5.
                .computed("PI2.1", raw: 400.0 / 6, percent: 65, band: "50–65", points: 6.5),
                // PI2.2 auto stage-coverage, involve or above, 5 stages with benefit: planning A1, decision A2,
                // implementation A3, evaluation A4, benefit none → 4/5 = 80% → 80 → band 70–85 → 10 × 0.8 = 8.
                .computed("PI2.2", raw: 80, percent: 80, band: "70–85", points: 8),
                // PI2.3 hybrid spectrum-depth (inform 10, consult 30, involve 60, collaborate 85, empower 100): A1, A2,
                // A4 count; A3 (collaborate) has no influence. Highest = empower (A2) → 100% → 10.
                .computed("PI2.3", raw: 100, percent: 100, band: "90–100", points: 10),
                // PI3.1 auto letci-level: K1 (52−0)/(40−0) = 1.3 → 1; K2 (1730−212)/(1500−212) = 1518/1288 = 1.18 → 1;
                // mean 100% → 15.
                .computed("PI3.1", raw: 100, percent: 100, band: "90–100", points: 15),
                // PI3.2 hybrid letci-trend: K1 0→52 up 1/1; K2 212→1730 up 1/1; mean 100% → 10.
                .computed("PI3.2", raw: 100, percent: 100, band: "90–100", points: 10),
                // PI3.3 auto letci-integration: K1 → O2, K2 → O1 → 2/2 = 100% → 10.
                .computed("PI3.3", raw: 100, percent: 100, band: "90–100", points: 10),
                // PI4.1 auto evidence-coverage: A1 E1, A2 E2, A3 E3, A4 E4, K1 E4, K2 E2 E5 → 6/6 = 100% → 5.
                .computed("PI4.1", raw: 100, percent: 100, band: "90–100", points: 5),
            ],
            // automatic = 6.5 + 8 + 10 + 15 + 10 + 10 + 5 = 64.5.
            automatic: 64.5,
            // pending = PI1.1 15 + PI1.2 15 = 30.
            pending: 30)
    }
}
