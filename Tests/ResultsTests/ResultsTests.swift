import Export
import Foundation
import Intake
import Model
import PSEATestSupport
import Ranking
import Results
import Round
import Rubric
import Store
import Testing

/// A temporary folder with a database and the project's rubrics.
final class ResultsFolder {
    let url: URL
    let catalog: RubricCatalog

    static let samples = TestPaths.samples

    init() throws {
        url = try makeTemporaryFolder("psea-results")
        catalog = try #require(SharedRubrics.project)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var database: String { url.appendingPathComponent("round.sqlite").path }

    /// A context on the folder's database with `clock`.
    func context(_ clock: RoundClock, actor: String = "tester") throws -> RoundContext {
        RoundContext(
            store: try CompetitionStore(path: database, applicationDecoder: StoredApplicationDecoder.decode),
            catalog: catalog, actor: actor, clock: clock)
    }

    /// The valid sample applications, sorted.
    static var applications: [String] { TestPaths.validSampleFiles }

    /// The demo round on the folder's database, its exports written into the folder.
    func demo() throws -> DemoRound.Outcome {
        try DemoRound.run(
            try context(.fixed(DemoRound.time), actor: DemoRound.actor), applications: Self.applications, rules: nil,
            samples: Self.samples, folder: url, language: .en, say: { _ in })
    }
}

/// 2025-02-19T21:20:00Z and a day later.
private let firstDay = Date(timeIntervalSince1970: 1_740_000_000)
private let nextDay = Date(timeIntervalSince1970: 1_740_086_400)

@Suite("Lottery scopes")
struct LotteryScopeTests {
    @Test func encodesAndParsesTheLedgerScope() throws {
        let scope = LotteryScope(year: 2568, type: "open-governance")
        #expect(scope.key == "2568/open-governance")
        #expect(scope.ledgerScope == "lottery:2568/open-governance")
        #expect(LotteryScope(ledgerScope: scope.ledgerScope) == scope)
    }

    @Test(arguments: ["assignment-1", "lottery:", "lottery:2568", "lottery:2568/", "lottery:x/open-governance", "2568/open-governance"])
    func refusesWhatIsNoLotteryScope(_ text: String) {
        #expect(LotteryScope(ledgerScope: text) == nil)
    }

    @Test func recordedSeedsKeepOnlyLotteriesAndTheFirstOfEach() {
        let seeds = RankingRun.recordedSeeds([
            LotterySeed(scope: "assignment-1", seed: 1),
            LotterySeed(scope: "lottery:2568/open-governance", seed: 7),
            LotterySeed(scope: "lottery:2568/open-governance", seed: 8),
            LotterySeed(scope: "lottery:2568/effective-change", seed: 9),
        ])
        #expect(seeds == ["2568/open-governance": 7, "2568/effective-change": 9])
    }
}

@Suite("Ranking runs, site visits and reports through the Results library", .serialized)
struct RankingRunTests {
    /// A folder whose database holds the valid samples, ingested on the first day.
    private func ingested() throws -> ResultsFolder {
        let folder = try ResultsFolder()
        let summary = try Ingestor(context: try folder.context(.fixed(firstDay)), rules: nil)
            .run(paths: ResultsFolder.applications) { _, _ in }
        #expect(summary.stored == ResultsFolder.applications.count)
        return folder
    }

    @Test func seedsAreRecordedOnceWithTheContextsClockAndReusedAfter() throws {
        let folder = try ingested()
        let context = try folder.context(.fixed(nextDay), actor: "ranker")
        let before = try context.store.events().count
        let first = try RoundResults.rank(context, seed: 41)
        let seeds = try context.store.lotterySeeds()
        let scopes = Set(first.ranking.entries.map { "lottery:" + $0.entry.scope })
        #expect(!scopes.isEmpty && Set(seeds.map(\.scope)) == scopes)
        #expect(seeds.allSatisfy { $0.seed == 41 })
        // Every seed event carries the context's actor and the context's clock, not the time of day.
        let recorded = try context.store.events(after: before)
        #expect(recorded.count == scopes.count)
        #expect(recorded.allSatisfy { $0.kind == "lottery-seed-recorded" && $0.actor == "ranker" && $0.recordedAt == "2025-02-20T21:20:00Z" })

        // A later run with another seed reuses the recorded ones and records nothing.
        let head = try context.store.ledgerHead()
        let second = try RoundResults.rank(context, seed: 99)
        #expect(try context.store.ledgerHead() == head)
        #expect(try context.store.lotterySeeds() == seeds)
        #expect(second.ranking.entries.map(\.application) == first.ranking.entries.map(\.application))
    }

