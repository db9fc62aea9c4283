import ArgumentParser
import Foundation
import Intake
import Model
import Round

/// Output formats of reporting commands.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    static var allValueDescriptions: [String: String] { [:] }
    var defaultValueDescription: String { rawValue }
}

/// `psea validate`: every problem in every file at once, with its place and a message in Thai or English.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check applications (XML or JSON) against the format contract and the rules of their award year.",
        discussion: """
            Folders are searched recursively for .xml and .json files. Each finding is printed as
            FILE:LINE:COL: error|warning CODE: message. Exit 0 when every file is valid (warnings allowed),
            1 when any file has an error, 2 for usage or I/O errors.
            """
    )

    // The options of `OutputOptions`, `RubricOptions` and `ApplicationPaths` (their help from there), declared here
    // rather than as option groups: ArgumentParser reflects each group as a command of its own, which cost ~2 M
    // instructions a group at start-up, more than checking ten small files.

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Option(name: .long, help: ArgumentHelp(OutputOptions.help))
    var lang: Language = .en

    @Option(name: .customLong("max-size"), help: "Largest file accepted, in bytes (default 10 MiB, at most 32 MiB).")
    var maxSize: Int = IntakeOptions.defaultMaxBytes

    @Option(name: .customLong("rubrics"), help: ArgumentHelp(RubricOptions.help))
    var rubrics: String?

    @Argument(help: ArgumentHelp(ApplicationPaths.help))
    var files: [String] = []

    /// Files checked together on all cores before their findings are printed.
    static let chunkSize = 256

    func validate() throws {
        try ApplicationPaths.validate(files)
        guard maxSize > 0, maxSize <= IntakeOptions.ceilingBytes else {
            throw ValidationError("--max-size must be between 1 and \(IntakeOptions.ceilingBytes) bytes")
        }
    }

    func run() throws {
        // The built-in rubrics' rules are at hand; a folder's rubrics (YAML) load on another core while the folders
        // are listed and the first files are read and checked against their schema.
        let rules = RubricOptions.intakeRules(directory: rubrics)
        let expansion = FileExpansion.expand(files)
        if expansion.files.isEmpty && expansion.errors.isEmpty {
            // Nothing to check is a mistake to point out, not a pass: a wrong folder must not look valid.
            printError(
                lang == .th
                    ? "psea: ไม่พบไฟล์ .xml หรือ .json ใน \(files.map(TerminalText.escaped).joined(separator: " "))"
                    : "psea: no .xml or .json files in \(files.map(TerminalText.escaped).joined(separator: " "))")
            throw ExitCode(ExitStatus.failure)
        }
        let started = Date()
        let early = EarlyChecks.shared.take(
            expansion.files, applies: maxSize == IntakeOptions.defaultMaxBytes && RubricOptions.builtInRules(directory: rubrics) != nil)
        var results: [IntakeResult] = []
        var ioFailed = !expansion.errors.isEmpty
        // Files are checked a chunk at a time and only their findings are kept, so memory stays flat however many
        // files there are; text findings are printed as each chunk is done.
        for start in stride(from: 0, to: max(expansion.files.count, 1), by: Self.chunkSize) {
            let chunk = Array(expansion.files[start..<min(start + Self.chunkSize, expansion.files.count)])
            let ready = start == 0 ? early : []
            let rest = Array(chunk.dropFirst(ready.count))
            let options = IntakeOptions(maxBytes: maxSize, keepsApplication: false)
            let outcomes = ready + ApplicationIntake.checkAll(paths: rest, options: options, rules: rules)
            if start == 0 {
                // A rubric that fails its check stops the command before anything is shown.
                _ = try rules.loaded()
                for error in expansion.errors { printError("psea: \(error.text(lang))") }
            }
            var done: [IntakeResult] = []
            for outcome in outcomes {
                switch outcome {
                case .success(let result):
                    done.append(result)
                case .failure(let error):
                    printError("psea: \(error.text(lang))")
                    ioFailed = true
                }
            }
            if format == .text, !done.isEmpty { writeOut(Data(ValidationReport.findings(done, language: lang).utf8)) }
            results += done
        }
        log.debug(
            "validated",
            metadata: [
                "files": "\(expansion.files.count)", "seconds": "\(Date().timeIntervalSince(started))",
            ])
        switch format {
        case .text: writeOut(Data((ValidationReport.summary(results, language: lang) + "\n").utf8))
        case .json: writeOut(ValidationReport.json(results, language: lang))
        }
        if ioFailed { throw ExitCode(ExitStatus.failure) }
        if results.contains(where: { !$0.isValid }) { throw ExitCode(ExitStatus.invalid) }
    }
}

extension Validate {
    /// Starts on another core, while ArgumentParser parses the `validate` command line `arguments` (the program
    /// name left out; ~30 M instructions on one core), what checking its files needs first: the check of the
    /// built-in rubrics' rules (unless `--rubrics` or `$PSEA_RUBRICS` names a folder), the compiled schema of each
    /// format among the files it names (a folder's files are listed to see) and the province tables; then it
    /// checks those files, one after another, until `run` takes the results (`EarlyChecks`). It shows nothing and
    /// changes no result: `run` uses what is ready and does the rest itself.
    static func prepare(_ arguments: [String]) {
        // `exit` waits for it: libxml2 frees its globals in a destructor that `exit` runs after the `atexit` handlers.
        atexit { EarlyChecks.shared.stop() }
        EarlyChecks.shared.start {
            // A word named like an application is taken as one, unchecked (a wrong guess only costs its early check).
            let files = arguments.dropFirst().filter { !$0.hasPrefix("-") }.flatMap { word in
                SourceFormat(fileName: word) == nil ? FileExpansion.expand([word]).files : [word]
            }
            ApplicationIntake.prepare(formats: formats(of: files))
            guard !arguments.contains(where: { $0.hasPrefix("--rubrics") }), RubricOptions.rubricsVariable.isEmpty,
                let rules = BuiltInRules.builtIn
            else { return }
            EarlyChecks.shared.check(files, rules: rules)
        }
    }

