import Model
import Testing

@testable import Intake

/// A realistic, fully valid effective-change application from Nan province, built in code so that each rule test
/// can break exactly one thing in a copy.
enum RulesFixture {
    static func date(_ text: String) -> LocalDate {
        guard let value = LocalDate(iso: text) else {
            Issue.record("fixture date \(text) does not parse")
            return LocalDate(year: 2000, month: 1, day: 1)!
        }
        return value
    }

    static func timestamp(_ text: String) -> Timestamp? {
        let value = Timestamp(iso: text)
        if value == nil { Issue.record("fixture timestamp \(text) does not parse") }
        return value
    }

    static let validSHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    static var application: Application {
        Application(
            id: "PG-2568-0042",
            awardYear: 2568,
            type: "effective-change",
            submittedAt: timestamp("2025-02-20T10:30:00+07:00"),
            agency: Agency(kind: .province, name: "จังหวัดน่าน", nameEn: "Nan Province", province: "น่าน"),
            contact: Contact(
                name: "นางสาวพรทิพย์ ใจดี", position: "นักวิเคราะห์นโยบายและแผนชำนาญการ",
                email: "porntip@nan.go.th", phone: "054-710-123"),
            work: Work(
                title: "น่านแซนด์บ็อกซ์: ชุมชนร่วมฟื้นป่าต้นน้ำ",
                summary: "จังหวัดน่านร่วมกับชุมชน ๙๙ หมู่บ้าน ภาคประชาสังคม และภาคเอกชน วางแผนการใช้ที่ดินและฟื้นฟูป่าต้นน้ำ โดยให้ประชาชนร่วมตัดสินใจแนวเขตป่าและที่ทำกิน",
                background:
                    "พื้นที่ป่าต้นน้ำน่านถูกบุกรุกเพื่อปลูกข้าวโพดเลี้ยงสัตว์ เกิดปัญหาหมอกควันและน้ำท่วม การแก้ปัญหาจากภาครัฐฝ่ายเดียวไม่ได้ผล จึงต้องให้ชุมชนมีส่วนร่วมตั้งแต่การวางแผน",
                objectives: [
                    Objective(id: "O1", text: "เพิ่มพื้นที่ป่าต้นน้ำที่ได้รับการฟื้นฟูโดยชุมชน"),
                    Objective(id: "O2", text: "ลดการเผาในที่โล่งในพื้นที่เกษตรบนที่สูง"),
                ],
                period: Period(start: date("2023-10-01"), end: date("2024-09-30")),
                areas: ["น่าน"]
            ),
            stakeholders: [
                Stakeholder(id: "S1", name: "ชุมชนบ้านสบขุ่น", kind: .community, count: 640),
                Stakeholder(id: "S2", name: "เครือข่ายรักษ์ป่าน่าน", kind: .civilSociety, count: 35),
            ],
            activities: [
                Activity(
                    id: "A1", title: "เวทีประชาคมกำหนดแนวเขตป่าชุมชน", stage: .planning, level: .involve,
                    technique: "เวทีประชาคมหมู่บ้าน", date: date("2023-11-05"), participants: 120,
                    stakeholderRefs: ["S1"], influence: "ชุมชนเสนอปรับแนวเขตป่าใหม่ และจังหวัดนำไปใช้จริง",
                    evidenceRefs: ["E1"]),
                Activity(
                    id: "A2", title: "คณะกรรมการร่วมบริหารจัดการป่าต้นน้ำ", stage: .implementation, level: .collaborate,
                    date: date("2024-03-12"), participants: 45, stakeholderRefs: ["S1", "S2"],
                    influence: "คณะกรรมการร่วมตัดสินใจเลือกพื้นที่ฟื้นฟูและจัดสรรงบประมาณ",
                    evidenceRefs: ["E2", "E3"]),
            ],
            indicators: [
                Indicator(
                    id: "K1", name: "พื้นที่ป่าต้นน้ำที่ได้รับการฟื้นฟู", unit: "ไร่", direction: .increase,
                    objectiveRef: "O1", baseline: YearValue(year: 2565, value: 1200), target: 3000,
                    measurements: [YearValue(year: 2566, value: 1900), YearValue(year: 2567, value: 2800)],
                    comparisons: [Comparison(label: "ค่าเฉลี่ยจังหวัดภาคเหนือ", value: 1500)],
                    evidenceRefs: ["E3"]),
                Indicator(
                    id: "K2", name: "จุดความร้อนในพื้นที่เกษตรบนที่สูง", unit: "จุด", direction: .decrease,
                    objectiveRef: "O2", baseline: YearValue(year: 2565, value: 412.5), target: 150,
                    measurements: [YearValue(year: 2567, value: 198)]),
            ],
            sustainability: "ชุมชนตั้งกองทุนป่าต้นน้ำและบรรจุแผนไว้ในแผนพัฒนาท้องถิ่น",
            lessons: "การให้ชุมชนร่วมตัดสินใจตั้งแต่ต้นทำให้ข้อตกลงได้รับการปฏิบัติตาม",
            evidence: [
                Evidence(id: "E1", kind: .photo, title: "ภาพเวทีประชาคม", uri: "https://www.nan.go.th/evidence/forum.jpg"),
                Evidence(
                    id: "E2", kind: .document, title: "คำสั่งแต่งตั้งคณะกรรมการร่วม", uri: "evidence/คำสั่ง 12-2567.pdf",
                    sha256: validSHA),
                Evidence(id: "E3", kind: .dataset, title: "ข้อมูลพื้นที่ป่าจากภาพถ่ายดาวเทียม", uri: "data/forest.csv"),
            ],
            declaration: Declaration(signedBy: "นายสมชาย รักษ์น่าน", position: "ผู้ว่าราชการจังหวัดน่าน", date: date("2025-02-18"))
        )
    }

