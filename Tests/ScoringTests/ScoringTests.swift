import Foundation
import Model
import PSEATestSupport
import Rubric
import Testing

@testable import Scoring

func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate {
    LocalDate(year: y, month: m, day: d) ?? LocalDate(year: 2024, month: 1, day: 1)!
}

/// The hand-built application the expected scores below are computed from.
///
/// - Stakeholders S1 citizens, S2 community, S3 civil-society, S4 academia (all referenced by activities),
///   S5 media (referenced by none).
/// - Evidence E1, E2, E3.
/// - Activities: A1 planning/involve (S1, S2; influence; E1), A2 decision/collaborate (S3; influence; E2),
///   A3 implementation/consult (S4; no influence; E3), A4 evaluation/involve (S1; influence; ref E9, which
///   does not exist).
/// - Indicators: I1 increase, objective O1, baseline 40 (2565), target 80, 50 (2566), 70 (2567),
///   comparators 60 and 75, evidence E1; I2 decrease, no objective, baseline 30 (2565), target 10,
///   25 (2566), 28 (2567), no comparators, no evidence.
func sampleApplication(type: String) -> Application {
    Application(
        id: "PG-2568-0001", awardYear: 2568, type: type,
        agency: Agency(kind: .province, name: "จังหวัดน่าน", nameEn: "Nan Province", province: "น่าน"),
        contact: Contact(name: "สมชาย ใจดี", email: "somchai@example.go.th"),
        previousAward: type == "participation-expanded" ? PreviousAward(year: 2565, type: "effective-change", title: "น่านร่วมใจ") : nil,
        work: Work(
            title: "น่านร่วมใจจัดการน้ำ", summary: "สรุปผลงาน", background: "ความเป็นมา",
            objectives: [Objective(id: "O1", text: "เพิ่มครัวเรือนที่เข้าถึงน้ำสะอาด")],
            period: Period(start: day(2022, 10, 1))
        ),
        stakeholders: [
            Stakeholder(id: "S1", name: "ประชาชนในตำบล", kind: .citizens),
            Stakeholder(id: "S2", name: "ชุมชนบ้านนา", kind: .community),
            Stakeholder(id: "S3", name: "มูลนิธิรักษ์น่าน", kind: .civilSociety),
            Stakeholder(id: "S4", name: "มหาวิทยาลัยในพื้นที่", kind: .academia),
            Stakeholder(id: "S5", name: "สื่อท้องถิ่น", kind: .media),
        ],
        activities: [
            Activity(
                id: "A1", title: "เวทีประชาคม", stage: .planning, level: .involve, date: day(2023, 1, 10),
                stakeholderRefs: ["S1", "S2"], influence: "ปรับแผนตามข้อเสนอ", evidenceRefs: ["E1"]),
            Activity(
                id: "A2", title: "คณะกรรมการร่วม", stage: .decision, level: .collaborate, date: day(2023, 3, 1),
                stakeholderRefs: ["S3"], influence: "เลือกพื้นที่นำร่องร่วมกัน", evidenceRefs: ["E2"]),
            Activity(
                id: "A3", title: "ร่วมก่อสร้างฝาย", stage: .implementation, level: .consult, date: day(2023, 6, 1),
                stakeholderRefs: ["S4"], evidenceRefs: ["E3"]),
            Activity(
                id: "A4", title: "ติดตามผลร่วม", stage: .evaluation, level: .involve, date: day(2024, 2, 1),
                stakeholderRefs: ["S1"], influence: "ปรับตารางจ่ายน้ำ", evidenceRefs: ["E9"]),
        ],
        indicators: [
            Indicator(
                id: "I1", name: "ร้อยละครัวเรือนที่เข้าถึงน้ำสะอาด", unit: "ร้อยละ", direction: .increase, objectiveRef: "O1",
                baseline: YearValue(year: 2565, value: 40), target: 80,
                measurements: [YearValue(year: 2566, value: 50), YearValue(year: 2567, value: 70)],
                comparisons: [Comparison(label: "ค่าเฉลี่ยประเทศ", value: 60), Comparison(label: "ภาคเหนือ", value: 75)],
                evidenceRefs: ["E1"]),
            Indicator(
                id: "I2", name: "จำนวนวันที่ขาดน้ำ", unit: "วัน", direction: .decrease,
                baseline: YearValue(year: 2565, value: 30), target: 10,
                measurements: [YearValue(year: 2566, value: 25), YearValue(year: 2567, value: 28)]),
        ],
        evidence: [
            Evidence(id: "E1", kind: .document, title: "รายงานการประชุม"),
            Evidence(id: "E2", kind: .photo, title: "ภาพกิจกรรม"),
            Evidence(id: "E3", kind: .video, title: "วิดีโอ"),
        ],
        declaration: Declaration(signedBy: "ผู้ว่าราชการจังหวัดน่าน", position: "ผู้ว่าราชการจังหวัด", date: day(2025, 1, 15))
    )
}

