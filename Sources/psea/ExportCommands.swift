import ArgumentParser
import Export
import Foundation
import Results
import Store

extension ExportFormat: ExpressibleByArgument {}

/// `psea export`: the published results as CSV, JSON or the static HTML page.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the results of the round: csv (results.csv + scores.csv), json (results.json) or html (index.html).",
        discussion: """
            CSV is UTF-8 with a byte-order mark, one row per entry with per-criterion columns, plus every individual
            score. JSON has the same content with the SHA-256 of each rubric file and the ledger head. HTML is a static
            page in Thai (English secondary) with no external resources. The same database always gives the same bytes;
            `psea verify --against DIR` checks an export against the ledger.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var rubricOptions: RubricOptions

    @Option(help: "csv, json or html.")
    var format: ExportFormat

    @Option(name: [.short, .long], help: "The folder to write into (created when missing).")
    var out: String

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out needs a folder") }
    }

    func run() throws {
        let exported = try RoundResults.export(
            try store.verifiedContext(catalog: rubricOptions), format: format, to: URL(fileURLWithPath: out))
        warn(RankingRun.withoutRubricLines(exported.withoutRubric, language: output.lang))
        for name in exported.files { print((out as NSString).appendingPathComponent(name)) }
    }
}

extension RoundVerify {
    /// The check of `--against DIR`: the export in DIR must be exactly what the ledger's events give.
    func exportCheck(_ directory: String) -> (CompetitionStore) throws -> [Finding] {
        { _ in
            let outcome = try ExportVerification.check(
                databasePath: store.path, catalog: try rubricOptions.catalog(), directory: directory)
            guard let first = outcome.differences.first else {
                print("export: \(outcome.compared.count) file(s) match the ledger: \(outcome.compared.joined(separator: ", "))")
                return []
            }
            return [Finding(text: first)]
        }
    }
}
