import Foundation
import Model

/// A round file written for people (`psea rubric show YEAR/round`): the application window, the stages' dates and
/// each sub-type's eligibility rules and judging body.
package enum RoundDocument {
    /// The round file in one format and language; JSON carries both languages. `titles` names the sub-types (their
    /// rubrics' titles, by key); a sub-type without one is named by its key.
    package static func render(
        _ round: RoundFile, format: RubricDocument.Format, language: Language, titles: [String: LocalizedText] = [:]
    ) throws(PSEAError) -> String {
        switch format {
        case .text: return lines(round, language, markdown: false, titles: titles).joined(separator: "\n") + "\n"
        case .md: return lines(round, language, markdown: true, titles: titles).joined(separator: "\n") + "\n"
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            do {
                return String(decoding: try encoder.encode(Shown(round)), as: UTF8.self) + "\n"
            } catch {
                throw PSEAError.unwritable("\(round.year)/round", reason: "\(error)")
            }
        }
    }

    static func lines(_ round: RoundFile, _ language: Language, markdown: Bool, titles: [String: LocalizedText]) -> [String] {
        let th = language == .th
        let item = markdown ? "- " : "  "
        var out: [String] = []
        out.append((markdown ? "# " : "") + (th ? "รอบการประกวดปี \(round.year)" : "Round \(round.year)"))
        out.append("")
        let window = round.window
        out.append(
            th
                ? "รับสมัคร \(window.opens.thai) ถึง \(window.closes.thai) (สิ้นสุดเวลา 24.00 น. ตามเขตเวลา \(window.timeZone))"
                : "Applications \(window.opens) to \(window.closes) (until midnight, \(window.timeZone))")
        out.append("")
        out.append((markdown ? "## " : "") + (th ? "ขั้นตอน" : "Stages"))
        for stage in round.stages {
            let dates = stage.to.map { "\(stage.from.text(language)) – \($0.text(language))" } ?? stage.from.text(language)
            out.append("\(item)\(stage.stage.label.text(language)): \(dates)")
        }
        out.append("")
        out.append((markdown ? "## " : "") + (th ? "คุณสมบัติและผู้พิจารณาตัดสินของแต่ละประเภท" : "Eligibility and judging body of each sub-type"))
        for rules in round.types {
            let kinds = rules.agencyKinds.map { th ? $0.label.th : $0.rawValue }.joined(separator: ", ")
            out.append("")
            out.append((markdown ? "### " : "") + (titles[rules.type].map { th ? $0.th : "\($0.en) (\(rules.type))" } ?? rules.type))
            out.append("\(item)" + (th ? "ผู้พิจารณาตัดสิน: \(rules.judgingBody.th)" : "Judged by: \(rules.judgingBody.en)"))
            out.append(
                "\(item)"
                    + (th
                        ? "ดำเนินการมาแล้วอย่างน้อย \(rules.minMonthsRun) เดือน ณ วันปิดรับสมัคร"
                        : "The work has run at least \(rules.minMonthsRun) months by the closing day"))
            out.append("\(item)" + (th ? "หน่วยงานที่สมัครได้: \(kinds)" : "Agencies that may apply: \(kinds)"))
            if rules.previousAwardRequired {
                out.append("\(item)" + (th ? "ต้องเป็นผลงานที่เคยได้รับรางวัลมาก่อน" : "Must build on a previous award"))
            }
        }
        if !round.assumed.isEmpty {
            out.append("")
            out.append(
                th
                    ? "ค่าที่ยังไม่ได้รับการยืนยันจากแหล่งข้อมูลสาธารณะ: \(round.assumed.joined(separator: ", "))"
                    : "Not confirmed by a public source: \(round.assumed.joined(separator: ", "))")
        }
        return out
    }

    /// The round file as `--format json` writes it.
    struct Shown: Encodable {
        struct Stage: Encodable {
            var stage: String
            var from: String
            var to: String?
        }
        struct Rules: Encodable {
            var type: String
            var judgingBody: LocalizedText
            var minMonthsRun: Int
            var agencyKinds: [String]
            var previousAwardRequired: Bool
        }
        var year: Int
        var opens: String
        var closes: String
        var timeZone: String
        var stages: [Stage]
        var types: [Rules]
        var assumed: [String]

        init(_ round: RoundFile) {
            year = round.year
            opens = "\(round.window.opens)"
            closes = "\(round.window.closes)"
            timeZone = round.window.timeZone
            stages = round.stages.map { Stage(stage: $0.stage.rawValue, from: "\($0.from)", to: $0.to.map { "\($0)" }) }
            types = round.types.map {
                Rules(
                    type: $0.type, judgingBody: $0.judgingBody, minMonthsRun: $0.minMonthsRun, agencyKinds: $0.agencyKinds.map(\.rawValue),
                    previousAwardRequired: $0.previousAwardRequired)
            }
            assumed = round.assumed
        }
    }
}
