import Intake
import Model
import Rubric

/// The rubric catalogue seen by the intake's business rules: each award year's sub-types, each rubric's narrative
/// limits and the criteria its applicants answer. A year without any rubric gives an empty list of types, which the rules report as an error naming where
/// the rubrics were looked up, so an application is never valid by default.
@MemberwiseInit
package struct RubricRuleContext: RuleContextProvider {
    package let catalog: RubricCatalog

    package func ruleContext(awardYear: Int, type: String) -> RuleContext {
        let rubric = catalog.rubric(year: awardYear, type: type)
        let limits = rubric?.narrativeLimits ?? [:]
        return RuleContext(
            narrativeLimits: limits,
            knownTypes: Set(catalog.types(year: awardYear)),
            rubricsLookedUp: catalog.origin.description,
            answered: rubric.map { rubric in
                rubric.allCriteria.map(\.criterion).filter(\.needsAnswer).map {
                    AnsweredCriterion(id: $0.id, title: $0.title, answerLimit: $0.answerLimit, asks: $0.asks)
                }
            })
    }
}