    @Test("rank's JSON printed a sub-type at a time is the whole ranking's, and records the same seeds the same way")
    func rankJSONBySubTypeIsTheWholeRankingsJSON() throws {
        let (whole, streamed) = (try ingested(), try ingested())
        let wholeContext = try whole.context(.fixed(nextDay), actor: "ranker")
        let streamedContext = try streamed.context(.fixed(nextDay), actor: "ranker")
        let expected = String(decoding: RankingReport.json(try RoundResults.rank(wholeContext, seed: 41).ranking, language: .th), as: UTF8.self)
        var pieces: [String] = []
        _ = try RoundResults.rankJSON(streamedContext, seed: 41, language: .th) { pieces.append($0) }
        #expect(pieces.joined() == expected)
        #expect(pieces.count > 2, "one piece per sub-type, besides the closing one")
        let seedEvents = { (context: RoundContext) in
            try context.store.events().filter { $0.kind == "lottery-seed-recorded" }.map { [$0.payload, $0.actor, $0.recordedAt] }
        }
        #expect(try seedEvents(streamedContext) == seedEvents(wholeContext) && !seedEvents(wholeContext).isEmpty)
        // One sub-type only, and a round already ranked (seeds reused, nothing recorded).
        let head = try streamedContext.store.ledgerHead()
        var typed = ""
        _ = try RoundResults.rankJSON(streamedContext, type: "open-governance", seed: 99, language: .en) { typed += $0 }
        let typedWhole = try RoundResults.rank(wholeContext, type: "open-governance", seed: 99).ranking
        #expect(typed == String(decoding: RankingReport.json(typedWhole, language: .en), as: UTF8.self))
        #expect(try streamedContext.store.ledgerHead() == head)
    }

    @Test("rank's JSON printed a sub-type at a time is the whole ranking's on a judged, visited and approved round")
    func rankJSONBySubTypeOnTheDemoRound() throws {
        let folder = try ResultsFolder()
        _ = try folder.demo()
        let context = try folder.context(.fixed(DemoRound.time), actor: DemoRound.actor)
        let expected = RankingReport.json(try RoundResults.rank(context).ranking, language: .th)
        var text = ""
        let notEligible = try RoundResults.rankJSON(context, language: .th) { text += $0 }
        #expect(text == String(decoding: expected, as: UTF8.self))
        #expect(notEligible.map(\.screening.application) == (try RoundResults.rank(context).notEligible.map(\.screening.application)))
    }

    @Test func aRunThatDoesNotRecordUsesTheDerivedSeedAndLeavesTheLedgerAlone() throws {
        let folder = try ingested()
        let context = try folder.context(.fixed(nextDay))
        let head = try context.store.ledgerHead()
        _ = try RankingRun.load(context, record: false)
        #expect(try context.store.ledgerHead() == head)
        #expect(try context.store.lotterySeeds().isEmpty)
        let scope = LotteryScope(year: 2568, type: "open-governance")
        #expect(RankingRun.derivedSeed(head: head, scope: scope) != RankingRun.derivedSeed(head: nil, scope: scope))
    }

    @Test func anUnknownTypeIsAUsageError() throws {
        let folder = try ingested()
        let context = try folder.context(.fixed(nextDay))
        let error = try #require(throws: PSEAError.self) { try RoundResults.rank(context, type: "nonsense") }
        #expect(error.code == ResultsCode.unknownRankingType.code && !error.isInvalidInput)
        #expect(error.text(.en).contains("open-governance"))
        // Nothing is recorded for a refused type.
        #expect(try context.store.lotterySeeds().isEmpty)
        let typed = try RoundResults.rank(context, type: "open-governance")
        #expect(!typed.ranking.entries.isEmpty && typed.ranking.entries.allSatisfy { $0.entry.type == "open-governance" })
    }

    @Test func aSiteVisitIsRecordedAtTheContextsClock() throws {
        let folder = try ingested()
        let context = try folder.context(.fixed(nextDay), actor: "visitor")
        let id = try #require(context.store.entries().first?.application.id)
        let seq = try RoundResults.recordSiteVisit(context, application: id, confirmed: false, reason: "not found on site", force: true)
        let event = try #require(context.store.events(after: seq - 1).first)
        #expect(event.kind == "site-visit-recorded" && event.actor == "visitor" && event.recordedAt == "2025-02-20T21:20:00Z")
        let unknown = try #require(throws: PSEAError.self) {
            try RoundResults.recordSiteVisit(context, application: "PG-2568-9999", confirmed: true, reason: "x")
        }
        #expect(unknown.code == RoundCode.unknownEntry.code && unknown.isInvalidInput)
    }

    @Test func aFeedbackReportNamesItsEntryAndAnUnknownOneIsInvalidInput() throws {
        let folder = try ResultsFolder()
        let outcome = try folder.demo()
        let first = try #require(outcome.run.ranking.entries.first { $0.status == .ranked })
        let context = try folder.context(.fixed(nextDay))
        let report = try RoundResults.feedbackReport(context, application: first.application, format: .md)
        #expect(report.contains(first.application))
        // The report names the rubric it was scored against: the one frozen in the ledger.
        let rubric = first.entry.rubric
        let frozen = try #require(try context.store.frozenRubric(year: rubric.year, type: rubric.type))
        #expect(report.contains("SHA-256 \(frozen.sha256)"))
        let unknown = try #require(throws: PSEAError.self) {
            try RoundResults.feedbackReport(context, application: "PG-2568-9999", format: .md)
        }
        #expect(unknown.code == RoundCode.unknownEntry.code && unknown.isInvalidInput)
    }
}

