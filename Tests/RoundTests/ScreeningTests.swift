import Foundation
import Model
import PSEATestSupport
import Round
import Rubric
import Store
import Testing

/// 2025-03-01T00:00:00+07:00: the first instant after the 2568 window.
private let afterClose = Date(timeIntervalSince1970: 1_740_762_000)

/// A context on `round`'s database with another clock.
private func at(_ date: Date, _ round: TemporaryRound) -> RoundContext {
    RoundContext(store: round.store, catalog: round.context.catalog, actor: "officer", clock: .fixed(date))
}

@Suite("Late ingest and screening")
struct ScreeningTests {
    @Test("an application received after the window closes is refused, then accepted with a reason that is recorded")
    func lateIngest() throws {
        let round = try TemporaryRound()
        let late = at(afterClose, round)
        let refused = try Ingestor(context: late, rules: nil).run(paths: TestPaths.validSampleFiles) { outcomes, _ in
            #expect(outcomes.allSatisfy { if case .late(_, _, let error) = $0 { error.code == RoundCode.lateEntry.code } else { false } })
        }
        #expect(refused.late == TemporaryRound.validSampleCount && refused.stored == 0)
        #expect(try round.store.entries().isEmpty && round.store.events().isEmpty)

        let accepted = try Ingestor(context: late, rules: nil, lateReason: "ระบบรับสมัครขัดข้องวันสุดท้าย").run(paths: TestPaths.validSampleFiles) { _, _ in
        }
        #expect(accepted.stored == TemporaryRound.validSampleCount && accepted.acceptedLate == accepted.stored && accepted.late == 0)
        let recorded = try round.store.lateEntries()
        #expect(recorded.count == accepted.stored && recorded.allSatisfy { $0.reason == "ระบบรับสมัครขัดข้องวันสุดท้าย" && $0.version == 1 })
        #expect(try round.store.events().filter { $0.kind == "late-entry-accepted" }.count == accepted.stored)

        // The same files again after the close are unchanged, not late; inside the window nothing is late.
        let again = try Ingestor(context: late, rules: nil).run(paths: TestPaths.validSampleFiles) { _, _ in }
        #expect(again.unchanged == TemporaryRound.validSampleCount && again.late == 0)
        let other = try TemporaryRound()
        #expect(try other.ingestOnly().late == 0)
        #expect(try other.store.lateEntries().isEmpty)
        #expect(try round.store.verify().ok)
    }

    @Test("whole months count once the day of the month is reached")
    func months() throws {
        let closes = try #require(LocalDate(iso: "2025-02-28"))
        #expect(Eligibility.wholeMonths(from: try #require(LocalDate(iso: "2024-02-28")), to: closes) == 12)
        #expect(Eligibility.wholeMonths(from: try #require(LocalDate(iso: "2024-03-01")), to: closes) == 11)
        #expect(Eligibility.wholeMonths(from: try #require(LocalDate(iso: "2025-03-01")), to: closes) == -1)
    }

