import ArgumentParser
import Foundation
import Model
import Panel
import Round
import Store

/// `psea judges`: import, and the sign-in links of the web workspace.
struct RoundJudges: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judges", abstract: "Register the judging panel; sign-in links for the web workspace.",
        subcommands: [PanelFileImport<JudgesFile>.self, JudgesInvite.self, JudgesRevoke.self])
}

/// A panel CSV file that `PanelFileImport` records: its command's texts and how the round's panel records it.
protocol PanelFile {
    static var configuration: CommandConfiguration { get }
    /// The help of the FILE argument.
    static var fileHelp: String { get }
    /// What the summary line says of the rows recorded (`judges registered`).
    static var recordedRows: String { get }
    /// Records the file's bytes through the round's panel.
    static func record(_ panel: RoundPanel, csv: [UInt8]) throws -> ImportResult
}

/// `psea judges import FILE.csv`, `psea conflicts import FILE.csv`: one panel file recorded as a whole (all rows
/// or none), then a line saying what it stored.
struct PanelFileImport<File: PanelFile>: ParsableCommand {
    static var configuration: CommandConfiguration { File.configuration }

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Argument(help: ArgumentHelp(File.fileHelp))
    var file: String

    func run() throws {
        let result = try options.importFile(file, anchor: anchor) { try File.record($0, csv: $1) }
        print("\(file): \(result.recorded) \(File.recordedRows), \(result.unchanged) unchanged")
    }
}

/// The judges file of `psea judges import`.
enum JudgesFile: PanelFile {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Register judges from a CSV file with columns id,name,ministry,province,agency.",
        discussion: """
            A file with any bad row is refused with the rows' line numbers and nothing from it is stored (exit 1).
            A province is checked against the 77 as an application's is: another accepted spelling (จ.เชียงใหม่,
            Chiang Mai) is stored as the official name with a warning (PSEA-W051); an unknown one refuses the row
            (PSEA-E050).
            """)
    static let fileHelp = "The judges CSV file (UTF-8)."
    static let recordedRows = "judges registered"
    static func record(_ panel: RoundPanel, csv: [UInt8]) throws -> ImportResult { try panel.importJudges(csv: csv) }
}

/// The declared-conflicts file of `psea conflicts import`.
enum ConflictsFile: PanelFile {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record declared conflicts from a CSV file with columns judge,application,reason.",
        discussion: "Judges must be registered first. A file with any bad row is refused and nothing from it is stored (exit 1).")
    static let fileHelp = "The conflicts CSV file (UTF-8)."
    static let recordedRows = "conflicts recorded"
    static func record(_ panel: RoundPanel, csv: [UInt8]) throws -> ImportResult { try panel.importConflicts(csv: csv) }
}

