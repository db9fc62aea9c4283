import Export
import Foundation
import Model
import Panel
import Ranking
import Round
import Store

/// The results' codes are the registry's Results entries (`ProblemCode.unknownRankingType`, module `.results`);
/// this is their name in the results' code.
package typealias ResultsCode = ProblemCode

/// The round's results as the command line asks for them: each function reads the round from the context, does
/// one job and returns what there is to print. Every event they record carries the context's actor and clock.
package enum RoundResults {
    /// The ranking of the round (only sub-type `type` when given), recording the lottery seed of every sub-type
    /// ranked for the first time (`seed`, else one derived from the ledger head). Throws a usage error for a
    /// sub-type no rubric knows.
    package static func rank(_ context: RoundContext, type: String? = nil, seed: UInt64? = nil) throws -> RankingRun {
        if let type { try checkType(type, of: context) }
        return try RankingRun.load(context, type: type, seed: seed, record: true, keep: [])
    }

    /// `rank`'s JSON array, written to `write` a sub-type at a time (`RankingRun.forEachScope`): the same bytes as
    /// `RankingReport.json` of `rank`'s ranking, while only one sub-type's ranking is held. Returns the entries not
    /// eligible.
    package static func rankJSON(
        _ context: RoundContext, type: String? = nil, seed: UInt64? = nil, language: Language, write: (String) -> Void
    ) throws -> [RankingRun.NotEligibleEntry] {
        if let type { try checkType(type, of: context) }
        var writer = RankingReport.JSONArrayWriter()
        // Nothing is written until the round is found rankable (every entry has its rubric).
        var text = writer.start
        let notEligible = try RankingRun.forEachScope(context, type: type, seed: seed, record: true, keep: []) { run in
            for entry in run.ranking.entries { text += writer.element(RankingReport.json(entry, language: language)) }
            write(text)
            text = ""
        }
        write(text + writer.end)
        return notEligible
    }

    /// Throws unless some rubric of the catalogue, or one frozen in the ledger, is of sub-type `type`.
    package static func checkType(_ type: String, of context: RoundContext) throws {
        let known = Set(context.catalog.all.map(\.type) + (try context.store.frozenRubrics()).map(\.type)).sorted()
        guard !known.contains(type) else { return }
        let list = known.isEmpty ? "-" : known.joined(separator: ", ")
        throw PSEAError(
            code: ResultsCode.unknownRankingType,
            message: LocalizedText(
                th: "ไม่รู้จักประเภท '\(type)' (ประเภทที่มีเกณฑ์: \(list))",
                en: "unknown sub-type '\(type)' (sub-types with a rubric: \(list))"),
            context: ["type": type])
    }

    /// What an export wrote.
    package struct Exported: Sendable {
        /// The names of the files written, in the folder.
        package var files: [String]
        /// Entries left out because no rubric exists for their year and type.
        package var withoutRubric: [String]
    }

    /// Ranks the round (recording new lottery seeds) and writes its export in `format` for `audience` into
    /// `folder` (created when missing), CSV headers in `header`. The public files list winners by level only; no
    /// page lists an individual score; no export prints a trail. The public files and the staff page are ranked and
    /// written a sub-type at a time (`RankingRun.forEachScope`): the same bytes, holding one sub-type's ranking.
    package static func export(
        _ context: RoundContext, format: ExportFormat, audience: ExportAudience = .public, header: HeaderLanguage = .th,
        to folder: URL
    ) throws -> Exported {
        if let publication = Exporter.publication(format, audience: audience, header: header) {
            try Exporter.publish(publication.name, kind: publication.kind, to: folder) { start in
                try withoutActuallyEscaping(start) { start in
                    var writer: PublicationWriter?
                    _ = try RankingRun.forEachScope(context, record: true, keep: [], heading: { writer = start($0) }) { run in
                        writer?.add(run.bundle)
                    }
                }
            }
            // Every entry has its rubric here: one without makes the ranking throw before anything is written.
            return Exported(files: [publication.name], withoutRubric: [])
        }
        let run = try exportRun(context, format: format, audience: audience)
        let names = try Exporter.export(run.bundle, format: format, audience: audience, header: header, to: folder)
        return Exported(files: names, withoutRubric: run.withoutRubric)
    }

    /// The files `export` writes, in memory (the web workspace's downloads): the same ranking, seeds recorded
    /// the same way, the same bytes.
    package static func exportFiles(
        _ context: RoundContext, format: ExportFormat, audience: ExportAudience = .public, header: HeaderLanguage = .th
    ) throws -> [ExportFile] {
        Exporter.files(try exportRun(context, format: format, audience: audience).bundle, format: format, audience: audience, header: header)
    }

    /// The ranking an export is made from, recording new lottery seeds; individual scores kept only where the
    /// files list them.
    private static func exportRun(_ context: RoundContext, format: ExportFormat, audience: ExportAudience) throws -> RankingRun {
        try RankingRun.load(context, record: true, keep: audience == .staff && format != .html ? .scores : [])
    }

    /// The feedback report of one entry, after ranking the round (recording new lottery seeds). Throws an
    /// invalid-input error when the entry is unknown or has no rubric.
    package static func feedbackReport(
        _ context: RoundContext, application: String, format: FeedbackReport.Format
    ) throws -> String {
        let run = try RankingRun.load(context, record: true)
        guard let entry = run.ranking.entry(application) else {
            guard run.withoutRubric.contains(application) else { throw UnknownEntry.error(application, known: try context.store.entryIDs()) }
            throw PSEAError(
                code: RoundCode.unknownEntry, application: application, th: "ใบสมัคร \(application) ไม่มีเกณฑ์สำหรับปีและประเภทของตน จึงทำรายงานไม่ได้",
                en: "entry \(application) has no rubric for its year and type, so there is no report")
        }
        return FeedbackReport.render(
            entry, in: run.ranking, scores: run.bundle.scores, format: format, rubricSHA256: run.bundle.rubricHashes[entry.entry.rubric.key])
    }

    /// What a site-visit record says besides its outcome: how, when, who and what they noted.
    @MemberwiseInit
    package struct VisitDetails: Sendable, Equatable {
        /// `on-site` or `online`.
        package var mode: String?
        /// `YYYY-MM-DD`.
        package var date: String?
        package var team: [String]?
        package var notes: String?

        /// The names of a team typed as one text, `"name; name"`: trimmed, empty ones left out.
        package static func members(_ text: String) -> [String] {
            text.split(separator: ";").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
        }

        /// Throws `PSEA-RES103` for a mode other than `on-site` or `online`, a date that is not `YYYY-MM-DD` or a
        /// team without a name.
        func check() throws {
            if let mode, !["on-site", "online"].contains(mode) {
                throw incomplete(th: "วิธีการตรวจประเมินต้องเป็น on-site หรือ online", en: "the visit's mode must be on-site or online")
            }
            if let date { try checkDate(date) }
            if let team, team.isEmpty { throw incomplete(th: "ต้องระบุชื่อคณะผู้ตรวจประเมินอย่างน้อยหนึ่งคน", en: "the team needs at least one name") }
        }
    }

    /// A record refused for a missing or invalid field (`PSEA-RES103`, invalid input).
    static func incomplete(th: String, en: String) -> PSEAError {
        PSEAError(code: ResultsCode.recordIncomplete, message: LocalizedText(th: th, en: en), isInvalidInput: true)
    }

    /// Throws `PSEA-RES103` unless `date` is a `YYYY-MM-DD` date.
    static func checkDate(_ date: String) throws {
        guard LocalDate(iso: date) == nil else { return }
        throw incomplete(th: "วันที่ต้องอยู่ในรูป ปปปป-ดด-วว (ค.ศ.) เช่น 2025-08-15", en: "the date must be YYYY-MM-DD (CE)")
    }

    /// Records the result of a site visit to `application` and returns the event's sequence number. Throws
    /// `PSEA-RES103` for an empty reason or an invalid detail, an invalid-input error when the entry is unknown, and
    /// `PSEA-RES101` when it is not on its sub-type's shortlist
    /// unless `force` is set (the visit is then recorded as forced, `reason` saying why).
    package static func recordSiteVisit(
        _ context: RoundContext, application: String, confirmed: Bool, reason: String, details: VisitDetails = VisitDetails(),
        force: Bool = false
    ) throws -> Int {
        guard !reason.trimmingWhitespace.isEmpty else {
            throw incomplete(th: "ต้องระบุสิ่งที่คณะผู้ตรวจประเมินพบ (เหตุผล)", en: "a site-visit record needs a reason")
        }
        try details.check()
        let known = try context.store.entryIDs()
        guard known.contains(application) else { throw UnknownEntry.error(application, known: known) }
        let shortlisted = try context.store.shortlists().contains { $0.applications.contains(application) }
        guard shortlisted || force else {
            throw PSEAError(
                code: ResultsCode.notShortlisted, application: application,
                th: "ผลงาน \(application) ไม่อยู่ในรายชื่อที่คัดเลือกเพื่อตรวจประเมิน ณ พื้นที่ปฏิบัติงาน (psea shortlist) หากจำเป็นต้องบันทึกให้ใช้ --force พร้อม --reason",
                en: "entry \(application) is not shortlisted for a site visit (psea shortlist); to record it anyway use --force with --reason")
        }
        let visit = SiteVisit(
            application: application, confirmed: confirmed, reason: reason, mode: details.mode, date: details.date, team: details.team,
            notes: details.notes, forced: shortlisted ? nil : true)
        return try context.store.recordSiteVisit(visit, actor: context.actor, at: context.clock.now())
    }

    /// What `shortlist` did for one sub-type.
    package struct ShortlistOutcome: Sendable, Equatable {
        package var shortlist: Shortlist
        /// False when the same shortlist was already in force (nothing recorded).
        package var recorded: Bool

        /// What `psea shortlist` prints: per sub-type its count and whether it was recorded, then its entries.
        package static func text(_ outcomes: [ShortlistOutcome], language: Language) -> String {
            let th = language == .th
            guard !outcomes.isEmpty else { return th ? "ไม่มีผลงานในช่วงคะแนนดีเด่น\n" : "no entry in the outstanding range\n" }
            var text = ""
            for outcome in outcomes {
                let list = outcome.shortlist
                let state = outcome.recorded ? (th ? "บันทึกแล้ว" : "recorded") : (th ? "ไม่เปลี่ยนแปลง" : "unchanged")
                text += "\(list.year)/\(list.type): \(list.applications.count) (\(state))\n"
                for id in list.applications { text += "  \(id)\n" }
            }
            return text
        }
    }

    /// Proposes for a site visit, per sub-type (only `type` when given), the entries whose desk-review score
    /// reaches the outstanding range, and records each sub-type's shortlist with the ledger head it was taken from
    /// (event `shortlist-proposed`; the same list again records nothing). Throws `PSEA-RES102` while an entry of a
    /// sub-type is still being judged, and a usage error for an unknown sub-type.
    package static func shortlist(_ context: RoundContext, type: String? = nil) throws -> [ShortlistOutcome] {
        if let type { try checkType(type, of: context) }
        let run = try RankingRun.load(context, type: type, record: false, keep: [])
        let head = try context.store.ledgerHead() ?? ""
        let current = Dictionary(try context.store.shortlists().map { ("\($0.year)/\($0.type)", $0) }, uniquingKeysWith: { _, last in last })
        var outcomes: [ShortlistOutcome] = []
        for scope in run.ranking.scopes {
            let entries = run.ranking.entries.filter { $0.scope == scope }
            guard let first = entries.first else { continue }
            try refuse(
                ResultsCode.shortlistBlocked, scope: scope, waiting: entries.filter { $0.status == .incomplete },
                th: "ยังคัดเลือกผลงานของ\(first.entry.rubric.title.th) ปี \(first.entry.year) ไม่ได้: ผลงานที่ยังประเมินเอกสารไม่ครบ",
                en: "the shortlist of \(scope) cannot be made yet: still being judged")
            let chosen = entries.filter { $0.siteVisit != nil }.map(\.application).sorted()
            guard !chosen.isEmpty || current[scope] != nil else { continue }
            var list = Shortlist(year: first.entry.year, type: first.entry.type, applications: chosen, ledgerHead: head)
            if let existing = current[scope], existing.applications == chosen {
                list.ledgerHead = existing.ledgerHead
                outcomes.append(ShortlistOutcome(shortlist: list, recorded: false))
                continue
            }
            try context.store.recordShortlist(list, actor: context.actor, at: context.clock.now())
            outcomes.append(ShortlistOutcome(shortlist: list, recorded: true))
        }
        return outcomes
    }

    /// Records the committee's approval of sub-type `type`'s results at `meeting` on `date` (`YYYY-MM-DD`), with
    /// the ledger head it approved (after the lottery seeds are recorded), and returns it. Throws `PSEA-RES103` for
    /// an empty meeting or a date that is not `YYYY-MM-DD`, a usage error for
    /// an unknown sub-type and an invalid-input error while an entry of the sub-type waits for a site visit or
    /// scores.
    package static func approve(_ context: RoundContext, type: String, meeting: String, date: String) throws -> Approval {
        guard !meeting.trimmingWhitespace.isEmpty else {
            throw incomplete(th: "ต้องระบุการประชุมที่อนุมัติผล", en: "an approval needs the meeting that approved it")
        }
        try checkDate(date)
        try checkType(type, of: context)
        let run = try RankingRun.load(context, type: type, record: true, keep: [])
        if let first = run.ranking.entries.first {
            try refuse(
                ResultsCode.approvalBlocked, scope: type,
                waiting: run.ranking.entries.filter { $0.status == .incomplete || $0.siteVisit == .pending },
                th: "ยังอนุมัติผลของ\(first.entry.rubric.title.th) ไม่ได้: ผลงานที่รอการตรวจประเมิน ณ พื้นที่ปฏิบัติงานหรือรอคะแนน",
                en: "the results of \(type) cannot be approved yet: waiting for a site visit or scores")
        }
        let year = run.ranking.entries.first?.entry.year ?? 0
        let approval = Approval(year: year, type: type, meeting: meeting, date: date, ledgerHead: try context.store.ledgerHead() ?? "")
        try context.store.recordApproval(approval, actor: context.actor, at: context.clock.now())
        return approval
    }

    /// Throws `code` (invalid input) when some of the sub-type's entries are `waiting`, listing them after `th` and
    /// `en` (what cannot be done yet and what they wait for; the Thai text names the sub-type by its title, never
    /// its key). `scope` is the sub-type as the error's context gives it.
    private static func refuse(_ code: ProblemCode, scope: String, waiting: [RankedEntry], th: String, en: String) throws {
        guard !waiting.isEmpty else { return }
        let list = waiting.map(\.application).joined(separator: ", ")
        throw PSEAError(
            code: code, message: LocalizedText(th: "\(th) \(list)", en: "\(en): \(list)"), context: ["type": scope, "waiting": list],
            isInvalidInput: true)
    }

    /// Where one sub-type stands, stage by stage.
    package struct Stage: Sendable, Equatable, Encodable {
        /// `year/type`.
        package var scope: String
        /// Entries of the sub-type that may be ranked (eligible or not yet screened).
        package var entries: Int
        /// Entries not screened yet (or re-ingested since).
        package var notScreened: Int = 0
        /// Entries screened as not eligible: never assigned, ranked or published.
        package var ineligible: Int = 0
        /// Entries still waiting for judges or scores (desk review not finished).
        package var beingJudged: Int
        /// Entries on the shortlist in force; nil before any shortlist of the sub-type is recorded.
        package var shortlisted: Int? = nil
        /// Entries in the outstanding range that the shortlist in force does not hold.
        package var notShortlisted: Int = 0
        /// Entries in the outstanding range and their site visits: recorded, and still pending.
        package var visited: Int
        package var visitsPending: Int
        /// The approval, when recorded.
        package var approval: Approval?
        /// The sub-type's name in Thai (its rubric's title and year), which Thai text uses instead of `scope`'s key;
        /// not part of the JSON, which keeps `scope`.
        package var thaiName: String? = nil

        /// What blocks the next stage, in Thai and English; nil once the sub-type is approved.
        package var blocker: LocalizedText? {
            if notScreened > 0 {
                return LocalizedText(
                    th: "รอการตรวจสอบคุณสมบัติ \(notScreened) ผลงาน (psea screen)", en: "screening: \(notScreened) entry(ies) not screened (psea screen)"
                )
            }
            if beingJudged > 0 {
                return LocalizedText(
                    th: "รอคะแนนการประเมินเอกสาร \(beingJudged) ผลงาน", en: "desk review: \(beingJudged) entry(ies) still being judged")
            }
            if notShortlisted > 0 {
                return LocalizedText(
                    th: "รอการคัดเลือกผลงานเพื่อตรวจประเมิน ณ พื้นที่ปฏิบัติงาน \(notShortlisted) ผลงาน (psea shortlist)",
                    en: "shortlist: \(notShortlisted) entry(ies) in the outstanding range not shortlisted (psea shortlist)")
            }
            if visitsPending > 0 {
                return LocalizedText(th: "รอการตรวจประเมิน ณ พื้นที่ปฏิบัติงาน \(visitsPending) ผลงาน", en: "site visits: \(visitsPending) pending")
            }
            if approval == nil { return LocalizedText(th: "รอการอนุมัติผล (psea approve)", en: "waiting for approval (psea approve)") }
            return nil
        }

        enum CodingKeys: String, CodingKey {
            case scope, entries, notScreened, ineligible, beingJudged, shortlisted, notShortlisted, visited, visitsPending, approval, blocker
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeListingNulls([
                .scope: scope, .entries: entries, .notScreened: notScreened, .ineligible: ineligible, .beingJudged: beingJudged,
                .shortlisted: shortlisted, .notShortlisted: notShortlisted, .visited: visited, .visitsPending: visitsPending,
                .approval: approval, .blocker: blocker,
            ])
        }
    }

    /// The application window of one award year as the round's clock sees it.
    package struct WindowState: Sendable, Equatable, Encodable {
        package var year: Int
        package var opens: String
        package var closes: String
        package var timeZone: String
        /// `not-open`, `open` or `closed`.
        package var state: String
        /// Entry versions accepted after the close (`ingest --late`).
        package var acceptedLate: Int
    }

    /// Where the whole round stands: each year's application window, the screening counts and each sub-type's stage.
    package struct Progress: Sendable, Equatable, Encodable {
        package var windows: [WindowState]
        /// Current entries, screened (in force), eligible, not eligible and not screened.
        package var screening: ScreeningCounts
        package var types: [Stage]
    }

    /// The screening stage in numbers.
    @MemberwiseInit
    package struct ScreeningCounts: Sendable, Equatable, Encodable {
        package var entries: Int
        package var eligible: Int
        package var ineligible: Int
        package var notScreened: Int
    }

}

