import ArgumentParser
import Export
import Foundation
import Logging
import Model

/// The root command.
struct PSEA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "psea",
        abstract: "Validate, score and rank applications for the Public Sector Excellence Awards (participatory governance).",
        discussion: """
            รางวัลเลิศรัฐ สาขาการบริหารราชการแบบมีส่วนร่วม — ตรวจสอบ ให้คะแนน และจัดอันดับใบสมัคร
            Exit codes: 0 success, 1 invalid input or rule failure, 2 usage or I/O error.
            """,
        version: "0.1.0",
        subcommands: [
            Validate.self, Convert.self, Template.self, Show.self, ScoreCommand.self, RubricCommand.self, Codes.self,
            RoundInit.self, RoundIngest.self, ScreenCommand.self, RoundJudges.self, Group<PanelFileImport<ConflictsFile>>.self,
            RoundAssign.self, RoundScores.self, RoundConsensus.self, Group<RoundPanelReport>.self, RoundStatus.self,
            RoundAssignments.self, RoundVerify.self, RankCommand.self, ShortlistCommand.self, SiteVisitCommand.self, ApproveCommand.self,
            ExportCommand.self,
            ReportCommand.self, Group<KeysInit>.self, Demo.self, ServeCommand.self, Group<StaffInvite>.self,
        ]
    )
}

/// A command whose only job is to name its one subcommand (`psea judges import`, `psea keys init`, …): one generic
/// declaration instead of an empty parent command for each; `Sub.group` gives its name and what it is for.
struct Group<Sub: GroupedCommand>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Sub.group.name, abstract: Sub.group.abstract, subcommands: [Sub.self])
    }
}

/// A command reached through a `Group` of its own.
protocol GroupedCommand: ParsableCommand {
    /// The group's command name and abstract.
    static var group: (name: String, abstract: String) { get }
}

extension PanelFileImport: GroupedCommand where File == ConflictsFile {
    static var group: (name: String, abstract: String) { (name: "conflicts", abstract: "Record declared conflicts of interest.") }
}
extension RoundPanelReport: GroupedCommand { static let group = (name: "panel", abstract: "Panel results.") }
extension StaffInvite: GroupedCommand { static let group = (name: "staff", abstract: "Sign-in links for OPDC staff (psea serve).") }
extension KeysInit: GroupedCommand { static let group = (name: "keys", abstract: "The Ed25519 key that signs the ledger's checkpoints.") }

extension PSEA {
    /// The first word of `psea help WORD...` that names no command (nil when every word does, or for any other
    /// command line): an unknown help topic is a usage error, not the root's help.
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help" else { return nil }
        var command: any ParsableCommand.Type = PSEA.self
        for word in arguments.dropFirst() where !word.hasPrefix("-") {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == word }) else { return word }
            command = next
        }
        return nil
    }
}

/// The logger of the command line; its level comes from the PSEA_LOG environment variable.
let log = Logger(label: "psea")

/// Process exit statuses shared by every command.
enum ExitStatus {
    static let success: Int32 = 0
    /// Invalid input or a rule failure.
    static let invalid: Int32 = 1
    /// Usage or I/O error.
    static let failure: Int32 = 2
}

/// Options every reporting command shares.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(Self.help))
    var lang: Language = .en

    /// The help of `--lang`.
    static let help = "Language of messages: th or en."
}

/// The values of an option of `Language` for help text, as ArgumentParser's defaults for a `CaseIterable` enum of
/// raw strings give them; written out, since the defaults reach them through key paths and generic printing, whose
/// type look-ups cost every command ~1 M instructions at start-up. `ReportFormat` does the same.
extension Language: ExpressibleByArgument {
    package static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    package static var allValueDescriptions: [String: String] { [:] }
    package var defaultValueDescription: String { rawValue }
}

/// The application files or folders a command reads (`validate`, `score`, `ingest`): at least one.
struct ApplicationPaths: ParsableArguments {
    @Argument(help: ArgumentHelp(Self.help))
    var files: [String] = []

    /// The help of the paths.
    static let help = "Application files or folders."

    func validate() throws {
        try Self.validate(files)
    }

    /// Refuses a command line that names no file or folder.
    static func validate(_ files: [String]) throws {
        guard !files.isEmpty else { throw ValidationError("give at least one application file or folder") }
    }
}

/// `-o/--out FILE`, the one spelling of a command's output file (`--output` still works, hidden): where the
/// command writes instead of standard output.
struct OutFileOptions: ParsableArguments {
    @Option(name: [.short, .customLong("out")], help: "Write to this file instead of standard output.")
    var out: String?

    @Option(name: .customLong("output"), help: .hidden)
    var legacyOutput: String?

    /// The file to write, if any.
    var path: String? { out ?? legacyOutput }

    func validate() throws {
        if out != nil, legacyOutput != nil { throw ValidationError("give the output file once, with -o/--out") }
        if path?.isEmpty == true { throw ValidationError("--out needs a file") }
    }

    /// Writes `data` to the file (atomically, its folder created when missing), or to standard output when none
    /// is given.
    func write(_ data: Data) throws {
        guard let path else { return writeOut(data) }
        let url = URL(fileURLWithPath: path)
        try Exporter.write([ExportFile(name: url.lastPathComponent, data: data)], to: url.deletingLastPathComponent())
    }
}

/// Writes to standard error, control characters escaped (`TerminalText.safe`).
func printError(_ text: String) {
    FileHandle.standardError.write(Data(TerminalText.safe(text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Writes bytes to standard output, unchanged unless they hold a control character other than tab and LF, which
/// is escaped (`TerminalText.safe`): nothing psea prints can drive the terminal.
func writeOut(_ data: Data) {
    let risky = data.withUnsafeBytes { TerminalText.mayNeedEscaping($0.bindMemory(to: UInt8.self)) }
    FileHandle.standardOutput.write(risky ? Data(TerminalText.safe(String(decoding: data, as: UTF8.self)).utf8) : data)
}

/// The standard library's `print`, shadowed in this module so every line a command prints passes `writeOut`.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    writeOut(Data((items.map { "\($0)" }.joined(separator: separator) + terminator).utf8))
}
