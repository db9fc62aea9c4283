import Model
import Testing

@testable import Intake

private typealias F = RulesFixture

@Suite("Business rules: the valid application")
struct RulesValidTests {
    @Test("the fixture application yields no findings at all")
    func validApplicationIsClean() {
        #expect(F.findings(F.application).isEmpty)
    }

    @Test("with no rubric known, the type is not checked and limits are not applied")
    func emptyContextIsClean() {
        var app = F.application
        app.type = "some-future-type"
        #expect(F.findings(app, context: RuleContext()).isEmpty)
    }

    @Test("several problems come out in document order, twice the same")
    func documentOrder() {
        var app = F.application
        app.evidence[1].sha256 = "not-a-digest"
        app.awardYear = 2025
        app.indicators[0].measurements[0].year = 2564
        app.agency.province = "แอตแลนติส"
        app.activities[1].stakeholderRefs = ["S1", "S7"]
        let first = F.findings(app)
        #expect(
            first.map(\.pointer) == [
                "/awardYear", "/agency/province", "/activities/1/stakeholderRefs/1",
                "/indicators/0/measurements/0/year", "/evidence/1/sha256",
            ])
        #expect(first == F.findings(app))
    }
}

@Suite("Business rules: ids and references")
struct RulesReferenceTests {
    @Test("E020: an id repeated in another list is reported at the repeat")
    func duplicateAcrossLists() {
        var app = F.application
        app.activities[1].id = "O1"
        F.expectOnly(.duplicateID, at: "/activities/1/id", mentions: ["O1", "/work/objectives/1(O1)"], in: app)
    }

    @Test("E020: each repeat after the first is reported")
    func duplicateTwice() {
        var app = F.application
        app.activities[1].id = "K1"
        app.indicators[1].id = "K1"
        let found = F.findings(app)
        #expect(found.map(\.code) == ["PSEA-E020", "PSEA-E020"])
        #expect(found.map(\.pointer) == ["/indicators/0/id", "/indicators/1/id"])
    }

    @Test("E021: an activity's stakeholder ref is reported at the exact ref")
    func unresolvedStakeholder() {
        var app = F.application
        app.activities[0].stakeholderRefs = ["S1", "S9"]
        F.expectOnly(.unresolvedRef, at: "/activities/0/stakeholderRefs/1", mentions: ["S9"], in: app)
    }

    @Test("E021: an activity's evidence ref")
    func unresolvedActivityEvidence() {
        var app = F.application
        app.activities[1].evidenceRefs = ["E2", "E3", "E30"]
        F.expectOnly(.unresolvedRef, at: "/activities/1/evidenceRefs/2", mentions: ["E30"], in: app)
    }

    @Test("E021: an indicator's objective ref")
    func unresolvedObjective() {
        var app = F.application
        app.indicators[1].objectiveRef = "O3"
        F.expectOnly(.unresolvedRef, at: "/indicators/1/objectiveRef", mentions: ["O3"], in: app)
    }

    @Test("E021: an indicator's evidence ref; a ref to an id of another list does not resolve")
    func unresolvedIndicatorEvidence() {
        var app = F.application
        app.indicators[0].evidenceRefs = ["E3", "S1"]
        F.expectOnly(.unresolvedRef, at: "/indicators/0/evidenceRefs/1", mentions: ["S1"], in: app)
    }
}

@Suite("Business rules: Buddhist Era years and CE dates")
struct RulesYearTests {
    @Test("E022: a CE award year names the BE year")
    func commonEraAwardYear() {
        var app = F.application
        app.awardYear = 2025
        F.expectOnly(.commonEraYear, at: "/awardYear", mentions: ["2025", "2568"], in: app)
    }

