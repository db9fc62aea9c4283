import ArgumentParser
import Foundation
import Intake
import Model
import Round

/// `psea template`: a skeleton application to fill in, with a placeholder answer per criterion.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write a skeleton application (format version 2) to fill in.",
        discussion: """
            Every field of the format is present with a placeholder in brackets saying what to write there, in Thai and \
            English, and one response per judged or hybrid criterion of the sub-type whose placeholder is the \
            criterion's prompt and answer limit. Replace every placeholder, then check the file with psea validate.
            """
    )

    @Option(help: "The sub-type key, e.g. effective-change (psea rubric show lists them).")
    var type: String

    @Option(help: "The award year (BE); default: the latest year whose rubrics define the sub-type.")
    var year: Int?

    @Option(help: "The format of the skeleton: xml or json.")
    var format: SourceFormatArgument

    @OptionGroup var destination: OutFileOptions

    @OptionGroup var rubricOptions: RubricOptions

    func run() throws {
        let catalog = try rubricOptions.catalog()
        // Without --year: the latest year that defines the sub-type, else the latest year of all (named by the error).
        let year = self.year ?? catalog.all.filter { $0.type == type }.map(\.year).max() ?? catalog.all.map(\.year).max() ?? 0
        let rubric = try catalog.required(year: year, type: type)
        let context = RubricRuleContext(catalog: catalog).ruleContext(awardYear: rubric.year, type: rubric.type)
        let application = ApplicationTemplate.skeleton(year: rubric.year, type: rubric.type, criteria: context.answered ?? [])
        switch format.format {
        case .xml: try destination.write(Data(XMLApplicationWriter.write(application).utf8))
        case .json: try destination.write(JSONApplicationWriter.write(application))
        }
    }
}