    /// The formats of `files`, by their extensions.
    static func formats(of files: [String]) -> Set<SourceFormat> {
        var formats: Set<SourceFormat> = []
        for file in files {
            if let format = SourceFormat(fileName: file) { formats.insert(format) }
            if formats.count == SourceFormat.allCases.count { break }
        }
        return formats
    }
}

/// The first files of a `validate` command line, checked on another core while ArgumentParser still parses it
/// (`Validate.prepare`), so that both cores work from the start. They are checked one after another, with the
/// default options and the built-in rubrics' rules, until `take`; `run` uses the results only when it checks the
/// same files in the same way, and otherwise checks every file itself.
final class EarlyChecks: @unchecked Sendable {
    /// The early checks of this process.
    static let shared = EarlyChecks()

    private let lock = NSLock()
    private let running = DispatchGroup()
    private var taken = false
    private var paths: [String] = []
    private var results: [Result<IntakeResult, PSEAError>] = []

    /// Checks the first chunk of `files` in order, as `run` does (default options, applications not kept), until
    /// `take` is called; a file still being checked then is dropped. Called once, off the main thread.
    func check(_ files: [String], rules: any RuleContextProvider) {
        for path in files.prefix(Validate.chunkSize) {
            guard !isTaken else { return }
            let result = ApplicationIntake.result(ofFileAt: path, options: IntakeOptions(keepsApplication: false), rules: rules)
            lock.lock()
            defer { lock.unlock() }
            guard !taken else { return }
            paths.append(path)
            results.append(result)
        }
    }

    private var isTaken: Bool {
        lock.lock()
        defer { lock.unlock() }
        return taken
    }

    /// Runs `work` (the set-up and `check`) on another thread; `stop` waits for it to end.
    func start(_ work: @escaping @Sendable () -> Void) {
        running.enter()
        DispatchQueue.global().async {
            work()
            self.running.leave()
        }
    }

    /// Stops the checks and waits until the work `start` began has ended (the file being checked, or the set-up):
    /// called when the process exits, so that no thread is inside libxml2 when `exit` cleans it up.
    func stop() {
        lock.lock()
        taken = true
        lock.unlock()
        running.wait()
    }

    /// Stops the checks and gives the results so far, in order, when `applies` (the run checks with the default
    /// options and the built-in rubrics' rules) and they are of the first files of `files`; else none.
    func take(_ files: [String], applies: Bool) -> [Result<IntakeResult, PSEAError>] {
        lock.lock()
        defer { lock.unlock() }
        taken = true
        guard applies, files.starts(with: paths) else { return [] }
        defer { results = [] }
        return results
    }
}

extension SourceFormat {
    /// The format a file's extension names (`.xml`, `.json`, any case); nil for any other file.
    init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), let format = SourceFormat(rawValue: fileName[fileName.index(after: dot)...].lowercased())
        else { return nil }
        self = format
    }
}

/// Turns command-line paths into the application files they name.
enum FileExpansion {
    /// Files named directly are kept as given; folders contribute their .xml and .json files, recursively, sorted.
    static func expand(_ arguments: [String], extensions: Set<String> = ["xml", "json"]) -> (files: [String], errors: [PSEAError]) {
        var files: [String] = []
        var errors: [PSEAError] = []
        let manager = FileManager.default
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                errors.append(.unreadable(argument, reason: "no such file or folder"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(argument)
                continue
            }
            var found: [String] = []
            guard manager.isReadableFile(atPath: argument), walk(argument, extensions: extensions, into: &found) else {
                errors.append(.unreadable(argument, reason: "the folder cannot be read"))
                continue
            }
            files += found.sorted()
        }
        return (files, errors)
    }

    /// Adds the files under `folder` (recursively) whose extension is in `extensions`, ignoring case. Uses the
    /// entry types `readdir` reports, so a folder of thousands of applications costs no `stat` per file; a
    /// symbolic link counts when it points to a file, and linked folders are not followed (no loops). Returns
    /// false when `folder` itself cannot be opened; unreadable subfolders are skipped.
    private static func walk(_ folder: String, extensions: Set<String>, into found: inout [String]) -> Bool {
        guard let directory = opendir(folder) else { return false }
        defer { closedir(directory) }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = prefix + name
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                var info = stat()
                guard stat(path, &info) == 0 else { continue }
                let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
                if isFolder, type == Int32(DT_LNK) { continue }
                type = isFolder ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : Int32(DT_UNKNOWN)
            }
            if type == Int32(DT_DIR) {
                _ = walk(path, extensions: extensions, into: &found)
            } else if type == Int32(DT_REG), let dot = name.lastIndex(of: "."), dot != name.startIndex,
                extensions.contains(name[name.index(after: dot)...].lowercased())
            {
                found.append(path)
            }
        }
        return true
    }
}
