import Foundation
import Model
import PSEATestSupport
import Rubric
import Testing

@testable import Export

/// `ApplicationView`: one application rendered for people, as text and as HTML.
@Suite struct ApplicationViewTests {
    static func application(title: String = "ป่าชุมชนคืนชีวิต") -> Application {
        let date = { (text: String) in LocalDate(iso: text)! }
        return Application(
            schemaVersion: 2, id: "PG-2568-0001", awardYear: 2568, type: "effective-change",
            agency: Agency(kind: .province, name: "จังหวัดน่าน", province: "น่าน"),
            contact: Contact(name: "นางสาวพรทิพย์ ใจดี", email: "plan@nan.go.th"),
            work: Work(
                title: title, summary: "ชุมชนร่วมฟื้นฟูป่า", background: "ป่าต้นน้ำถูกบุกรุก",
                objectives: [Objective(id: "O1", text: "ฟื้นฟูป่า")], period: Period(start: date("2023-10-01"), end: date("2024-09-30"))),
            stakeholders: [Stakeholder(id: "S1", name: "ชุมชนบ้านสบขุ่น", kind: .community, count: 640)],
            activities: [
                Activity(
                    id: "A1", title: "เวทีประชาคม", stage: .decision, level: .collaborate, date: date("2023-11-05"),
                    stakeholderRefs: ["S1"], evidenceRefs: ["E1"])
            ],
            indicators: [
                Indicator(
                    id: "K1", name: "พื้นที่ป่าที่ฟื้นฟู", unit: "ไร่", direction: .increase, baseline: YearValue(year: 2565, value: 1200),
                    target: 3000, measurements: [YearValue(year: 2566, value: 1900), YearValue(year: 2567, value: 2800)])
            ],
            evidence: [Evidence(id: "E1", kind: .photo, title: "ภาพเวทีประชาคม")],
            declaration: Declaration(signedBy: "นายธีรวัฒน์ ใจกว้าง", position: "ผู้ว่าราชการจังหวัดน่าน", date: date("2025-02-20")),
            responses: [Response(criterion: "EC1.1", text: "ผู้ว่าราชการจังหวัดกำหนดทิศทาง", evidenceRefs: ["E1"])])
    }

    static func rubric() throws -> Rubric {
        try #require(try SharedRubrics.projectCatalog().rubric(year: 2568, type: "effective-change"))
    }

    @Test func theTextGivesEachCriterionToAnswerWithItsTitlePromptAndAnswer() throws {
        let rubric = try Self.rubric()
        let text = ApplicationView.render(Self.application(), rubric: rubric, format: .text, language: .th)
        for criterion in rubric.allCriteria.map(\.criterion) where criterion.needsAnswer {
            #expect(text.contains("### \(criterion.id) \(criterion.title.th)"))
            #expect(text.contains(try #require(criterion.asks?.th)))
        }
        #expect(!text.contains("### EC1.2"))
        #expect(text.contains("ผู้ว่าราชการจังหวัดกำหนดทิศทาง"))
        #expect(text.contains("(ไม่มีคำตอบ)"))
        #expect(text.contains("### ร่วมตัดสินใจ"))
        #expect(text.contains("ระดับความร่วมมือ"))
        #expect(text.contains("ฐาน 2565: 1200 → 2566: 1900 → 2567: 2800"))
        #expect(text.contains("1 ต.ค. 2566 – 30 ก.ย. 2567"))
        #expect(text.contains("E1 (ภาพเวทีประชาคม)"))
    }

    @Test func englishUsesEnglishLabelsAndISODates() throws {
        let text = ApplicationView.render(Self.application(), rubric: try Self.rubric(), format: .text, language: .en)
        #expect(text.contains("## Answers by criterion"))
        #expect(text.contains("2023-10-01 – 2024-09-30"))
        #expect(text.contains("collaborate"))
    }

    @Test func htmlEscapesEveryTextFromTheFile() throws {
        let hostile = "<script>alert(\"x\")</script> & 'quoted'"
        var app = Self.application(title: hostile)
        app.responses?[0].text = hostile
        app.evidence[0].title = hostile
        let html = ApplicationView.render(app, rubric: try Self.rubric(), format: .html, language: .th)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func aVersionOneApplicationSaysItHasNoAnswers() {
        var app = Self.application()
        app.schemaVersion = 1
        app.responses = nil
        let text = ApplicationView.render(app, rubric: nil, format: .text, language: .en)
        #expect(text.contains("A version 1 application has no answers by criterion."))
    }

    @Test func thaiDatesAreWrittenTheThaiWay() {
        #expect(LocalDate(year: 2024, month: 9, day: 30)!.thai == "30 ก.ย. 2567")
        #expect(LocalDate(year: 2025, month: 1, day: 5)!.text(.en) == "2025-01-05")
    }
}