/// Expected (percent, points) per criterion; nil for judged criteria.
typealias Expected = [String: (Int, Double)?]

/// Shared arithmetic on the sample application:
/// - spectrum-depth: A1 (involve) and A2 (collaborate) count; A3 has no influence, A4's only ref E9 does not
///   resolve. Highest = collaborate.
/// - stage-coverage at consult: all four stages (A1, A2, A3 consult, A4) = 100%; at involve: implementation
///   is missed (A3 is consult) = 3/4 = 75%; at involve with benefit as a fifth stage = 3/5 = 60%.
/// - stakeholder-breadth: kinds engaged = citizens, community, civil-society, academia = 4 (S5 unreferenced).
/// - letci-level: I1 (70−40)/(80−40) = 0.75; I2 decrease (30−28)/(30−10) = 0.1; mean 0.425 = 42.5% → 40.
/// - letci-trend: I1 40→50→70 = 2/2; I2 30→25 better, 25→28 worse = 1/2; mean 0.75 = 75%.
/// - letci-comparison: I1 70 beats 60 not 75 = 1/2; I2 no comparators = 0; mean 25%.
/// - letci-integration: I1 linked to O1, I2 not = 50%.
/// - evidence-coverage: A1, A2, A3, I1 backed; A4 (E9 missing) and I2 not = 4/6 = 66.67% → 65.
struct SubTypeCase: CustomStringConvertible, Sendable {
    let type: String
    let expected: [String: ExpectedScore]
    let automatic: Double
    let pending: Double
    var description: String { type }
}

struct ExpectedScore: Sendable {
    let percent: Int?
    let points: Double?
    static let judged = ExpectedScore(percent: nil, points: nil)
    static func computed(_ percent: Int, _ points: Double) -> ExpectedScore { ExpectedScore(percent: percent, points: points) }
}

