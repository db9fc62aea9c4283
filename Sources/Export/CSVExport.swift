import Foundation
import Model
import Ranking

/// CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel shows Thai), CRLF line ends (RFC 4180), stable
/// column names. The staff sheets `results-<type>.csv` have one row per entry of a sub-type in rank order with four
/// columns per criterion; `scores.csv` has every individual score. (The public `results.csv` is `PublicResults`.)
package enum CSVExport {
    /// The fixed columns of a staff sheet (English header), before the per-criterion columns.
    package static let resultColumns = [
        "application", "year", "type", "agency", "agency_en", "agency_kind", "work_title", "status", "score", "level",
        "score_level", "site_visit", "rank", "tie_break_th", "tie_break_en", "gates_failed", "missing",
    ]
    /// The suffixes of the per-criterion columns: `<criterion>_percent`, `_points`, `_n`, `_source`.
    package static let criterionSuffixes = ["percent", "points", "n", "source"]
    /// The columns of `scores.csv`.
    package static let scoreColumns = ["judge", "application", "criterion", "percent", "band", "comment"]

    /// `scores.csv` handed to `sink` a row at a time in pieces of about `chunkBytes` (their concatenation is the
    /// file), so that a round of any size is written without holding its table or its bytes.
    package static func writeScores(_ bundle: ExportBundle, chunkBytes: Int = 1 << 20, to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        withoutActuallyEscaping(sink) { sink in
            var encoder = Encoder(chunkBytes: chunkBytes, sink: sink)
            eachScoreRow(bundle) { encoder.row($0) }
            encoder.finish()
        }
    }

    /// The Thai header of each fixed column of a results sheet.
    package static let resultColumnsTh = [
        "เลขที่ใบสมัคร", "ปี", "ประเภท", "หน่วยงาน", "หน่วยงาน (ภาษาอังกฤษ)", "ประเภทหน่วยงาน", "ชื่อผลงาน", "สถานะ", "คะแนน",
        "ระดับรางวัล", "ระดับตามคะแนน", "การตรวจประเมิน ณ พื้นที่", "อันดับ", "เหตุผลการตัดสินคะแนนเท่ากัน",
        "เหตุผลการตัดสินคะแนนเท่ากัน (ภาษาอังกฤษ)", "เงื่อนไขที่ไม่ผ่าน", "ข้อมูลที่ยังขาด",
    ]
    /// The Thai names of the per-criterion suffixes, in the order of `criterionSuffixes`.
    package static let criterionSuffixesTh = ["ร้อยละ", "คะแนน", "จำนวนกรรมการ", "ที่มา"]

    /// The staff sheets: one `results-<type>.csv` per sub-type (`results-<year>-<type>.csv` when the round spans
    /// years), rows in rank order, only that sub-type's criteria, headers in `header`, Thai level names.
    package static func staffTables(_ bundle: ExportBundle, header: HeaderLanguage) -> [(name: String, table: [[String]])] {
        let byScope = Dictionary(grouping: bundle.ranking.entries, by: \.scope)
        let years = Set(bundle.ranking.entries.map(\.entry.year))
        return byScope.keys.sorted().compactMap { scope in
            guard let entries = byScope[scope], let first = entries.first else { return nil }
            let ids = first.entry.rubric.allCriteria.map(\.criterion.id)
            let name = years.count > 1 ? "results-\(first.entry.year)-\(first.entry.type).csv" : "results-\(first.entry.type).csv"
            var table: [[String]] = []
            eachResultRow(rankOrder(entries), criteria: ids, header: header) { table.append($0) }
            return (name, table)
        }
    }

    /// The staff sheets as files.
    package static func staffSheets(_ bundle: ExportBundle, header: HeaderLanguage) -> [ExportFile] {
        staffTables(bundle, header: header).map { ExportFile(name: $0.name, data: encode($0.table)) }
    }

    /// The staff files of the CSV format: the sheets, then `scores.csv`.
    package static func staffFiles(_ bundle: ExportBundle, header: HeaderLanguage) -> [ExportFile] {
        staffSheets(bundle, header: header) + [ExportFile(name: Exporter.scoresCSV, data: Exporter.collect { writeScores(bundle, to: $0) })]
    }

    /// Entries in rank order: ranked by rank, then incomplete, then gate-failed; application id last.
    package static func rankOrder(_ entries: [RankedEntry]) -> [RankedEntry] {
        func group(_ e: RankedEntry) -> Int {
            switch e.status {
            case .ranked: return 0
            case .incomplete: return 1
            case .gateFailed: return 2
            }
        }
        return entries.sorted { a, b in
            if group(a) != group(b) { return group(a) < group(b) }
            if (a.rank ?? 0) != (b.rank ?? 0) { return (a.rank ?? 0) < (b.rank ?? 0) }
            return a.application < b.application
        }
    }

    /// The header, then one row per entry of `entries` with four columns per criterion of `criteria`; levels by
    /// their Thai names.
    static func eachResultRow(
        _ entries: [RankedEntry], criteria ids: [String], header: HeaderLanguage, _ body: ([String]) -> Void
    ) {
        switch header {
        case .en: body(resultColumns + ids.flatMap { id in criterionSuffixes.map { "\(id)_\($0)" } })
        case .th: body(resultColumnsTh + ids.flatMap { id in criterionSuffixesTh.map { "\(id) \($0)" } })
        }
        func level(_ value: AwardLevel?) -> String { value?.name.th ?? "" }
        for e in entries {
            var row = [
                e.application, String(e.entry.year), e.entry.type, safe(e.entry.agency.name), safe(e.entry.agency.nameEn ?? ""),
                e.entry.agency.kind.rawValue, safe(e.entry.workTitle), e.status.rawValue, Text.number(e.score), level(e.level),
                level(e.scoreLevel), e.siteVisit?.rawValue ?? "", e.rank.map(String.init) ?? "",
                safe(e.tieBreak?.reason.th ?? ""), safe(e.tieBreak?.reason.en ?? ""),
                e.gatesFailed.map(\.gate).joined(separator: "; "),
                safe(e.missing.map(\.reason.en).joined(separator: "; ")),
            ]
            row.reserveCapacity(row.count + ids.count * criterionSuffixes.count)
            let outcomes = Dictionary(e.criteria.map { ($0.criterion, $0) }, uniquingKeysWith: { first, _ in first })
            for id in ids {
                guard let outcome = outcomes[id] else {
                    row += ["", "", "", ""]
                    continue
                }
                row += [
                    Text.number(outcome.input.percent), Text.number(outcome.points),
                    outcome.input.panel.map { String($0.n) } ?? "", outcome.input.source.rawValue,
                ]
            }
            body(row)
        }
    }

    /// The header and rows of `scores.csv`, by application, criterion and judge.
    package static func scoresTable(_ bundle: ExportBundle) -> [[String]] {
        var table: [[String]] = []
        eachScoreRow(bundle) { table.append($0) }
        return table
    }

    /// The header, then one row per individual score.
    static func eachScoreRow(_ bundle: ExportBundle, _ body: ([String]) -> Void) {
        body(scoreColumns)
        for s in bundle.sortedScores {
            body([safe(s.judge), s.application, s.criterion, Text.number(s.percent), s.bandLabel, safe(s.comment ?? "")])
        }
    }

    /// A table as CSV bytes: BOM, fields quoted when they hold a comma, quote, CR or LF, CRLF after every row.
    package static func encode(_ table: [[String]]) -> Data {
        Exporter.collect { sink in
            withoutActuallyEscaping(sink) { sink in
                var encoder = Encoder(chunkBytes: 1 << 20, sink: sink)
                for row in table { encoder.row(row) }
                encoder.finish()
            }
        }
    }

    /// CSV bytes built a row at a time and handed to a sink in pieces; `finish` hands over the rest.
    struct Encoder {
        private var out: ChunkedOutput

        init(chunkBytes: Int, sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
            out = ChunkedOutput(chunkBytes: chunkBytes, sink: sink)
            out.append(contentsOf: "\u{FEFF}".utf8)
        }

        mutating func row(_ fields: [String]) {
            for (index, value) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: CSVText.field(value).utf8)
            }
            out.append(contentsOf: [0x0D, 0x0A])
            out.flushIfFull()
        }

        mutating func finish() { out.flush() }
    }

    /// Free text that a spreadsheet would read as a formula (starting with = + - @, tab or CR) gets a leading `'`.
    static func safe(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return value }
        return "'" + value
    }
}
