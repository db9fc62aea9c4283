import ArgumentParser
import Foundation
import Model
import Panel
import Results
import Round
import Store

/// `psea panel report [--format text|json]`.
struct RoundPanelReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Per entry and criterion: aggregate, n, median, sd, range, raw and normalised, flags, consensus; and reliability (ICC(1), ICC(1,k), alpha; ICC(2,1) when crossed) with 95 % intervals.",
        discussion: "Flags: WIDE (range above the rubric's threshold), NEEDS-CONSENSUS (wide and no consensus), FEW (fewer scores than minJudges).")

    @OptionGroup var options: RoundOptions

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    func run() throws {
        let report = try PanelReport(context: options.context())
        if format == .json { return try writeJSON(report) }
        var text = "application\tcriterion\tmethod\tn\traw\tmedian\tsd\trange\tnormalized\tbasis\tconsensus\tofficial\tflags\n"
        for line in report.lines {
            var flags: [String] = []
            if line.wideRange { flags.append("WIDE") }
            if line.needsConsensus { flags.append("NEEDS-CONSENSUS") }
            if line.tooFewJudges { flags.append("FEW") }
            text +=
                [
                    line.application, line.criterion, line.method, String(line.n), formatNumber(line.rawValue), formatNumber(line.median),
                    formatNumber(line.standardDeviation), formatNumber(line.range), formatNumber(line.normalizedValue), line.basis,
                    formatNumber(line.consensus), formatNumber(line.official), flags.joined(separator: ","),
                ].joined(separator: "\t") + "\n"
        }
        text += "\n" + Self.reliabilityText(report.reliability)
        writeOut(Data(text.utf8))
    }

    /// The reliability table, preceded by the model each figure assumes.
    static func reliabilityText(_ reliability: [RubricReliability]) -> String {
        var text = """
            reliability (95 % intervals)
            ICC(1), ICC(1,k): one-way random effects, judges differ per entry; units = entries with 2 or more scores, \
            k = judges per entry (k0, adjusted mean when unequal); F intervals (McGraw & Wong 1996).
            alpha: Krippendorff's alpha, interval metric, any judges per entry; values = scores used; F interval \
            of the one-way model (exact with equal judges per entry, approximate otherwise).
            ICC(2,1): two-way random effects, absolute agreement; only where the design is crossed (every judge \
            scored every entry), n/a where it is one-way.
            rubric\tcriterion\tdesign\tunits\tk\tICC(1)\t95% CI\tICC(1,k)\t95% CI\talpha\t95% CI\tvalues\tICC(2,1)\t95% CI

            """
        func interval(_ value: ReliabilityValue) -> String {
            guard value.lower != nil || value.upper != nil else { return "-" }
            return "[\(formatNumber(value.lower)), \(formatNumber(value.upper))]"
        }
        for rubric in reliability {
            for criterion in rubric.criteria {
                let crossed = criterion.icc21.map { [formatNumber($0.value), interval($0)] } ?? ["n/a", "n/a"]
                text +=
                    ([
                        rubric.rubric, criterion.criterion, criterion.design.rawValue, String(criterion.icc1.units),
                        formatNumber(criterion.icc1.judgesPerUnit),
                        formatNumber(criterion.icc1.value), interval(criterion.icc1),
                        formatNumber(criterion.icc1k.value), interval(criterion.icc1k),
                        formatNumber(criterion.alpha.value), interval(criterion.alpha), String(criterion.alpha.values),
                    ]
                    + crossed).joined(separator: "\t") + "\n"
            }
        }
        return text
    }
}

