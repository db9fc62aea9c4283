import Model
import Rubric

/// One application rendered for people to read (`psea show`, and later the web workspace): the work, the answers
/// criterion by criterion with each criterion's title and prompt, activities by stage and spectrum level,
/// indicators with their measurements, stakeholders and evidence. Plain text or a self-contained HTML page in
/// which every text from the file is escaped.
package enum ApplicationView {
    package enum Format: String, CaseIterable, Sendable {
        case text, html
    }

    /// The application in `format` and `language`; `rubric` (of its year and sub-type, when known) gives the
    /// criteria's titles and prompts and the order of the answers.
    package static func render(_ app: Application, rubric: Rubric?, format: Format, language: Language) -> String {
        let sections = sections(app, rubric: rubric, language: language)
        switch format {
        case .text: return text(sections)
        case .html: return html(sections, title: app.work.title)
        }
    }

    /// A titled part of the view: lines of text, each with an optional label in front. The web workspace shows
    /// the sections but the answers (`isAnswers`), which it puts beside each criterion's score form.
    package struct Section: Sendable {
        package var title: String
        package var lines: [Line] = []
        package var isAnswers = false
    }

    /// One line: `label: value`, or a sub-heading, or a paragraph.
    package enum Line: Sendable {
        case field(String, String)
        case heading(String)
        case paragraph(String)
    }

    // MARK: Content

    /// The view's sections in order: the head, the work, the answers, activities, indicators, stakeholders, and
    /// sustainability, lessons and evidence.
    package static func sections(_ app: Application, rubric: Rubric?, language: Language) -> [Section] {
        let th = language == .th
        func t(_ thai: String, _ english: String) -> String { th ? thai : english }
        func label(_ text: LocalizedText) -> String { text.text(language) }
        let evidenceTitles = Dictionary(app.evidence.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let groups = Dictionary(app.stakeholders.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func evidence(_ refs: [String]?) -> String {
            (refs ?? []).map { ref in evidenceTitles[ref].map { "\(ref) (\($0))" } ?? ref }.joined(separator: "; ")
        }

        var head = Section(title: app.work.title)
        head.lines.append(.field(t("รหัสใบสมัคร", "Application"), app.id))
        head.lines.append(.field(t("ปีที่สมัคร", "Award year"), th ? "พ.ศ. \(app.awardYear)" : "\(app.awardYear) BE"))
        head.lines.append(.field(t("ประเภท", "Sub-type"), rubric.map { label($0.title) } ?? app.type))
        let agency = app.agency
        head.lines.append(.field(t("หน่วยงาน", "Agency"), "\(agency.name) (\(label(agency.kind.label)))"))
        if let ministry = agency.ministry { head.lines.append(.field(t("กระทรวง", "Ministry"), ministry)) }
        if let province = agency.province { head.lines.append(.field(t("จังหวัด", "Province"), province)) }
        let period = app.work.period
        head.lines.append(
            .field(
                t("ช่วงเวลาดำเนินงาน", "Period"),
                "\(period.start.text(language)) – \(period.end.map { $0.text(language) } ?? t("ยังดำเนินการอยู่", "still running"))"))
        if let areas = app.work.areas, !areas.isEmpty { head.lines.append(.field(t("พื้นที่", "Areas"), areas.joined(separator: ", "))) }
        if let previous = app.previousAward {
            head.lines.append(
                .field(
                    t("รางวัลที่เคยได้รับ", "Previous award"),
                    th ? "พ.ศ. \(previous.year): \(previous.title)" : "\(previous.year): \(previous.title) (\(previous.type))"))
        }
        let contact = app.contact
        head.lines.append(
            .field(
                t("ผู้ประสานงาน", "Contact"), [contact.name, contact.position, contact.email, contact.phone].compactMap { $0 }.joined(separator: ", ")))

        var work = Section(title: t("ผลงาน", "The work"))
        work.lines.append(.heading(t("สรุปผลงาน", "Summary")))
        work.lines.append(.paragraph(app.work.summary))
        work.lines.append(.heading(t("ความเป็นมาและสภาพปัญหา", "Background")))
        work.lines.append(.paragraph(app.work.background))
        work.lines.append(.heading(t("วัตถุประสงค์", "Objectives")))
        for objective in app.work.objectives { work.lines.append(.field(objective.id, objective.text)) }

        var answers = Section(title: t("คำตอบรายประเด็น", "Answers by criterion"), isAnswers: true)
        let responses = app.responses ?? []
        let criteria = rubric?.allCriteria.map(\.criterion).filter(\.needsAnswer) ?? []
        var shown = Set<String>()
        for criterion in criteria {
            shown.insert(criterion.id)
            answers.lines.append(.heading("\(criterion.id) \(label(criterion.title))"))
            if let asks = criterion.asks { answers.lines.append(.field(t("คำถาม", "Asks"), label(asks))) }
            let response = responses.first { $0.criterion == criterion.id }
            answers.lines.append(.paragraph(response?.text ?? t("(ไม่มีคำตอบ)", "(no answer)")))
            if let refs = response?.evidenceRefs, !refs.isEmpty { answers.lines.append(.field(t("หลักฐาน", "Evidence"), evidence(refs))) }
        }
        for response in responses where !shown.contains(response.criterion) {
            answers.lines.append(.heading(response.criterion))
            answers.lines.append(.paragraph(response.text))
            if let refs = response.evidenceRefs, !refs.isEmpty { answers.lines.append(.field(t("หลักฐาน", "Evidence"), evidence(refs))) }
        }
        if answers.lines.isEmpty {
            answers.lines.append(.paragraph(t("ใบสมัครรูปแบบรุ่นที่ 1 ไม่มีคำตอบรายประเด็น", "A version 1 application has no answers by criterion.")))
        }

        var activities = Section(title: t("กิจกรรมตามขั้นตอนและระดับการมีส่วนร่วม", "Activities by stage and level of participation"))
        for stage in Stage.allCases {
            let inStage = app.activities.filter { $0.stage == stage }.sorted { $0.level > $1.level }
            guard !inStage.isEmpty else { continue }
            activities.lines.append(.heading(label(stage.label)))
            for activity in inStage {
                var facts = [label(activity.level.label), activity.date.text(language)]
                if let participants = activity.participants { facts.append(t("ผู้เข้าร่วม \(participants) คน", "\(participants) people")) }
                facts.append(activity.stakeholderRefs.map { groups[$0] ?? $0 }.joined(separator: ", "))
                activities.lines.append(.field("\(activity.id) \(activity.title)", facts.joined(separator: " · ")))
                if let technique = activity.technique { activities.lines.append(.field(t("วิธีการ", "Technique"), technique)) }
                if let influence = activity.influence { activities.lines.append(.field(t("ผลต่อการตัดสินใจ", "Influence"), influence)) }
                if let refs = activity.evidenceRefs, !refs.isEmpty { activities.lines.append(.field(t("หลักฐาน", "Evidence"), evidence(refs))) }
            }
        }

        var indicators = Section(title: t("ตัวชี้วัดและผลการวัด", "Indicators and measurements"))
        for indicator in app.indicators {
            indicators.lines.append(.heading("\(indicator.id) \(indicator.name) (\(indicator.unit), \(label(indicator.direction.label)))"))
            var values = [t("ฐาน", "baseline") + " \(indicator.baseline.year): \(Text.number(indicator.baseline.value))"]
            values += indicator.measurements.map { "\($0.year): \(Text.number($0.value))" }
            if let target = indicator.target { values.append(t("เป้าหมาย", "target") + " \(Text.number(target))") }
            indicators.lines.append(.field(t("ค่า (ปี พ.ศ.)", "Values (BE years)"), values.joined(separator: " → ")))
            for comparison in indicator.comparisons ?? [] {
                indicators.lines.append(.field(t("เปรียบเทียบ", "Compared with"), "\(comparison.label): \(Text.number(comparison.value))"))
            }
            if let refs = indicator.evidenceRefs, !refs.isEmpty { indicators.lines.append(.field(t("หลักฐาน", "Evidence"), evidence(refs))) }
        }
        if app.indicators.isEmpty { indicators.lines.append(.paragraph(t("(ไม่มีตัวชี้วัด)", "(no indicators)"))) }

        var people = Section(title: t("ผู้มีส่วนได้ส่วนเสีย", "Stakeholders"))
        for group in app.stakeholders {
            let count = group.count.map { t(" \($0) คน", " \($0) people") } ?? ""
            people.lines.append(.field(group.id, "\(group.name) (\(label(group.kind.label)))\(count)"))
        }

        var closing = Section(title: t("ความยั่งยืน บทเรียน และหลักฐาน", "Sustainability, lessons and evidence"))
        if let sustainability = app.sustainability {
            closing.lines.append(.heading(t("ความยั่งยืน", "Sustainability")))
            closing.lines.append(.paragraph(sustainability))
        }
        if let lessons = app.lessons {
            closing.lines.append(.heading(t("บทเรียนที่ได้รับ", "Lessons")))
            closing.lines.append(.paragraph(lessons))
        }
        closing.lines.append(.heading(t("หลักฐาน", "Evidence")))
        for item in app.evidence {
            closing.lines.append(.field(item.id, "\(item.title) (\(label(item.kind.label)))" + (item.uri.map { " \($0)" } ?? "")))
        }
        let declaration = app.declaration
        closing.lines.append(
            .field(
                t("คำรับรอง", "Declaration"),
                "\(declaration.signedBy), \(declaration.position), \(declaration.date.text(language))"))
        return [head, work, answers, activities, indicators, people, closing]
    }

    // MARK: Text

    static func text(_ sections: [Section]) -> String {
        var out: [String] = []
        for (index, section) in sections.enumerated() {
            out.append(index == 0 ? "# \(section.title)" : "## \(section.title)")
            for line in section.lines {
                switch line {
                case .field(let label, let value): out.append("\(label): \(value)")
                case .heading(let text): out.append("\n### \(text)")
                case .paragraph(let text): out.append(text)
                }
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    // MARK: HTML

    /// The view as a page, rendered by the `application` template: runs of fields as one definition list each.
    static func html(_ sections: [Section], title: String) -> String {
        let page = Page(
            title: title,
            sections: sections.enumerated().map { index, section in
                var parts: [Page.Part] = []
                for line in section.lines {
                    switch line {
                    case .field(let label, let value):
                        if parts.last?.fields == nil { parts.append(Page.Part(fields: Page.Fields(items: []))) }
                        parts[parts.count - 1].fields?.items.append(Page.Field(label: label, value: value))
                    case .heading(let text): parts.append(Page.Part(subheading: text))
                    case .paragraph(let text): parts.append(Page.Part(paragraph: text))
                    }
                }
                return Page.Section(first: index == 0, heading: section.title, parts: parts)
            })
        return HTMLTemplates.exports.render("application", page) ?? ""
    }

    /// What the `application` template shows.
    struct Page {
        var title: String
        var sections: [Section]

        struct Section {
            var first: Bool
            var heading: String
            var parts: [Part]
        }

        /// A run of fields, a sub-heading or a paragraph.
        struct Part {
            var fields: Fields?
            var subheading, paragraph: String?
        }

        struct Fields { var items: [Field] }

        struct Field {
            var label: String
            var value: String
        }
    }
}