extension RoundResults.WindowState {
    /// The window in one line, as `psea status` prints it.
    package func line(language: Language) -> String {
        let th = language == .th
        let word: String
        switch state {
        case "open": word = th ? "เปิดรับสมัคร" : "open"
        case "not-open": word = th ? "ยังไม่เปิดรับสมัคร" : "not open yet"
        default: word = th ? "ปิดรับสมัครแล้ว" : "closed"
        }
        return th
            ? "รับสมัคร \(year): \(opens) ถึง \(closes) (\(timeZone)) · \(word) · รับหลังปิด \(acceptedLate)"
            : "applications \(year): \(opens) to \(closes) (\(timeZone)) · \(word) · accepted late \(acceptedLate)"
    }
}

extension RoundResults.ScreeningCounts {
    /// The screening counts in one line, as `psea status` prints them.
    package func line(language: Language) -> String {
        language == .th
            ? "ตรวจสอบคุณสมบัติ: ผลงาน \(entries) · มีคุณสมบัติ \(eligible) · ไม่มีคุณสมบัติ \(ineligible) · ยังไม่ตรวจ \(notScreened)"
            : "screening: entries \(entries) · eligible \(eligible) · not eligible \(ineligible) · not screened \(notScreened)"
    }
}

extension RoundResults.Stage {
    /// The sub-type's stages in one line, as `psea status` prints them (Thai names the sub-type by its title).
    package func line(language: Language) -> String {
        let th = language == .th
        let approved = approval.map { th ? "อนุมัติแล้ว \($0.meeting) \($0.date)" : "approved \($0.meeting) \($0.date)" }
        let listed = shortlisted.map(String.init) ?? "-"
        return th
            ? "\(thaiName ?? scope): ผลงาน \(entries) (ไม่มีคุณสมบัติ \(ineligible)) · ประเมินเอกสาร รอ \(beingJudged) · คัดเลือกเพื่อตรวจประเมิน \(listed) · ตรวจประเมิน ณ พื้นที่ปฏิบัติงาน \(visited) รอ \(visitsPending) · \(approved ?? "ยังไม่อนุมัติ")"
            : "\(scope): entries \(entries) (not eligible \(ineligible)) · desk review waiting \(beingJudged) · shortlisted \(listed) · site visits \(visited), pending \(visitsPending) · \(approved ?? "not approved")"
    }
}