    @Test("BE dates are read as CE: each activity's own, the others and every CE date left as they are")
    func buddhistEraDatesConverted() throws {
        let app = F.application
        #expect(app.activities.count >= 2)
        #expect(BusinessRules.convertingBuddhistEraDates(app) == app)
        var written = app
        let date = app.activities[1].date
        written.activities[1].date = try #require(LocalDate(year: date.year + 543, month: date.month, day: date.day))
        var expected = app
        expected.activities[1].date = date
        #expect(BusinessRules.convertingBuddhistEraDates(written) == expected)
        #expect(BusinessRules.convertingBuddhistEraDates(written).activities[0] == app.activities[0])
    }

    @Test("E022: a CE previous award year")
    func commonEraPreviousAward() {
        var app = F.application
        app.previousAward = PreviousAward(year: 2022, type: "open-governance", title: "ผลงานเดิม")
        F.expectOnly(.commonEraYear, at: "/previousAward/year", mentions: ["2022", "2565"], in: app)
    }

    @Test("E022: a CE baseline year, without a second finding on the measurements")
    func commonEraBaseline() {
        var app = F.application
        app.indicators[0].baseline.year = 2022
        F.expectOnly(.commonEraYear, at: "/indicators/0/baseline/year", mentions: ["2022", "2565"], in: app)
    }

    @Test("E022: a CE measurement year")
    func commonEraMeasurement() {
        var app = F.application
        app.indicators[0].measurements[0].year = 2023
        F.expectOnly(.commonEraYear, at: "/indicators/0/measurements/0/year", mentions: ["2023", "2566"], in: app)
    }

    @Test("E023: years neither BE nor CE", arguments: [3000, 1850, 2300, 0, -5])
    func yearOutOfRange(year: Int) {
        var app = F.application
        app.awardYear = year
        F.expectOnly(.yearOutOfRange, at: "/awardYear", mentions: [String(year)], in: app)
    }

    @Test("E023: a measurement year out of range")
    func measurementOutOfRange() {
        var app = F.application
        app.indicators[1].measurements[0].year = 2800
        F.expectOnly(.yearOutOfRange, at: "/indicators/1/measurements/0/year", mentions: ["2800"], in: app)
    }

    @Test("E022/E023 boundaries: 2500 and 2700 are accepted")
    func yearBoundaries() {
        for year in [2500, 2700] {
            var app = F.application
            app.awardYear = year
            #expect(F.findings(app).isEmpty, "year \(year)")
        }
    }

    @Test("W024: a BE period start names the CE date")
    func beStart() {
        var app = F.application
        app.work.period.start = F.date("2566-10-01")
        F.expectOnly(.buddhistEraDate, at: "/work/period/start", mentions: ["2566-10-01", "2023-10-01"], in: app)
    }

    @Test("W024: a BE period end")
    func beEnd() {
        var app = F.application
        app.work.period.end = F.date("2567-09-30")
        F.expectOnly(.buddhistEraDate, at: "/work/period/end", mentions: ["2567-09-30", "2024-09-30"], in: app)
    }

    @Test("W024: a BE activity date, without an outside-the-period warning")
    func beActivityDate() {
        var app = F.application
        app.activities[0].date = F.date("2566-11-05")
        F.expectOnly(.buddhistEraDate, at: "/activities/0/date", mentions: ["2566-11-05", "2023-11-05"], in: app)
    }

    @Test("W024: a BE declaration date, without an after-submission error")
    func beDeclaration() {
        var app = F.application
        app.declaration.date = F.date("2568-02-18")
        F.expectOnly(.buddhistEraDate, at: "/declaration/date", mentions: ["2568-02-18", "2025-02-18"], in: app)
    }

    @Test("W024: a BE submission time")
    func beSubmittedAt() {
        var app = F.application
        app.submittedAt = F.timestamp("2568-02-20T10:30:00+07:00")
        F.expectOnly(.buddhistEraDate, at: "/submittedAt", mentions: ["2568-02-20T10:30:00+07:00", "2025-02-20"], in: app)
    }
}