/// `psea status [--format text|json]`.
struct RoundStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Counts of entries, versions, judges, conflicts, assignments, scores and events; whether the ledger verifies; each stage.",
        discussion: """
            Then the round stage by stage: each year's application window (open or closed by this machine's clock, entries
            accepted late), screening (eligible, not eligible, not screened), and per sub-type the desk review, the
            shortlist, the site visits and the approval, with what blocks the next stage. JSON carries the same under
            "round". Exit 1 when the ledger does not verify.
            """)

    @OptionGroup var options: RoundOptions

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    /// The counts and the round's progress, as `--format json` writes them.
    struct Report: Encodable {
        var status: StoreStatus
        var round: RoundResults.Progress?

        enum CodingKeys: String, CodingKey {
            case entries, versions, judges, conflicts, assignments, scores, events, ledgerOK, round
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeListingNulls([
                .entries: status.entries, .versions: status.versions, .judges: status.judges, .conflicts: status.conflicts,
                .assignments: status.assignments, .scores: status.scores, .events: status.events, .ledgerOK: status.ledgerOK,
            ])
            try c.encodeIfPresent(round, forKey: .round)
        }
    }

    func run() throws {
        let status = try options.store.openReadOnly().status()
        let progress = status.ledgerOK ? try RoundResults.progress(try options.readOnlyContext()) : nil
        switch format {
        case .json: try writeJSON(Report(status: status, round: progress))
        case .text where options.lang == .th:
            print(
                """
                ฐานข้อมูล: \(options.store.path)
                ใบสมัคร: \(status.entries)
                ฉบับ: \(status.versions)
                กรรมการ: \(status.judges)
                ส่วนได้ส่วนเสีย: \(status.conflicts)
                การมอบหมาย: \(status.assignments)
                คะแนน: \(status.scores)
                เหตุการณ์: \(status.events)
                บันทึกเหตุการณ์: \(status.ledgerOK ? "ถูกต้อง" : "เสียหาย")
                """)
        case .text:
            print(
                """
                database: \(options.store.path)
                entries: \(status.entries)
                versions: \(status.versions)
                judges: \(status.judges)
                conflicts: \(status.conflicts)
                assignments: \(status.assignments)
                scores: \(status.scores)
                events: \(status.events)
                ledger: \(status.ledgerOK ? "OK" : "BROKEN")
                """)
        }
        if format == .text, let progress { printStages(progress) }
        if !status.ledgerOK { throw ExitCode(ExitStatus.invalid) }
    }

    /// The window, screening and each sub-type's stages (desk review, shortlist, site visits, approval) and what
    /// blocks the next one.
    func printStages(_ progress: RoundResults.Progress) {
        for line in progress.lines(language: options.lang) { print(line) }
    }
}

/// Formats of `psea assignments`.
enum AssignmentsFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, text
}

/// `psea assignments [--format csv|text]`.
struct RoundAssignments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assignments",
        abstract: "List judge,application pairs in force, sorted by judge then application.")

    @OptionGroup var options: RoundOptions

    @Option(help: "Output format: csv (with a judge,application header) or text.")
    var format: AssignmentsFormat = .csv

    func run() throws {
        writeOut(Data(try options.context().panelRound().assignmentList(csv: format == .csv).utf8))
    }
}

