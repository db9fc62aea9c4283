import ArgumentParser
import Foundation
import Model
import Round
import Store

/// `psea screen`: every entry's eligibility under the round file's rules, or a staff override for one entry.
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen the entries' eligibility by the round file's rules (or record a staff decision on one entry).",
        discussion: """
            Without --application: every current entry is checked against its sub-type's rules in <year>/round.yaml (the
            months the work has run by the closing date, the agency kinds admitted, a previous award where required) and
            the result is recorded in the ledger (event entry-screened) for each entry not yet screened, re-ingested or
            whose result changed; a staff decision on the same version is kept. With --application ID --eligible or
            --ineligible and --reason: the staff's decision, recorded. Entries not eligible are never assigned, ranked or
            published; assign refuses while an entry is not screened. Exit 0 (ineligible entries are a result, not an
            error), 1 for an unknown entry, 2 when a year has no round file.
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Option(help: "One entry to decide on (with --eligible or --ineligible and --reason).")
    var application: String?

    @Flag(help: "Staff decision: the entry is eligible.")
    var eligible = false

    @Flag(help: "Staff decision: the entry is not eligible.")
    var ineligible = false

    @Option(help: "Why staff decided so (with --application).")
    var reason: String?

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    func validate() throws {
        if application == nil {
            guard !eligible, !ineligible, reason == nil else {
                throw ValidationError("--eligible, --ineligible and --reason go with --application ID")
            }
            return
        }
        guard eligible != ineligible else { throw ValidationError("give one of --eligible or --ineligible with --application") }
        guard let reason, !reason.trimmingWhitespace.isEmpty else { throw ValidationError("a staff decision needs --reason TEXT") }
    }

    func run() throws {
        let context = try options.context(anchor: anchor)
        let screener = RoundScreener(context: context)
        if let application {
            let screening = try screener.override(application: application, eligible: eligible, reason: reason ?? "")
            try anchor.finish(context, lang: options.lang)
            if format == .json { return try writeJSON(screening) }
            print(
                options.lang == .th
                    ? "บันทึกการวินิจฉัยของเจ้าหน้าที่: \(application) \(eligible ? "มีคุณสมบัติ" : "ไม่มีคุณสมบัติ")"
                    : "staff decision recorded: \(application) \(eligible ? "eligible" : "not eligible")")
            return
        }
        let outcome = try screener.screen()
        try anchor.finish(context, lang: options.lang)
        if format == .json { return try writeJSON(outcome.screenings) }
        let th = options.lang == .th
        var text = ""
        for screening in outcome.screenings {
            let word = screening.eligible ? (th ? "มีคุณสมบัติ" : "eligible") : (th ? "ไม่มีคุณสมบัติ" : "not eligible")
            let staff = screening.override ? (th ? " (เจ้าหน้าที่วินิจฉัย)" : " (staff decision)") : ""
            let reasons = screening.reasons.map { "\($0.code) \($0.message.text(options.lang))" }.joined(separator: "; ")
            text += "\(screening.application)\t\(word)\(staff)" + (reasons.isEmpty ? "" : "\t\(reasons)") + "\n"
        }
        let (yes, no) = (outcome.eligible.count, outcome.ineligible.count)
        text +=
            th
            ? "ผลงาน \(outcome.screenings.count): มีคุณสมบัติ \(yes), ไม่มีคุณสมบัติ \(no) (บันทึกใหม่ \(outcome.recorded))\n"
            : "\(outcome.screenings.count) entries: \(yes) eligible, \(no) not eligible (\(outcome.recorded) recorded)\n"
        writeOut(Data(text.utf8))
    }
}