@Suite("Business rules: sub-types")
struct RulesSubTypeTests {
    @Test("W034: every activity above Consult in open-governance work is a warning at its level")
    func openGovernanceAboveConsult() {
        var app = F.application
        app.type = "open-governance"
        let found = F.findings(app)
        #expect(found.map(\.code) == ["PSEA-W034", "PSEA-W034"])
        #expect(found.map(\.severity) == [.warning, .warning])
        #expect(found.map(\.pointer) == ["/activities/0/level", "/activities/1/level"])
        #expect(found.first?.message.en.contains("involve") == true)
        #expect(found.last?.message.en.contains("collaborate") == true)
    }

    @Test("W034: Inform and Consult activities are fine for open-governance, and indicators may be empty")
    func openGovernanceClean() {
        var app = F.application
        app.type = "open-governance"
        app.activities[0].level = .inform
        app.activities[1].level = .consult
        app.indicators = []
        #expect(F.findings(app).isEmpty)
    }

    @Test("E030: effective-change with no activity at Involve or above")
    func effectiveChangeNoInvolvement() {
        var app = F.application
        app.activities[0].level = .consult
        app.activities[1].level = .inform
        F.expectOnly(.needsInvolvement, at: "/activities", keys: ["effective-change"], thai: ["สัมฤทธิผลประชาชนมีส่วนร่วม"], in: app)
    }

    @Test("E031: effective-change with indicators but none measured")
    func effectiveChangeNoMeasurement() {
        var app = F.application
        app.indicators[0].measurements = []
        app.indicators[1].measurements = []
        F.expectOnly(.needsMeasuredIndicator, at: "/indicators", keys: ["effective-change"], thai: ["สัมฤทธิผลประชาชนมีส่วนร่วม"], in: app)
    }

    @Test("E032: participation-expanded without previousAward")
    func expandedNeedsPreviousAward() {
        var app = F.application
        app.type = "participation-expanded"
        F.expectOnly(.needsPreviousAward, at: "/previousAward", mentions: ["previousAward"], in: app)
    }

    @Test("participation-expanded with an earlier award is clean")
    func expandedClean() {
        var app = F.application
        app.type = "participation-expanded"
        app.previousAward = PreviousAward(year: 2565, type: "effective-change", title: "น่านแซนด์บ็อกซ์ ระยะที่ 1")
        #expect(F.findings(app).isEmpty)
    }

    @Test("E033: previousAward not before the award year", arguments: [2568, 2569])
    func expandedNotEarlier(year: Int) {
        var app = F.application
        app.type = "participation-expanded"
        app.previousAward = PreviousAward(year: year, type: "effective-change", title: "น่านแซนด์บ็อกซ์ ระยะที่ 1")
        F.expectOnly(.previousAwardNotEarlier, at: "/previousAward/year", mentions: [String(year), "2568"], in: app)
    }

    @Test("E035: a type the rubric does not know lists the known types")
    func unknownType() {
        var app = F.application
        app.type = "digital-innovation"
        let finding = F.expectOnly(.unknownType, at: "/type", mentions: ["digital-innovation"], in: app)
        for known in F.knownTypes {
            #expect(finding?.message.en.contains(known) == true)
            #expect(finding?.message.th.contains(known) == true)
        }
    }

    @Test("E035: an award year without any rubric is an error naming where rubrics were looked up")
    func yearWithoutRubric() {
        var context = F.context
        context.knownTypes = []
        context.rubricsLookedUp = LocalizedText(th: "โฟลเดอร์ /srv/rubrics", en: "the folder /srv/rubrics")
        F.expectOnly(
            .unknownType, at: "/awardYear", mentions: ["2568", "/srv/rubrics"], in: F.application, context: context)
        let thai = F.findings(F.application, context: context).first?.message
        #expect(thai?.th.contains("จึงตรวจประเภทสัมฤทธิผลประชาชนมีส่วนร่วม") == true && thai?.th.contains("effective-change") == false)
        #expect(thai?.en.contains("effective-change") == true)
        // Without any rubrics consulted (knownTypes nil) the type is not checked at all.
        context.knownTypes = nil
        #expect(F.findings(F.application, context: context).isEmpty)
    }

