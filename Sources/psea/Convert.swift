import ArgumentParser
import Foundation
import Intake
import Model
import Round

/// `psea convert`: lossless conversion between the XML and JSON forms of an application.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an application between XML and JSON without losing anything.",
        discussion: "The file is validated first; an invalid file is not converted (exit 1, findings on standard error)."
    )

    @Option(help: "Target format: xml or json.")
    var to: SourceFormatArgument

    @OptionGroup var destination: OutFileOptions

    @OptionGroup var outputOptions: OutputOptions

    @OptionGroup var rubricOptions: RubricOptions

    @Argument(help: "The application to convert.")
    var file: String

    func run() throws {
        let result = try ApplicationIntake.check(fileAt: file, rules: RubricRuleContext(catalog: try rubricOptions.catalog()))
        guard result.isValid, let application = result.application else {
            printError(ValidationReport.text([result], language: outputOptions.lang))
            throw ExitCode(ExitStatus.invalid)
        }
        if !result.diagnostics.isEmpty { printError(ValidationReport.findings([result], language: outputOptions.lang)) }
        let data: Data
        switch to.format {
        case .xml: data = Data(XMLApplicationWriter.write(application).utf8)
        case .json: data = JSONApplicationWriter.write(application)
        }
        try destination.write(data)
    }
}

/// `xml` or `json` on the command line.
struct SourceFormatArgument: ExpressibleByArgument {
    let format: SourceFormat

    init?(argument: String) {
        guard let format = SourceFormat(rawValue: argument.lowercased()) else { return nil }
        self.format = format
    }

    static var allValueStrings: [String] { SourceFormat.allCases.map(\.rawValue) }
}