    static let knownTypes: Set<String> = ["open-governance", "effective-change", "participation-expanded"]

    static var context: RuleContext {
        RuleContext(
            narrativeLimits: [
                "work.title": NarrativeLimit(max: 120),
                "work.summary": NarrativeLimit(min: 50, max: 1500),
                "work.background": NarrativeLimit(min: 50, max: 3000),
                "sustainability": NarrativeLimit(max: 2000),
                "lessons": NarrativeLimit(max: 2000),
                "objectives.text": NarrativeLimit(min: 10, max: 300),
                "activities.influence": NarrativeLimit(max: 1000),
            ],
            knownTypes: knownTypes
        )
    }

    /// The findings for `application`, each checked for a known code, matching severity, a pointer, no location,
    /// and non-empty messages in both languages.
    static func findings(_ application: Application, context: RuleContext = context) -> [Diagnostic] {
        let found = BusinessRules.check(application, context: context)
        for finding in found {
            let rule = DiagnosticRule.all.first { $0.code == finding.code }
            #expect(rule != nil, "unknown code \(finding.code)")
            #expect(rule?.severity == finding.severity, "\(finding.code) has the wrong severity")
            #expect(finding.location == nil)
            #expect(finding.pointer.hasPrefix("/"), "\(finding.code) has no pointer")
            #expect(!finding.message.th.trimmingWhitespace.isEmpty)
            #expect(!finding.message.en.trimmingWhitespace.isEmpty)
            #expect(Thai.containsThaiLetters(finding.message.th), "Thai message of \(finding.code) has no Thai")
        }
        return found
    }

    /// Asserts exactly one finding, of `rule` at `pointer`, whose messages both contain every string of `mentions`.
    @discardableResult
    static func expectOnly(
        _ rule: DiagnosticRule, at pointer: String, mentions: [String] = [], keys: [String] = [], thai: [String] = [],
        in application: Application,
        context: RuleContext = context, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Diagnostic? {
        let found = findings(application, context: context)
        #expect(found.map(\.code) == [rule.code], "codes: \(found.map(\.code))", sourceLocation: sourceLocation)
        #expect(found.map(\.pointer) == [pointer], "pointers: \(found.map(\.pointer))", sourceLocation: sourceLocation)
        guard let finding = found.first else { return nil }
        #expect(finding.severity == rule.severity, sourceLocation: sourceLocation)
        for mention in mentions {
            #expect(finding.message.th.contains(mention), "th: \(finding.message.th) lacks \(mention)", sourceLocation: sourceLocation)
            #expect(finding.message.en.contains(mention), "en: \(finding.message.en) lacks \(mention)", sourceLocation: sourceLocation)
        }
        // A key of the format is named in English; Thai text gives its Thai name instead, never the key.
        for key in keys {
            #expect(finding.message.en.contains(key), "en: \(finding.message.en) lacks \(key)", sourceLocation: sourceLocation)
            #expect(!finding.message.th.contains(key), "th: \(finding.message.th) shows the key \(key)", sourceLocation: sourceLocation)
        }
        for name in thai {
            #expect(finding.message.th.contains(name), "th: \(finding.message.th) lacks \(name)", sourceLocation: sourceLocation)
        }
        return finding
    }
}

extension Thai {
    /// Whether the text has a Thai letter (U+0E01–U+0E4F), to tell a real Thai message from an English copy.
    static func containsThaiLetters(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0E01...0x0E4F).contains($0.value) }
    }
}
