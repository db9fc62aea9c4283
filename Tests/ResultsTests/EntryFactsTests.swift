import Export
import Foundation
import GRDB
import Model
import PSEATestSupport
import Ranking
import Results
import Round
import Scoring
import Store
import Testing

/// Rank, exports and reports read each entry's stored facts (`entry_facts`) instead of its application.
@Suite("Entry facts: the round ranked and exported from the stored facts")
struct EntryFactsTests {
    /// The demo round's folder and a context on its database.
    private static func demo() throws -> (ResultsFolder, RoundContext) {
        let folder = try ResultsFolder()
        _ = try folder.demo()
        return (folder, try folder.context(.fixed(DemoRound.time), actor: DemoRound.actor))
    }

    @Test("once the rubrics are frozen, every current entry has its facts and its automatic outcomes under its frozen rubric")
    func everyEntryHasItsFacts() throws {
        let (folder, context) = try Self.demo()
        defer { withExtendedLifetime(folder) {} }
        var rows: [StoredFacts] = []
        try context.store.forEachFacts { rows += $0 }
        #expect(rows.map(\.id) == (try context.store.entryIDs()))
        let frozen = Dictionary(
            try context.store.frozenRubrics().map { ("\($0.year)/\($0.type)", $0.sha256) }, uniquingKeysWith: { first, _ in first })
        for row in rows {
            #expect(row.rubricSHA256 != nil)
            #expect(row.rubricSHA256 == frozen["\(row.facts.year)/\(row.facts.type)"])
            #expect(!(row.outcomes ?? []).isEmpty)
            let stored = try #require(try context.store.entry(id: row.id))
            #expect(row.version == stored.version)
            #expect(row.facts == ApplicationFacts(stored.application))
        }
    }

    @Test("the ranking, every export file and the feedback reports' data from the stored facts equal those from the applications")
    func sameAsFromTheApplications() throws {
        let (folder, context) = try Self.demo()
        defer { withExtendedLifetime(folder) {} }
        let facts = try RankingRun.load(context, record: false)
        let documents = try RankingRun.load(context, record: false, fromDocuments: true)
        #expect(!facts.ranking.entries.isEmpty)
        #expect(facts.ranking == documents.ranking)
        #expect(facts.bundle == documents.bundle)
        #expect(facts.withoutRubric == documents.withoutRubric)
        #expect(facts.notEligible == documents.notEligible)
        for format in ExportFormat.allCases {
            for audience in ExportAudience.allCases {
                let fromFacts = Exporter.files(facts.bundle, format: format, audience: audience)
                let fromDocuments = Exporter.files(documents.bundle, format: format, audience: audience)
                #expect(fromFacts.map(\.name) == fromDocuments.map(\.name))
                #expect(fromFacts.map(\.data) == fromDocuments.map(\.data), "\(format) \(audience)")
            }
        }
    }

    @Test("ranking reads the scores without their texts: the same values, no comments, and the same ranking")
    func rankingWithoutScoreTexts() throws {
        let (folder, context) = try Self.demo()
        defer { withExtendedLifetime(folder) {} }
        var commented = try #require(try context.store.scores().first)
        commented.comment = "หลักฐานครบถ้วน"
        commented.strength = "จุดแข็ง"
        _ = try context.store.recordScore(commented, actor: commented.judge, at: DemoRound.time)
        let full = try context.store.scores()
        let values = try context.store.scores(texts: false)
        #expect(full.contains { $0.comment == "หลักฐานครบถ้วน" })
        #expect(values.allSatisfy { $0.comment == nil && $0.strength == nil && $0.opportunity == nil && $0.evidence == nil })
        #expect(
            values.map { "\($0.judge) \($0.application) \($0.criterion) \($0.percent) \($0.band ?? "")" }
                == full.map { "\($0.judge) \($0.application) \($0.criterion) \($0.percent) \($0.band ?? "")" })
        // Without `.scores` the run reads the values only; the ranking is the same.
        let light = try RankingRun.load(context, record: false, keep: .trails)
        let all = try RankingRun.load(context, record: false, keep: .all)
        #expect(light.ranking == all.ranking)
        #expect(light.bundle.scores.isEmpty && all.bundle.scores.contains(commented))
    }

    @Test("an entry whose stored facts are of another rubric is scored from its application: the same ranking")
    func staleFactsAreNotUsed() throws {
        let (folder, context) = try Self.demo()
        let before = try RankingRun.load(context, record: false)
        // Facts of a rubric other than the one in use (as before a rubric is frozen) count for nothing.
        try DatabaseQueue(path: folder.database).write { db in
            try db.dropSealTriggers()
            try db.execute(sql: "UPDATE entry_facts SET rubric = ? WHERE rowid % 2 = 0", arguments: [String(repeating: "0", count: 64)])
        }
        let after = try RankingRun.load(try folder.context(.fixed(DemoRound.time), actor: DemoRound.actor), record: false)
        #expect(after.bundle == before.bundle)
    }

    @Test("a tampered outcome in entry_facts fails verify, naming the table, and a rebuild repairs it")
    func tamperedOutcomeIsCaught() throws {
        let (folder, context) = try Self.demo()
        #expect(try context.store.verify().ok)
        try DatabaseQueue(path: folder.database).write { db in
            let id = try #require(try String.fetchOne(db, sql: "SELECT application FROM entry_facts ORDER BY application LIMIT 1"))
            let outcomes = try #require(try String.fetchOne(db, sql: "SELECT outcomes FROM entry_facts WHERE application = ?", arguments: [id]))
            // Every rule outcome of the entry becomes 100 %.
            let forged = outcomes.replacingOccurrences(of: #""bits":"[0-9a-f]+""#, with: #""bits":"4059000000000000""#, options: .regularExpression)
            #expect(forged != outcomes)
            try db.dropSealTriggers()
            try db.execute(sql: "UPDATE entry_facts SET outcomes = ? WHERE application = ?", arguments: [forged, id])
        }
        let store = try CompetitionStore(path: folder.database)
        let problem = try #require(try store.verify().problem)
        #expect(problem.code == "projection")
        #expect(problem.message.en.contains("entry_facts"))
        try store.rebuildProjections()
        #expect(try store.verify().ok)
    }

    @Test("a database written before the facts existed gets them when it is opened, equal to their rebuild")
    func olderDatabaseIsFilled() throws {
        let (folder, context) = try Self.demo()
        var expected: [StoredFacts] = []
        try context.store.forEachFacts { expected += $0 }
        try DatabaseQueue(path: folder.database).write { db in
            try db.execute(sql: "DROP TABLE entry_facts")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v7-entry-facts'")
        }
        let reopened = try CompetitionStore(path: folder.database)
        var filled: [StoredFacts] = []
        try reopened.forEachFacts { filled += $0 }
        #expect(filled == expected)
        #expect(try reopened.verify().ok)
    }
}
