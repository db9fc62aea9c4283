import ArgumentParser
import Foundation
import Model
import Ranking
import Results

/// `psea rank`: final scores, gates, award levels, site-visit flags and ranks per sub-type.
struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank the entries of the round per sub-type, with gates, award levels and the tie-break cascade.",
        discussion: """
            Final score = automatic criteria + the panel's aggregates (consensus where recorded). Entries still missing
            judges or scores are listed as incomplete, never ranked. Ties follow the rubric's tie-break keys and end in
            a lottery whose seed is recorded in the ledger the first time a sub-type is ranked (from --seed, else derived
            from the ledger head) and reused after. JSON: an array of {application, type, agency, score, level, rank,
            tieBreak, status, gatesFailed, siteVisit}.
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @OptionGroup var only: SubTypeReport

    @Option(help: "Lottery seed for sub-types that have none recorded yet (a decimal number).")
    var seed: UInt64?

    func run() throws {
        let context = try options.verifyingContext(anchor: anchor)
        switch only.format {
        case .text:
            let run = try RoundResults.rank(context, type: only.type, seed: seed)
            try anchor.finish(context, lang: options.lang)
            warn(run.withoutRubricLines(language: options.lang))
            let apart = run.notEligibleLines(language: options.lang)
            writeOut(Data((RankingReport.text(run.ranking, language: options.lang) + apart.map { $0 + "\n" }.joined()).utf8))
        case .json:
            // Printed a sub-type at a time: a round of any size is ranked holding one sub-type's ranking.
            _ = try RoundResults.rankJSON(context, type: only.type, seed: seed, language: options.lang) { writeOut(Data($0.utf8)) }
            try anchor.finish(context, lang: options.lang)
        }
    }
}

/// The options of the commands that work per sub-type and print a report (`rank`, `shortlist`): one group, so
/// both spell `--type` and `--format` the same way.
struct SubTypeReport: ParsableArguments {
    @Option(name: .customLong("type"), help: "Only this sub-type key (e.g. effective-change).")
    var type: String?

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text
}

/// The outcome of a site visit, as typed on the command line.
enum SiteVisitOutcome: String, ExpressibleByArgument, CaseIterable {
    case confirmed
    case notConfirmed = "not-confirmed"
}

/// How a site visit was made, as typed on the command line.
enum SiteVisitMode: String, ExpressibleByArgument, CaseIterable {
    case onSite = "on-site"
    case online
}

/// `psea sitevisit`: records whether a site visit confirmed a shortlisted entry, how, when and by whom.
struct SiteVisitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitevisit",
        abstract: "Record the site-visit result of a shortlisted entry: confirmed or not-confirmed, with the reason, mode, date and team.",
        discussion: """
            Until a result is recorded, an entry whose score reaches the outstanding cut-off is flagged as pending
            (provisional). not-confirmed means the entry cannot be outstanding or best of the best: it is awarded good.
            Only entries on their sub-type's shortlist (psea shortlist) are visited: another entry is refused unless
            --force is given, the --reason then saying why (the record is marked forced). A later record replaces an
            earlier one; both stay in the ledger.
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Option(help: "The application id.")
    var application: String?

    @Argument(
        help: ArgumentHelp(
            "[ID] confirmed or not-confirmed: the application id may be given here instead of --application.",
            valueName: "outcome"))
    var words: [String] = []

    @Option(help: "What the visiting team found (with --force: also why an entry not shortlisted was visited).")
    var reason: String

    @Option(help: "How the visit was made: on-site or online (over electronic media).")
    var mode: SiteVisitMode?

    @Option(help: "The visit's date, YYYY-MM-DD (CE).")
    var date: String?

    @Option(help: "The visiting team, names separated by semicolons: \"name; name\".")
    var team: String?

    @Option(help: "The team's notes.")
    var notes: String?

    @Flag(help: "Record a visit to an entry that is not shortlisted (the reason must say why).")
    var force = false

    func validate() throws {
        guard !reason.trimmingWhitespace.isEmpty else { throw ValidationError("--reason must not be empty") }
        if let date, LocalDate(iso: date) == nil { throw ValidationError("--date must be a YYYY-MM-DD date") }
        if let team, RoundResults.VisitDetails.members(team).isEmpty { throw ValidationError("--team needs at least one name") }
        _ = try parsed()
    }

    /// The application and the outcome, from `--application ID OUTCOME` or the shorthand `ID OUTCOME`.
    func parsed() throws -> (application: String, outcome: SiteVisitOutcome) {
        guard (1...2).contains(words.count), let outcome = SiteVisitOutcome(argument: words[words.count - 1]) else {
            throw ValidationError("give the outcome: [ID] confirmed|not-confirmed")
        }
        return (try oneApplication(option: application, positional: words.count == 2 ? words[0] : nil), outcome)
    }

    func run() throws {
        let (application, outcome) = try parsed()
        let note = notes?.trimmingWhitespace
        let details = RoundResults.VisitDetails(
            mode: mode?.rawValue, date: date, team: team.map(RoundResults.VisitDetails.members), notes: note?.isEmpty == false ? note : nil)
        let context = try options.context(anchor: anchor)
        let seq = try RoundResults.recordSiteVisit(
            context, application: application, confirmed: outcome == .confirmed, reason: reason.trimmingWhitespace, details: details,
            force: force)
        try anchor.finish(context, lang: options.lang)
        print(
            options.lang == .th
                ? "บันทึกผลการตรวจประเมิน ณ พื้นที่ปฏิบัติงานของ \(application): \(outcome == .confirmed ? "ยืนยัน" : "ไม่ยืนยัน") (เหตุการณ์ที่ \(seq))"
                : "site visit recorded for \(application): \(outcome.rawValue) (event \(seq))")
    }
}

