import ArgumentParser
import Foundation
import Intake
import Model
import Round
import Store

/// Options every round command shares: the database and the actor recorded in the ledger.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The competition database (default: $PSEA_DB, else ./psea.sqlite).")
    var db: String?

    @Option(name: .long, help: "Who acts, recorded with every event (default: $USER, else psea).")
    var actor: String?

    /// The database path after defaults.
    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["PSEA_DB"], !env.isEmpty { return env }
        return "psea.sqlite"
    }

    /// The actor after defaults.
    var actorName: String {
        if let actor { return actor }
        if let env = ProcessInfo.processInfo.environment["USER"], !env.isEmpty { return env }
        return "psea"
    }

    func validate() throws {
        if let db, db.isEmpty { throw ValidationError("--db needs a path") }
        if let actor, actor.trimmingWhitespace.isEmpty { throw ValidationError("--actor needs a name") }
        // The actor is recorded with every event and shown in reports: no control character, tab or line break.
        if let actor, actor.unicodeScalars.contains(where: { UnicodeText.isForbidden($0) || $0.properties.generalCategory == .control }) {
            throw ValidationError("--actor must not hold a control character, a tab or a line break")
        }
    }

    /// Opens an existing psea database to record events; a missing one is an error telling to run `psea init`,
    /// another program's file or a newer psea's is refused unchanged (exit 2).
    func open() throws -> CompetitionStore {
        try open(mode: .readWrite)
    }

    /// Opens an existing psea database without ever writing to it (for commands that only read): a read-only
    /// file works, and nothing is left beside it.
    func openReadOnly() throws -> CompetitionStore {
        try open(mode: .readOnly)
    }

    private func open(mode: StoreOpenMode) throws -> CompetitionStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw PSEAError(
                code: .fileUnreadable, path: path, th: "ไม่พบฐานข้อมูล \(path) ให้สั่ง psea init ก่อน", en: "no database at \(path); run psea init first")
        }
        return try CompetitionStore(path: path, mode: mode, applicationDecoder: StoredApplicationDecoder.decode)
    }
}

