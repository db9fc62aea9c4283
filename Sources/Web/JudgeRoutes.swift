import Export
import Foundation
import Hummingbird
import Model
import Panel
import Ranking
import Round
import Rubric
import Scoring
import Store

extension WebServer {
    /// The judge's workspace, under `/judge` (signed-in judges only): the list of their entries with progress, an
    /// entry beside its score forms, and saving a score through `RoundPanel.addScore`, as `psea scores add` does.
    func addJudgeRoutes(to group: RouterGroup<WebContext>) {
        group.get { _, context in
            let desk = try judgeDesk(context)
            let items = try desk.items()
            return try pages.response(
                "judge",
                JudgeListPage(
                    frame: PageFrame(title: "ผลงานที่ได้รับมอบหมาย", context: context),
                    items: items.map { JudgeListPage.Row($0) },
                    complete: items.filter(\.complete).count, total: items.count, empty: items.isEmpty))
        }
        group.get("entries/:id") { _, context in
            let desk = try judgeDesk(context)
            guard let opened = try desk.open(try context.parameters.require("id")) else { throw Self.notYours }
            return try pages.response("entry", try EntryPage(opened, desk: desk, context: context))
        }
        group.post("entries/:id") { request, context in
            var request = request
            let desk = try judgeDesk(context)
            guard let opened = try desk.open(try context.parameters.require("id")) else { throw Self.notYours }
            let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
            let criterion = form["criterion"] ?? ""
            guard opened.criteria.contains(where: { $0.id == criterion }) else {
                throw HTTPError(.badRequest, message: "no criterion \(criterion) to score on this entry")
            }
            guard let percent = form["percent"].flatMap(Double.init), percent.isFinite else {
                let page = try EntryPage(opened, desk: desk, context: context, error: (criterion, "เลือกร้อยละก่อนบันทึก (Choose a percent first.)"))
                return try pages.response("entry", page, status: .unprocessableContent)
            }
            let score = Score(
                judge: desk.judge, application: opened.entry.id, criterion: criterion, percent: percent, comment: form["comment"],
                strength: form["strength"], opportunity: form["opportunity"], evidence: form.values("evidence"))
            let result = try RoundPanel(context: desk.round).addScore(score)
            guard result.isValid else {
                let message = result.issues.map { "\($0.code): \($0.message.th) (\($0.message.en))" }.joined(separator: " ")
                let page = try EntryPage(opened, desk: desk, context: context, error: (criterion, message))
                return try pages.response("entry", page, status: .unprocessableContent)
            }
            return Pages.redirect("/judge/entries/\(opened.entry.id)#\(criterion)")
        }
    }

    /// The desk of the signed-in judge, acting as them.
    func judgeDesk(_ context: WebContext) throws -> JudgeDesk {
        guard let session = context.session, session.role == .judge else { throw HTTPError(.forbidden) }
        return JudgeDesk(round: round(actor: session.actor), judge: session.subject)
    }

    /// An entry the judge may not open: 404, as for an entry that does not exist (PSEA-WEB004).
    static var notYours: WebProblem { WebProblem(.notYourEntry, .notFound) }
}

/// `/judge`: the judge's entries with their progress.
struct JudgeListPage: Sendable {
    struct Row: Sendable {
        var id, title, agency, progress: String
        var complete: Bool

        init(_ item: JudgeDesk.Item) {
            (id, title, agency, complete) = (item.id, item.title, item.agency, item.complete)
            progress = "\(item.scored)/\(item.toScore)"
        }
    }

    var frame: PageFrame
    var items: [Row]
    var complete, total: Int
    /// Stored, not computed: Mustache reads a value's stored properties only.
    var empty: Bool
}

/// `/judge/entries/ID`: the application as `psea show` renders it, each judged or hybrid criterion beside the
/// applicant's answer with its score form.
struct EntryPage: Sendable {
    /// A line of the application: a labelled field, a heading or a paragraph (the one that is set).
    struct Line: Sendable {
        var label, value, heading, paragraph: String?
    }

    /// A section of the application with its lines.
    struct Section: Sendable {
        var title: String
        var lines: [Line]
    }

    /// An option of a list or a checkbox: its value, what it shows, whether it is chosen.
    struct Choice: Sendable {
        var value, label: String
        var selected: Bool
    }

    /// The automatic suggestion of a hybrid criterion: its percent, band and trail.
    struct Suggestion: Sendable {
        var percent: Int
        var band: String
        var trail: [String]
    }

    /// The panel's aggregate of a criterion once this judge has scored the whole entry.
    struct Aggregate: Sendable {
        var count: Int
        var value, range: String
        var wide: Bool
    }

