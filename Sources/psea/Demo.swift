import ArgumentParser
import Export
import Foundation
import Intake
import Model
import Panel
import Ranking
import Round
import Rubric
import Scoring
import Store

/// `psea demo`: a whole round end to end on the shipped samples, so a newcomer sees the main job in one step.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a whole round on the shipped samples: ingest, judges, conflicts, assignment, scores, ranking, exports.",
        discussion: """
            Creates a new database in the output folder (replacing an earlier demo database), ingests Samples/valid,
            imports the demo judges and conflicts of Samples/round, assigns judges, imports the demo scores of the
            judges actually assigned, records a consensus (at the median) wherever judges disagree too much and a
            site visit for the first entry in the outstanding range, ranks, and writes the CSV, JSON and HTML
            exports and one feedback report. Every event is recorded with a fixed demo time, so two runs give the
            same files.
            """)

    @Option(help: "Folder for the database and the results (default: psea-demo).")
    var out: String = "psea-demo"

    @Option(help: "The samples folder with valid/ and round/ (default: ./Samples or the one psea was built with).")
    var samples: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var rubricOptions: RubricOptions

    /// Judges per entry: the largest `minJudges` of the shipped rubrics.
    static let judgesPerEntry = 5
    /// The seed of the assignment draw and of the lotteries.
    static let seed: UInt64 = 2568
    /// The time every demo event is recorded at (2025-06-15T00:00:00Z).
    static let time = Date(timeIntervalSince1970: 1_749_945_600)
    static let actor = "psea-demo"

    func run() throws {
        let th = output.lang == .th
        let samplesFolder = try samplesDirectory()
        guard let catalog = try rubricOptions.catalog() else {
            throw PSEAError.unreadable("Rubrics", reason: "no rubric folder found (give --rubrics DIR)")
        }
        let folder = URL(fileURLWithPath: out)
        let database = folder.appendingPathComponent("demo.sqlite").path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database + suffix) {
                try FileManager.default.removeItem(atPath: database + suffix)
            }
        } catch {
            throw PSEAError.unwritable(folder.path, reason: error.localizedDescription)
        }
        let store = try CompetitionStore(path: database, applicationDecoder: StoredApplicationDecoder.decode)
        let context = RoundContext(store: store, catalog: catalog, actor: Self.actor, clock: .fixed(Self.time))

        // 1. Ingest the valid samples.
        let files = FileExpansion.expand([samplesFolder.appendingPathComponent("valid").path]).files
        let summary = try Ingestor(context: context, rules: RubricRuleContext(catalog: catalog)).run(paths: files) { _, _ in }
        say(th ? "1. นำเข้าใบสมัคร \(summary.stored) ฉบับ" : "1. ingested \(summary.stored) applications")

        // 2. Judges and declared conflicts.
        let panel = RoundPanel(context: context)
        let round = samplesFolder.appendingPathComponent("round")
        let judgesFile = round.appendingPathComponent("judges.csv").path
        let judges = try panel.importJudges(csv: readBytes(judgesFile))
        try reportIssues(judges, file: judgesFile, language: output.lang)
        let conflictsFile = round.appendingPathComponent("conflicts.csv").path
        try reportIssues(try panel.importConflicts(csv: readBytes(conflictsFile)), file: conflictsFile, language: output.lang)
        say(th ? "2. กรรมการ \(judges.recorded) คน และการแจ้งส่วนได้ส่วนเสีย" : "2. \(judges.recorded) judges and their declared conflicts")

        // 3. Assignment.
        let assigned = try panel.assign(perEntry: Self.judgesPerEntry, seed: Self.seed)
        say(th
            ? "3. มอบหมายกรรมการผลงานละ \(Self.judgesPerEntry) คน (\(assigned.added.count) คู่, ส่วนได้ส่วนเสียอัตโนมัติ \(assigned.automaticConflicts) คู่)"
            : "3. assigned \(Self.judgesPerEntry) judges per entry (\(assigned.added.count) pairs; \(assigned.automaticConflicts) automatic conflicts)")

        // 4. Scores of the assigned judges only.
        let scoresFile = round.appendingPathComponent("scores.csv").path
        let pairs = Set(try store.assignments().map { JudgeEntryPair(judge: $0.judge, application: $0.application) })
        let parsed = PanelFiles.scores(String(decoding: try readBytes(scoresFile), as: UTF8.self))
        let rows = parsed.rows.filter { pairs.contains(JudgeEntryPair(judge: $0.judge, application: $0.application)) }
        let scores = try panel.importScores(csv: Array(Self.scoresCSV(rows).utf8))
        try reportIssues(scores, file: scoresFile, language: output.lang)
        say(th ? "4. คะแนนจากกรรมการ \(scores.recorded) รายการ" : "4. \(scores.recorded) panel scores")

        // 5. Consensus where judges disagree too much.
        let snapshot = try RoundSnapshot.load(store: store, catalog: catalog)
        var agreed = 0
        for entry in snapshot.entries {
            for aggregate in entry.aggregates where aggregate.needsConsensus {
                try panel.recordConsensus(
                    application: entry.id, criterion: aggregate.key.criterion, percent: Double(Scorer.snap(aggregate.raw.median)),
                    reason: "คณะกรรมการประชุมร่วมกันและตกลงใช้ค่ามัธยฐาน (the panel met and agreed on the median)")
                agreed += 1
            }
        }
        say(th ? "5. บันทึกฉันทามติ \(agreed) ประเด็น" : "5. recorded \(agreed) consensus value(s)")

        // 6. A site visit for the first entry in the outstanding range.
        let before = try RankingRun.load(store: store, catalog: catalog, seed: Self.seed, record: nil)
        if let visit = before.ranking.entries.first(where: { $0.siteVisit == .pending }) {
            _ = try store.recordSiteVisit(
                SiteVisit(application: visit.application, confirmed: true, reason: "ทีมตรวจเยี่ยมพบการดำเนินงานจริงตามที่เสนอ"),
                actor: Self.actor, at: Self.time)
            say(th ? "6. ตรวจเยี่ยมพื้นที่ \(visit.application): ยืนยัน" : "6. site visit for \(visit.application): confirmed")
        }

        // 7. Ranking, exports and one feedback report.
        let run = try RankingRun.load(store: store, catalog: catalog, seed: Self.seed, record: (Self.actor, Self.time))
        run.warnWithoutRubric(output.lang)
        var written: [String] = []
        for format in ExportFormat.allCases {
            let exported = Exporter.files(run.bundle, format: format)
            try Exporter.write(exported, to: folder)
            written += exported.map { folder.appendingPathComponent($0.name).path }
        }
        let reports = folder.appendingPathComponent("reports")
        if let first = run.ranking.entries.first(where: { $0.status == .ranked }) ?? run.ranking.entries.first {
            let files = FeedbackReport.Format.allCases.map { format in
                ExportFile(name: "\(first.application).\(format.rawValue)",
                           data: Data(FeedbackReport.render(first, in: run.ranking, scores: run.bundle.scores, format: format).utf8))
            }
            try Exporter.write(files, to: reports)
            written += files.map { reports.appendingPathComponent($0.name).path }
        }
        say("")
        print(RankingReport.text(run.ranking, language: output.lang))
        say(th ? "ผลลัพธ์อยู่ที่:" : "Results:")
        say("  " + (th ? "ฐานข้อมูล " : "database ") + database)
        for path in written { say("  " + path) }
        say(th ? "เปิดหน้าประกาศผล: file://\(Self.absolute(folder.appendingPathComponent("index.html").path))"
               : "Open the publication page: file://\(Self.absolute(folder.appendingPathComponent("index.html").path))")
        say(th ? "ตรวจสอบกับบันทึกเหตุการณ์: psea verify --db \(database) --against \(out)"
               : "Check it against the ledger: psea verify --db \(database) --against \(out)")
    }

    private func say(_ line: String) { print(line) }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }

    /// The rows as a scores CSV, with the columns `PanelFiles.scores` requires.
    static func scoresCSV(_ rows: [ScoreRow]) -> String {
        let lines = rows.map { row in
            CSVText.record([row.judge, row.application, row.criterion, Ranker.format(row.percent), row.comment])
        }
        return ([PanelFiles.scoreColumns.joined(separator: ",")] + lines).joined(separator: "\n") + "\n"
    }

    /// `--samples`, else `./Samples`, else the `Samples` folder of the source tree psea was built in.
    func samplesDirectory() throws -> URL {
        let manager = FileManager.default
        func usable(_ url: URL) -> Bool { manager.fileExists(atPath: url.appendingPathComponent("round/judges.csv").path) }
        if let samples {
            let url = URL(fileURLWithPath: samples)
            guard usable(url) else { throw PSEAError.unreadable(samples, reason: "no round/judges.csv in it") }
            return url
        }
        let local = URL(fileURLWithPath: manager.currentDirectoryPath).appendingPathComponent("Samples")
        if usable(local) { return local }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Samples")
            if usable(candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw PSEAError.unreadable("Samples", reason: "no samples folder found (give --samples DIR)")
    }
}
