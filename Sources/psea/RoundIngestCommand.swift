import ArgumentParser
import Foundation
import Intake
import Model
import Round
import Store

/// `psea init`: creates (or opens and migrates) the competition database.
struct RoundInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the competition database (safe to run again).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let existed = FileManager.default.fileExists(atPath: store.path)
        _ = try CompetitionStore(path: store.path)
        switch (output.lang, existed) {
        case (.th, true): print("ฐานข้อมูลพร้อมใช้ (มีอยู่แล้ว): \(store.path)")
        case (.th, false): print("สร้างฐานข้อมูลแล้ว: \(store.path)")
        case (_, true): print("database ready (already existed): \(store.path)")
        case (_, false): print("database created: \(store.path)")
        }
    }
}

/// `psea ingest`: validates application files and stores the valid ones with their canonical hash.
struct RoundIngest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Validate application files and store the valid ones in the competition database.",
        discussion: """
            Folders are searched recursively for .xml and .json files. One receipt per file: stored v1, unchanged,
            or new version vN. Invalid files are reported and skipped. Files are stored in chunks, each chunk in
            one transaction, so an interrupted run leaves the database consistent and a re-run finishes the job.
            An application received after its round's window closed (round.yaml, by the clock of this machine) is refused
            unless --late is given with --reason: then each version stored is recorded as a late entry with that reason.
            Exit 0 when every file was stored, 1 when any was invalid or late, 2 on I/O errors.
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Option(name: .customLong("chunk"), help: "Files validated and stored together (default 64).")
    var chunk: Int = 64

    @Flag(help: "Accept applications received after the window closed (needs --reason, recorded in the ledger).")
    var late = false

    @Option(help: "Why late applications are accepted (with --late).")
    var reason: String?

    @OptionGroup var applications: ApplicationPaths

    func validate() throws {
        guard chunk > 0 else { throw ValidationError("--chunk must be a positive number of files") }
        if late, reason?.trimmingWhitespace.isEmpty ?? true { throw ValidationError("--late needs --reason TEXT") }
        if !late, reason != nil { throw ValidationError("--reason goes with --late") }
    }

    func run() throws {
        let context = try options.context(anchor: anchor)
        let expansion = FileExpansion.expand(applications.files)
        for error in expansion.errors { printError("psea: \(error.text(options.lang))") }
        // Entries that arrive after assign are checked against the rubrics frozen in the ledger.
        let rules = RubricRuleContext(catalog: try FrozenRubrics.catalog(context.catalog, store: context.store))
        let ingestor = Ingestor(context: context, rules: rules, chunkSize: chunk, lateReason: late ? reason?.trimmingWhitespace : nil)
        let total = expansion.files.count
        let progress = ProgressBar(total: total)
        let lang = options.lang
        let summary = try ingestor.run(paths: expansion.files) { outcomes, done in
            var text = ""
            for outcome in outcomes {
                switch outcome {
                case .stored(let file, let receipt, _):
                    let word: String
                    switch receipt.status {
                    case .stored(let version): word = "stored v\(version)"
                    case .unchanged: word = "unchanged"
                    case .newVersion(let version): word = "new version v\(version)"
                    }
                    text += "\(TerminalText.escaped(receipt.id))\t\(word)\t\(TerminalText.escaped(file))\n"
                case .invalid(let result):
                    progress.clear()
                    printError(ValidationReport.findings([result], language: lang))
                case .unreadable(_, let error), .late(_, _, let error):
                    progress.clear()
                    printError("psea: \(error.text(lang))")
                }
            }
            if !text.isEmpty { writeOut(Data(text.utf8)) }
            progress.update(done)
        }
        progress.finish()
        try anchor.finish(context, lang: lang)
        let line =
            lang == .th
            ? "ไฟล์ \(summary.files): บันทึกใหม่ \(summary.stored), ไม่เปลี่ยนแปลง \(summary.unchanged), ฉบับใหม่ \(summary.newVersions), ไม่ถูกต้อง \(summary.invalid), อ่านไม่ได้ \(summary.unreadable)"
            : "\(summary.files) files: \(summary.stored) stored, \(summary.unchanged) unchanged, \(summary.newVersions) new versions, \(summary.invalid) invalid, \(summary.unreadable) unreadable"
        var lateText = ""
        if summary.late > 0 { lateText += lang == .th ? ", มาหลังปิดรับสมัคร \(summary.late)" : ", \(summary.late) late (refused)" }
        if summary.acceptedLate > 0 {
            lateText += lang == .th ? ", รับหลังปิดรับสมัคร \(summary.acceptedLate)" : ", \(summary.acceptedLate) accepted late"
        }
        print(line + lateText)
        if !expansion.errors.isEmpty || summary.unreadable > 0 { throw ExitCode(ExitStatus.failure) }
        if summary.invalid > 0 || summary.late > 0 { throw ExitCode(ExitStatus.invalid) }
    }
}

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool

    init(total: Int) {
        self.total = total
        enabled = isatty(2) == 1 && total > 0
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let width = 30
        let filled = total == 0 ? width : min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)".utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
