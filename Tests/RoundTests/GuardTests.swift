import Foundation
import Model
import PSEATestSupport
import Panel
import Round
import Store
import Testing

/// The guards a careful officer wants: each refusal first (nothing recorded), then the override with `--force
/// --reason` and the ledger holding the reason.
@Suite("Round: guards on assign, scores import and consensus")
struct GuardTests {
    /// A round with the valid samples and the demo's nine judges and declared conflicts.
    func round() throws -> TemporaryRound { try TemporaryRound.withSamplePanel() }

    var shippedScores: [UInt8] { get throws { try TemporaryRound.roundSample("scores.csv") } }

    @Test("assign refuses --per-entry below the largest minJudges, naming the rubric; --force --reason goes below and is recorded")
    func perEntryBelowMinJudges() throws {
        let round = try round()
        let before = try round.store.events().count
        let error = #expect(throws: PSEAError.self) { _ = try round.panel.assign(perEntry: 3, seed: 1) }
        #expect(error?.code == RoundCode.belowMinJudges.code && error?.isInvalidInput == true)
        #expect(error?.message.en.contains("2568/effective-change needs minJudges 5") == true)
        #expect(error?.message.th.contains("2568/effective-change กำหนดกรรมการขั้นต่ำ 5 คน") == true)
        // Refused before anything is written: no freeze, no automatic conflict, no seed, no assignment.
        #expect(try round.store.events().count == before)

        let outcome = try round.panel.assign(perEntry: 3, seed: 1, override: "  only three judges could attend  ")
        #expect(outcome.added.count == 3 * TemporaryRound.validSampleCount)
        let overrides = try round.store.overrides()
        #expect(overrides.map(\.code) == [RoundCode.belowMinJudges.code])
        #expect(overrides.first?.reason == "only three judges could attend")
        #expect(overrides.first?.command == "assign")
        #expect(overrides.first?.subject.contains("per-entry 3") == true)
        let event = try #require(try round.store.events().first { $0.kind == EventKind.guardOverridden.rawValue })
        #expect(event.payload.contains("only three judges could attend"))
        #expect(try round.store.verify().ok)
    }

    @Test("a blank reason is no override")
    func blankReasonIsNoOverride() throws {
        let round = try round()
        #expect(throws: PSEAError.self) { _ = try round.panel.assign(perEntry: 3, seed: 1, override: "   ") }
        #expect(try round.store.assignments().isEmpty)
    }

    @Test("assign --dry-run plans and checks as the real run does and records nothing")
    func dryRun() throws {
        let round = try round()
        let before = try round.store.events().count
        let planned = try round.panel.assign(perEntry: 5, seed: 2568, dryRun: true)
        #expect(planned.dryRun)
        #expect(planned.added.count == 5 * TemporaryRound.validSampleCount)
        #expect(planned.entries.allSatisfy { $0.judges.count == 5 })
        #expect(planned.frozen.count == 4 && planned.seedScope == "assignment-1")
        #expect(try round.store.events().count == before)
        #expect(try round.store.assignments().isEmpty)
        // The real run with the same seed assigns exactly what the dry run showed.
        let real = try round.panel.assign(perEntry: 5, seed: 2568)
        #expect(real.added == planned.added && !real.dryRun)
        // A dry run below minJudges is refused like the real one.
        #expect(throws: PSEAError.self) { _ = try round.panel.assign(perEntry: 4, seed: 1, dryRun: true) }
    }

    @Test("once a score exists, adding judges is refused before anything is written; --force --reason adds them and is recorded")
    func assignAfterScores() throws {
        let round = try round()
        _ = try round.panel.assign(perEntry: 5, seed: 2568)
        #expect(try round.panel.importScores(csv: shippedScores, skipUnassigned: true).recorded > 0)
        let assignments = try round.store.assignments()
        let before = try round.store.events().count

        let error = #expect(throws: PSEAError.self) { _ = try round.panel.assign(perEntry: 6, seed: 3) }
        #expect(error?.code == RoundCode.assignAfterScores.code && error?.isInvalidInput == true)
        #expect(try round.store.events().count == before)
        #expect(try round.store.assignments() == assignments)
        // A run that adds nobody is no change and needs no override.
        #expect(try round.panel.assign(perEntry: 5, seed: 4).added.isEmpty)
        #expect(try round.store.events().count == before)

        let forced = try round.panel.assign(perEntry: 6, seed: 3, override: "a sixth judge for the appeal")
        #expect(!forced.added.isEmpty)
        #expect(try round.store.overrides().map(\.code) == [RoundCode.assignAfterScores.code])
        #expect(try round.store.overrides().first?.reason == "a sixth judge for the appeal")
    }

