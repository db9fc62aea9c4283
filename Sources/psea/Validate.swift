import ArgumentParser
import Foundation
import Intake
import Model

/// Output formats of reporting commands.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `psea validate`: every problem in every file at once, with its place and a message in Thai or English.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check applications (XML or JSON) against the format contract and the rules of their award year.",
        discussion: """
            Folders are searched recursively for .xml and .json files. Each finding is printed as
            FILE:LINE:COL: error|warning CODE: message. Exit 0 when every file is valid (warnings allowed),
            1 when any file has an error, 2 for usage or I/O errors.
            """
    )

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("max-size"), help: "Largest file accepted, in bytes (default 10 MiB, at most 32 MiB).")
    var maxSize: Int = IntakeOptions.defaultMaxBytes

    @OptionGroup var rubricOptions: RubricOptions

    @Argument(help: "Application files or folders.")
    var files: [String] = []

    /// Files checked together on all cores before their findings are printed.
    static let chunkSize = 256

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one application file or folder") }
        guard maxSize > 0, maxSize <= IntakeOptions.ceilingBytes else {
            throw ValidationError("--max-size must be between 1 and \(IntakeOptions.ceilingBytes) bytes")
        }
    }

    func run() throws {
        let expansion = FileExpansion.expand(files)
        if expansion.files.isEmpty && expansion.errors.isEmpty {
            // Nothing to check is a mistake to point out, not a pass: a wrong folder must not look valid.
            printError(output.lang == .th
                ? "psea: ไม่พบไฟล์ .xml หรือ .json ใน \(files.joined(separator: " "))"
                : "psea: no .xml or .json files in \(files.joined(separator: " "))")
            throw ExitCode(ExitStatus.failure)
        }
        let rules = try rubricOptions.ruleContextProvider()
        let started = Date()
        var results: [IntakeResult] = []
        var ioFailed = !expansion.errors.isEmpty
        for error in expansion.errors { printError("psea: \(error.text(output.lang))") }
        // Files are checked a chunk at a time and only their findings are kept, so memory stays flat however many
        // files there are; text findings are printed as each chunk is done.
        for start in stride(from: 0, to: expansion.files.count, by: Self.chunkSize) {
            let chunk = Array(expansion.files[start..<min(start + Self.chunkSize, expansion.files.count)])
            var done: [IntakeResult] = []
            for outcome in ApplicationIntake.checkAll(paths: chunk, options: IntakeOptions(maxBytes: maxSize), rules: rules) {
                switch outcome {
                case .success(var result):
                    result.application = nil
                    done.append(result)
                case .failure(let error):
                    printError("psea: \(error.text(output.lang))")
                    ioFailed = true
                }
            }
            if format == .text { writeOut(Data(ValidationReport.findings(done, language: output.lang).utf8)) }
            results += done
        }
        log.debug("validated", metadata: [
            "files": "\(expansion.files.count)", "seconds": "\(Date().timeIntervalSince(started))",
        ])
        switch format {
        case .text: writeOut(Data((ValidationReport.summary(results, language: output.lang) + "\n").utf8))
        case .json: writeOut(ValidationReport.json(results, language: output.lang))
        }
        if ioFailed { throw ExitCode(ExitStatus.failure) }
        if results.contains(where: { !$0.isValid }) { throw ExitCode(ExitStatus.invalid) }
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
            guard manager.isReadableFile(atPath: argument),
                  let enumerator = manager.enumerator(atPath: argument) else {
                errors.append(.unreadable(argument, reason: "the folder cannot be read"))
                continue
            }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let ext = (relative as NSString).pathExtension.lowercased()
                guard extensions.contains(ext) else { continue }
                let full = (argument as NSString).appendingPathComponent(relative)
                var isDir: ObjCBool = false
                if manager.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { found.append(full) }
            }
            files += found.sorted()
        }
        return (files, errors)
    }
}
