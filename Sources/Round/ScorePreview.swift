import Foundation
import Intake
import Model
import Rubric
import Scoring

/// What `psea score` and the web self-check (`/check`) make of one checked application: the automatic score
/// sheet against its rubric, or why there is none. One function for both, so the page previews what the
/// command prints.
package enum ScorePreview: Sendable {
    /// The application is valid and its rubric known: the sheet and the rubric it was scored against.
    case scored(ScoreSheet, Rubric)
    /// The application has an error (its findings say which): it is not scored.
    case invalid
    /// The application was read but no rubric of the catalogue has its year and sub-type (the error names where
    /// the rubrics were looked up).
    case noRubric(PSEAError)

    /// The preview of `result` (from `ApplicationIntake.check` with the catalogue's rules) against `given`, else
    /// the rubric of the application's year and sub-type in `catalog`.
    package static func of(_ result: IntakeResult, catalog: RubricCatalog, given: Rubric? = nil) -> ScorePreview {
        let chosen = result.application.flatMap { given ?? catalog.rubric(year: $0.awardYear, type: $0.type) }
        if let application = result.application, chosen == nil {
            return .noRubric(catalog.missing(year: application.awardYear, type: application.type))
        }
        guard result.isValid, let application = result.application, let chosen else { return .invalid }
        return .scored(Scorer.score(application, rubric: chosen, bands: catalog.bands ?? .pmqaRanges), chosen)
    }

    /// Reads and checks an application held in memory with the business rules of `catalog`, then previews its
    /// score: what the self-check page shows of an uploaded file. Nothing is written anywhere.
    package static func check(data: Data, file: String, maxBytes: Int, catalog: RubricCatalog) -> (IntakeResult, ScorePreview) {
        let result = ApplicationIntake.check(
            data: data, file: file, options: IntakeOptions(maxBytes: maxBytes), rules: RubricRuleContext(catalog: catalog))
        return (result, of(result, catalog: catalog))
    }
}