    @Test("E036: a type other than open-governance with no indicators", arguments: ["effective-change", "participation-expanded"])
    func needsIndicator(type: String) {
        var app = F.application
        app.type = type
        if type == "participation-expanded" {
            app.previousAward = PreviousAward(year: 2565, type: "effective-change", title: "ผลงานเดิม")
        }
        app.indicators = []
        let thaiName = ["effective-change": "สัมฤทธิผลประชาชนมีส่วนร่วม", "participation-expanded": "เลื่องลือขยายผล", "poverty-integration": "ร่วมใจแก้จน"][
            type]
        F.expectOnly(.needsIndicator, at: "/indicators", keys: [type], thai: [thaiName ?? type], in: app)
    }
}

@Suite("Business rules: dates")
struct RulesDateTests {
    @Test("E040: the period ends before it starts (and activities are not also flagged)")
    func periodReversed() {
        var app = F.application
        app.work.period.end = F.date("2023-09-01")
        F.expectOnly(.periodReversed, at: "/work/period/end", mentions: ["2023-09-01", "2023-10-01"], in: app)
    }

    @Test("W041: an activity after the period end")
    func activityAfterEnd() {
        var app = F.application
        app.activities[1].date = F.date("2024-12-01")
        F.expectOnly(.activityOutsidePeriod, at: "/activities/1/date", mentions: ["2024-12-01"], in: app)
    }

    @Test("W041: an open period has no end, but an activity before the start is still flagged")
    func openPeriod() {
        var app = F.application
        app.work.period.end = nil
        app.activities[1].date = F.date("2026-01-15")
        #expect(F.findings(app).isEmpty)
        app.activities[0].date = F.date("2023-09-30")
        F.expectOnly(.activityOutsidePeriod, at: "/activities/0/date", mentions: ["2023-09-30"], in: app)
    }

    @Test("W041: the period's own start and end days are inside")
    func periodBoundaries() {
        var app = F.application
        app.activities[0].date = F.date("2023-10-01")
        app.activities[1].date = F.date("2024-09-30")
        #expect(F.findings(app).isEmpty)
    }

    @Test("E042: a declaration dated after submission; the same day is fine")
    func declarationAfterSubmission() {
        var app = F.application
        app.declaration.date = F.date("2025-02-20")
        #expect(F.findings(app).isEmpty)
        app.declaration.date = F.date("2025-02-21")
        F.expectOnly(.declarationAfterSubmission, at: "/declaration/date", mentions: ["2025-02-21"], in: app)
    }

    @Test("E042 needs submittedAt")
    func noSubmittedAt() {
        var app = F.application
        app.submittedAt = nil
        app.declaration.date = F.date("2025-03-01")
        #expect(F.findings(app).isEmpty)
    }
}

@Suite("Business rules: indicators")
struct RulesIndicatorTests {
    @Test("E045: a repeated measurement year")
    func repeatedYear() {
        var app = F.application
        app.indicators[0].measurements[1].year = 2566
        F.expectOnly(.measurementOrder, at: "/indicators/0/measurements/1/year", mentions: ["2566"], in: app)
    }

    @Test("E045: measurement years out of order")
    func descendingYears() {
        var app = F.application
        app.indicators[0].measurements = [YearValue(year: 2567, value: 2800), YearValue(year: 2566, value: 1900)]
        F.expectOnly(.measurementOrder, at: "/indicators/0/measurements/1/year", mentions: ["2566", "2567"], in: app)
    }

    @Test("E046: a measurement in the baseline year")
    func measurementInBaselineYear() {
        var app = F.application
        app.indicators[0].measurements[0].year = 2565
        F.expectOnly(.measurementBeforeBaseline, at: "/indicators/0/measurements/0/year", mentions: ["2565"], in: app)
    }

