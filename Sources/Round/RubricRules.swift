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

/// The business rules of a catalogue that is still loading: a command reads and checks its first files against
/// the schema while the rubrics load on another core, and each file waits for them only when its business rules
/// run. The catalogue's own error is the caller's to throw (`loaded()`) before it shows any result; until then a
/// file met by a catalogue that failed gets the rules of no rubric, a result the caller never shows. Rules that need
/// no loading (the checked form of the built-in rubrics, `BuiltInRules`) are ready at once.
package final class PendingRubricRules: RuleContextProvider {
    private enum State: Sendable {
        case ready(any RuleContextProvider)
        case loading(Prefetch<Result<RubricRuleContext, PSEAError>>)
    }

    private let state: State

    /// Starts `load` on another thread.
    package init(_ load: @escaping @Sendable () throws(PSEAError) -> RubricCatalog) {
        state = .loading(Prefetch { Result { () throws(PSEAError) in RubricRuleContext(catalog: try load()) } })
    }

    /// Rules already at hand.
    package init(ready rules: any RuleContextProvider) {
        state = .ready(rules)
    }

    /// The rules once the catalogue is loaded, or the error that stopped it.
    package func loaded() throws(PSEAError) -> any RuleContextProvider {
        switch state {
        case .ready(let rules): rules
        case .loading(let pending): try pending.value().get()
        }
    }

    package func ruleContext(awardYear: Int, type: String) -> RuleContext {
        (try? loaded())?.ruleContext(awardYear: awardYear, type: type) ?? RuleContext()
    }
}
