import Foundation
import Model
import Ranking

/// CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel shows Thai), CRLF line ends (RFC 4180), stable
/// column names. `results.csv` has one row per entry in publication order (sub-type, then agency in Thai
/// collation) with four columns per criterion; `scores.csv` has every individual score.
package enum CSVExport {
    /// The fixed columns of `results.csv`, before the per-criterion columns.
    package static let resultColumns = [
        "application", "year", "type", "agency", "agency_en", "agency_kind", "work_title", "status", "score", "level",
        "score_level", "site_visit", "rank", "tie_break_th", "tie_break_en", "gates_failed", "missing",
    ]
    /// The suffixes of the per-criterion columns: `<criterion>_percent`, `_points`, `_n`, `_source`.
    package static let criterionSuffixes = ["percent", "points", "n", "source"]
    /// The columns of `scores.csv`.
    package static let scoreColumns = ["judge", "application", "criterion", "percent", "band", "comment"]

    /// `results.csv` and `scores.csv` in memory.
    package static func files(_ bundle: ExportBundle) -> [ExportFile] {
        [
            ExportFile(name: Exporter.resultsCSV, data: Exporter.collect { writeResults(bundle, to: $0) }),
            ExportFile(name: Exporter.scoresCSV, data: Exporter.collect { writeScores(bundle, to: $0) }),
        ]
    }

    /// `results.csv` handed to `sink` a row at a time in pieces of about `chunkBytes` (their concatenation is the
    /// file), so that a round of any size is written without holding its table or its bytes.
    package static func writeResults(_ bundle: ExportBundle, chunkBytes: Int = 1 << 20, to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        withoutActuallyEscaping(sink) { sink in
            var encoder = Encoder(chunkBytes: chunkBytes, sink: sink)
            eachResultRow(bundle) { encoder.row($0) }
            encoder.finish()
        }
    }

    /// `scores.csv` handed to `sink` as `writeResults` hands `results.csv`.
    package static func writeScores(_ bundle: ExportBundle, chunkBytes: Int = 1 << 20, to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        withoutActuallyEscaping(sink) { sink in
            var encoder = Encoder(chunkBytes: chunkBytes, sink: sink)
            eachScoreRow(bundle) { encoder.row($0) }
            encoder.finish()
        }
    }

    /// The criterion ids of every rubric, rubrics by key, criteria in rubric order, each once.
    package static func criterionIds(_ bundle: ExportBundle) -> [String] {
        var ids: [String] = []
        for rubric in bundle.rubrics {
            for (_, criterion) in rubric.allCriteria where !ids.contains(criterion.id) { ids.append(criterion.id) }
        }
        return ids
    }

    /// The header and rows of `results.csv`.
    package static func resultsTable(_ bundle: ExportBundle) -> [[String]] {
        var table: [[String]] = []
        eachResultRow(bundle) { table.append($0) }
        return table
    }

    /// The header, then one row per entry in publication order.
    static func eachResultRow(_ bundle: ExportBundle, _ body: ([String]) -> Void) {
        let ids = criterionIds(bundle)
        body(resultColumns + ids.flatMap { id in criterionSuffixes.map { "\(id)_\($0)" } })
        for e in bundle.entriesByAgency {
            var row = [
                e.application, String(e.entry.year), e.entry.type, safe(e.entry.agency.name), safe(e.entry.agency.nameEn ?? ""),
                e.entry.agency.kind, safe(e.entry.workTitle), e.status.rawValue, Text.number(e.score), e.level?.rawValue ?? "",
                e.scoreLevel?.rawValue ?? "", e.siteVisit?.rawValue ?? "", e.rank.map(String.init) ?? "",
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
