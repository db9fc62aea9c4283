import Intake
import Model
import Rubric

/// The rubric catalogue seen by the intake's business rules: each award year's sub-types and each rubric's narrative
/// limits. A year without any rubric gives an empty list of types, which the rules report as an error naming where
/// the rubrics were looked up, so an application is never valid by default.
@MemberwiseInit
package struct RubricRuleContext: RuleContextProvider {
    package let catalog: RubricCatalog

    package func ruleContext(awardYear: Int, type: String) -> RuleContext {
        let limits = catalog.rubric(year: awardYear, type: type)?.narrativeLimits ?? [:]
        return RuleContext(
            narrativeLimits: limits,
            knownTypes: Set(catalog.types(year: awardYear)),
            rubricsLookedUp: catalog.origin.description)
    }
}