/// `psea verify`: the ledger chain and projections. Each check is one function returning its findings, so that
/// later checks (e.g. recomputing rankings against an export) are added to `checks` without touching the rest.
struct RoundVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the ledger's hash chain and that the current state is what the events give.",
        discussion: """
            Exit 0 when everything verifies, 1 with the first broken event and why. With --against DIR, the export
            files in DIR (results.csv, scores.csv, results.json, index.html) are recomputed from the ledger's events
            alone and compared byte by byte; exit 1 naming the first difference. With --head HASH --count N (printed
            by an earlier verify), the ledger must still hold that event: a rewritten, truncated, renumbered or
            emptied ledger fails even when its chain verifies. With --checkpoint FILE (written by a command given
            --checkpoint, or by the demo), the same for a signed checkpoint, whose Ed25519 signature must hold; it
            prints the public key that signed, to compare with the one published. The database's own last checkpoint
            is checked too. A rubric file that differs from the one frozen at assignment is a warning (PSEA-RND030):
            results use the frozen rubric.
            """)

    @OptionGroup var options: RoundOptions

    @Option(help: "An export folder to check: the ranking is recomputed from the ledger's events and compared byte by byte.")
    var against: String?

    @Option(help: "The head hash of an earlier verify or export: with --count, the ledger must still hold that event.")
    var head: String?

    @Option(help: "The event count that goes with --head.")
    var count: Int?

    @Option(
        help:
            "A signed checkpoint file (written with --checkpoint, or by the demo): its signature must hold and the ledger must still hold its event.")
    var checkpoint: String?

    func validate() throws {
        guard (head == nil) == (count == nil) else { throw ValidationError("give --head and --count together") }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let head, head.count != 64 || !head.allSatisfy(\.isHexDigit) {
            throw ValidationError("--head must be 64 hexadecimal digits")
        }
    }

    /// One problem found by a check.
    struct Finding {
        let text: String
    }

    func run() throws {
        let opened = try options.store.openReadOnly()
        var checks: [(String, (CompetitionStore) throws -> [Finding])] = [("ledger", ledgerCheck), ("checkpoints", storedCheckpointCheck)]
        if let head, let count { checks.append(("anchor", anchorCheck(LedgerAnchor(count: count, head: head.lowercased())))) }
        if let checkpoint { checks.append(("checkpoint", checkpointCheck(try Self.readCheckpoint(checkpoint)))) }
        if let against { checks.append(("export", exportCheck(against))) }
        var failed = false
        for (name, check) in checks {
            let findings = try check(opened)
            if findings.isEmpty {
                print("\(name): OK")
            } else {
                failed = true
                for finding in findings { print("\(name): FAILED: \(finding.text)") }
            }
        }
        printRubricDrift(opened)
        if failed { throw ExitCode(ExitStatus.invalid) }
    }

    /// The frozen rubrics whose file in the rubric folder differs (PSEA-RND030): a warning, since every result is
    /// computed from the frozen text, and `rubrics: OK` when none does.
    private func printRubricDrift(_ store: CompetitionStore) {
        do {
            let drift = FrozenRubrics.drift(try options.rubrics.catalog(), frozen: try store.frozenRubrics())
            if drift.isEmpty { print("rubrics: OK") }
            for found in drift { print("rubrics: WARNING \(found.code.code): \(found.message.text(options.lang))") }
        } catch {
            print("rubrics: not compared (\((error as? PSEAError)?.text(options.lang) ?? String(describing: error)))")
        }
    }

    /// The checkpoint in `path`; a missing or malformed file is an I/O error (exit 2).
    static func readCheckpoint(_ path: String) throws -> Checkpoint {
        let data = try RegularFile.read(path, otherwise: "the checkpoint file cannot be read")
        guard let checkpoint = Checkpoint(fileText: String(decoding: data, as: UTF8.self)) else {
            throw PSEAError.unreadable(path, reason: "not a psea checkpoint (events, head, publicKey, signature)")
        }
        return checkpoint
    }

    /// The database's own last checkpoint: its signature must hold and the ledger must still hold its event. Only a
    /// copy kept elsewhere is an anchor (whoever rewrites the file can delete this one), but a rewrite or truncation
    /// that forgot it is caught here.
    private func storedCheckpointCheck(_ store: CompetitionStore) throws -> [Finding] {
        guard let last = try store.lastCheckpoint() else {
            print("checkpoints: none, the ledger is not anchored (psea keys init makes a signing key)")
            return []
        }
        if let problem = try store.check(checkpoint: last) {
            return [Finding(text: "the last checkpoint in the database [\(problem.code)]: \(problem.message.text(options.lang))")]
        }
        print("checkpoints: the last one covers \(last.events) events, signed by public key \(last.publicKey)")
        return []
    }

    /// The check of `--checkpoint FILE`: a valid signature, and the signed event still at its place.
    private func checkpointCheck(_ checkpoint: Checkpoint) -> (CompetitionStore) throws -> [Finding] {
        { store in
            guard let problem = try store.check(checkpoint: checkpoint) else {
                print("checkpoint: \(checkpoint.events) events, head \(checkpoint.head), signed by public key \(checkpoint.publicKey)")
                return []
            }
            return [Finding(text: "[\(problem.code)]: \(problem.message.text(options.lang))")]
        }
    }

    private func anchorCheck(_ anchor: LedgerAnchor) -> (CompetitionStore) throws -> [Finding] {
        { store in
            guard let problem = try store.check(anchor: anchor) else { return [] }
            return [Finding(text: "[\(problem.code)]: \(problem.message.text(options.lang))")]
        }
    }

    private func ledgerCheck(_ store: CompetitionStore) throws -> [Finding] {
        let verification = try store.verify()
        guard let problem = verification.problem else {
            print("ledger: \(verification.events) events, head \(verification.head ?? "-")")
            print(
                try store.sealed()
                    ? "seals: OK (rank, export and report check the seals instead of replaying the ledger)"
                    : "seals: none at the head (rank, export and report replay the ledger)")
            return []
        }
        let place = problem.seq.map { "event \($0)" } ?? (problem.code == "trigger" ? "triggers" : "projections")
        return [Finding(text: "\(place) [\(problem.code)]: \(problem.message.text(options.lang))")]
    }
}