    @Test("the shipped scores file after one's own assign: refused as a whole, or imported with --skip-unassigned and every skipped row listed")
    func skipUnassigned() throws {
        let round = try round()
        _ = try round.panel.assign(perEntry: 5, seed: 99)
        let file = try shippedScores
        let rows = PanelFiles.scores(String(decoding: file, as: UTF8.self)).rows.count

        let refused = try round.panel.importScores(csv: file)
        #expect(!refused.isValid)
        #expect(refused.issues.allSatisfy { [RoundCode.unassignedJudge.code, RoundCode.conflictedJudge.code].contains($0.code) })
        #expect(try round.store.scores().isEmpty)

        let imported = try round.panel.importScores(csv: file, skipUnassigned: true)
        #expect(imported.isValid)
        #expect(imported.recorded + imported.skipped.count == rows)
        #expect(try imported.recorded == round.store.scores().count)
        #expect(imported.skipped.count == refused.issues.count)
        #expect(imported.skipped.allSatisfy { $0.line > 1 })
        #expect(Set(imported.skipped.map(\.line)).count == imported.skipped.count)
        // Only assigned judges' rows were recorded.
        let pairs = Set(try round.store.assignments())
        #expect(try round.store.scores().allSatisfy { pairs.contains(JudgeEntryPair(judge: $0.judge, application: $0.application)) })
    }

    @Test("an identical re-import records nothing and says unchanged; a partly new file records only what is new or changed")
    func unchangedReimport() throws {
        let round = try round()
        _ = try round.panel.assign(perEntry: 5, seed: 2568)
        let judge = try #require(try round.store.assignments().first { $0.application == "PG-2568-0406" }?.judge)
        let first = """
            judge,application,criterion,percent,comment,strength,opportunity
            \(judge),PG-2568-0406,OG1.1,60,ดูจากเอกสาร,มีหลักฐานครบ,
            \(judge),PG-2568-0406,OG1.2,70,,,ควรวัดผลต่อเนื่อง

            """
        #expect(try round.panel.importScores(csv: csv(first)).recorded == 2)
        let events = try round.store.events().count

        let again = try round.panel.importScores(csv: csv(first))
        #expect(again.isValid && again.recorded == 0 && again.unchanged == 2)
        #expect(try round.store.events().count == events)
        // The same text with other white space around it is the same value.
        let spaced = try round.panel.addScore(
            Score(judge: judge, application: "PG-2568-0406", criterion: "OG1.2", percent: 70, comment: " ", opportunity: " ควรวัดผลต่อเนื่อง "))
        #expect(spaced.recorded == 0 && spaced.unchanged == 1)
        #expect(try round.store.events().count == events)

        let partly = """
            judge,application,criterion,percent,comment,strength,opportunity
            \(judge),PG-2568-0406,OG1.1,60,ดูจากเอกสาร,มีหลักฐานครบ,
            \(judge),PG-2568-0406,OG1.2,70,,,ควรวัดผลต่อเนื่องทุกปี
            \(judge),PG-2568-0406,OG2.1,80,,,

            """
        let result = try round.panel.importScores(csv: csv(partly))
        #expect(result.recorded == 2 && result.unchanged == 1)
        #expect(try round.store.events().count == events + 2)
        // The changed row is a revision; the unchanged one keeps its single value.
        let revisions = try round.store.scoreRevisions(judge: judge, application: "PG-2568-0406")
        #expect(revisions.filter { $0.score.criterion == "OG1.2" }.map(\.revision) == [1, 2])
        #expect(revisions.filter { $0.score.criterion == "OG1.1" }.map(\.revision) == [1])
        #expect(try round.store.scores(judge: judge).first { $0.criterion == "OG1.2" }?.opportunity == "ควรวัดผลต่อเนื่องทุกปี")
    }