    @Test("screening records each entry's eligibility with a code per reason; assign refuses until then and skips the ineligible")
    func screeningAndAssign() throws {
        // A round where state enterprises may not apply for effective-change and the work must have run 17 months.
        let (folder, rubrics) = try rubricsCopy { text in
            let kinds = editingRule(text, type: "effective-change", key: "agencyKinds") {
                $0.replacingOccurrences(of: " state-enterprise,", with: "")
            }
            return editingRule(kinds, type: "effective-change", key: "minMonthsRun") { _ in "    minMonthsRun: 17" }
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let round = try TemporaryRound(rubrics: rubrics)
        _ = try round.ingestOnly()
        _ = try round.panel.importJudges(csv: csv("id,name,ministry,province,agency\nA,a,,,\nB,b,,,\nC,c,,,\n"))

        let unscreened = try #require(throws: PSEAError.self) { try round.panel.assign(perEntry: 3, seed: 1) }
        #expect(unscreened.code == RoundCode.notScreened.code && unscreened.isInvalidInput)
        #expect(try round.store.assignments().isEmpty)

        let outcome = try round.screen()
        #expect(outcome.recorded == TemporaryRound.validSampleCount)
        // The state enterprise (PG-2568-0522) is not admitted; every effective-change entry started 2023-10-01 or later
        // (16 months or fewer by 2025-02-28) except the one that started in 2022.
        let pwa = try #require(outcome.ineligible.first { $0.application == "PG-2568-0522" })
        #expect(Set(pwa.reasons.map(\.code)) == [RoundCode.agencyNotAdmitted.code, RoundCode.workTooRecent.code])
        #expect(
            pwa.reasons.allSatisfy {
                !$0.message.th.isEmpty && !$0.message.en.isEmpty && !$0.message.th.contains("state-enterprise")
                    && !$0.message.th.contains("effective-change")
            })
        #expect(outcome.ineligible.allSatisfy { $0.reasons.contains { $0.code == RoundCode.workTooRecent.code } })
        #expect(outcome.eligible.count + outcome.ineligible.count == TemporaryRound.validSampleCount)
        #expect(try round.store.events().filter { $0.kind == "entry-screened" }.count == TemporaryRound.validSampleCount)
        // The same rules again record nothing.
        #expect(try round.screen().recorded == 0)

        let assigned = try round.panel.assign(perEntry: 3, seed: 1, override: "three judges are enough for this test")
        let ineligible = Set(outcome.ineligible.map(\.application))
        #expect(assigned.skippedIneligible == ineligible.sorted())
        #expect(Set(assigned.added.map(\.application)).isDisjoint(with: ineligible))
        #expect(assigned.added.count == 3 * outcome.eligible.count)
        #expect(try round.store.verify().ok)
    }

    @Test("a staff override records its reason, is kept by later screenings and replaced by the next decision")
    func override() throws {
        let round = try TemporaryRound()
        _ = try round.ingestSamples()
        let screener = RoundScreener(context: round.context)
        let decided = try screener.override(application: "PG-2568-0406", eligible: false, reason: "ผลงานซ้ำกับที่เคยได้รับรางวัล")
        #expect(!decided.eligible && decided.override && decided.reasons.map(\.code) == [RoundCode.ineligibleByStaff.code])
        #expect(decided.note == "ผลงานซ้ำกับที่เคยได้รับรางวัล")
        let again = try screener.screen()
        #expect(again.overridesKept == 1 && again.recorded == 0)
        #expect(again.ineligible.map(\.application) == ["PG-2568-0406"])
        let back = try screener.override(application: "PG-2568-0406", eligible: true, reason: "ตรวจสอบแล้วเป็นผลงานใหม่")
        #expect(back.eligible && back.reasons.isEmpty)
        #expect(try round.store.screenings().first { $0.application == "PG-2568-0406" } == back)

        #expect(throws: PSEAError.self) { try screener.override(application: "PG-2568-9999", eligible: true, reason: "x") }
        let blank = try #require(throws: PSEAError.self) { try screener.override(application: "PG-2568-0406", eligible: true, reason: "  ") }
        #expect(blank.code == RoundCode.invalidValue.code)
        #expect(try round.store.verify().ok)
    }

    @Test("a year without a round file cannot be screened (PSEA-R050)")
    func noRoundFile() throws {
        let folder = try makeTemporaryFolder("psea-norounds")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rubrics = folder.appendingPathComponent("Rubrics")
        try FileManager.default.copyItem(at: TestPaths.rubrics, to: rubrics)
        try FileManager.default.removeItem(at: rubrics.appendingPathComponent("2568/round.yaml"))
        let round = try TemporaryRound(rubrics: rubrics)
        _ = try round.ingestOnly()
        let error = try #require(throws: PSEAError.self) { try round.screen() }
        #expect(error.code == RubricCode.roundFileNotFound.code && !error.isInvalidInput)
    }
}
