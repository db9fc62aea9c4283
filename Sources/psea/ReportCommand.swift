import ArgumentParser
import Export
import Foundation
import Model
import Ranking
import Round

extension FeedbackReport.Format: ExpressibleByArgument {}

/// `psea report`: the applicant's feedback report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the feedback report of one entry (Markdown or HTML), in Thai with English beside it.",
        discussion: """
            Per criterion: band, points, the automatic trail, the panel's aggregate with n and spread, consensus
            reasons; then gates, the final level and rank, and strengths and opportunities from the judges' comments.
            Judges are never named. Exit 1 when the entry is unknown.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var rubricOptions: RubricOptions

    @Argument(help: "The application id.")
    var application: String

    @Option(help: "md or html.")
    var format: FeedbackReport.Format = .md

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let run = try RankingRun.load(store: try store.open(), catalog: try rubricOptions.catalog(), record: (store.actorName, Date()))
        guard let entry = run.ranking.entry(application) else {
            let known = run.withoutRubric.contains(application)
            throw PSEAError(
                code: RoundCode.unknownEntry,
                message: known
                    ? LocalizedText(th: "ใบสมัคร \(application) ไม่มีเกณฑ์สำหรับปีและประเภทของตน จึงทำรายงานไม่ได้",
                                    en: "entry \(application) has no rubric for its year and type, so there is no report")
                    : LocalizedText(th: "ไม่พบใบสมัคร \(application) ในฐานข้อมูล", en: "no entry \(application) in the database"),
                context: ["application": application], isInvalidInput: true)
        }
        let text = FeedbackReport.render(entry, in: run.ranking, scores: run.bundle.scores, format: format)
        if let output {
            try Exporter.write([ExportFile(name: (output as NSString).lastPathComponent, data: Data(text.utf8))],
                               to: URL(fileURLWithPath: output).deletingLastPathComponent())
        } else {
            writeOut(Data(text.utf8))
        }
    }
}
