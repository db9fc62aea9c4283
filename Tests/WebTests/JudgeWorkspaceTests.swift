import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import PSEATestSupport
import Panel
import Round
import Store
import Testing

@testable import Web

/// Point 2: the judge's list and entry page, saving and revising scores, and what stays hidden.
@Suite struct JudgeWorkspaceTests {
    static let entry = WebRound.hostile

    @Test func theListShowsTheJudgesEntriesWithProgress() async throws {
        let web = try WebRound()
        let count = try web.criteria(Self.entry).count
        try await web.asJudge { client, judge in
            let page = String(buffer: try await judge.get(client, "/judge").body)
            #expect(page.contains("0/\(count)"))
            #expect(page.contains("ประเมินครบแล้ว 0 จาก \(TemporaryRound.validSampleCount) ผลงาน"))
        }
    }

    @Test func aConflictedOrUnassignedEntryIsNotFoundAndNeverCounted() async throws {
        let web = try WebRound(judgeCount: 4, perEntry: 3, conflicts: "J01,\(Self.entry),former staff")
        #expect(try !web.assigned("J01", Self.entry))
        let panel = try RoundSnapshot.loadPanel(store: web.round.store, catalog: web.round.context.catalog)
        let mine = panel.entries.filter { $0.judges.contains("J01") }.map(\.id)
        let unassigned = try #require(panel.entries.first { !$0.judges.contains("J01") && $0.id != Self.entry }?.id)
        try await web.asJudge { client, judge in
            let list = String(buffer: try await judge.get(client, "/judge").body)
            #expect(!list.contains(Self.entry) && !list.contains(unassigned))
            #expect(list.contains("จาก \(mine.count) ผลงาน"))
            for id in [Self.entry, unassigned, "PG-0000-0000"] {
                #expect(try await judge.get(client, "/judge/entries/\(id)").status == .notFound)
                let criterion = try web.criteria(mine[0])[0]
                let saved = try await judge.post(client, "/judge/entries/\(id)", [("criterion", criterion), ("percent", "50")])
                #expect(saved.status == .notFound)
            }
        }
        #expect(try web.events(.scoreGiven).isEmpty)
    }

    @Test func theEntryShowsTheApplicationBesideEachCriterionsForm() async throws {
        let web = try WebRound()
        let criteria = try web.criteria(Self.entry)
        try await web.asJudge { client, judge in
            let response = try await judge.get(client, "/judge/entries/\(Self.entry)")
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(page.contains("หน่วยงาน"))  // the head of the application, as psea show renders it
            for criterion in criteria {
                #expect(page.contains("id=\"\(criterion)\""))
                #expect(page.contains("name=\"criterion\" value=\"\(criterion)\""))
            }
            #expect(page.contains("<option value=\"35\">35%</option>"))
            #expect(!page.contains("<option value=\"37\""))
            #expect(page.contains("จุดแข็ง") && page.contains("โอกาสในการปรับปรุง") && page.contains("name=\"evidence\""))
            #expect(page.contains("แนวทางการพิจารณาและระดับคะแนน"))
        }
    }

