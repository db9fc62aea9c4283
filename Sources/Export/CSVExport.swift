import Foundation
import Model
import Ranking

/// CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel shows Thai), CRLF line ends (RFC 4180), stable
/// column names. `results.csv` has one row per entry in publication order (sub-type, then agency in Thai
/// collation) with four columns per criterion; `scores.csv` has every individual score.
public enum CSVExport {
    /// The fixed columns of `results.csv`, before the per-criterion columns.
    public static let resultColumns = [
        "application", "year", "type", "agency", "agency_en", "agency_kind", "work_title", "status", "score", "level",
        "score_level", "site_visit", "rank", "tie_break_th", "tie_break_en", "gates_failed", "missing",
    ]
    /// The suffixes of the per-criterion columns: `<criterion>_percent`, `_points`, `_n`, `_source`.
    public static let criterionSuffixes = ["percent", "points", "n", "source"]
    /// The columns of `scores.csv`.
    public static let scoreColumns = ["judge", "application", "criterion", "percent", "band", "comment"]

    /// `results.csv` and `scores.csv`.
    public static func files(_ bundle: ExportBundle) -> [ExportFile] {
        [
            ExportFile(name: Exporter.resultsCSV, data: encode(resultsTable(bundle))),
            ExportFile(name: Exporter.scoresCSV, data: encode(scoresTable(bundle))),
        ]
    }

    /// The criterion ids of every rubric, rubrics by key, criteria in rubric order, each once.
    public static func criterionIds(_ bundle: ExportBundle) -> [String] {
        var ids: [String] = []
        for rubric in bundle.rubrics {
            for (_, criterion) in rubric.allCriteria where !ids.contains(criterion.id) { ids.append(criterion.id) }
        }
        return ids
    }

    /// The header and rows of `results.csv`.
    public static func resultsTable(_ bundle: ExportBundle) -> [[String]] {
        let ids = criterionIds(bundle)
        var table = [resultColumns + ids.flatMap { id in criterionSuffixes.map { "\(id)_\($0)" } }]
        for e in bundle.entriesByAgency {
            var row = [
                e.application, String(e.entry.year), e.entry.type, safe(e.entry.agency.name), safe(e.entry.agency.nameEn ?? ""),
                e.entry.agency.kind, safe(e.entry.workTitle), e.status.rawValue, Text.number(e.score), e.level?.rawValue ?? "",
                e.scoreLevel?.rawValue ?? "", e.siteVisit?.rawValue ?? "", e.rank.map(String.init) ?? "",
                safe(e.tieBreak?.reason.th ?? ""), safe(e.tieBreak?.reason.en ?? ""),
                e.gatesFailed.map(\.gate).joined(separator: "; "),
                safe(e.missing.map(\.reason.en).joined(separator: "; ")),
            ]
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
            table.append(row)
        }
        return table
    }

    /// The header and rows of `scores.csv`, by application, criterion and judge.
    public static func scoresTable(_ bundle: ExportBundle) -> [[String]] {
        [scoreColumns] + bundle.sortedScores.map { s in
            [safe(s.judge), s.application, s.criterion, Text.number(s.percent), s.bandLabel, safe(s.comment ?? "")]
        }
    }

    /// A table as CSV bytes: BOM, fields quoted when they hold a comma, quote, CR or LF, CRLF after every row.
    public static func encode(_ table: [[String]]) -> Data {
        var text = "\u{FEFF}"
        for row in table {
            text += row.map(field).joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }

    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Free text that a spreadsheet would read as a formula (starting with = + - @, tab or CR) gets a leading `'`.
    static func safe(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return value }
        return "'" + value
    }
}
