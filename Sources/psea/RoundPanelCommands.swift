import ArgumentParser
import Foundation
import Model
import Panel
import Round
import Store

/// `psea judges import`.
struct RoundJudges: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judges", abstract: "Register the judging panel.", subcommands: [RoundJudgesImport.self])
}

/// `psea judges import FILE.csv`: all rows or none.
struct RoundJudgesImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Register judges from a CSV file with columns id,name,ministry,province,agency.",
        discussion: "A file with any bad row is refused with the rows' line numbers and nothing from it is stored (exit 1).")

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Argument(help: "The judges CSV file (UTF-8).")
    var file: String

    func run() throws {
        let result = try options.importFile(file, anchor: anchor) { try $0.importJudges(csv: $1) }
        print("\(file): \(result.recorded) judges registered, \(result.unchanged) unchanged")
    }
}

/// `psea conflicts import`.
struct RoundConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts", abstract: "Record declared conflicts of interest.", subcommands: [RoundConflictsImport.self])
}

/// `psea conflicts import FILE.csv`: all rows or none.
struct RoundConflictsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record declared conflicts from a CSV file with columns judge,application,reason.",
        discussion: "Judges must be registered first. A file with any bad row is refused and nothing from it is stored (exit 1).")

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Argument(help: "The conflicts CSV file (UTF-8).")
    var file: String

    func run() throws {
        let result = try options.importFile(file, anchor: anchor) { try $0.importConflicts(csv: $1) }
        print("\(file): \(result.recorded) conflicts recorded, \(result.unchanged) unchanged")
    }
}

/// `psea assign --per-entry N [--seed S]`.
struct RoundAssign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Give every entry N judges free of conflict, balancing load, deterministic for the seed.",
        discussion: """
            Freezes the rubric of each year and type in use (its file's SHA-256) and records the automatic
            conflicts (same agency, same ministry, or same province for province, provincial-office and
            local-administration entries). The first run plans the whole round; a later run only tops up entries
            that have fewer than N judges and never moves an existing assignment. The seed is recorded in the
            ledger. Exit 1 when some entry cannot get N judges (each is listed with why).
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Option(name: .customLong("per-entry"), help: "Judges per entry (at least 1).")
    var perEntry: Int

    @Option(help: "Random seed for the draw (a decimal number; default: a fresh random seed, printed and recorded).")
    var seed: UInt64?

    func validate() throws {
        guard perEntry >= 1 else { throw ValidationError("--per-entry must be at least 1") }
    }

    func run() throws {
        let used = seed ?? UInt64.random(in: 0...UInt64.max)
        let context = try options.context(anchor: anchor)
        let outcome = try RoundPanel(context: context).assign(perEntry: perEntry, seed: used)
        try anchor.finish(context, lang: options.lang)
        for freeze in outcome.frozen { print("rubric frozen: \(freeze.year)/\(freeze.type) sha256 \(freeze.sha256)") }
        if outcome.automaticConflicts > 0 { print("automatic conflicts recorded: \(outcome.automaticConflicts)") }
        if let scope = outcome.seedScope { print("seed \(used) recorded as \(scope)") }
        for assignment in outcome.added { print("\(assignment.judge)\t\(assignment.application)") }
        print("\(outcome.added.count) assignments added")
        let loads = outcome.loads.keys.sorted().map { "\($0)=\(outcome.loads[$0] ?? 0)" }.joined(separator: " ")
        if !loads.isEmpty { print("loads: \(loads)") }
        guard outcome.shortfalls.isEmpty else {
            for shortfall in outcome.shortfalls { printError("psea: \(shortfall.message.text(options.lang))") }
            throw ExitCode(ExitStatus.invalid)
        }
    }
}

/// `psea scores import|add`.
struct RoundScores: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scores", abstract: "Record judges' scores.", subcommands: [RoundScoresImport.self, RoundScoresAdd.self])
}

/// `psea scores import FILE.csv`: all rows or none.
struct RoundScoresImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record scores from a CSV file with columns judge,application,criterion,percent,comment.",
        discussion: """
            Refuses rows from unassigned or conflicted judges, unknown or automatic criteria, percents outside
            0–100 or off the 5-point steps, with their line numbers; nothing from a file with a bad row is stored
            (exit 1). Refused as a whole when a rubric changed since it was frozen. A new value for the same judge,
            application and criterion is a revision; earlier values stay in the ledger.
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Argument(help: "The scores CSV file (UTF-8).")
    var file: String

    func run() throws {
        let result = try options.importFile(file, anchor: anchor) { try $0.importScores(csv: $1) }
        print("\(file): \(result.recorded) scores recorded")
    }
}

/// `psea scores add`: one score.
struct RoundScoresAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Record one score (same checks as scores import).")

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Option(help: "The judge's id.")
    var judge: String
    @Option(help: "The application id.")
    var application: String
    @Option(help: "The criterion id of the entry's rubric (judged or hybrid).")
    var criterion: String
    @Option(help: "Percent of the criterion's points, 0–100 in steps of 5.")
    var percent: Double
    @Option(help: "The judge's reason and evidence.")
    var comment: String = ""

    func validate() throws {
        guard percent.isFinite else { throw ValidationError("--percent must be a number") }
    }

    func run() throws {
        let score = Score(judge: judge, application: application, criterion: criterion, percent: percent, comment: comment)
        let context = try options.context(anchor: anchor)
        let result = try RoundPanel(context: context).addScore(score)
        try reportIssues(result, file: "score", language: options.lang)
        try anchor.finish(context, lang: options.lang)
        print("score recorded: \(judge) \(application) \(criterion) \(formatNumber(percent))")
    }
}

/// `psea consensus`: the panel's agreed score for a criterion of an entry.
struct RoundConsensus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consensus",
        abstract: "Record the panel's agreed score for one criterion of an entry, with the reason.",
        discussion: "The agreed percent replaces the aggregate of that criterion; a later record replaces an earlier one (both stay in the ledger).")

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Option(help: "The application id.")
    var application: String
    @Option(help: "The criterion id (judged or hybrid).")
    var criterion: String
    @Option(help: "The agreed percent, 0–100 in steps of 5.")
    var percent: Double
    @Option(help: "Why the panel agreed on this value.")
    var reason: String

    func validate() throws {
        guard !reason.trimmingWhitespace.isEmpty else { throw ValidationError("--reason must not be empty") }
    }

    func run() throws {
        let context = try options.context(anchor: anchor)
        try RoundPanel(context: context).recordConsensus(application: application, criterion: criterion, percent: percent, reason: reason)
        try anchor.finish(context, lang: options.lang)
        print(
            options.lang == .th
                ? "บันทึกฉันทามติแล้ว: \(application) \(criterion) \(formatNumber(percent))"
                : "consensus recorded: \(application) \(criterion) \(formatNumber(percent))")
    }
}
