import ArgumentParser
import Export
import Foundation
import Intake
import Model
import Round

extension ApplicationView.Format: ExpressibleByArgument {}

/// `psea show`: one application rendered for people to read, from a file or from the database.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one application readably (text or HTML), from a file or from the database by id.",
        discussion: """
            The work, the answers criterion by criterion with each criterion's title and prompt, activities by stage \
            and level of participation, indicators with their measurements, stakeholders and evidence. A file that \
            cannot be read as an application prints its findings and exits 1; so does an id the database does not hold.
            """)

    @Argument(help: ArgumentHelp("An application file, or the id of an application in the database.", valueName: "file-or-id"))
    var target: String

    @Option(help: "text or html.")
    var format: ApplicationView.Format = .text

    @OptionGroup var round: RoundOptions
    @OptionGroup var destination: OutFileOptions

    func run() throws {
        let catalog = try round.rubrics.catalog()
        let application: Application
        if FileManager.default.fileExists(atPath: target) {
            let result = try ApplicationIntake.check(fileAt: target, rules: RubricRuleContext(catalog: catalog))
            guard let read = result.application else {
                printError(ValidationReport.text([result], language: round.lang))
                throw ExitCode(ExitStatus.invalid)
            }
            application = read
        } else {
            let store = try round.store.openReadOnly()
            guard let entry = try store.entry(id: target) else { throw UnknownEntry.error(target, known: try store.entryIDs()) }
            application = entry.application
        }
        let rubric = catalog.rubric(year: application.awardYear, type: application.type)
        let text = ApplicationView.render(application, rubric: rubric, format: format, language: round.lang)
        try destination.write(Data(text.utf8))
    }
}