    @Test("consensus on a criterion not flagged for disagreement is refused; --force records it with the override and its reason")
    func consensusNotFlagged() throws {
        let round = try round()
        _ = try round.panel.assign(perEntry: 5, seed: 2568)
        let judges = try round.store.assignments().filter { $0.application == "PG-2568-0406" }.map(\.judge)
        let rows =
            zip(judges, [60, 65, 70, 60, 65]).map { "\($0),PG-2568-0406,OG1.1,\($1),,," } + ["\(judges[0]),PG-2568-0406,OG1.2,20,,,"]
            + zip(judges.dropFirst(), [80, 80, 85, 90]).map { "\($0),PG-2568-0406,OG1.2,\($1),,," }
        let file = (["judge,application,criterion,percent,comment,strength,opportunity"] + rows).joined(separator: "\n") + "\n"
        #expect(try round.panel.importScores(csv: csv(file)).isValid)
        let before = try round.store.events().count

        // OG1.1: range 10, not above the threshold of 25.
        let error = #expect(throws: PSEAError.self) {
            try round.panel.recordConsensus(application: "PG-2568-0406", criterion: "OG1.1", percent: 65, reason: "tidy")
        }
        #expect(error?.code == RoundCode.consensusNotFlagged.code && error?.isInvalidInput == true)
        #expect(error?.message.en.contains("range 10 of 5 score(s)") == true)
        #expect(try round.store.consensus().isEmpty && round.store.events().count == before)
        // An entry with no score yet is not flagged either.
        #expect(throws: PSEAError.self) {
            try round.panel.recordConsensus(application: "PG-2568-0044", criterion: "OG1.1", percent: 65, reason: "tidy")
        }

        try round.panel.recordConsensus(
            application: "PG-2568-0406", criterion: "OG1.1", percent: 65, reason: "the chair asked for one value", force: true)
        #expect(try round.store.consensus().map(\.percent) == [65])
        let override = try #require(try round.store.overrides().first)
        #expect(override.code == RoundCode.consensusNotFlagged.code && override.command == "consensus")
        #expect(override.reason == "the chair asked for one value")

        // OG1.2: range 70, flagged: no force needed and no override recorded.
        try round.panel.recordConsensus(application: "PG-2568-0406", criterion: "OG1.2", percent: 80, reason: "panel met")
        #expect(try round.store.overrides().count == 1)
        #expect(try round.store.verify().ok)
    }

    @Test(
        "judges import: provinces spelled another way are stored by their official name with intake's warning; an unknown one is refused with its line"
    )
    func judgeProvinces() throws {
        let round = try TemporaryRound()
        _ = try round.ingestSamples()
        let refused = try round.panel.importJudges(
            csv: csv("id,name,ministry,province,agency\nA,a,,จ.เชียงใหม่,\nB,b,,Chiang Mai,\nC,c,,เมืองลับแล,\n"))
        #expect(refused.issues.map(\.code) == [ProblemCode.unknownProvince.code])
        #expect(refused.issues.first?.line == 4 && refused.issues.first?.column == "province")
        #expect(refused.issues.first?.message.en.contains("\"เมืองลับแล\" is not one of the 77 provinces") == true)
        #expect(try round.store.judges().isEmpty)

        let file = "id,name,ministry,province,agency\nA,a,,จ.เชียงใหม่,\nB,b,,Chiang Mai,\nC,c,,น่าน,\nD,d,,,\n"
        let stored = try round.panel.importJudges(csv: csv(file))
        #expect(stored.isValid && stored.recorded == 4)
        #expect(stored.warnings.map(\.code) == [ProblemCode.provinceSpelling.code, ProblemCode.provinceSpelling.code])
        #expect(stored.warnings.map(\.line) == [2, 3])
        // The same words intake gives an application's province.
        #expect(
            stored.warnings[0].message.en
                == "province \"จ.เชียงใหม่\" is not the official spelling (it has the prefix \"จ.\"); write \"เชียงใหม่\" (Chiang Mai)")
        #expect(stored.warnings[1].message.th.contains("ใช้ชื่อภาษาอังกฤษ \"Chiang Mai\""))
        #expect(try round.store.judges().map { $0.province ?? "" } == ["เชียงใหม่", "เชียงใหม่", "น่าน", ""])
        // The same file again is unchanged.
        let again = try round.panel.importJudges(csv: csv(file))
        #expect(again.isValid && again.recorded == 0 && again.unchanged == 4)

        // Automatic conflicts compare the official names: the Nan entries conflict with C, the Chiang Mai one
        // (none among the samples) with nobody else.
        let conflicts = try round.snapshot().conflicts.filter { $0.reasons.contains { $0.ground == .province } }
        #expect(Set(conflicts.map(\.pair.judge)) == ["C"])
        #expect(conflicts.map(\.pair.application).contains("PG-2568-0107"))
        let chiangMai = EntryProfile(application: "X", agency: "จังหวัดเชียงใหม่", kind: .province, province: "จังหวัดเชียงใหม่")
        let found = ConflictRules.automatic(judges: try round.store.judges(), entries: [chiangMai]).map(\.pair.judge)
        #expect(found == ["A", "B"])
    }
}
