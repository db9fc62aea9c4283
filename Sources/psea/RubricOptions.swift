import ArgumentParser
import Foundation
import Intake
import Model
import Rubric

/// Where rubric files come from: `--rubrics DIR`, else `$PSEA_RUBRICS`, else `./Rubrics`, else the `Rubrics`
/// folder of the source tree psea was built in (found by walking up from the executable).
struct RubricOptions: ParsableArguments {
    @Option(name: .customLong("rubrics"), help: "Folder of rubric files (default: $PSEA_RUBRICS, ./Rubrics, or the one psea was built with).")
    var directory: String?

    /// The folder to read, or nil when none can be found.
    func resolvedDirectory() -> URL? {
        if let directory { return URL(fileURLWithPath: directory) }
        if let env = ProcessInfo.processInfo.environment["PSEA_RUBRICS"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let manager = FileManager.default
        let local = URL(fileURLWithPath: manager.currentDirectoryPath).appendingPathComponent("Rubrics")
        if manager.fileExists(atPath: local.path) { return local }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Rubrics")
            if manager.fileExists(atPath: candidate.appendingPathComponent("bands.yaml").path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// The rubric catalogue; a named folder that is missing or broken is an error, an unnamed missing one is nil.
    func catalog() throws(PSEAError) -> RubricCatalog? {
        guard let url = resolvedDirectory() else {
            log.notice("no rubric folder found: narrative limits and sub-types are not checked")
            return nil
        }
        if directory == nil, !FileManager.default.fileExists(atPath: url.path) { return nil }
        let catalog = try RubricCatalog(directory: url)
        log.debug("rubrics", metadata: ["folder": "\(url.path)", "rubrics": "\(catalog.all.count)"])
        return catalog
    }

    /// The narrative limits and known sub-types of each award year, for the business rules.
    func ruleContextProvider() throws(PSEAError) -> (any RuleContextProvider)? {
        try catalog().map(RubricRuleContext.init)
    }
}

/// Adapts the rubric catalogue to what the intake's business rules need.
struct RubricRuleContext: RuleContextProvider {
    let catalog: RubricCatalog

    func ruleContext(awardYear: Int, type: String) -> RuleContext {
        let known = catalog.types(year: awardYear)
        // A year with no rubric at all is not judged here: its type cannot be checked.
        guard !known.isEmpty else { return RuleContext() }
        let limits = catalog.rubric(year: awardYear, type: type)?.narrativeLimits ?? [:]
        return RuleContext(
            narrativeLimits: limits.mapValues { Intake.NarrativeLimit(min: $0.min, max: $0.max) },
            knownTypes: Set(known))
    }
}
