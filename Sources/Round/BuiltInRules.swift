import Foundation
import Intake
import Model
import Rubric
import Store

/// The intake's rules of the rubrics built into psea, without reading them: each rubric's narrative limits and
/// answered criteria and each year's sub-types, exactly as `RubricRuleContext` gives them once the built-in
/// catalogue has loaded and passed its check. They are kept as Swift values (`BuiltInRules+Checked.swift`, written
/// from the catalogue by `BuiltInRulesTests`), so that `psea validate` of one file decodes no YAML at start-up.
/// The checked form is used only while the SHA-256 of the built-in files is the one it was derived from: a psea
/// built from other rubrics loads and checks its catalogue instead.
package struct BuiltInRules: RuleContextProvider {
    /// The checked form, when it was derived from `files` (by default the rubrics built into this psea); nil when
    /// the files differ in any byte, name or number.
    package static func verified(files: [String: String] = RubricCatalog.builtInFiles) -> BuiltInRules? {
        sourceHash(files) == Checked.sourceHash ? BuiltInRules() : nil
    }

    /// `verified()` of the rubrics built into this psea, by their hash computed when psea was built (hashing them
    /// here would cost ~4 M instructions), with the tables `ruleContext` reads loaded: `psea validate` has it done
    /// on another core while it parses its command line.
    package static let builtIn: BuiltInRules? = {
        guard RubricCatalog.builtInFilesHash == Checked.sourceHash else { return nil }
        _ = (Checked.types, Checked.rubrics)
        return BuiltInRules()
    }()

    /// SHA-256 of a catalogue's files: each path and text in path order, each followed by a NUL byte.
    package static func sourceHash(_ files: [String: String]) -> String {
        var bytes = Data()
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            bytes.append(contentsOf: path.utf8)
            bytes.append(0)
            bytes.append(contentsOf: text.utf8)
            bytes.append(0)
        }
        return Ledger.sha256Hex(bytes)
    }

    package func ruleContext(awardYear: Int, type: String) -> RuleContext {
        let rubric = Checked.rubrics["\(awardYear)/\(type)"]
        return RuleContext(
            narrativeLimits: rubric?.narrativeLimits ?? [:], knownTypes: Checked.types[awardYear] ?? [],
            rubricsLookedUp: RubricOrigin.builtIn.description, answered: rubric?.answered)
    }

    /// What the rules need of one rubric.
    @MemberwiseInit
    package struct CheckedRubric: Sendable, Equatable {
        package var narrativeLimits: [String: NarrativeLimit]
        package var answered: [AnsweredCriterion]
    }
}
