import Model

/// The skeleton application `psea template` writes: every field of the current format version filled with a
/// placeholder that says, in Thai and English, what to write there, and one response per criterion to answer
/// whose placeholder is the criterion's prompt. The placeholders are shaped as the format wants them (ids,
/// dates, numbers), so the skeleton reads as a valid file and an applicant edits values rather than structure.
package enum ApplicationTemplate {
    /// The skeleton for sub-type `type` of award year `year`; `criteria` are the criteria of the rubric to answer.
    package static func skeleton(year: Int, type: String, criteria: [AnsweredCriterion]) -> Application {
        let ceYear = year - Thai.buddhistEraOffset
        func date(_ offset: Int, _ month: Int, _ day: Int) -> LocalDate {
            LocalDate(year: ceYear + offset, month: month, day: day) ?? LocalDate(year: 2000, month: 1, day: 1)!
        }
        let start = date(-2, 10, 1)
        return Application(
            schemaVersion: Application.currentFormatVersion,
            id: "PG-\(year)-0000",
            awardYear: year,
            type: type,
            agency: Agency(
                kind: .other, name: placeholder("ชื่อหน่วยงานภาษาไทยตามชื่อทางการ", "the agency's official Thai name"),
                nameEn: placeholder("ชื่อหน่วยงานภาษาอังกฤษ (ไม่บังคับ)", "the English name (optional)")),
            contact: Contact(
                name: placeholder("ชื่อผู้ประสานงาน", "the contact person"), position: placeholder("ตำแหน่ง", "position"),
                email: "contact@agency.go.th", phone: "02-000-0000"),
            previousAward: type == BusinessRules.SubType.participationExpanded
                ? PreviousAward(
                    year: year - 3, type: "open-governance",
                    title: placeholder("ชื่อผลงานที่เคยได้รับรางวัล", "the title of the awarded work"))
                : nil,
            work: Work(
                title: placeholder("ชื่อผลงาน", "the title of the work"),
                summary: placeholder("สรุปผลงานโดยย่อ", "a short summary of the work"),
                background: placeholder(
                    "ความเป็นมา สภาพปัญหา และเหตุที่ต้องให้ประชาชนมีส่วนร่วม", "the problem and why participation was needed"),
                objectives: [Objective(id: "O1", text: placeholder("วัตถุประสงค์ข้อที่ 1", "objective 1"))],
                period: Period(start: start, end: date(-1, 9, 30)),
                areas: []),
            stakeholders: [
                Stakeholder(id: "S1", name: placeholder("ชื่อกลุ่มผู้มีส่วนได้ส่วนเสีย", "a stakeholder group"), kind: .community, count: 0)
            ],
            activities: [
                Activity(
                    id: "A1", title: placeholder("ชื่อกิจกรรม", "the activity"), stage: .planning,
                    level: type == BusinessRules.SubType.openGovernance ? .consult : .involve,
                    technique: placeholder("วิธีหรือเครื่องมือ เช่น เวทีประชาคม", "the technique, e.g. a community forum"),
                    date: date(-2, 11, 1), participants: 0, stakeholderRefs: ["S1"],
                    influence: placeholder("ความคิดเห็นของประชาชนเปลี่ยนงานอย่างไร", "how the public's input changed the work"),
                    evidenceRefs: ["E1"])
            ],
            indicators: [
                Indicator(
                    id: "K1", name: placeholder("ชื่อตัวชี้วัด", "the indicator"), unit: placeholder("หน่วยนับ", "unit"),
                    direction: .increase, objectiveRef: "O1", baseline: YearValue(year: year - 3, value: 0), target: 1,
                    measurements: [YearValue(year: year - 2, value: 1)], evidenceRefs: ["E1"])
            ],
            sustainability: placeholder("ความยั่งยืนของผลงาน", "how the work lasts"),
            lessons: placeholder("บทเรียนที่ได้รับ", "lessons learned"),
            evidence: [
                Evidence(id: "E1", kind: .document, title: placeholder("ชื่อหลักฐาน", "the evidence item"), uri: "evidence/E1.pdf")
            ],
            declaration: Declaration(
                signedBy: placeholder("ชื่อผู้ลงนามรับรอง", "who signs the declaration"),
                position: placeholder("ตำแหน่งผู้ลงนาม", "the signer's position"), date: date(0, 1, 15)),
            responses: criteria.map { criterion in
                let limit = criterion.answerLimit.map { (" (ไม่เกิน \($0) ตัวอักษร)", " (at most \($0) characters)") } ?? ("", "")
                let asks = criterion.asks ?? criterion.title
                return Response(
                    criterion: criterion.id,
                    text: "[ตอบประเด็น \(criterion.id)\(limit.0): \(asks.th)] [Answer \(criterion.id)\(limit.1): \(asks.en)]",
                    evidenceRefs: ["E1"])
            })
    }

    /// A placeholder text: what to write, in Thai then English, in brackets.
    private static func placeholder(_ th: String, _ en: String) -> String { "[\(th) / \(en)]" }
}
