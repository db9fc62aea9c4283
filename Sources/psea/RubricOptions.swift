import ArgumentParser
import Foundation
import Model
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
}