@Suite("Export verification through the Results library", .serialized)
struct ExportVerificationTests {
    @Test func aFreshExportMatchesAndAHandEditIsFound() throws {
        let folder = try ResultsFolder()
        let outcome = try folder.demo()
        #expect(outcome.written.contains { $0.hasSuffix("index.html") })
        let clean = try ExportVerification.check(databasePath: folder.database, catalog: folder.catalog, directory: folder.url.path)
        #expect(
            clean.compared == [
                "results.csv", "results.json", "index.html", "results-effective-change.csv", "results-open-governance.csv",
                "results-participation-expanded.csv", "results-poverty-integration.csv", "scores.csv", "results-staff.json", "staff.html",
            ])
        #expect(clean.differences.isEmpty)

        let results = folder.url.appendingPathComponent("results.csv")
        // The first comma of the second line becomes a semicolon.
        var bytes = [UInt8](try Data(contentsOf: results))
        let lineEnd = try #require(bytes.firstIndex(of: 0x0A))
        let comma = try #require(bytes[lineEnd...].firstIndex(of: 0x2C))
        bytes[comma] = 0x3B
        try Data(bytes).write(to: results)
        let edited = try ExportVerification.check(databasePath: folder.database, catalog: folder.catalog, directory: folder.url.path)
        #expect(edited.differences.count == 1)
        #expect(edited.differences.first?.hasPrefix("results.csv: line 2 differs") == true)
    }

    @Test func aFolderWithoutExportFilesIsAnError() throws {
        let folder = try ResultsFolder()
        _ = try folder.demo()
        let empty = folder.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(throws: PSEAError.self) {
            try ExportVerification.check(databasePath: folder.database, catalog: folder.catalog, directory: empty.path)
        }
    }

    @Test func theFirstDifferenceSaysWhereAndHow() {
        let a = Data("head\nsame\nold value\n".utf8)
        #expect(ExportVerification.firstDifference(expected: a, found: a) == nil)
        #expect(
            ExportVerification.firstDifference(expected: a, found: Data("head\nsame\nnew value\n".utf8))
                == "line 3 differs: the ledger gives \"old value\", the file has \"new value\"")
        #expect(
            ExportVerification.firstDifference(expected: Data("a\nb".utf8), found: Data("a\nb\nextra".utf8))
                == "line 3 is extra: \"extra\"")
        #expect(
            ExportVerification.firstDifference(expected: Data("a\nb".utf8), found: Data("a".utf8))
                == "line 2 is missing: \"b\"")
    }
}

@Suite("Stages and the committee's approval", .serialized)
struct ApprovalTests {
    @Test func approvalIsRefusedWhileEntriesAreStillJudged() throws {
        let round = try TemporaryRound()
        _ = try round.ingestSamples()
        let refused = try #require(throws: PSEAError.self) {
            try RoundResults.approve(round.context, type: "open-governance", meeting: "อ.ก.พ.ร. ครั้งที่ 1", date: "2025-08-20")
        }
        #expect(refused.code == ResultsCode.approvalBlocked.code && refused.isInvalidInput)
        #expect(refused.message.th.contains("เปิดใจใกล้ชิดประชาชน") && !refused.message.th.contains("open-governance"))
        #expect(refused.message.en.contains("open-governance") && refused.context["waiting"]?.isEmpty == false)
        #expect(try round.store.approvals().isEmpty)
        let stages = try RoundResults.stages(round.context)
        #expect(stages.count == 4)
        #expect(stages.allSatisfy { $0.beingJudged == $0.entries && $0.approval == nil })
        #expect(stages.first?.blocker?.en.hasPrefix("desk review") == true)
        #expect(try !RankingRun.load(round.context, record: false).bundle.approved)
        #expect(throws: PSEAError.self) { try RoundResults.approve(round.context, type: "no-such-type", meeting: "x", date: "2025-08-20") }
    }

    @Test func theDemoEndsApprovedWithTheHeadItApprovedInTheLedger() throws {
        let folder = try ResultsFolder()
        let outcome = try folder.demo()
        #expect(outcome.run.bundle.approved)
        let context = try folder.context(.fixed(nextDay))
        let approvals = try context.store.approvals()
        #expect(approvals.map(\.type) == ["effective-change", "open-governance", "participation-expanded", "poverty-integration"])
        let heads = Set(try context.store.events().map(\.hash))
        #expect(approvals.allSatisfy { heads.contains($0.ledgerHead) && $0.meeting == DemoRound.approvalMeeting })
        let stages = try RoundResults.stages(context)
        #expect(stages.allSatisfy { $0.blocker == nil && $0.visitsPending == 0 && $0.visited > 0 })
        let page = try String(decoding: Data(contentsOf: folder.url.appendingPathComponent("index.html")), as: UTF8.self)
        #expect(!page.contains("DRAFT"))
    }
}
