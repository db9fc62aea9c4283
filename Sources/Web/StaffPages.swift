import Export
import Foundation
import Model
import Panel
import Ranking
import Results
import Round

/// `/staff`: the round's stages and what blocks each, progress per entry and judge, the disagreement queue with
/// the consensus form, and the stage actions' forms. Values are stored, not computed: Mustache reads a value's
/// stored properties only.
struct StaffPage: Sendable {
    /// A count of progress as a row: criteria scored of criteria to score.
    struct Row: Sendable {
        var id, name, progress: String
        var complete: Bool

        init(_ count: StaffDesk.Count) {
            (id, name) = (count.id, count.name)
            progress = "\(count.scored)/\(count.toScore)"
            complete = count.toScore > 0 && count.scored >= count.toScore
        }
    }

    /// A sub-type's stage: the line `psea status` prints, and what blocks the next stage in Thai and English.
    struct Stage: Sendable {
        var line: String
        var blocker: LocalizedText?
    }

    /// A criterion waiting for a consensus, with the judges' spread and the percents to choose from.
    struct Disagreement: Sendable {
        var application, criterion, spread: String
        var percents: [EntryPage.Choice]
    }

    /// What the staff page says after an action succeeded, by the action's name.
    static let doneMessages = [
        "consensus": "บันทึกฉันทามติแล้ว (Consensus recorded.)",
        "screen": "บันทึกผลการตรวจสอบคุณสมบัติแล้ว (Screening recorded.)",
        "shortlist": "บันทึกรายชื่อผลงานที่คัดเลือกเพื่อตรวจประเมินแล้ว (Shortlist recorded.)",
        "sitevisit": "บันทึกผลการตรวจประเมิน ณ พื้นที่ปฏิบัติงานแล้ว (Site visit recorded.)",
        "approve": "บันทึกการอนุมัติผลแล้ว (Approval recorded.)",
    ]

    var frame: PageFrame
    var done: String?
    /// The library's refusal of the last action: its code and message in Thai and English.
    var refusal: NoticePage?
    var overview: [String]
    var stages: [Stage]
    var entries, judges: [Row]
    var queue: [Disagreement]
    var queueEmpty: Bool
    /// The sub-types by key, shown by their Thai names (for the shortlist and approval forms).
    var types: [EntryPage.Choice]
    /// The entry ids (for the screening and site-visit forms).
    var applications: [String]

    init(_ desk: StaffDesk, context: WebContext, done: String? = nil, refusal: PSEAError? = nil) throws {
        let frame = PageFrame(title: "เจ้าหน้าที่", context: context)
        self.frame = frame
        self.done = done
        self.refusal = refusal.map { error in
            NoticePage(frame: frame, heading: "ทำรายการไม่ได้", message: error.message.th, english: error.message.en, code: error.code, isError: true)
        }
        let progress = try RoundResults.progress(desk.round)
        overview = progress.windows.map { $0.line(language: .th) } + [progress.screening.line(language: .th)]
        stages = progress.types.map { Stage(line: $0.line(language: .th), blocker: $0.blocker) }
        var names: [String: String] = [:]
        for stage in progress.types {
            guard let type = stage.scope.split(separator: "/").last.map(String.init) else { continue }
            names[type] = names[type] ?? stage.thaiName ?? type
        }
        types = names.keys.sorted().map { EntryPage.Choice(value: $0, label: names[$0] ?? $0, selected: false) }
        let counts = try desk.progress()
        entries = counts.entries.map(Row.init)
        judges = counts.judges.map(Row.init)
        applications = try desk.round.store.entryIDs()
        queue = try desk.queue().map { line in
            Disagreement(
                application: line.application, criterion: line.criterion,
                spread:
                    "กรรมการ \(line.n) ท่าน · ต่ำสุด \(Ranker.format(line.min))% · สูงสุด \(Ranker.format(line.max))% · ช่วงห่าง \(Ranker.format(line.range)) จุด",
                percents: EntryPage.percentChoices(chosen: nil))
        }
        queueEmpty = queue.isEmpty
    }
}

/// `/staff/ranking`: the ranking as `psea rank` computes it, a table per sub-type.
struct StaffRankingPage: Sendable {
    struct Row: Sendable {
        var rank, application, agency, score, level, status: String
        var notes: [String]
    }

    struct Table: Sendable {
        var title: String
        var rows: [Row]
    }

    var frame: PageFrame
    var tables: [Table]
    var apart: [String]

    init(_ run: RankingRun, frame: PageFrame) {
        self.frame = frame
        let ranking = run.ranking
        tables = ranking.scopes.map { scope in
            let entries = ranking.entries.filter { $0.scope == scope }
            return Table(
                title: entries.first.map { "\($0.entry.rubric.title.th) ปี \($0.entry.rubric.year)" } ?? scope,
                rows: entries.map { entry in
                    Row(
                        rank: entry.rank.map(String.init) ?? "—", application: entry.application, agency: entry.entry.agency.name,
                        score: entry.score.map(Ranker.format) ?? "—", level: entry.level?.name.th ?? "—",
                        status: RankingReport.statusName(entry.status, th: true),
                        notes: RankingReport.notes(entry, language: .th))
                })
        }
        apart = run.notEligibleLines(language: .th) + run.withoutRubricLines(language: .th)
    }
}

/// `/staff/exports/AUDIENCE/FORMAT` when the export has several files: a link to each.
struct StaffFilesPage: Sendable {
    var frame: PageFrame
    var audience, format, header: String
    var files: [String]
}
