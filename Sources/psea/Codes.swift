import ArgumentParser
import Foundation
import Intake
import Model

/// `psea codes`: every finding code the validator can report, so an applicant can look one up.
struct Codes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every finding code psea validate can report, with its severity and meaning."
    )

    @OptionGroup var output: OutputOptions

    func run() throws {
        for rule in DiagnosticRule.all {
            print("\(rule.code)  \(rule.severity.rawValue)  \(rule.summary.text(output.lang))")
        }
    }
}
