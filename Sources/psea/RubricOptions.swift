import ArgumentParser
import Foundation
import Model
import Round
import Rubric

/// Where rubric files come from: `--rubrics DIR`, else `$PSEA_RUBRICS`, else the rubrics built into psea.
struct RubricOptions: ParsableArguments {
    @Option(name: .customLong("rubrics"), help: "Folder of rubric files (default: $PSEA_RUBRICS, else the rubrics built into psea).")
    var directory: String?

    /// The checked rubric catalogue; a folder that is missing or holds a rubric failing its check stops the command.
    func catalog() throws(PSEAError) -> RubricCatalog {
        let catalog = try RubricCatalog.resolve(option: directory, environment: ProcessInfo.processInfo.environment)
        log.debug("rubrics", metadata: ["from": "\(catalog.origin.description.en)", "rubrics": "\(catalog.all.count)"])
        return catalog
    }

    /// The business rules an application is checked by: for the rubrics built into psea, their checked form
    /// (`BuiltInRules`, no YAML read at start-up); for a folder, its catalogue, loading on another core meanwhile. A
    /// folder that is missing or holds a rubric failing its check stops the command at `loaded()`.
    func intakeRules() -> PendingRubricRules {
        if RubricCatalog.folder(option: directory, environment: ProcessInfo.processInfo.environment) == nil,
            let rules = BuiltInRules.verified()
        {
            log.debug("rubrics", metadata: ["from": "the checked form of the rubrics built into psea"])
            return PendingRubricRules(ready: rules)
        }
        return PendingRubricRules { [self] () throws(PSEAError) in try catalog() }
    }
}
