import Foundation
import Model

/// The ranking as `psea rank` prints it: a table per scope, or the JSON array of the published contract.
package enum RankingReport {
    /// One JSON object per entry, in ranking order:
    /// `{"application", "type", "agency", "score", "level", "rank", "tieBreak", "status", "gatesFailed", "siteVisit"}`.
    /// `tieBreak` is null or the reason in `language`; `score`, `level` and `rank` are null while they do not apply.
    package static func json(_ result: RankingResult, language: Language) -> Data {
        var writer = JSONArrayWriter()
        var out = writer.start
        for entry in result.entries { out += writer.element(json(entry, language: language)) }
        out += writer.end
        return Data(out.utf8)
    }

    /// One entry of `json`'s array, as one line without its indent: the fields of the command's JSON.
    package static func json(_ entry: RankedEntry, language: Language) -> String {
        let fields: [(String, String)] = [
            ("application", JSONText.quoted(entry.application)),
            ("type", JSONText.quoted(entry.entry.type)),
            ("agency", JSONText.quoted(entry.entry.agency.name)),
            ("score", entry.score.map(Ranker.format) ?? "null"),
            ("level", entry.level.map { JSONText.quoted($0.rawValue) } ?? "null"),
            ("rank", entry.rank.map(String.init) ?? "null"),
            ("tieBreak", entry.tieBreak.map { JSONText.quoted($0.reason.text(language)) } ?? "null"),
            ("status", JSONText.quoted(entry.status.rawValue)),
            ("gatesFailed", "[" + entry.gatesFailed.map { JSONText.quoted($0.gate) }.joined(separator: ", ") + "]"),
            ("siteVisit", entry.siteVisit.map { JSONText.quoted($0.rawValue) } ?? "null"),
        ]
        return "{" + fields.map { "\(JSONText.quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// `json`'s array written an element at a time, one per line, so that a ranking can be printed a sub-type at a
    /// time with the same bytes as the whole: `start`, then each `element`, then `end`.
    package struct JSONArrayWriter: Sendable {
        private var first = true

        package init() {}

        /// What opens the array.
        package var start: String { "[\n" }

        /// The text that puts `object` (one line) in the array after the elements before it.
        package mutating func element(_ object: String) -> String {
            defer { first = false }
            return (first ? "  " : ",\n  ") + object
        }

        /// What closes the array.
        package var end: String { first ? "]\n" : "\n]\n" }
    }

    /// A readable table per scope: rank, application, score, level, status, agency; then the tie-break reason,
    /// failed gates, the site-visit flag or what is missing, indented under the entry.
    package static func text(_ result: RankingResult, language: Language) -> String {
        let th = language == .th
        var lines: [String] = []
        // Thai names a sub-type by its rubric's title, never by its key.
        let titles = Dictionary(
            result.entries.map { ($0.scope, "\($0.entry.rubric.title.th) ปี \($0.entry.rubric.year)") }, uniquingKeysWith: { first, _ in first })
        for scope in result.scopes {
            let entries = result.entries.filter { $0.scope == scope }
            if !lines.isEmpty { lines.append("") }
            lines.append(th ? (titles[scope] ?? "ประเภท \(scope)") : "Sub-type \(scope)")
            let headers =
                th
                ? ["อันดับ", "ใบสมัคร", "คะแนน", "ระดับ", "สถานะ", "หน่วยงาน"]
                : ["rank", "application", "score", "level", "status", "agency"]
            let rows = entries.map { e in
                [
                    e.rank.map(String.init) ?? "—", e.application, e.score.map(Ranker.format) ?? "—",
                    e.level.map { th ? $0.name.th : $0.rawValue } ?? "—", statusName(e.status, th: th), e.entry.agency.name,
                ]
            }
            let table = TextTable(headers: headers, rows: rows)
            lines.append(contentsOf: table.head)
            for (e, row) in zip(entries, rows) {
                lines.append(table.line(row))
                lines.append(contentsOf: notes(e, language: language).map { "    " + $0 })
            }
        }
        if !result.seedsUsed.isEmpty {
            lines.append("")
            for scope in result.seedsUsed.keys.sorted() {
                let seed = result.seedsUsed[scope] ?? 0
                lines.append(th ? "seed การจับสลากของ\(titles[scope] ?? " \(scope)"): \(seed)" : "lottery seed for \(scope): \(seed)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the table says under an entry: the tie-break reason, failed gates, the site-visit flag or what is
    /// missing.
    package static func notes(_ e: RankedEntry, language: Language) -> [String] {
        let th = language == .th
        var notes: [String] = []
        if let note = e.tieBreak { notes.append((th ? "เสมอ: " : "tie: ") + note.reason.text(language)) }
        notes += e.gatesFailed.map { (th ? "ไม่ผ่านเกณฑ์ขั้นต่ำ: " : "gate failed: ") + $0.message.text(language) }
        if let visit = e.siteVisit { notes.append(siteVisitText(visit).text(language)) }
        notes += e.missing.map { (th ? "ขาด: " : "missing: ") + $0.reason.text(language) }
        return notes
    }

    /// The status word in Thai or as the JSON key.
    package static func statusName(_ status: RankStatus, th: Bool) -> String {
        guard th else { return status.rawValue }
        switch status {
        case .ranked: return "จัดอันดับแล้ว"
        case .incomplete: return "ยังไม่ครบ"
        case .gateFailed: return "ไม่ผ่านเกณฑ์ขั้นต่ำ"
        }
    }

    /// The site-visit flag in Thai and English.
    package static func siteVisitText(_ state: SiteVisitState) -> LocalizedText {
        switch state {
        case .pending:
            return LocalizedText(
                th: "อยู่ในช่วงคะแนนระดับดีเด่น รอผลการตรวจประเมิน ณ พื้นที่ปฏิบัติงาน (Site Visit) (ผลเบื้องต้น)",
                en: "in the outstanding range: site visit pending (provisional level)")
        case .confirmed:
            return LocalizedText(th: "ผลการตรวจประเมิน ณ พื้นที่ปฏิบัติงาน (Site Visit): ยืนยัน", en: "site visit: confirmed")
        case .notConfirmed:
            return LocalizedText(
                th: "ผลการตรวจประเมิน ณ พื้นที่ปฏิบัติงาน (Site Visit): ไม่ยืนยัน จึงได้รับรางวัลระดับดี", en: "site visit: not confirmed, so the level is good")
        }
    }
}
