import ArgumentParser
import Foundation
import Model
import Round
import Rubric

/// Where rubric files come from: `--rubrics DIR`, else `$PSEA_RUBRICS`, else the rubrics built into psea.
struct RubricOptions: ParsableArguments {
    @Option(name: .customLong("rubrics"), help: ArgumentHelp(Self.help))
    var directory: String?

    /// The help of `--rubrics`.
    static let help = "Folder of rubric files (default: $PSEA_RUBRICS, else the rubrics built into psea)."

    /// The checked rubric catalogue; a folder that is missing or holds a rubric failing its check stops the command.
    func catalog() throws(PSEAError) -> RubricCatalog {
        try Self.catalog(directory: directory)
    }

    /// The checked rubric catalogue of `--rubrics` `directory`.
    static func catalog(directory: String?) throws(PSEAError) -> RubricCatalog {
        let catalog = try RubricCatalog.resolve(option: directory, environment: ProcessInfo.processInfo.environment)
        log.debug("rubrics", metadata: ["from": "\(catalog.origin.description.en)", "rubrics": "\(catalog.all.count)"])
        return catalog
    }

    /// The business rules an application is checked by: for the rubrics built into psea, their checked form
    /// (`BuiltInRules`, no YAML read at start-up); for a folder, its catalogue, loading on another core meanwhile. A
    /// folder that is missing or holds a rubric failing its check stops the command at `loaded()`.
    static func intakeRules(directory: String?) -> PendingRubricRules {
        if let rules = builtInRules(directory: directory) {
            log.debug("rubrics", metadata: ["from": "the checked form of the rubrics built into psea"])
            return PendingRubricRules(ready: rules)
        }
        return PendingRubricRules { () throws(PSEAError) in try catalog(directory: directory) }
    }

    /// The checked form of the built-in rubrics' rules, when the command uses the rubrics built into psea (no
    /// `--rubrics` `directory`, no `$PSEA_RUBRICS`) and they are the ones that form came from; nil otherwise.
    static func builtInRules(directory: String?) -> BuiltInRules? {
        RubricCatalog.folder(option: directory, environment: rubricsVariable) == nil ? BuiltInRules.builtIn : nil
    }

    /// `$PSEA_RUBRICS` alone, as an environment for `RubricCatalog.folder`: read with `getenv`, since Foundation's
    /// `environment` copies every variable of the process into a dictionary (~0.35 M instructions a call).
    static var rubricsVariable: [String: String] {
        getenv(RubricCatalog.environmentVariable).map { [RubricCatalog.environmentVariable: String(cString: $0)] } ?? [:]
    }
}
