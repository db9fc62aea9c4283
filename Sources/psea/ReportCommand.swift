import ArgumentParser
import Export
import Foundation
import Model
import Results

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

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Option(help: "The application id.")
    var application: String?

    @Argument(help: ArgumentHelp("The application id (shorthand for --application).", valueName: "id"))
    var id: String?

    @Option(help: "md or html.")
    var format: FeedbackReport.Format = .md

    @OptionGroup var destination: OutFileOptions

    func validate() throws {
        _ = try oneApplication(option: application, positional: id)
    }

    func run() throws {
        let context = try options.verifiedContext(anchor: anchor)
        let text = try RoundResults.feedbackReport(context, application: try oneApplication(option: application, positional: id), format: format)
        try anchor.finish(context, lang: options.lang)
        try destination.write(Data(text.utf8))
    }
}