extension RoundResults.Progress {
    /// The window, screening and each sub-type's stages with what blocks the next one, as `psea status` prints
    /// them after its counts.
    package func lines(language: Language) -> [String] {
        var lines = windows.map { $0.line(language: language) } + [screening.line(language: language)]
        for stage in types {
            lines.append(stage.line(language: language))
            if let blocker = stage.blocker { lines.append(language == .th ? "  ถัดไป: \(blocker.th)" : "  next: \(blocker.en)") }
        }
        return lines
    }
}

extension RoundResults {
    /// Each sub-type's stage, sorted by scope, from a ranking that records nothing.
    package static func stages(_ context: RoundContext) throws -> [Stage] {
        try progress(context).types
    }

    /// The whole round's progress, stage by stage, from a ranking that records nothing.
    package static func progress(_ context: RoundContext) throws -> Progress {
        let run = try RankingRun.load(context, record: false, keep: [])
        let store = context.store
        let approvals = Dictionary(try store.approvals().map { ("\($0.year)/\($0.type)", $0) }, uniquingKeysWith: { _, last in last })
        let shortlists = Dictionary(
            try store.shortlists().map { ("\($0.year)/\($0.type)", Set($0.applications)) }, uniquingKeysWith: { _, last in last })
        let screened = Set(try store.screenings().map(\.application))
        let scopes = Set(run.ranking.scopes).union(run.notEligible.map(\.scope)).sorted()
        let types = scopes.map { scope in
            let entries = run.ranking.entries.filter { $0.scope == scope }
            let outstanding = entries.filter { $0.siteVisit != nil }.map(\.application)
            let list = shortlists[scope]
            return Stage(
                scope: scope, entries: entries.count, notScreened: entries.filter { !screened.contains($0.application) }.count,
                ineligible: run.notEligible.filter { $0.scope == scope }.count,
                beingJudged: entries.filter { $0.status == .incomplete }.count, shortlisted: list?.count,
                notShortlisted: outstanding.filter { !(list?.contains($0) ?? false) }.count,
                visited: entries.filter { $0.siteVisit != nil && $0.siteVisit != .pending }.count,
                visitsPending: entries.filter { $0.siteVisit == .pending }.count, approval: approvals[scope],
                thaiName: entries.first.map { "\($0.entry.rubric.title.th) ปี \($0.entry.rubric.year)" })
        }
        let now = context.clock.now()
        let late = try store.lateEntries()
        let years = Set(scopes.compactMap { Int($0.split(separator: "/").first ?? "") })
        var yearOf: [String: Int] = [:]
        for entry in run.ranking.entries { yearOf[entry.application] = entry.entry.year }
        for entry in run.notEligible { yearOf[entry.screening.application] = Int(entry.scope.split(separator: "/").first ?? "") }
        let windows = context.catalog.rounds.filter { years.contains($0.year) || years.isEmpty }.map { round in
            let window = round.window
            let state = now < window.openingInstant ? "not-open" : (window.isLate(now) ? "closed" : "open")
            return WindowState(
                year: round.year, opens: "\(window.opens)", closes: "\(window.closes)", timeZone: window.timeZone, state: state,
                acceptedLate: late.filter { yearOf[$0.application] == round.year }.count)
        }
        let all = run.ranking.entries.count + run.notEligible.count
        let notScreened = run.ranking.entries.filter { !screened.contains($0.application) }.count
        return Progress(
            windows: windows,
            screening: ScreeningCounts(
                entries: all, eligible: run.ranking.entries.count - notScreened, ineligible: run.notEligible.count, notScreened: notScreened),
            types: types)
    }
}
