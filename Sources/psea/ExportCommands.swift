import ArgumentParser
import Export
import Foundation
import Results
import Store

extension ExportFormat: ExpressibleByArgument {}
extension ExportAudience: ExpressibleByArgument {}
extension HeaderLanguage: ExpressibleByArgument {}

/// `psea export`: the published results as CSV, JSON or the static HTML page.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the results of the round for the public (winners by level) or for staff (scores and ranks).",
        discussion: """
            Public (the default): results.csv, results.json or index.html list each sub-type's winners by level
            (ดีเด่น, ดี), agencies in Thai collation, with no score, rank or tie note, marked ร่าง / DRAFT until the
            committee approves. Staff: one results-<type>.csv per sub-type in rank order with per-criterion columns
            plus scores.csv, results-staff.json, or staff.html with scores and ranks. CSV is UTF-8 with a byte-order
            mark. The same database always gives the same bytes; `psea verify --against DIR` checks an export (public
            or staff) against the ledger.
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Option(help: "csv, json or html.")
    var format: ExportFormat

    @Option(help: "public (winners by level, the default) or staff (scores, ranks, tie notes).")
    var audience: ExportAudience = .public

    @Option(help: "The language of the CSV header rows: th (the default) or en.")
    var header: HeaderLanguage = .th

    @Option(name: [.short, .long], help: "The folder to write into (created when missing).")
    var out: String

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out needs a folder") }
    }

    func run() throws {
        let context = try options.verifyingContext(anchor: anchor)
        let exported = try RoundResults.export(context, format: format, audience: audience, header: header, to: URL(fileURLWithPath: out))
        try anchor.finish(context, lang: options.lang)
        warn(RankingRun.withoutRubricLines(exported.withoutRubric, language: options.lang))
        for name in exported.files { print((out as NSString).appendingPathComponent(name)) }
    }
}

extension RoundVerify {
    /// The check of `--against DIR`: the export in DIR must be exactly what the ledger's events give.
    func exportCheck(_ directory: String) -> (CompetitionStore) throws -> [Finding] {
        { _ in
            let outcome = try ExportVerification.check(
                databasePath: options.store.path, catalog: try options.rubrics.catalog(), directory: directory)
            guard let first = outcome.differences.first else {
                print("export: \(outcome.compared.count) file(s) match the ledger: \(outcome.compared.joined(separator: ", "))")
                return []
            }
            return [Finding(text: first)]
        }
    }
}