@Suite("Scoring the shipped rubrics")
struct SubTypeScoringTests {
    static let cases: [SubTypeCase] = [
        // open-governance: OG1.2 breadth 4 of full 4 = 100% × 4 = 4; OG2.2 coverage at consult 100% × 20 = 20;
        // OG3.1 level 40% × 10 = 4; OG3.2 trend 75% × 10 = 7.5; OG3.3 evidence 65% × 10 = 6.5.
        // automatic = 4 + 20 + 4 + 7.5 + 6.5 = 42; pending = OG1.1 6 + OG2.1 20 + OG2.3 20 = 46.
        SubTypeCase(
            type: "open-governance",
            expected: [
                "OG1.1": .judged, "OG1.2": .computed(100, 4), "OG2.1": .judged, "OG2.2": .computed(100, 20),
                "OG2.3": .judged, "OG3.1": .computed(40, 4), "OG3.2": .computed(75, 7.5), "OG3.3": .computed(65, 6.5),
            ], automatic: 42, pending: 46),
        // effective-change: EC1.2 collaborate = 80% × 10 = 8; EC1.3 involve coverage 75% × 10 = 7.5;
        // EC2.1 4 of full 5 = 80% × 10 = 8; EC3.1 40% × 15 = 6; EC3.2 75% × 10 = 7.5; EC3.3 25% × 10 = 2.5;
        // EC3.4 50% × 5 = 2.5; EC4.1 65% × 5 = 3.25.
        // automatic = 8 + 7.5 + 8 + 6 + 7.5 + 2.5 + 2.5 + 3.25 = 45.25; pending = EC1.1 10 + EC2.2 10 + EC4.2 5 = 25.
        SubTypeCase(
            type: "effective-change",
            expected: [
                "EC1.1": .judged, "EC1.2": .computed(80, 8), "EC1.3": .computed(75, 7.5), "EC2.1": .computed(80, 8),
                "EC2.2": .judged, "EC3.1": .computed(40, 6), "EC3.2": .computed(75, 7.5), "EC3.3": .computed(25, 2.5),
                "EC3.4": .computed(50, 2.5), "EC4.1": .computed(65, 3.25), "EC4.2": .judged,
            ], automatic: 45.25, pending: 25),
        // participation-expanded: PE2.1 collaborate = 80% × 10 = 8; PE2.2 4 of 5 = 80% × 10 = 8;
        // PE2.3 consult coverage 100% × 15 = 15; PE3.1 40% × 10 = 4; PE3.2 75% × 10 = 7.5; PE3.3 25% × 10 = 2.5;
        // PE4.1 65% × 5 = 3.25. automatic = 8 + 8 + 15 + 4 + 7.5 + 2.5 + 3.25 = 48.25;
        // pending = PE1.1 15 + PE1.2 10 + PE4.2 5 = 30.
        SubTypeCase(
            type: "participation-expanded",
            expected: [
                "PE1.1": .judged, "PE1.2": .judged, "PE2.1": .computed(80, 8), "PE2.2": .computed(80, 8),
                "PE2.3": .computed(100, 15), "PE3.1": .computed(40, 4), "PE3.2": .computed(75, 7.5),
                "PE3.3": .computed(25, 2.5), "PE4.1": .computed(65, 3.25), "PE4.2": .judged,
            ], automatic: 48.25, pending: 30),
        // poverty-integration: PI2.1 4 of full 6 = 66.67% → 65% × 10 = 6.5; PI2.2 involve over five stages
        // 3/5 = 60% × 10 = 6; PI2.3 collaborate = 85% × 10 = 8.5; PI3.1 40% × 15 = 6; PI3.2 75% × 10 = 7.5;
        // PI3.3 50% × 10 = 5; PI4.1 65% × 5 = 3.25. automatic = 6.5 + 6 + 8.5 + 6 + 7.5 + 5 + 3.25 = 42.75;
        // pending = PI1.1 15 + PI1.2 15 = 30.
        SubTypeCase(
            type: "poverty-integration",
            expected: [
                "PI1.1": .judged, "PI1.2": .judged, "PI2.1": .computed(65, 6.5), "PI2.2": .computed(60, 6),
                "PI2.3": .computed(85, 8.5), "PI3.1": .computed(40, 6), "PI3.2": .computed(75, 7.5),
                "PI3.3": .computed(50, 5), "PI4.1": .computed(65, 3.25),
            ], automatic: 42.75, pending: 30),
    ]

    @Test(arguments: cases)
    func handComputedScores(_ c: SubTypeCase) throws {
        let rubric = try shipped(c.type)
        let sheet = Scorer.score(sampleApplication(type: c.type), rubric: rubric)
        #expect(sheet.rubric == "2568/\(c.type)")
        #expect(sheet.application == "PG-2568-0001")
        #expect(sheet.maxPoints == 100)
        #expect(Set(sheet.criteria.map(\.id)) == Set(c.expected.keys))
        for criterion in sheet.criteria {
            let expected = try #require(c.expected[criterion.id])
            #expect(criterion.percent == expected.percent, "\(criterion.id)")
            #expect(criterion.points == expected.points, "\(criterion.id)")
            #expect(criterion.band == expected.percent.flatMap { BandSet.pmqaRanges.band(for: $0)?.label }, "\(criterion.id)")
            #expect(!criterion.trail.isEmpty)
        }
        #expect(sheet.automaticPoints == c.automatic)
        #expect(sheet.pendingPoints == c.pending)
    }

    /// The Thai trail reads as OPDC writes (issue 15): percents as ร้อยละ, no word-for-word "gap closed" or
    /// "influence text".
    @Test(arguments: cases)
    func thaiTrailIsOfficialThai(_ c: SubTypeCase) throws {
        let sheet = Scorer.score(sampleApplication(type: c.type), rubric: try shipped(c.type))
        let thai = sheet.criteria.flatMap(\.trail).map(\.th)
        #expect(!thai.isEmpty)
        for line in thai {
            for phrase in ["ปิดช่องว่าง", "มีข้อความผลต่อการตัดสินใจ", "ค่าเปรียบเทียบ", "เข้าร่วมจริง"] {
                #expect(!line.contains(phrase), "\(line)")
            }
            #expect(!line.hasSuffix("%"), "\(line)")
        }
    }