    @Test("E046: a measurement before the baseline year")
    func measurementBeforeBaseline() {
        var app = F.application
        app.indicators[1].baseline.year = 2568
        F.expectOnly(.measurementBeforeBaseline, at: "/indicators/1/measurements/0/year", mentions: ["2567", "2568"], in: app)
    }

    @Test("E047: an increase target not above the baseline", arguments: [1200.0, 900.0])
    func increaseTarget(target: Double) {
        var app = F.application
        app.indicators[0].target = target
        F.expectOnly(.targetWrongSide, at: "/indicators/0/target", mentions: [String(Int(target)), "1200"], in: app)
    }

    @Test("E047: a decrease target not below the baseline")
    func decreaseTarget() {
        var app = F.application
        app.indicators[1].target = 500
        F.expectOnly(.targetWrongSide, at: "/indicators/1/target", mentions: ["500", "412.5"], in: app)
    }

    @Test("E047 needs a target")
    func noTarget() {
        var app = F.application
        app.indicators[0].target = nil
        app.indicators[1].target = nil
        #expect(F.findings(app).isEmpty)
    }
}

@Suite("Business rules: agency and places")
struct RulesAgencyTests {
    @Test("E052: a provincial office without a ministry")
    func ministryRequired() {
        var app = F.application
        app.agency = Agency(kind: .provincialOffice, name: "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดน่าน", province: "น่าน")
        let finding = F.expectOnly(.ministryRequired, at: "/agency/ministry", in: app)
        #expect(finding?.message.th.contains("ส่วนราชการส่วนภูมิภาค") == true)
        #expect(finding?.message.en.contains("provincial-office") == true)
        app.agency.ministry = "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม"
        #expect(F.findings(app).isEmpty)
    }

    @Test("E052: a central department with a blank ministry")
    func blankMinistry() {
        var app = F.application
        app.agency = Agency(kind: .centralDepartment, name: "กรมป่าไม้", ministry: "  ")
        let finding = F.expectOnly(.ministryRequired, at: "/agency/ministry", in: app)
        #expect(finding?.message.th.contains("ส่วนราชการระดับกรม") == true)
        #expect(finding?.message.en.contains("central-department") == true)
    }

    @Test("E053: kinds that need a province", arguments: [AgencyKind.province, .localAdministration])
    func provinceRequired(kind: AgencyKind) {
        var app = F.application
        app.agency.kind = kind
        app.agency.province = nil
        let finding = F.expectOnly(.provinceRequired, at: "/agency/province", in: app)
        #expect(finding?.message.th.contains(kind.label.th) == true)
        #expect(finding?.message.en.contains(kind.rawValue) == true)
    }

    @Test("E053 does not apply to a public organization")
    func provinceOptional() {
        var app = F.application
        app.agency = Agency(kind: .publicOrganization, name: "สถาบันพระปกเกล้า (องค์การมหาชน)")
        #expect(F.findings(app).isEmpty)
    }

    @Test("E050: an agency province that is not one of the 77")
    func unknownAgencyProvince() {
        var app = F.application
        app.agency.province = "เมืองพัทยา"
        F.expectOnly(.unknownProvince, at: "/agency/province", mentions: ["เมืองพัทยา"], in: app)
    }

    @Test("E050: an unknown work area, at its index")
    func unknownArea() {
        var app = F.application
        app.work.areas = ["น่าน", "Narnia"]
        F.expectOnly(.unknownProvince, at: "/work/areas/1", mentions: ["Narnia"], in: app)
    }

    @Test("W051: a tolerated agency province names the official name", arguments: ["จ.น่าน", "จังหวัดน่าน", " น่าน", "Nan"])
    func toleratedAgencyProvince(name: String) {
        var app = F.application
        app.agency.province = name
        F.expectOnly(.provinceSpelling, at: "/agency/province", mentions: [name, "\"น่าน\""], in: app)
    }

    @Test("W051: a tolerated Bangkok area", arguments: ["กทม.", "กรุงเทพฯ", "Bangkok"])
    func toleratedArea(name: String) {
        var app = F.application
        app.work.areas = ["น่าน", name]
        F.expectOnly(.provinceSpelling, at: "/work/areas/1", mentions: [name, "กรุงเทพมหานคร"], in: app)
    }
}

