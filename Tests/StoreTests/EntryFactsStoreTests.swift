import Foundation
import Model
import PSEATestSupport
import Panel
import Store
import Synchronization
import Testing

@Suite("Store: entry facts projection")
struct EntryFactsStoreTests {
    @Test("each current version has its facts and profile; a new version replaces them; no outcomes without a frozen text")
    func factsFollowTheCurrentVersion() throws {
        let temp = try TemporaryStore()
        let first = try Fixture.application("PG-2568-0042")
        _ = try temp.store.ingest(application: first, canonical: try Fixture.canonical(first), source: "a.xml", actor: "intake", at: Fixture.t0)
        let stored = try #require(try temp.store.facts(of: "PG-2568-0042"))
        #expect(stored.version == 1)
        #expect(stored.facts.workTitle == first.work.title)
        #expect(stored.facts.agency == first.agency)
        #expect(stored.profile == EntryProfile(first))
        #expect(stored.rubricSHA256 == nil && stored.outcomes == nil)
        let second = try Fixture.application("PG-2568-0042", title: "สภาพลเมืองน่าน ระยะที่ 2")
        _ = try temp.store.ingest(application: second, canonical: try Fixture.canonical(second), source: "b.xml", actor: "intake", at: Fixture.at(1))
        let replaced = try #require(try temp.store.facts(of: "PG-2568-0042"))
        #expect(replaced.version == 2)
        #expect(replaced.facts.workTitle == "สภาพลเมืองน่าน ระยะที่ 2")
        #expect(try temp.store.facts(of: "missing") == nil)
        #expect(try temp.store.verify().ok)
    }

    @Test("an edited entry_facts row is reported as a projection mismatch naming the table, and a rebuild repairs it")
    func editedFactsAreCaught() throws {
        let temp = try Fixture.populated()
        #expect(try temp.store.verify().ok)
        try temp.tamper("UPDATE entry_facts SET facts = replace(facts, 'จังหวัดน่าน', 'จังหวัดแพร่') WHERE application = 'PG-2'")
        let problem = try #require(temp.store.verify().problem)
        #expect(problem.code == "projection")
        #expect(problem.message.en.contains("entry_facts"))
        try temp.store.rebuildProjections()
        #expect(try temp.store.verify().ok)
        #expect(try temp.store.facts(of: "PG-2")?.facts.agency.name == "จังหวัดน่าน")
    }

    @Test("a rebuild gives the rows written live: entries ingested before and after the freeze, and a new version after it")
    func rebuildScoresFromTheIngestEvents() throws {
        let temp = try TemporaryStore()
        let store = temp.store
        func ingest(_ id: String, title: String = "สภาพลเมืองน่าน", _ minute: Int) throws {
            let application = try Fixture.application(id, title: title)
            _ = try store.ingest(
                application: application, canonical: try Fixture.canonical(application), source: "\(id).xml", actor: "intake",
                at: Fixture.at(minute))
        }
        try ingest("PG-R1", 1)
        try ingest("PG-R2", 2)
        let text = try String(contentsOf: TestPaths.rubrics.appendingPathComponent("2568/effective-change.yaml"), encoding: .utf8)
        let sha256 = Ledger.sha256Hex(Data(text.utf8))
        _ = try store.freezeRubric(RubricFreeze(year: 2568, type: "effective-change", sha256: sha256, text: text), actor: "opdc", at: Fixture.at(3))
        try ingest("PG-R3", 4)
        try ingest("PG-R2", title: "สภาพลเมืองน่าน ระยะที่ 2", 5)
        var live: [StoredFacts] = []
        try store.forEachFacts { live += $0 }
        #expect(live.map(\.id) == ["PG-R1", "PG-R2", "PG-R3"])
        #expect(live.map(\.version) == [1, 2, 1])
        #expect(live.allSatisfy { $0.rubricSHA256 == sha256 && !($0.outcomes ?? []).isEmpty })
        #expect(try store.verify().ok)
        // Verify decodes each ingested application once, through the store's fast decoder when it has one; a decoder
        // that gives up leaves the payload to JSONDecoder, with the same result.
        let calls = Mutex(0)
        let counting = try CompetitionStore(path: temp.path) { json in
            // Another test's store may share the fast decoder (it is kept per process): only this test's entries count.
            if json.contains("PG-R") { calls.withLock { $0 += 1 } }
            return try? JSONDecoder().decode(Application.self, from: Data(json.utf8))
        }
        #expect(try counting.verify().ok)
        #expect(calls.withLock { $0 } == 4)
        let givingUp = try CompetitionStore(path: temp.path) { _ in nil }
        #expect(try givingUp.verify().ok)
        try givingUp.rebuildProjections()
        var rebuilt: [StoredFacts] = []
        try store.forEachFacts { rebuilt += $0 }
        #expect(rebuilt == live)
        try counting.rebuildProjections()
        rebuilt = []
        try store.forEachFacts { rebuilt += $0 }
        #expect(rebuilt == live)
    }
}