/// The options of every command that works on a round: the database and actor, the language of messages and
/// where rubrics come from; one group, so that each command declares them once and opens its round one way.
struct RoundOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var rubrics: RubricOptions

    /// The language of messages.
    var lang: Language { output.lang }

    /// The round context for commands that publish (rank, export, report): the database is refused (exit 1)
    /// unless its ledger, projections and triggers verify.
    func verifiedContext(anchor: AnchorOptions? = nil) throws -> RoundContext {
        let context = try context(anchor: anchor)
        try context.store.requireVerified()
        return context
    }

    /// The round context for the commands that publish as they read (rank, export): the same check as
    /// `verifiedContext`'s, started on another thread (`RoundContext.verification`); the library waits for it
    /// before it records, writes or prints anything.
    func verifyingContext(anchor: AnchorOptions? = nil) throws -> RoundContext {
        try context(anchor: anchor, verifying: true)
    }

    /// The round context for commands that only read: the database opened read-only, so a read-only file works.
    func readOnlyContext() throws -> RoundContext {
        try warnDrift(RoundContext(store: try store.openReadOnly(), catalog: try rubrics.catalog(), actor: store.actorName, clock: .system))
    }

    /// The round context for commands that read the round or record events: the one place the command line
    /// chooses the clock (the real one) that every recorded time stamp comes from, and the key (`anchor`) that
    /// signs the checkpoint after an append. With `verifying`, the check of the database starts on another thread
    /// as it is opened (`verifyingContext`).
    func context(anchor: AnchorOptions? = nil, verifying: Bool = false) throws -> RoundContext {
        let signer = try anchor?.signer()
        let opened = try store.open()
        return try warnDrift(
            RoundContext(
                store: opened, catalog: try rubrics.catalog(), actor: store.actorName, clock: .system, signer: signer,
                verification: verifying ? opened.verifying() : nil))
    }

    /// Says, one warning line each (PSEA-RND030), which rubrics frozen at assignment differ from the catalogue's
    /// files: the round goes on with the frozen ones.
    private func warnDrift(_ context: RoundContext) throws -> RoundContext {
        warn(try context.rubricDrift().map { $0.text(lang) })
        return context
    }

    /// Reads a panel CSV file, records it through `record` and reports what it found: warnings, then its issues
    /// (exit 1 when it is refused, after the line `hint` gives for them, if any), then the rows it skipped; then
    /// signs a checkpoint with `anchor`'s key (or says the ledger is not anchored).
    func importFile(
        _ file: String, anchor: AnchorOptions? = nil, hint: (ImportResult) -> String? = { _ in nil },
        _ record: (RoundPanel, [UInt8]) throws -> ImportResult
    ) throws -> ImportResult {
        let bytes = try readBytes(file)
        return try importFile(file, anchor: anchor, hint: hint, recording: { try record($0, bytes) })
    }

    /// `importFile` for a file read as it is recorded: `record` gets it opened, to read a chunk at a time.
    func importStreamedFile(
        _ file: String, anchor: AnchorOptions? = nil, hint: (ImportResult) -> String? = { _ in nil },
        _ record: (RoundPanel, RegularFile.Chunks) throws -> ImportResult
    ) throws -> ImportResult {
        let chunks = try RegularFile.chunks(file)
        return try importFile(file, anchor: anchor, hint: hint, recording: { try record($0, chunks) })
    }

    private func importFile(
        _ file: String, anchor: AnchorOptions?, hint: (ImportResult) -> String?, recording record: (RoundPanel) throws -> ImportResult
    ) throws -> ImportResult {
        let context = try context(anchor: anchor)
        let result = try record(RoundPanel(context: context))
        for warning in result.warnings { printError(warning.text(file: file, language: lang, label: "warning")) }
        if !result.isValid, let line = hint(result) { printError(line) }
        try reportIssues(result, file: file, language: lang)
        for row in result.skipped { printError(row.text(file: file, language: lang, label: "skipped")) }
        try anchor?.finish(context, lang: lang)
        return result
    }
}

/// The one application a command names: `--application ID`, or the positional id kept as a shorthand; both are
/// allowed only when they agree.
func oneApplication(option: String?, positional: String?) throws -> String {
    switch (option, positional) {
    case (let id?, nil), (nil, let id?): return id
    case (let a?, let b?) where a == b: return a
    case (_?, _?): throw ValidationError("the application is given twice with different ids; give --application once")
    case (nil, nil): throw ValidationError("give the application id (--application ID)")
    }
}

/// `--force` needs a non-blank `--reason`, and `--reason` is only for `--force` (a usage error otherwise).
func validateOverride(force: Bool, reason: String?) throws {
    if force, (reason ?? "").trimmingWhitespace.isEmpty { throw ValidationError("--force needs --reason TEXT (recorded in the ledger)") }
    if !force, reason != nil { throw ValidationError("--reason goes with --force") }
}

/// Writes warning lines to standard error.
func warn(_ lines: [String]) {
    for line in lines { printError(line) }
}

/// Reads a whole file given on the command line; failure is an I/O error (exit 2).
func readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try RegularFile.read(path))
}

/// Prints the issues of a refused file to standard error and exits 1; prints nothing for a valid result.
func reportIssues(_ result: ImportResult, file: String, language: Language) throws {
    guard !result.isValid else { return }
    for issue in result.issues { printError(issue.text(file: file, language: language)) }
    printError(
        language == .th
            ? "\(file): ไม่ได้บันทึกข้อมูลใดจากไฟล์นี้ (พบปัญหา \(result.issues.count) รายการ)"
            : "\(file): nothing from this file was stored (\(result.issues.count) problem(s))")
    throw ExitCode(ExitStatus.invalid)
}

/// A number as people write it: no trailing `.0`, at most two decimals.
func formatNumber(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "-" }
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
    return String(format: "%.2f", rounded)
}

/// JSON with sorted keys and indentation, for `--format json`.
func writeJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(0x0A)
    writeOut(data)
}
