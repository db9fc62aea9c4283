import ArgumentParser
import Foundation
import Intake
import Model
import Round
import Rubric
import Scoring

/// `psea score`: the automatic part of the score, criterion by criterion, with the trail of facts behind it.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Preview the score of applications: automatic criteria computed, judged criteria listed as pending.",
        discussion: """
            The rubric is chosen by each application's award year and sub-type (or given with --rubric). Files are
            validated first; an invalid file is not scored (exit 1, with its findings).
            """
    )

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @OptionGroup var output: OutputOptions

    @Option(help: "Score against this rubric file instead of the one of each application's year and sub-type.")
    var rubric: String?

    @OptionGroup var rubricOptions: RubricOptions

    @OptionGroup var applications: ApplicationPaths

    func run() throws {
        let catalog = try rubricOptions.catalog()
        // A rubric that fails its check is never used: like a broken catalogue, it stops the command (exit 2).
        let given: Rubric?
        do throws(PSEAError) {
            given = try rubric.map { path throws(PSEAError) in try RubricLoader.load(contentsOf: URL(fileURLWithPath: path)) }
        } catch {
            var usage = error
            usage.isInvalidInput = false
            throw usage
        }
        let expansion = FileExpansion.expand(applications.files)
        expansion.errors.forEach { printError("psea: \($0.text(output.lang))") }
        let outcomes = ApplicationIntake.checkAll(paths: expansion.files, rules: RubricRuleContext(catalog: catalog))
        var ioFailed = !expansion.errors.isEmpty
        var invalid = false
        var sheets: [(sheet: ScoreSheet, rubric: Rubric)] = []
        for outcome in outcomes {
            guard case .success(let result) = outcome else {
                if case .failure(let error) = outcome { printError("psea: \(error.text(output.lang))") }
                ioFailed = true
                continue
            }
            // Without a rubric for its year and type an application cannot be scored: that is not a finding about
            // the file but about the rubrics in use (exit 2), named with where they were looked up.
            switch ScorePreview.of(result, catalog: catalog, given: given) {
            case .noRubric(let error):
                printError("\(result.file): \(error.text(output.lang))")
                ioFailed = true
            case .invalid:
                printError(ValidationReport.findings([result], language: output.lang))
                invalid = true
            case .scored(let sheet, let rubric):
                sheets.append((sheet, rubric))
            }
        }
        switch format {
        case .text:
            writeOut(Data(sheets.map { $0.sheet.text(language: output.lang, rubric: $0.rubric) }.joined(separator: "\n").utf8))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            writeOut(try encoder.encode(sheets.map { $0.sheet.report(language: output.lang) }) + Data("\n".utf8))
        }
        if ioFailed { throw ExitCode(ExitStatus.failure) }
        if invalid { throw ExitCode(ExitStatus.invalid) }
    }
}

/// `psea rubric ...`: work on rubric files.
struct RubricCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rubric",
        abstract: "Work with rubric files.",
        subcommands: [Check.self, Show.self]
    )

    /// `psea rubric check`: every problem in rubric files, with the file, line and criterion.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check rubric files: points that add up, known lenses, modes, rules and tie-break keys, sane thresholds.",
            discussion: """
                Folders are searched for .yaml files; bands.yaml is checked as a band file and round.yaml as a round file (the
                application window, stage dates, eligibility rules and judging bodies). Exit 1 when any file has a problem.
                """
        )

        @OptionGroup var output: OutputOptions

        @Argument(help: "Rubric files or folders.")
        var files: [String] = []

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one rubric file or folder") }
        }

        func run() throws {
            let expansion = FileExpansion.expand(files, extensions: ["yaml", "yml"])
            expansion.errors.forEach { printError("psea: \($0.text(output.lang))") }
            var failed = false
            for path in expansion.files {
                let url = URL(fileURLWithPath: path)
                let problems: [RubricProblem]
                do throws(PSEAError) {
                    switch url.lastPathComponent {
                    case "bands.yaml": problems = try RubricLoader.checkBands(contentsOf: url)
                    case "round.yaml": problems = try RoundFileLoader.check(contentsOf: url)
                    default: problems = try RubricLoader.check(contentsOf: url)
                    }
                } catch {
                    guard error.isInvalidInput || error.entry?.module == .rubric else { throw error }
                    print("\(path): \(error.text(output.lang))")
                    failed = true
                    continue
                }
                for problem in problems {
                    var located = problem
                    if located.file == nil { located.file = path }
                    print(located.text(output.lang))
                }
                if problems.isEmpty {
                    print(output.lang == .th ? "\(path): ผ่าน" : "\(path): ok")
                } else {
                    failed = true
                }
            }
            if !expansion.errors.isEmpty { throw ExitCode(ExitStatus.failure) }
            if failed { throw ExitCode(ExitStatus.invalid) }
        }
    }

    /// `psea rubric show YEAR/TYPE`: one rubric for people, with prompts, guidance and band descriptors.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a rubric: criteria with titles, points, mode, what each asks the applicant, guidance and band descriptors.",
            discussion: "Without YEAR/TYPE, every rubric of the catalogue is shown, one after another. YEAR/round shows the year's round file."
        )

        @OptionGroup var output: OutputOptions
        @OptionGroup var rubrics: RubricOptions

        @Option(name: .long, help: "Layout: text, md (Markdown) or json (both languages).")
        var format: RubricDocument.Format = .text

        @Argument(help: "The rubric as YEAR/TYPE, e.g. 2568/effective-change, or YEAR/round for the round file (default: every rubric).")
        var rubric: String?

        func validate() throws {
            guard let rubric else { return }
            let parts = rubric.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, Int(parts[0]) != nil, !parts[1].isEmpty else {
                throw ValidationError("give the rubric as YEAR/TYPE, e.g. 2568/effective-change")
            }
        }

        func run() throws {
            let catalog = try rubrics.catalog()
            let chosen: [Rubric]
            if let rubric, rubric.hasSuffix("/round") {
                let round = try catalog.requiredRound(year: Int(rubric.dropLast("/round".count)) ?? 0)
                let titles = Dictionary(
                    catalog.all.filter { $0.year == round.year }.map { ($0.type, $0.title) }, uniquingKeysWith: { first, _ in first })
                return print(try RoundDocument.render(round, format: format, language: output.lang, titles: titles), terminator: "")
            }
            if let rubric {
                let parts = rubric.split(separator: "/")
                chosen = [try catalog.required(year: Int(parts[0]) ?? 0, type: String(parts[1]))]
            } else {
                chosen = catalog.all
            }
            for (index, one) in chosen.enumerated() {
                if index > 0 { print("") }
                print(try RubricDocument.render(one, format: format, language: output.lang), terminator: "")
            }
        }
    }
}
extension RubricDocument.Format: ExpressibleByArgument {}