/// `psea shortlist`: the entries in the outstanding range, proposed for a site visit.
struct ShortlistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortlist",
        abstract: "Propose for a site visit the entries whose desk-review score reaches the outstanding range, per sub-type.",
        discussion: """
            Records each sub-type's shortlist with the ledger head it was taken from (event shortlist-proposed); the same
            list again records nothing. Refused (exit 1) while an entry of the sub-type is still being judged. Only
            shortlisted entries get a site visit (psea sitevisit).
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @OptionGroup var only: SubTypeReport

    func run() throws {
        let context = try options.verifiedContext(anchor: anchor)
        let outcomes = try RoundResults.shortlist(context, type: only.type)
        try anchor.finish(context, lang: options.lang)
        if only.format == .json { return try writeJSON(outcomes.map(\.shortlist)) }
        writeOut(Data(RoundResults.ShortlistOutcome.text(outcomes, language: options.lang).utf8))
    }
}

/// `psea approve`: records the committee's approval of one sub-type's results.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Record the committee's approval of a sub-type's results (the meeting, its date, the ledger head approved).",
        discussion: """
            Refused while an entry of the sub-type waits for a site visit or for scores. Once every sub-type of an export
            is approved, the public files no longer say ร่าง / DRAFT. A later approval replaces an earlier one; both stay
            in the ledger.
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Option(help: "The sub-type whose results are approved, e.g. open-governance.")
    var type: String

    @Option(help: "The meeting that approved them, e.g. \"อ.ก.พ.ร. ครั้งที่ 3/2568\".")
    var meeting: String

    @Option(help: "The meeting's date, YYYY-MM-DD (CE).")
    var date: String

    func validate() throws {
        guard !meeting.trimmingWhitespace.isEmpty else { throw ValidationError("--meeting must not be empty") }
        guard LocalDate(iso: date) != nil else { throw ValidationError("--date must be a YYYY-MM-DD date") }
    }

    func run() throws {
        let context = try options.verifiedContext(anchor: anchor)
        let approval = try RoundResults.approve(context, type: type, meeting: meeting.trimmingWhitespace, date: date)
        try anchor.finish(context, lang: options.lang)
        print(
            options.lang == .th
                ? "บันทึกการอนุมัติผลประเภท \(approval.type) ปี \(approval.year): \(approval.meeting) วันที่ \(approval.date) (รหัสสรุป \(approval.ledgerHead))"
                : "approval recorded for \(approval.type) \(approval.year): \(approval.meeting) on \(approval.date) (ledger head \(approval.ledgerHead))"
        )
    }
}