    /// One criterion beside the applicant's answer, with this judge's score form.
    struct Card: Sendable {
        var id, title, points: String
        var hybrid: Bool
        var asks: String?
        var answer: String
        var answerEvidence: String?
        /// The rubric's guidance and band descriptors.
        var guidance: String
        var descriptors: [Choice]
        var suggestion: Suggestion?
        var percents: [Choice]
        var comment, strength, opportunity: String
        var evidence: [Choice]
        var hasEvidence: Bool
        var saved, error: String?
        var panel: Aggregate?
    }

    var frame: PageFrame
    var id, title, progress: String
    /// The entry's id under a name no criterion card has: inside `{{#criteria}}`, `{{id}}` is the criterion's.
    var entryID: String
    var complete: Bool
    var sections: [Section]
    var criteria: [Card]
    var otherJudges: Int

    /// The percents a judge or the panel may give, 0–100 in steps of 5, `chosen` selected.
    static func percentChoices(chosen: Int?) -> [Choice] {
        stride(from: 0, through: 100, by: 5).map { Choice(value: String($0), label: "\($0)%", selected: $0 == chosen) }
    }

    init(_ opened: JudgeDesk.Opened, desk: JudgeDesk, context: WebContext, error: (criterion: String, message: String)? = nil) throws {
        let app = opened.application
        frame = PageFrame(title: app.work.title, context: context)
        id = app.id
        entryID = app.id
        title = app.work.title
        let done = opened.criteria.filter { opened.mine[$0.id] != nil }.count
        progress = "\(done)/\(opened.criteria.count)"
        complete = opened.complete
        otherJudges = max(0, opened.entry.judges.count - 1)
        sections = ApplicationView.sections(app, rubric: opened.rubric, language: .th).filter { !$0.isAnswers }.map { section in
            Section(
                title: section.title,
                lines: section.lines.map { line in
                    switch line {
                    case .field(let label, let value): Line(label: label, value: value)
                    case .heading(let text): Line(heading: text)
                    case .paragraph(let text): Line(paragraph: text)
                    }
                })
        }
        let sheet = Scorer.score(app, rubric: opened.rubric, bands: desk.round.catalog.bands ?? .pmqaRanges)
        let revisions = Dictionary(grouping: try desk.round.store.scoreRevisions(judge: desk.judge, application: app.id), by: \.score.criterion)
        let panel = try desk.panel(opened)
        let evidenceTitles = Dictionary(app.evidence.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        criteria = opened.criteria.map { criterion in
            let response = app.responses?.first { $0.criterion == criterion.id }
            let mine = opened.mine[criterion.id]
            let line = sheet.criteria.first { $0.id == criterion.id }
            let chosen = mine.map { Int($0.percent) }
            var card = Card(
                id: criterion.id, title: criterion.title.th, points: Ranker.format(criterion.points), hybrid: criterion.mode == .hybrid,
                asks: criterion.asks?.th, answer: response?.text ?? "(ไม่มีคำตอบ)",
                answerEvidence: response?.evidenceRefs.map { refs in
                    refs.map { ref in evidenceTitles[ref].map { "\(ref) \($0)" } ?? ref }.joined(separator: "; ")
                },
                guidance: criterion.guidance.th,
                descriptors: criterion.descriptors.map { band in
                    Choice(value: band.label, label: band.text.th, selected: chosen.map { (band.min...band.max).contains($0) } ?? false)
                },
                suggestion: nil,
                percents: Self.percentChoices(chosen: chosen),
                comment: mine?.comment ?? "", strength: mine?.strength ?? "", opportunity: mine?.opportunity ?? "",
                evidence: app.evidence.map { Choice(value: $0.id, label: $0.title, selected: mine?.evidence?.contains($0.id) ?? false) },
                hasEvidence: !app.evidence.isEmpty, saved: nil, error: nil, panel: nil)
            if criterion.mode == .hybrid, let line, let percent = line.percent {
                card.suggestion = Suggestion(percent: percent, band: line.band ?? "", trail: line.trail.map(\.th))
            }
            if let mine {
                let count = revisions[criterion.id]?.count ?? 1
                card.saved = "บันทึกแล้ว \(Ranker.format(mine.percent))%" + (count > 1 ? " (แก้ไขครั้งที่ \(count - 1); ค่าก่อนหน้ายังอยู่ในบัญชี)" : "")
            }
            if let error, error.criterion == criterion.id { card.error = error.message }
            if let aggregate = panel[criterion.id] {
                card.panel = Aggregate(
                    count: aggregate.judges.count, value: Ranker.format(Scorer.round2(aggregate.rawValue)),
                    range: Ranker.format(aggregate.raw.range), wide: aggregate.wideRange)
            }
            return card
        }
    }
}