/// `psea assign --per-entry N [--seed S] [--dry-run] [--force --reason TEXT]`.
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
            Refused before anything is recorded (exit 1): N below the largest minJudges of the rubrics in use
            (PSEA-RND020), and adding judges once any score is recorded (PSEA-RND021); --force --reason TEXT goes
            past them and records the override with the reason. --dry-run prints what would be assigned and
            records nothing.
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Option(name: .customLong("per-entry"), help: "Judges per entry (at least 1).")
    var perEntry: Int

    @Option(help: "Random seed for the draw (a decimal number; default: a fresh random seed, printed and recorded).")
    var seed: UInt64?

    @Flag(name: .customLong("dry-run"), help: "Print the pairs that would be assigned, per judge and per entry; record nothing.")
    var dryRun = false

    @Flag(help: "Go past a guard (per-entry below a rubric's minJudges, judges added after scoring began); needs --reason.")
    var force = false

    @Option(help: "Why the guard is overridden (with --force), recorded in the ledger.")
    var reason: String?

    func validate() throws {
        guard perEntry >= 1 else { throw ValidationError("--per-entry must be at least 1") }
        try validateOverride(force: force, reason: reason)
    }

    func run() throws {
        let used = seed ?? UInt64.random(in: 0...UInt64.max)
        let context = try options.context(anchor: anchor)
        let outcome = try RoundPanel(context: context).assign(perEntry: perEntry, seed: used, override: force ? reason : nil, dryRun: dryRun)
        if !outcome.dryRun { try anchor.finish(context, lang: options.lang) }
        if outcome.dryRun { print(options.lang == .th ? "ทดลองมอบหมาย (dry run): ไม่ได้บันทึกสิ่งใด" : "dry run: nothing recorded") }
        let recorded = outcome.dryRun ? "would be recorded" : "recorded"
        for override in outcome.overrides {
            print("override \(override.code) \(recorded): \(override.subject) (reason: \(override.reason))")
        }
        for freeze in outcome.frozen {
            print("rubric \(outcome.dryRun ? "would be frozen" : "frozen"): \(freeze.year)/\(freeze.type) sha256 \(freeze.sha256)")
        }
        if outcome.automaticConflicts > 0 { print("automatic conflicts \(recorded): \(outcome.automaticConflicts)") }
        if let scope = outcome.seedScope { print("seed \(used) \(recorded) as \(scope)") }
        for assignment in outcome.added { print("\(assignment.judge)\t\(assignment.application)") }
        print("\(outcome.added.count) assignments \(outcome.dryRun ? "would be added" : "added")")
        if !outcome.skippedIneligible.isEmpty {
            print("not eligible, not assigned: \(outcome.skippedIneligible.joined(separator: ", "))")
        }
        let loads = outcome.loads.keys.sorted().map { "\($0)=\(outcome.loads[$0] ?? 0)" }.joined(separator: " ")
        if !loads.isEmpty { print("\(outcome.dryRun ? "per judge" : "loads"): \(loads)") }
        if outcome.dryRun {
            let added = Dictionary(grouping: outcome.added, by: \.application).mapValues(\.count)
            let entries = outcome.entries.map { entry in
                "\(entry.application)=\(entry.judges.count)" + (added[entry.application].map { " (+\($0))" } ?? "")
            }
            if !entries.isEmpty { print("per entry: \(entries.joined(separator: " "))") }
        }
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

/// `psea scores import FILE.csv [--skip-unassigned]`: all rows or none.
struct RoundScoresImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record scores from a CSV file with columns judge,application,criterion,percent,comment,strength,opportunity.",
        discussion: """
            Refuses rows from unassigned or conflicted judges, unknown or automatic criteria, percents outside
            0–100 or off the 5-point steps, with their line numbers; nothing from a file with a bad row is stored
            (exit 1). Refused as a whole when a rubric changed since it was frozen. A new value for the same judge,
            application and criterion is a revision; earlier values stay in the ledger; a row already recorded with
            the same values records nothing ("unchanged"). A file of the old shape (no strength and opportunity
            columns) is read too: a comment starting with "+" (or จุดแข็ง, strength) is a strength, one starting
            with "-" (or โอกาสในการปรับปรุง, โอกาสพัฒนา, OFI, opportunity) an opportunity for improvement.
            With --skip-unassigned, rows of judges not assigned to their entry (conflicted judges included) are
            skipped and listed with their line numbers instead of refusing the file.
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Argument(help: "The scores CSV file (UTF-8).")
    var file: String

    @Flag(
        name: .customLong("skip-unassigned"),
        help:
            "Skip (and list) rows of judges not assigned to their entry instead of refusing the file, e.g. the shipped Samples/round/scores.csv after your own assign."
    )
    var skipUnassigned = false

    func run() throws {
        let skip = skipUnassigned
        let result = try options.importStreamedFile(file, anchor: anchor, hint: hint) { panel, chunks in
            try panel.importScores(chunks: { try chunks.forEach($0) }, skipUnassigned: skip)
        }
        if result.recorded == 0 && result.unchanged > 0 {
            print("\(file): unchanged (\(result.unchanged) scores already recorded with the same values)")
        } else {
            print("\(file): \(result.recorded) scores recorded, \(result.unchanged) unchanged")
        }
        if !result.skipped.isEmpty {
            print("\(file): \(result.skipped.count) rows skipped (judge not assigned to the entry)")
        }
    }

    /// Points a refused file of unassigned judges' rows at `--skip-unassigned`.
    func hint(_ result: ImportResult) -> String? {
        guard result.issues.contains(where: { $0.code == ProblemCode.unassignedJudge.code }) else { return nil }
        return options.lang == .th
            ? "\(file): ให้ใช้ --skip-unassigned เพื่อข้ามแถวของกรรมการที่ไม่ได้รับมอบหมาย (และแสดงรายการแถวที่ข้าม)"
            : "\(file): --skip-unassigned skips (and lists) the rows of judges not assigned to their entry"
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
    @Option(help: "A strength (จุดแข็ง) for the applicant's feedback report.")
    var strength: String = ""
    @Option(help: "An opportunity for improvement (โอกาสในการปรับปรุง) for the applicant's feedback report.")
    var opportunity: String = ""

    func validate() throws {
        guard percent.isFinite else { throw ValidationError("--percent must be a number") }
    }

    func run() throws {
        let score = Score(
            judge: judge, application: application, criterion: criterion, percent: percent, comment: comment, strength: strength,
            opportunity: opportunity)
        let context = try options.context(anchor: anchor)
        let result = try RoundPanel(context: context).addScore(score)
        try reportIssues(result, file: "score", language: options.lang)
        try anchor.finish(context, lang: options.lang)
        let what = "\(judge) \(application) \(criterion) \(formatNumber(percent))"
        print(result.recorded == 0 ? "score unchanged: \(what)" : "score recorded: \(what)")
    }
}

/// `psea consensus`: the panel's agreed score for a criterion of an entry.
struct RoundConsensus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consensus",
        abstract: "Record the panel's agreed score for one criterion of an entry, with the reason.",
        discussion: """
            The agreed percent replaces the aggregate of that criterion; a later record replaces an earlier one (both
            stay in the ledger). Only a criterion flagged for disagreement (its judges' range above the rubric's
            disagreementThreshold) takes a consensus; any other is refused (PSEA-RND022, exit 1) unless --force, which
            records the override with the reason.
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Option(help: "The application id.")
    var application: String
    @Option(help: "The criterion id (judged or hybrid).")
    var criterion: String
    @Option(help: "The agreed percent, 0–100 in steps of 5.")
    var percent: Double
    @Option(help: "Why the panel agreed on this value (with --force, also why the guard is overridden).")
    var reason: String

    @Flag(help: "Record a consensus for a criterion not flagged for disagreement; the override is recorded with --reason.")
    var force = false

    func validate() throws {
        guard !reason.trimmingWhitespace.isEmpty else { throw ValidationError("--reason must not be empty") }
    }

    func run() throws {
        let context = try options.context(anchor: anchor)
        try RoundPanel(context: context)
            .recordConsensus(application: application, criterion: criterion, percent: percent, reason: reason, force: force)
        try anchor.finish(context, lang: options.lang)
        print(
            options.lang == .th
                ? "บันทึกฉันทามติแล้ว: \(application) \(criterion) \(formatNumber(percent))"
                : "consensus recorded: \(application) \(criterion) \(formatNumber(percent))")
    }
}
