import Export
import Foundation
import Intake
import Model
import Panel
import Ranking
import Round
import Scoring
import Store

/// A whole round on the shipped samples, end to end: ingest, judges, conflicts, assignment, the assigned judges'
/// scores, consensus where judges disagree too much, a site visit for every entry in the outstanding range, the
/// committee's approval of each sub-type, ranking, the exports and one feedback report. Every event is recorded with the context's actor and clock, so a fixed clock gives the same files.
package enum DemoRound {
    /// Judges per entry: the largest `minJudges` of the shipped rubrics.
    package static let judgesPerEntry = 5
    /// The seed of the assignment draw and of the lotteries.
    package static let seed: UInt64 = 2568
    /// The time every demo event is recorded at (2025-06-15T00:00:00Z).
    package static let time = Date(timeIntervalSince1970: 1_749_945_600)
    /// The meeting and date of the demo's approvals (an invented meeting, dated after the 2565 site-visit weeks).
    package static let approvalMeeting = "การประชุม อ.ก.พ.ร. (ตัวอย่าง)"
    static let approvalDate = "2025-08-20"
    /// The actor of every demo event.
    package static let actor = "psea-demo"

    /// A panel file of the samples refused as a whole: nothing from it is stored.
    package struct Refused: Error {
        package var file: String
        package var result: ImportResult
    }

    /// What the demo leaves behind.
    package struct Outcome: Sendable {
        /// The final ranking run.
        package var run: RankingRun
        /// The paths of the files written (exports, then feedback reports).
        package var written: [String]
        /// The signed checkpoint file and the demo's key file, when the context has a signing key.
        package var checkpointFile: String?
        package var keyFile: String?
    }

    /// The checkpoint file the demo writes beside its exports.
    package static let checkpointName = "checkpoint.json"
    /// The demo's key file: a key derived from a fixed seed, marked as such, never for a real round.
    package static let keyName = "demo-signing-key"

    /// Runs the round on `context` (a new database): `applications` are the sample files to ingest, `samples` the
    /// folder holding `round/judges.csv`, `round/conflicts.csv` and `round/scores.csv`, `folder` where the
    /// exports go (reports in `folder/reports`). `say` gets one line per step in `language`. Throws `Refused`
    /// when a panel file of the samples is refused.
    package static func run(
        _ context: RoundContext, applications: [String], rules: (any RuleContextProvider)?, samples: URL, folder: URL,
        language: Language, say: (String) -> Void
    ) throws -> Outcome {
        let th = language == .th
        let store = context.store

        // 1. Ingest the valid samples.
        let summary = try Ingestor(context: context, rules: rules).run(paths: applications) { _, _ in }
        say(th ? "1. นำเข้าใบสมัคร \(summary.stored) ฉบับ" : "1. ingested \(summary.stored) applications")

        // 2. Judges and declared conflicts.
        let panel = RoundPanel(context: context)
        let round = samples.appendingPathComponent("round")
        let judgesFile = round.appendingPathComponent("judges.csv").path
        let judges = try accepted(panel.importJudges(csv: read(judgesFile)), file: judgesFile)
        let conflictsFile = round.appendingPathComponent("conflicts.csv").path
        _ = try accepted(panel.importConflicts(csv: read(conflictsFile)), file: conflictsFile)
        say(th ? "2. กรรมการ \(judges.recorded) คน และการแจ้งส่วนได้ส่วนเสีย" : "2. \(judges.recorded) judges and their declared conflicts")

        // 3. Assignment.
        let assigned = try panel.assign(perEntry: judgesPerEntry, seed: seed)
        say(
            th
                ? "3. มอบหมายกรรมการผลงานละ \(judgesPerEntry) คน (\(assigned.added.count) คู่, ส่วนได้ส่วนเสียอัตโนมัติ \(assigned.automaticConflicts) คู่)"
                : "3. assigned \(judgesPerEntry) judges per entry (\(assigned.added.count) pairs; \(assigned.automaticConflicts) automatic conflicts)"
        )

        // 4. Scores of the assigned judges only.
        let scoresFile = round.appendingPathComponent("scores.csv").path
        let pairs = Set(try store.assignments())
        let parsed = PanelFiles.scores(String(decoding: try read(scoresFile), as: UTF8.self))
        let rows = parsed.rows.filter { pairs.contains(JudgeEntryPair(judge: $0.judge, application: $0.application)) }
        let scores = try accepted(panel.importScores(csv: Array(scoresCSV(rows).utf8)), file: scoresFile)
        say(th ? "4. คะแนนจากกรรมการ \(scores.recorded) รายการ" : "4. \(scores.recorded) panel scores")

        // 5. Consensus where judges disagree too much.
        let snapshot = try RoundSnapshot.load(store: store, catalog: context.catalog)
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

        // 6. A site visit for every entry in the outstanding range.
        let before = try RankingRun.load(context, seed: seed, record: false)
        for visit in before.ranking.entries where visit.siteVisit == .pending {
            _ = try RoundResults.recordSiteVisit(
                context, application: visit.application, confirmed: true, reason: "ทีมตรวจเยี่ยมพบการดำเนินงานจริงตามที่เสนอ")
            say(th ? "6. ตรวจเยี่ยมพื้นที่ \(visit.application): ยืนยัน" : "6. site visit for \(visit.application): confirmed")
        }

        // 7. The committee approves each sub-type's results.
        for type in Set(before.ranking.entries.map(\.entry.type)).sorted() {
            _ = try RoundResults.approve(context, type: type, meeting: approvalMeeting, date: approvalDate)
            say(th ? "7. อนุมัติผลประเภท \(type)" : "7. results of \(type) approved")
        }

        // 8. The ledger signed, then ranking, exports (quoting the checkpoint) and one feedback report.
        let checkpoint = try context.anchor()
        let run = try RankingRun.load(context, seed: seed, record: true)
        var written: [String] = []
        for audience in ExportAudience.allCases {
            for format in ExportFormat.allCases {
                let exported = Exporter.files(run.bundle, format: format, audience: audience)
                try Exporter.write(exported, to: folder)
                written += exported.map { folder.appendingPathComponent($0.name).path }
            }
        }
        let reports = folder.appendingPathComponent("reports")
        if let first = run.ranking.entries.first(where: { $0.status == .ranked }) ?? run.ranking.entries.first {
            let files = FeedbackReport.Format.allCases.map { format in
                ExportFile(
                    name: "\(first.application).\(format.rawValue)",
                    data: Data(
                        FeedbackReport.render(
                            first, in: run.ranking, scores: run.bundle.scores, format: format,
                            rubricSHA256: run.bundle.rubricHashes[first.entry.rubric.key]
                        ).utf8))
            }
            try Exporter.write(files, to: reports)
            written += files.map { reports.appendingPathComponent($0.name).path }
        }
        var outcome = Outcome(run: run, written: written)
        if let checkpoint, let signer = context.signer {
            let files = [
                ExportFile(name: checkpointName, data: Data(try checkpoint.fileText.utf8)),
                ExportFile(name: keyName, data: Data(signer.fileText(demo: true).utf8)),
            ]
            try Exporter.write(files, to: folder)
            outcome.checkpointFile = folder.appendingPathComponent(checkpointName).path
            outcome.keyFile = folder.appendingPathComponent(keyName).path
        }
        return outcome
    }

    /// The result when the file was stored; throws `Refused` otherwise.
    static func accepted(_ result: ImportResult, file: String) throws -> ImportResult {
        guard result.isValid else { throw Refused(file: file, result: result) }
        return result
    }

    /// The bytes of a sample file; an unreadable one is an I/O error.
    static func read(_ path: String) throws(PSEAError) -> [UInt8] {
        [UInt8](try RegularFile.read(path))
    }

    /// The rows as a scores CSV, with the columns `PanelFiles.scores` requires.
    static func scoresCSV(_ rows: [FileRow<Score>]) -> String {
        let lines = rows.map { row in
            CSVText.record([row.judge, row.application, row.criterion, Ranker.format(row.percent), row.comment ?? ""])
        }
        return ([PanelFiles.scoreColumns.joined(separator: ",")] + lines).joined(separator: "\n") + "\n"
    }
}
