import Foundation
import Model
import Rubric
import Scoring
import Store

/// Eligibility of an application under its sub-type's rules in the round file: how long the work has run by the
/// closing date, the agency kinds admitted and a previous award where the sub-type builds on one. Pure.
package enum Eligibility {
    /// Why `application` is not eligible under `rules` in a round whose window closes on `closes`; empty when eligible.
    /// `title` names the sub-type in messages (its rubric's title).
    package static func reasons(_ application: Application, rules: SubTypeRules, closes: LocalDate, title: LocalizedText) -> [ScreeningReason] {
        reasons(ApplicationFacts(application), rules: rules, closes: closes, title: title)
    }

    /// `reasons(_:rules:closes:title:)` from the application's stored facts.
    package static func reasons(_ application: ApplicationFacts, rules: SubTypeRules, closes: LocalDate, title: LocalizedText) -> [ScreeningReason] {
        var reasons: [ScreeningReason] = []
        let start = application.workStart
        let months = wholeMonths(from: start, to: closes)
        if months < rules.minMonthsRun {
            reasons.append(
                ScreeningReason(
                    code: RoundCode.workTooRecent.code,
                    message: LocalizedText(
                        th: "ผลงานเริ่มดำเนินการ \(start) ครบ \(max(months, 0)) เดือน ณ วันปิดรับสมัคร \(closes) น้อยกว่าขั้นต่ำ \(rules.minMonthsRun) เดือน",
                        en:
                            "the work started on \(start), \(max(months, 0)) whole month(s) before the closing date \(closes); at least \(rules.minMonthsRun) are required"
                    )))
        }
        let kind = application.agency.kind
        if !rules.agencyKinds.contains(kind) {
            let admitted = rules.agencyKinds.map(\.rawValue).joined(separator: ", ")
            let admittedTh = rules.agencyKinds.map(\.label.th).joined(separator: ", ")
            reasons.append(
                ScreeningReason(
                    code: RoundCode.agencyNotAdmitted.code,
                    message: LocalizedText(
                        th: "\(kind.label.th) สมัคร\(title.th)ไม่ได้ (หน่วยงานที่สมัครได้: \(admittedTh))",
                        en: "an agency of kind \(kind.rawValue) may not apply for \(rules.type) (admitted: \(admitted))")))
        }
        if rules.previousAwardRequired && !application.hasPreviousAward {
            reasons.append(
                ScreeningReason(
                    code: RoundCode.previousAwardMissing.code,
                    message: LocalizedText(
                        th: "\(title.th) ต้องเป็นผลงานที่เคยได้รับรางวัล แต่ใบสมัครไม่ได้ระบุรางวัลที่เคยได้รับ",
                        en: "\(rules.type) builds on an earlier award, and the application names none")))
        }
        return reasons
    }

    /// Whole months from `start` to `end` (a month counts once its day of the month is reached); negative when
    /// `end` is before `start`.
    package static func wholeMonths(from start: LocalDate, to end: LocalDate) -> Int {
        (end.year - start.year) * 12 + (end.month - start.month) - (end.day < start.day ? 1 : 0)
    }
}

/// What `RoundScreener.screen` found.
package struct ScreeningOutcome: Sendable, Equatable {
    /// Every current entry's screening in force after the run, by application.
    package var screenings: [Screening]
    /// Screenings recorded by this run.
    package var recorded: Int
    /// Staff overrides left as they were (the rules never replace a staff decision on the same version).
    package var overridesKept: Int

    /// Entries found eligible.
    package var eligible: [Screening] { screenings.filter(\.eligible) }
    /// Entries found not eligible.
    package var ineligible: [Screening] { screenings.filter { !$0.eligible } }
}

/// The screening stage: each entry's eligibility under the round file's rules, recorded in the ledger, and the
/// staff's overrides. An entry that is not eligible is never assigned, ranked or published.
package struct RoundScreener: Sendable {
    package let context: RoundContext

    package init(context: RoundContext) {
        self.context = context
    }

    /// Screens every current entry by the rules of its year's round file, recording a screening for each entry whose
    /// current version has none or whose result changed; a staff override of the same version is kept. Throws
    /// `PSEA-R050` (exit 2) when an entry's year has no round file. All records are one transaction.
    package func screen() throws -> ScreeningOutcome {
        let existing = Dictionary(try context.store.screenings().map { ($0.application, $0) }, uniquingKeysWith: { _, last in last })
        var fresh: [Screening] = []
        var inForce: [Screening] = []
        var kept = 0
        let catalog = context.catalog
        // Each entry's stored facts hold what eligibility is decided on: no application is decoded.
        try context.store.forEachFacts { chunk in
            for stored in chunk {
                let application = stored.facts
                if let current = existing[application.application], current.override {
                    inForce.append(current)
                    kept += 1
                    continue
                }
                let round = try catalog.requiredRound(year: application.year)
                guard let rules = round.rules(type: application.type) else {
                    throw catalog.missing(year: application.year, type: application.type)
                }
                let title = catalog.rubric(year: application.year, type: application.type)?.title ?? LocalizedText(th: rules.type, en: rules.type)
                let reasons = Eligibility.reasons(application, rules: rules, closes: round.window.closes, title: title)
                let screening = Screening(
                    application: application.application, version: stored.version, eligible: reasons.isEmpty, reasons: reasons)
                inForce.append(screening)
                if existing[application.application] != screening { fresh.append(screening) }
            }
        }
        let (actor, now, records) = (context.actor, context.clock.now(), fresh)
        if !records.isEmpty {
            try context.store.batch { batch in for record in records { try batch.recordScreening(record, actor: actor, at: now) } }
        }
        return ScreeningOutcome(screenings: inForce, recorded: fresh.count, overridesKept: kept)
    }

    /// Records the staff's decision on one entry's eligibility, with their reason; it stands until staff decide
    /// again or a new version of the entry is ingested. Throws an invalid-input error for an unknown entry or an
    /// empty reason.
    package func override(application: String, eligible: Bool, reason: String) throws -> Screening {
        let note = reason.trimmingWhitespace
        guard !note.isEmpty else {
            throw PSEAError.roundInvalid(
                RoundCode.invalidValue, th: "การวินิจฉัยคุณสมบัติของเจ้าหน้าที่ต้องมีเหตุผล", en: "a staff decision on eligibility needs a reason")
        }
        guard let stored = try context.store.entry(id: application) else {
            throw PSEAError.roundInvalid(
                RoundCode.unknownEntry, th: "ไม่พบผลงาน \(application) ในฐานข้อมูล", en: "no entry \(application) in the database")
        }
        let reasons =
            eligible
            ? []
            : [
                ScreeningReason(
                    code: RoundCode.ineligibleByStaff.code,
                    message: LocalizedText(th: "เจ้าหน้าที่วินิจฉัยว่าไม่มีคุณสมบัติ: \(note)", en: "staff decided the entry is not eligible: \(note)"))
            ]
        let screening = Screening(
            application: application, version: stored.version, eligible: eligible, reasons: reasons, override: true, note: note)
        try context.store.recordScreening(screening, actor: context.actor, at: context.clock.now())
        return screening
    }
}