@Suite("Business rules: narrative limits")
struct RulesNarrativeTests {
    @Test("E055: a summary over its maximum gives the count and the limit")
    func summaryTooLong() {
        var app = F.application
        app.work.summary = String(repeating: "ชุมชนร่วมคิด ", count: 200)
        let count = Thai.characterCount(app.work.summary.trimmingWhitespace)
        F.expectOnly(.narrativeTooLong, at: "/work/summary", mentions: [String(count), "1500"], in: app)
    }

    @Test("W056: an objective under its minimum gives the count and the limit, as a warning")
    func objectiveTooShort() {
        var app = F.application
        app.work.objectives[1].text = "ลดหมอกควัน"
        F.expectOnly(.narrativeTooShort, at: "/work/objectives/1/text", mentions: ["10", "/work/objectives/2(O2)/text"], in: app)
        #expect(F.findings(app).allSatisfy { $0.severity == .warning })
    }

    @Test("limits count grapheme clusters, not Unicode scalars")
    func graphemes() {
        var app = F.application
        let limits = RuleContext(narrativeLimits: ["activities.influence": NarrativeLimit(max: 5)], knownTypes: F.knownTypes)
        app.activities[0].influence = String(repeating: "ที่", count: 5)
        app.activities[1].influence = nil
        #expect(F.findings(app, context: limits).isEmpty)
        app.activities[0].influence = String(repeating: "ที่", count: 6)
        F.expectOnly(.narrativeTooLong, at: "/activities/0/influence", mentions: ["6", "5"], in: app, context: limits)
    }

    @Test("limits hold exactly at their bounds, counted in grapheme clusters however many scalars each has")
    func bounds() {
        var app = F.application
        app.activities[1].influence = nil
        // "กี่" is one character of three scalars (and nine UTF-8 bytes).
        let limits = RuleContext(narrativeLimits: ["activities.influence": NarrativeLimit(min: 3, max: 4)], knownTypes: F.knownTypes)
        for count in [3, 4] {
            app.activities[0].influence = String(repeating: "กี่", count: count)
            #expect(F.findings(app, context: limits).isEmpty, "\(count) characters are within 3–4")
        }
        app.activities[0].influence = String(repeating: "กี่", count: 2)
        F.expectOnly(.narrativeTooShort, at: "/activities/0/influence", mentions: ["2", "3"], in: app, context: limits)
        app.activities[0].influence = String(repeating: "กี่", count: 5)
        F.expectOnly(.narrativeTooLong, at: "/activities/0/influence", mentions: ["5", "4"], in: app, context: limits)
        // Four ASCII characters are four bytes: within the maximum without counting anything.
        app.activities[0].influence = "abcd"
        #expect(F.findings(app, context: limits).isEmpty)
    }

    @Test("sustainability and lessons are checked when present", arguments: ["sustainability", "lessons"])
    func optionalFields(key: String) {
        var app = F.application
        let limits = RuleContext(narrativeLimits: [key: NarrativeLimit(min: 100)], knownTypes: F.knownTypes)
        F.expectOnly(.narrativeTooShort, at: "/\(key)", mentions: ["100"], in: app, context: limits)
        app.sustainability = nil
        app.lessons = nil
        #expect(F.findings(app, context: limits).isEmpty)
    }

    @Test("title and background limits", arguments: [("work.title", "/work/title"), ("work.background", "/work/background")])
    func workFields(key: String, pointer: String) {
        let limits = RuleContext(narrativeLimits: [key: NarrativeLimit(max: 20)], knownTypes: F.knownTypes)
        F.expectOnly(.narrativeTooLong, at: pointer, mentions: ["20"], in: F.application, context: limits)
    }
}