    @Test func savingRecordsTheSameEventsAsScoresAddAndARevisionKeepsTheEarlierValue() async throws {
        let web = try WebRound()
        let criterion = try web.criteria(Self.entry)[0]
        let evidence = try #require(try web.round.store.entry(id: Self.entry)?.application.evidence.first?.id)
        try await web.asJudge(opening: Self.entry) { client, judge in
            let first = try await judge.post(
                client, "/judge/entries/\(Self.entry)",
                [("criterion", criterion), ("percent", "70"), ("comment", "ชัดเจน"), ("strength", "มีข้อมูล"), ("evidence", evidence)])
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == "/judge/entries/\(Self.entry)#\(criterion)")
            let second = try await judge.post(client, "/judge/entries/\(Self.entry)", [("criterion", criterion), ("percent", "80")])
            #expect(second.status == .seeOther)
            let page = String(buffer: try await judge.get(client, "/judge/entries/\(Self.entry)").body)
            #expect(page.contains("บันทึกแล้ว 80%"))
            #expect(page.contains("<option value=\"80\" selected>"))
        }
        let events = try web.events(.scoreGiven)
        #expect(events.map(\.actor) == ["judge:J01", "judge:J01"])
        let revisions = try web.round.store.scoreRevisions(judge: "J01", application: Self.entry, criterion: criterion)
        #expect(revisions.map(\.score.percent) == [70, 80])
        #expect(revisions.first?.score.evidence == [evidence])
        #expect(revisions.first?.score.strength == "มีข้อมูล")
        // The web's score is the one `psea scores add` would record: the same value again records nothing.
        let again = try RoundPanel(context: web.round.context).addScore(
            Score(judge: "J01", application: Self.entry, criterion: criterion, percent: 80))
        #expect(again.recorded == 0 && again.unchanged == 1)
        #expect(try web.round.store.verify().ok)
    }

    @Test func anOffStepPercentOrAnUnknownEvidenceIdIsRefusedAndNothingIsRecorded() async throws {
        let web = try WebRound()
        let criterion = try web.criteria(Self.entry)[0]
        try await web.asJudge(opening: Self.entry) { client, judge in
            let offStep = try await judge.post(client, "/judge/entries/\(Self.entry)", [("criterion", criterion), ("percent", "72")])
            #expect(offStep.status == .unprocessableContent)
            #expect(String(buffer: offStep.body).contains(ProblemCode.percentOffStep.code))
            let evidence = try await judge.post(
                client, "/judge/entries/\(Self.entry)", [("criterion", criterion), ("percent", "70"), ("evidence", "NO-SUCH")])
            #expect(evidence.status == .unprocessableContent)
            #expect(String(buffer: evidence.body).contains(ProblemCode.evidenceUnknown.code))
            let none = try await judge.post(client, "/judge/entries/\(Self.entry)", [("criterion", criterion)])
            #expect(none.status == .unprocessableContent)
        }
        #expect(try web.events(.scoreGiven).isEmpty)
    }

    @Test func otherJudgesScoresStayHiddenUntilThisJudgeHasScoredEveryCriterion() async throws {
        let web = try WebRound()
        let criteria = try web.criteria(Self.entry)
        let panel = RoundPanel(context: web.round.context)
        for criterion in criteria {
            #expect(try panel.addScore(Score(judge: "J02", application: Self.entry, criterion: criterion, percent: 35)).recorded == 1)
        }
        try await web.asJudge { client, judge in
            var page = String(buffer: try await judge.get(client, "/judge/entries/\(Self.entry)").body)
            #expect(!page.contains("คณะกรรมการ ") && !page.contains("35%</p>"))
            for (index, criterion) in criteria.enumerated() {
                if index == criteria.count - 1 {
                    page = String(buffer: try await judge.get(client, "/judge/entries/\(Self.entry)").body)
                    #expect(!page.contains("คณะกรรมการ 2 ท่าน"), "shown before the last criterion is scored")
                }
                _ = try await judge.post(client, "/judge/entries/\(Self.entry)", [("criterion", criterion), ("percent", "95")])
            }
            page = String(buffer: try await judge.get(client, "/judge/entries/\(Self.entry)").body)
            #expect(page.contains("ประเมินครบแล้ว"))
            #expect(page.contains("คณะกรรมการ 2 ท่าน: ค่ารวม 65% ช่วงห่าง 60 จุด"))
            #expect(!page.contains("J02"))  // the panel's aggregate, never another judge's name
        }
    }

    @Test func everyScoreFormPostsToItsEntry() async throws {
        let web = try WebRound()
        let entry = WebRound.hostile
        let criteria = try web.criteria(entry)
        try await web.asJudge { client, judge in
            let page = String(buffer: try await judge.get(client, "/judge/entries/\(entry)").body)
            let actions = page.components(separatedBy: "<form method=\"post\" action=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(actions.count == criteria.count)
            #expect(actions.allSatisfy { $0 == "/judge/entries/\(entry)" }, "\(actions)")
        }
    }
}
