import ArgumentParser
import Foundation
import Model

/// `psea codes`: every code psea can print (findings, refused rows, errors), with its severity, the module that
/// raises it and its meaning, so that anyone can look one up.
struct Codes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract: "List every code psea can print, with its severity, module and meaning."
    )

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @OptionGroup var output: OutputOptions

    /// One code as `--format json` writes it.
    struct Entry: Encodable {
        let code: String
        let severity: Severity
        let module: String
        let summary: String
    }

    func run() throws {
        switch format {
        case .text:
            let lines = ProblemCode.all.map { "\($0.code)  \($0.severity.rawValue)  \($0.module.name)  \($0.summary.text(output.lang))\n" }
            writeOut(Data(lines.joined().utf8))
        case .json:
            try writeJSON(
                ProblemCode.all.map {
                    Entry(code: $0.code, severity: $0.severity, module: $0.module.name, summary: $0.summary.text(output.lang))
                })
        }
    }
}