@Suite("Business rules: evidence")
struct RulesEvidenceTests {
    @Test(
        "E060: a sha256 that is not 64 hex digits",
        arguments: [
            "abc", String(repeating: "g", count: 64), String(F.validSHA.dropLast()), F.validSHA + "0",
            String(repeating: "๐", count: 64), String(repeating: "０", count: 64), String(F.validSHA.dropLast(2)) + "é",
        ])
    func badSHA(sha: String) {
        var app = F.application
        app.evidence[1].sha256 = sha
        F.expectOnly(.badSHA256, at: "/evidence/1/sha256", mentions: [sha], in: app)
    }

    @Test("E060: upper-case hex is accepted")
    func upperCaseSHA() {
        var app = F.application
        app.evidence[1].sha256 = F.validSHA.uppercased()
        #expect(F.findings(app).isEmpty)
    }

    @Test(
        "E061: a uri that is neither http(s) nor a safe relative path",
        arguments: [
            "/etc/passwd", "../secret.pdf", "evidence/../../x.pdf", "ftp://files.nan.go.th/a.pdf", "file:///C:/a.pdf",
            "C:\\evidence\\a.pdf", "https://", "javascript:alert(1)", "", "http:/x.pdf", "HTTPS:///x", "x-y.z+w:q",
            "\\\\share\\a.pdf", "a/..", "..\\x", " \u{3000}/x", "หลักฐาน/../x.pdf", "https:/รูป",
            "www.example.go.th/x", "WWW.nan.go.th", "nan.go.th/evidence/a.pdf", "example.com", "www.ตัวอย่าง.ไทย/x",
        ])
    func badURI(uri: String) {
        var app = F.application
        app.evidence[0].uri = uri
        F.expectOnly(.badURI, at: "/evidence/0/uri", mentions: ["\"\(uri)\""], in: app)
    }

    @Test(
        "E061: accepted uris",
        arguments: [
            "http://nan.go.th", "HTTPS://www.nan.go.th/a?b=1", "evidence/รูป 1.jpg", "a..b/c.pdf", "./minutes.pdf",
            "1a:b.pdf", "a b:c.pdf", "a/.../b", ".a/b..", "ไฟล์:x.pdf", " minutes.pdf\n", "hTtP://x",
            "evidence/www.nan.go.th.pdf", "report.th.pdf", "data/nan.go.th",
        ])
    func goodURI(uri: String) {
        var app = F.application
        app.evidence[0].uri = uri
        #expect(F.findings(app).isEmpty)
    }

    @Test("W062: an evidence item nothing refers to")
    func unusedEvidence() {
        var app = F.application
        app.evidence.append(Evidence(id: "E4", kind: .video, title: "คลิปสรุปโครงการ"))
        F.expectOnly(.evidenceUnused, at: "/evidence/3", mentions: ["E4"], in: app)
    }

    @Test("W062: evidence referenced only by an indicator counts as used")
    func usedByIndicator() {
        var app = F.application
        app.activities[1].evidenceRefs = ["E2"]
        #expect(F.findings(app).isEmpty)
        app.indicators[0].evidenceRefs = nil
        F.expectOnly(.evidenceUnused, at: "/evidence/2", mentions: ["E3"], in: app)
    }
}

@Suite("Diagnostic rule catalogue")
struct RulesCatalogueTests {
    @Test("codes are unique, well-formed, and E/W match the severity")
    func catalogue() {
        let rules = DiagnosticRule.all.filter { $0.module == .intake }
        let codes = rules.map(\.code)
        #expect(codes.count == 56)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted { $0.dropFirst(6) < $1.dropFirst(6) })
        for rule in rules {
            #expect(rule.code.count == 9 && rule.code.hasPrefix("PSEA-"), "\(rule.code)")
            let letter = rule.code.dropFirst(5).first
            #expect(letter == (rule.severity == .error ? "E" : "W"), "\(rule.code)")
            #expect(Thai.containsThaiLetters(rule.summary.th) && !rule.summary.en.isEmpty, "\(rule.code)")
        }
    }
}
