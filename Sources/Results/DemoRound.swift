import Export
import Foundation
import Intake
import Model
import Panel
import Ranking
import Round
import Scoring
import Store

/// A whole round on the shipped samples, end to end and stage by stage: ingest inside the application window,
/// screening, judges, conflicts, assignment, the assigned judges' scores (desk review), consensus where judges
/// disagree too much, the shortlist of the entries in the outstanding range, a site visit for each (mode, date and
/// team), the committee's approval of each sub-type, ranking, the exports and one feedback report. Every event is
/// recorded with the context's actor at the fixed date of its stage in the demo's calendar (`Calendar`), so two runs
/// give the same files.
package enum DemoRound {
    /// Judges per entry: the largest `minJudges` of the shipped rubrics.
    package static let judgesPerEntry = 5
    /// The seed of the assignment draw and of the lotteries.
    package static let seed: UInt64 = 2568
    /// The clock the demo's context is made with (2025-06-15T00:00:00Z); each stage records its events at its own
    /// date of `Calendar`.
    package static let time = Date(timeIntervalSince1970: 1_749_945_600)

    /// When the demo records each stage, inside the dates of `Rubrics/2568/round.yaml` (times in UTC).
    package enum Calendar {
        /// 2025-02-20T03:00:00Z: inside the application window.
        static let ingest = Date(timeIntervalSince1970: 1_740_020_400)
        /// 2025-03-05T03:00:00Z.
        static let screening = Date(timeIntervalSince1970: 1_741_143_600)
        /// 2025-03-17T03:00:00Z: judges, conflicts and assignment.
        static let assignment = Date(timeIntervalSince1970: 1_742_180_400)
        /// 2025-05-30T03:00:00Z: the desk review's scores and consensus.
        static let deskReview = Date(timeIntervalSince1970: 1_748_574_000)
        /// 2025-06-02T03:00:00Z.
        static let shortlist = Date(timeIntervalSince1970: 1_748_833_200)
        /// 2025-06-16T03:00:00Z: the first site visit; one visit a day after it.
        static let siteVisits = Date(timeIntervalSince1970: 1_750_042_800)
        /// 2025-08-20T03:00:00Z: approval, ranking and exports.
        static let approval = Date(timeIntervalSince1970: 1_755_658_800)
    }

    /// The demo's visiting team (invented names).
    static let visitTeam = ["ผู้ทรงคุณวุฒิ อ.ก.พ.ร. (ตัวอย่าง)", "คณะทำงานตรวจประเมิน สำนักงาน ก.พ.ร. (ตัวอย่าง)"]
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
        func on(_ date: Date) -> RoundContext {
            RoundContext(store: context.store, catalog: context.catalog, actor: context.actor, clock: .fixed(date), signer: context.signer)
        }

        // 1. Ingest the valid samples, inside the application window.
        let summary = try Ingestor(context: on(Calendar.ingest), rules: rules).run(paths: applications) { _, _ in }
        say(th ? "1. นำเข้าใบสมัคร \(summary.stored) ฉบับ" : "1. ingested \(summary.stored) applications")

        // 2. Screening by the round file's rules.
        let screened = try RoundScreener(context: on(Calendar.screening)).screen()
        say(
            th
                ? "2. ตรวจสอบคุณสมบัติ: มีคุณสมบัติ \(screened.eligible.count) ไม่มีคุณสมบัติ \(screened.ineligible.count)"
                : "2. screened: \(screened.eligible.count) eligible, \(screened.ineligible.count) not eligible")

        // 3. Judges and declared conflicts.
        let panel = RoundPanel(context: on(Calendar.assignment))
        let round = samples.appendingPathComponent("round")
        let judgesFile = round.appendingPathComponent("judges.csv").path
        let judges = try accepted(panel.importJudges(csv: read(judgesFile)), file: judgesFile)
        let conflictsFile = round.appendingPathComponent("conflicts.csv").path
        _ = try accepted(panel.importConflicts(csv: read(conflictsFile)), file: conflictsFile)
        say(th ? "3. กรรมการ \(judges.recorded) คน และการแจ้งส่วนได้ส่วนเสีย" : "3. \(judges.recorded) judges and their declared conflicts")

        // 4. Assignment.
        let assigned = try panel.assign(perEntry: judgesPerEntry, seed: seed)
        say(
            th
                ? "4. มอบหมายกรรมการผลงานละ \(judgesPerEntry) คน (\(assigned.added.count) คู่, ส่วนได้ส่วนเสียอัตโนมัติ \(assigned.automaticConflicts) คู่)"
                : "4. assigned \(judgesPerEntry) judges per entry (\(assigned.added.count) pairs; \(assigned.automaticConflicts) automatic conflicts)"
        )

        // 5. Desk review: scores of the assigned judges only. The file scores every entry by every judge, so the rows
        // of judges this assignment did not give an entry are skipped (`scores import --skip-unassigned`).
        let desk = RoundPanel(context: on(Calendar.deskReview))
        let scoresFile = round.appendingPathComponent("scores.csv").path
        let scores = try accepted(desk.importScores(csv: read(scoresFile), skipUnassigned: true), file: scoresFile)
        say(
            th
                ? "5. ประเมินเอกสาร: คะแนนจากกรรมการ \(scores.recorded) รายการ (ข้ามแถวของกรรมการที่ไม่ได้รับมอบหมาย \(scores.skipped.count) แถว)"
                : "5. desk review: \(scores.recorded) panel scores (\(scores.skipped.count) rows of unassigned judges skipped)")

        // 6. Consensus where judges disagree too much.
        var agreed = 0
        for entry in try RoundSnapshot.panels(store: store, catalog: context.catalog).panels {
            for aggregate in entry.aggregates where aggregate.needsConsensus {
                try desk.recordConsensus(
                    application: entry.id, criterion: aggregate.key.criterion, percent: Double(Scorer.snap(aggregate.raw.median)),
                    reason: "คณะกรรมการประชุมร่วมกันและตกลงใช้ค่ามัธยฐาน (the panel met and agreed on the median)")
                agreed += 1
            }
        }
        say(th ? "6. บันทึกฉันทามติ \(agreed) ประเด็น" : "6. recorded \(agreed) consensus value(s)")

        // 7. The shortlist: the entries in the outstanding range, proposed for a site visit.
        let shortlists = try RoundResults.shortlist(on(Calendar.shortlist))
        let shortlisted = shortlists.flatMap(\.shortlist.applications)
        say(
            th
                ? "7. คัดเลือกผลงานเพื่อตรวจประเมิน ณ พื้นที่ปฏิบัติงาน \(shortlisted.count) ผลงาน"
                : "7. shortlisted \(shortlisted.count) entries for a site visit")

        // 8. A site visit to every shortlisted entry, one a day, on site or online in turn.
        for (index, application) in shortlisted.enumerated() {
            let day = Calendar.siteVisits.addingTimeInterval(Double(index) * 86_400)
            let mode = index % 2 == 0 ? "on-site" : "online"
            let details = RoundResults.VisitDetails(
                mode: mode, date: String(Ledger.timestamp(day).prefix(10)), team: visitTeam,
                notes: "ตรวจสอบเอกสารหลักฐานและสัมภาษณ์ผู้มีส่วนได้ส่วนเสีย (ตัวอย่าง)")
            _ = try RoundResults.recordSiteVisit(
                on(day), application: application, confirmed: true, reason: "ทีมตรวจประเมินพบการดำเนินงานจริงตามที่เสนอ", details: details)
            say(
                th
                    ? "8. ตรวจประเมิน ณ พื้นที่ปฏิบัติงาน \(application) (\(mode == "on-site" ? "ลงพื้นที่" : "ออนไลน์")): ยืนยัน"
                    : "8. site visit for \(application) (\(mode)): confirmed")
        }

        // 9. The committee approves each sub-type's results.
        let approving = on(Calendar.approval)
        let before = try RankingRun.load(approving, seed: seed, record: false)
        for type in Set(before.ranking.entries.map(\.entry.type)).sorted() {
            _ = try RoundResults.approve(approving, type: type, meeting: approvalMeeting, date: approvalDate)
            let title = before.ranking.entries.first { $0.entry.type == type }?.entry.rubric.title.th ?? type
            say(th ? "9. อนุมัติผลของ\(title)" : "9. results of \(type) approved")
        }

        // 10. The ledger signed, then ranking, exports (quoting the checkpoint) and one feedback report.
        let checkpoint = try approving.anchor()
        let run = try RankingRun.load(approving, seed: seed, record: true)
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
}