    @Test(arguments: cases)
    func unexplainedSheetsHaveTheSameFiguresAndNoTrail(_ c: SubTypeCase) throws {
        let rubric = try shipped(c.type)
        let explained = Scorer.score(sampleApplication(type: c.type), rubric: rubric)
        let bare = Scorer.score(sampleApplication(type: c.type), rubric: rubric, explain: false)
        #expect(bare.criteria.allSatisfy { $0.trail.isEmpty })
        var stripped = explained
        for index in stripped.criteria.indices { stripped.criteria[index].trail = [] }
        #expect(bare == stripped)
    }

    @Test(arguments: cases)
    func totalsAddUpAndStayWithinMaxima(_ c: SubTypeCase) throws {
        let rubric = try shipped(c.type)
        let sheet = Scorer.score(sampleApplication(type: c.type), rubric: rubric)
        #expect(sheet.criteria.map(\.maxPoints).reduce(0, +) == sheet.maxPoints)
        #expect(sheet.automaticPoints + sheet.pendingPoints <= sheet.maxPoints)
        #expect(Scorer.round2(sheet.criteria.compactMap(\.points).reduce(0, +)) == sheet.automaticPoints)
        for criterion in sheet.criteria {
            if let points = criterion.points { #expect(points >= 0 && points <= criterion.maxPoints) }
            if let percent = criterion.percent { #expect(percent % 5 == 0 && (0...100).contains(percent)) }
            #expect((criterion.mode == "judged") == (criterion.points == nil))
        }
        let rubricCriteria = rubric.allCriteria
        #expect(sheet.criteria.map(\.id) == rubricCriteria.map(\.criterion.id))
        #expect(sheet.criteria.map(\.dimension) == rubricCriteria.map(\.dimension))
    }

    @Test func emptyApplicationScoresZeroEverywhere() throws {
        var app = sampleApplication(type: "effective-change")
        app.activities = []
        app.indicators = []
        app.stakeholders = []
        app.evidence = []
        let sheet = Scorer.score(app, rubric: try shipped("effective-change"))
        #expect(sheet.automaticPoints == 0)
        #expect(sheet.criteria.compactMap(\.percent).allSatisfy { $0 == 0 })
        #expect(sheet.criteria.compactMap(\.band).allSatisfy { $0 == "0–5" })
    }
}

/// A one-criterion rubric running one rule, for probing a rule in isolation.
func probe(_ rule: RuleSpec, mode: ScoringMode = .auto) -> Rubric {
    let criterion = Criterion(
        id: "P1", title: LocalizedText(th: "ทดสอบ", en: "probe"), points: 10, pmqaCategory: 3, lens: .spectrum,
        mode: mode, rule: rule, guidance: LocalizedText(th: "ทดสอบ", en: "probe")
    )
    return Rubric(
        year: 2568, type: "probe", title: LocalizedText(th: "ทดสอบ", en: "probe"), totalPoints: 10,
        dimensions: [Dimension(id: "d", title: LocalizedText(th: "มิติ", en: "dimension"), points: 10, criteria: [criterion])],
        levels: Levels(outstanding: 8, good: 7),
        panel: PanelSettings(aggregation: .mean, normalisation: .raw, minJudges: 1, disagreementThreshold: 25)
    )
}

func percent(_ app: Application, _ rule: RuleSpec) -> Int {
    Scorer.score(app, rubric: probe(rule)).criteria[0].percent ?? -1
}

let depth = RuleSpec(
    name: "spectrum-depth",
    params: [
        "inform": .number(10), "consult": .number(30), "involve": .number(60), "collaborate": .number(80), "empower": .number(100),
    ])

@Suite("Monotonicity of the rules")
struct MonotonicityTests {
    @Test func raisingAnActivityLevelNeverLowersSpectrumDepth() {
        let base = sampleApplication(type: "effective-change")
        for index in base.activities.indices {
            var previous = percent(base, depth)
            for level in ParticipationLevel.allCases where level >= base.activities[index].level {
                var app = base
                app.activities[index].level = level
                let now = percent(app, depth)
                #expect(now >= previous, "A\(index + 1) at \(level)")
                previous = now
            }
        }
        var raised = base
        raised.activities[0].level = .empower
        #expect(percent(base, depth) == 80)
        #expect(percent(raised, depth) == 100)
        var unbacked = base
        unbacked.activities[2].level = .empower
        #expect(percent(unbacked, depth) == 80, "A3 has no influence statement, so it never counts")
    }

    @Test func coveringAnotherStageRaisesStageCoverage() {
        let rule = RuleSpec(name: "stage-coverage", params: ["minLevel": .text("involve")])
        let base = sampleApplication(type: "effective-change")
        var app = base
        app.activities[2].level = .involve
        #expect(percent(base, rule) == 75)
        #expect(percent(app, rule) == 100)
        var extra = base
        extra.activities.append(Activity(id: "A5", title: "ประชุม", stage: .planning, level: .empower, date: day(2024, 5, 1), stakeholderRefs: []))
        #expect(percent(extra, rule) == 75, "a second activity in a covered stage adds nothing")
        let thai = RuleSpec(name: "stage-coverage", params: ["minLevel": .text("ระดับการเข้ามาเกี่ยวข้อง")])
        #expect(percent(base, thai) == 75)
    }

    @Test func addingAnEngagedKindRaisesStakeholderBreadth() {
        let rule = RuleSpec(name: "stakeholder-breadth", params: ["full": .number(5)])
        let base = sampleApplication(type: "effective-change")
        var app = base
        app.activities[0].stakeholderRefs.append("S5")
        #expect(percent(base, rule) == 80)
        #expect(percent(app, rule) == 100)
        var sameKind = base
        sameKind.stakeholders.append(Stakeholder(id: "S6", name: "ประชาชนตำบลข้างเคียง", kind: .citizens))
        sameKind.activities[1].stakeholderRefs.append("S6")
        #expect(percent(sameKind, rule) == 80, "another group of an engaged kind adds nothing")
    }

    @Test func closingMoreOfTheGapRaisesLetciLevel() {
        let rule = RuleSpec(name: "letci-level")
        let base = sampleApplication(type: "effective-change")
        var previous = percent(base, rule)
        #expect(previous == 40)
        for value in stride(from: 28.0, through: 5.0, by: -1.0) {
            var app = base
            app.indicators[1].measurements[1].value = value
            let now = percent(app, rule)
            #expect(now >= previous, "I2 latest \(value)")
            previous = now
        }
        var app = base
        app.indicators[1].measurements[1].value = 20
        // I2 (30−20)/20 = 0.5; mean (0.75 + 0.5)/2 = 62.5% → 60.
        #expect(percent(app, rule) == 60)
        #expect(previous == 85, "I2 at or past target: (0.75 + 1)/2 = 87.5% → 85")
    }

    @Test func improvingMeasurementsRaiseLetciTrend() {
        let rule = RuleSpec(name: "letci-trend")
        let base = sampleApplication(type: "effective-change")
        var app = base
        app.indicators[1].measurements.append(YearValue(year: 2568, value: 20))
        // I2 30→25 ✓, 25→28 ✗, 28→20 ✓ = 2/3; mean (1 + 2/3)/2 = 83.3% → 80.
        #expect(percent(base, rule) == 75)
        #expect(percent(app, rule) == 80)
    }

    @Test func beatingMoreComparatorsRaisesLetciComparison() {
        let rule = RuleSpec(name: "letci-comparison")
        let base = sampleApplication(type: "effective-change")
        var app = base
        app.indicators[1].comparisons = [Comparison(label: "จังหวัดข้างเคียง", value: 40)]
        // I2 (decrease) latest 28 beats 40 = 1; mean (0.5 + 1)/2 = 75%.
        #expect(percent(base, rule) == 25)
        #expect(percent(app, rule) == 75)
        var worse = base
        worse.indicators[1].comparisons = [Comparison(label: "จังหวัดข้างเคียง", value: 20)]
        #expect(percent(worse, rule) == 25, "28 does not beat 20 when lower is better")
    }

    @Test func linkingAnIndicatorRaisesLetciIntegration() {
        let rule = RuleSpec(name: "letci-integration")
        let base = sampleApplication(type: "effective-change")
        var app = base
        app.indicators[1].objectiveRef = "O1"
        #expect(percent(base, rule) == 50)
        #expect(percent(app, rule) == 100)
        var dangling = base
        dangling.indicators[1].objectiveRef = "O9"
        #expect(percent(dangling, rule) == 50, "a ref to a missing objective does not count")
    }

    @Test func addingEvidenceRaisesEvidenceCoverage() {
        let rule = RuleSpec(name: "evidence-coverage")
        let base = sampleApplication(type: "effective-change")
        var app = base
        app.activities[3].evidenceRefs = ["E1"]
        // 5 of 6 = 83.3% → 80; then I2 too: 6 of 6 = 100%.
        #expect(percent(base, rule) == 65)
        #expect(percent(app, rule) == 80)
        app.indicators[1].evidenceRefs = ["E2"]
        #expect(percent(app, rule) == 100)
    }

    @Test func addingEvidenceNeverLowersSpectrumDepth() {
        let base = sampleApplication(type: "effective-change")
        var app = base
        app.activities[3].evidenceRefs = ["E3"]
        app.activities[3].level = .empower
        #expect(percent(app, depth) == 100, "A4 now resolves its evidence and counts at empower")
        #expect(percent(app, depth) >= percent(base, depth))
    }
}

@Suite("Score sheet output")
struct ScoreSheetOutputTests {
    @Test func snapsToFivePointSteps() {
        #expect(Scorer.snap(66.666) == 65)
        #expect(Scorer.snap(75) == 75)
        #expect(Scorer.snap(100) == 100)
        #expect(Scorer.snap(130) == 100)
        #expect(Scorer.snap(-4) == 0)
        #expect(Scorer.snap(.nan) == 0)
        #expect(Scorer.snap(100.0 * 0.7 / 0.7 * 0.85) == 85)
    }

    @Test func reportHasExactlyTheKeysAndExplicitNulls() throws {
        let sheet = Scorer.score(sampleApplication(type: "effective-change"), rubric: try shipped("effective-change"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(sheet.report(language: .en))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["application", "rubric", "maxPoints", "automaticPoints", "pendingPoints", "criteria"])
        #expect(object["rubric"] as? String == "2568/effective-change")
        let rows = try #require(object["criteria"] as? [[String: Any]])
        #expect(rows.count == 11)
        for row in rows {
            #expect(Set(row.keys) == ["id", "dimension", "mode", "lens", "pmqaCategory", "maxPoints", "percent", "band", "points", "trail"])
        }
        let judged = try #require(rows.first { $0["id"] as? String == "EC1.1" })
        #expect(judged["percent"] is NSNull)
        #expect(judged["band"] is NSNull)
        #expect(judged["points"] is NSNull)
        let auto = try #require(rows.first { $0["id"] as? String == "EC4.1" })
        #expect(auto["band"] as? String == "50–65")
        let trail = try #require(auto["trail"] as? [String])
        #expect(trail.contains("4 of 6 items backed by evidence = 66.67%"))
        let thaiData = try encoder.encode(sheet.report(language: .th))
        let thaiText = String(decoding: thaiData, as: UTF8.self)
        #expect(thaiText.contains("มีหลักฐาน 4 จาก 6 รายการ"))
        #expect(String(decoding: data, as: UTF8.self).contains("\"points\":3.25"))
    }

    @Test func bilingualSheetRoundTrips() throws {
        let sheet = Scorer.score(sampleApplication(type: "open-governance"), rubric: try shipped("open-governance"))
        let data = try JSONEncoder().encode(sheet)
        #expect(try JSONDecoder().decode(ScoreSheet.self, from: data) == sheet)
    }

    @Test func scoringIsDeterministic() throws {
        let rubric = try shipped("poverty-integration")
        let app = sampleApplication(type: "poverty-integration")
        let first = Scorer.score(app, rubric: rubric)
        #expect(Scorer.score(app, rubric: rubric) == first)
        #expect(Scorer.score(app, rubric: rubric).text(language: .th) == first.text(language: .th))
    }

    @Test func withItsRubricTheTextNamesCriteriaShowsPromptsAndSeparatesHybridPoints() throws {
        let rubric = try shipped("effective-change")
        let sheet = Scorer.score(sampleApplication(type: "effective-change"), rubric: rubric)
        let en = sheet.text(language: .en, rubric: rubric)
        let lines = en.components(separatedBy: "\n")
        let judged = try #require(lines.firstIndex { $0.hasPrefix("EC1.1") })
        #expect(lines[judged + 1] == "    Leadership and the design of the participation process")
        #expect(lines[judged + 2].hasPrefix("    asks: Explain how leaders set the direction of participation"))
        let automatic = try #require(lines.firstIndex { $0.hasPrefix("EC1.2") })
        #expect(!lines[automatic + 2].hasPrefix("    asks:"))
        let hybrid = sheet.criteria.filter { $0.mode == "hybrid" }.compactMap(\.points).reduce(0, +)
        #expect(hybrid > 0)
        #expect(
            en.contains(
                "automatic (final) \(fmt(Scorer.round2(sheet.automaticPoints - hybrid))) points; hybrid, suggested to the judges who may change them, \(fmt(Scorer.round2(hybrid))) points; awaiting the judges 25 points; of 100"
            ))
        #expect(en.contains("gate: dimension Results of the change needs at least 50%"))
        #expect(en.contains("award levels: best of the best from 90 points, outstanding from 80 points, good from 70 points"))
        let th = sheet.text(language: .th, rubric: rubric)
        #expect(th.contains("เงื่อนไขผ่าน: มิติผลลัพธ์การเปลี่ยนแปลง ต้องได้อย่างน้อยร้อยละ 50"))
        #expect(th.contains("เกณฑ์ระดับรางวัล: ยอดเยี่ยม ตั้งแต่ 90 คะแนน, ดีเด่น ตั้งแต่ 80 คะแนน, ดี ตั้งแต่ 70 คะแนน"))
        #expect(th.contains("    คำถาม: อธิบายว่าผู้บริหารกำหนดทิศทางการมีส่วนร่วมอย่างไร"))
    }

    @Test func textRenderingIsATablePerLanguage() throws {
        let sheet = Scorer.score(sampleApplication(type: "effective-change"), rubric: try shipped("effective-change"))
        let en = sheet.text(language: .en)
        let lines = en.components(separatedBy: "\n")
        #expect(lines[1].hasPrefix("criterion"))
        #expect(lines.contains { $0.hasPrefix("EC1.2") && $0.contains("auto") && $0.contains("80%") && $0.contains("70–85") && $0.hasSuffix("8/10") })
        #expect(lines.contains { $0.hasPrefix("EC1.1") && $0.contains("judged") && $0.hasSuffix("—/10") })
        #expect(lines.contains { $0.hasPrefix("    ") && $0.contains("activity A2 at collaborate counts") })
        #expect(en.contains("automatic 45.25 points, awaiting judges 25 points, of 100"))
        let th = sheet.text(language: .th)
        #expect(th.contains("ประเด็น"))
        #expect(th.contains("คะแนนอัตโนมัติ 45.25 คะแนน"))
        #expect(!th.contains("activity A2"))
        #expect(th.contains("กิจกรรม A2 (ระดับความร่วมมือ) นำมานับได้"))
        #expect(!th.contains("ระดับระดับ"))
        #expect(th.contains("ประเภทภาคประชาสังคม: S3"))
        #expect(th.components(separatedBy: "\n").contains { $0.hasPrefix("EC1.3") && $0.contains("คำนวณเบื้องต้นแล้วกรรมการปรับได้") })
    }

    @Test func hybridIsASuggestionAndCounts() throws {
        let sheet = Scorer.score(sampleApplication(type: "effective-change"), rubric: probe(depth, mode: .hybrid))
        #expect(sheet.criteria[0].points == 8)
        #expect(sheet.automaticPoints == 8)
        #expect(sheet.pendingPoints == 0)
        #expect(sheet.criteria[0].trail.last?.en.contains("suggestion") == true)
    }

    @Test func unknownRuleOrModeNeverCrashesAndStaysPending() {
        var rubric = probe(RuleSpec(name: "magic"))
        var sheet = Scorer.score(sampleApplication(type: "effective-change"), rubric: rubric)
        #expect(sheet.criteria[0].points == nil)
        #expect(sheet.pendingPoints == 10)
        #expect(sheet.criteria[0].trail.first?.en.contains("magic") == true)
        let odd = Scorer.score(
            sampleApplication(type: "effective-change"), rubric: probe(RuleSpec(name: "stakeholder-breadth", params: ["full": .number(.nan)])))
        #expect(odd.criteria[0].percent == 100, "a non-number full falls back to 4; 4 kinds are engaged")
        let huge = Scorer.score(
            sampleApplication(type: "effective-change"), rubric: probe(RuleSpec(name: "stakeholder-breadth", params: ["full": .number(1e300)])))
        #expect(huge.criteria[0].percent == 50, "full is capped at the 8 kinds: 4 of 8")
        rubric.dimensions[0].criteria[0].mode = .judged
        sheet = Scorer.score(sampleApplication(type: "effective-change"), rubric: rubric)
        #expect(sheet.criteria[0].points == nil)
        #expect(sheet.pendingPoints == 10)
    }
}

@Suite("Rubric edits change the scores")
struct RubricEditTests {
    /// Writes `text` as `2568/effective-change.yaml` in a fresh temp catalog and scores the sample there.
    func score(withYAML text: String) throws -> ScoreSheet {
        let dir = temporaryPath("psea-scoring")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("2568"), withIntermediateDirectories: true)
        try text.write(to: dir.appendingPathComponent("2568/effective-change.yaml"), atomically: true, encoding: .utf8)
        let catalog = try RubricCatalog(directory: dir)
        let rubric = try #require(catalog.rubric(year: 2568, type: "effective-change"))
        #expect(RubricChecker.check(rubric).isEmpty)
        return Scorer.score(sampleApplication(type: "effective-change"), rubric: rubric)
    }

    func original() throws -> String {
        try String(contentsOf: TestPaths.rubrics.appendingPathComponent("2568/effective-change.yaml"), encoding: .utf8)
    }

    func points(_ sheet: ScoreSheet, _ id: String) -> Double? {
        sheet.criteria.first { $0.id == id }?.points
    }

    @Test func unchangedCopyScoresTheSame() throws {
        let copy = try score(withYAML: original())
        #expect(copy == Scorer.score(sampleApplication(type: "effective-change"), rubric: try shipped("effective-change")))
    }

    @Test func changingASpectrumPercentChangesThePoints() throws {
        let text = try original().replacingOccurrences(of: "            collaborate: 80\n", with: "            collaborate: 90\n")
        let sheet = try score(withYAML: text)
        // EC1.2: collaborate now 90% × 10 = 9 (was 8); automatic 45.25 + 1 = 46.25.
        #expect(points(sheet, "EC1.2") == 9)
        #expect(sheet.automaticPoints == 46.25)
    }

    @Test func swappingWeightsMovesThePoints() throws {
        // EC3.1 15 → 10 and EC3.2 10 → 15 (the results dimension still adds up to 40).
        let final = try original()
            .replacingOccurrences(of: "        points: 15\n        pmqaCategory: 7\n", with: "        points: 10\n        pmqaCategory: 7\n")
            .replacingOccurrences(
                of: "      - id: EC3.2\n        title:\n          th: แนวโน้มของผลลัพธ์\n          en: Result trends\n        points: 10\n",
                with: "      - id: EC3.2\n        title:\n          th: แนวโน้มของผลลัพธ์\n          en: Result trends\n        points: 15\n"
            )
        let sheet = try score(withYAML: final)
        // EC3.1 40% × 10 = 4 (was 6); EC3.2 75% × 15 = 11.25 (was 7.5); automatic 45.25 − 2 + 3.75 = 47.
        #expect(points(sheet, "EC3.1") == 4)
        #expect(points(sheet, "EC3.2") == 11.25)
        #expect(sheet.automaticPoints == 47)
    }

    @Test func loweringTheStageThresholdRaisesCoverage() throws {
        let text = try original().replacingOccurrences(of: "            minLevel: involve\n", with: "            minLevel: consult\n")
        let sheet = try score(withYAML: text)
        // EC1.3 at consult: all four stages = 100% × 10 = 10 (was 7.5).
        #expect(points(sheet, "EC1.3") == 10)
        #expect(sheet.automaticPoints == 47.75)
    }

    @Test func loweringTheBreadthThresholdRaisesBreadth() throws {
        let text = try original().replacingOccurrences(of: "            full: 5\n", with: "            full: 4\n")
        let sheet = try score(withYAML: text)
        // EC2.1: 4 kinds of full 4 = 100% × 10 = 10 (was 8); automatic 45.25 + 2 = 47.25.
        #expect(points(sheet, "EC2.1") == 10)
        #expect(sheet.automaticPoints == 47.25)
    }

    @Test func turningACriterionJudgedMovesItToPending() throws {
        let text = try original().replacingOccurrences(
            of: "        mode: hybrid\n        rule:\n          name: letci-comparison\n", with: "        mode: judged\n"
        )
        let sheet = try score(withYAML: text)
        // EC3.3 (2.5 points as a suggestion) becomes judged: automatic 45.25 − 2.5 = 42.75; pending 25 + 10 = 35.
        #expect(points(sheet, "EC3.3") == nil)
        #expect(sheet.automaticPoints == 42.75)
        #expect(sheet.pendingPoints == 35)
    }
}
