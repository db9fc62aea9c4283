import Foundation
import Model

/// A rubric written for people: criteria with titles, points, mode, prompt, guidance and band descriptors, so an
/// applicant learns what each criterion expects without reading YAML (`psea rubric show`).
package enum RubricDocument {
    /// The layouts `psea rubric show` writes.
    package enum Format: String, CaseIterable, Sendable {
        case text, md, json
    }

    /// The rubric in one format and language; JSON carries both languages.
    package static func render(_ rubric: Rubric, format: Format, language: Language) throws(PSEAError) -> String {
        switch format {
        case .text: return lines(rubric, language, markdown: false).joined(separator: "\n") + "\n"
        case .md: return lines(rubric, language, markdown: true).joined(separator: "\n") + "\n"
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            do {
                return String(decoding: try encoder.encode(rubric), as: UTF8.self) + "\n"
            } catch {
                throw PSEAError.unwritable(rubric.key, reason: "\(error)")
            }
        }
    }

    static func lines(_ rubric: Rubric, _ language: Language, markdown: Bool) -> [String] {
        let th = language == .th
        func points(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
        var out: [String] = []
        out.append((markdown ? "# " : "") + (th ? "\(rubric.title.th) ปี \(rubric.year)" : "\(rubric.title.en) (\(rubric.key))"))
        out.append("")
        let cutOffs =
            th
            ? "คะแนนเต็ม \(points(rubric.totalPoints)) · ระดับดีเด่น \(points(rubric.levels.outstanding)) · ระดับดี \(points(rubric.levels.good))"
            : "Total \(points(rubric.totalPoints)) · outstanding \(points(rubric.levels.outstanding)) · good \(points(rubric.levels.good))"
        out.append(cutOffs)
        for dimension in rubric.dimensions {
            out.append("")
            out.append(
                (markdown ? "## " : "")
                    + (th
                        ? "มิติ\(dimension.title.th) (\(points(dimension.points)) คะแนน)"
                        : "\(dimension.title.en) (\(dimension.id), \(points(dimension.points)) points)"))
            for criterion in dimension.criteria {
                out.append("")
                out.append(
                    (markdown ? "### " : "  ") + "\(criterion.id) \(criterion.title.text(language)) — \(points(criterion.points)) "
                        + (th ? "คะแนน, " : "points, ") + criterion.mode.label.text(language))
                let indent = markdown ? "" : "    "
                if let asks = criterion.asks {
                    let limit = criterion.answerLimit.map { th ? " (ไม่เกิน \($0) ตัวอักษร)" : " (at most \($0) characters)" } ?? ""
                    out.append(indent + (markdown ? "**" : "") + (th ? "คำถาม" : "Asks") + (markdown ? "**" : "") + ": \(asks.text(language))\(limit)")
                }
                out.append(
                    indent + (markdown ? "**" : "") + (th ? "แนวทางการพิจารณา" : "Guidance") + (markdown ? "**" : "")
                        + ": \(criterion.guidance.text(language))")
                for band in criterion.descriptors {
                    out.append(indent + (markdown ? "- " : "  ") + "\(band.label)%: \(band.text.text(language))")
                }
            }
        }
        if !rubric.gates.isEmpty {
            out.append("")
            out.append((markdown ? "## " : "") + (th ? "เงื่อนไขขั้นต่ำ" : "Gates"))
            for gate in rubric.gates {
                let target = gate.dimension ?? gate.criterion ?? ""
                out.append(
                    (markdown ? "- " : "  ")
                        + (th
                            ? "\(rubric.name(of: gate).th) ไม่ต่ำกว่าร้อยละ \(points(gate.minPercent))"
                            : "\(target) at least \(points(gate.minPercent))%"))
            }
        }
        return out
    }
}
