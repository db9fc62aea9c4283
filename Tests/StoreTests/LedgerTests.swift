import Foundation
import GRDB
import Model
import PSEATestSupport
import Panel
import Store
import Testing

@Suite("Store: ledger chain and projections")
struct LedgerTests {
    @Test("events chain from 64 zeros, each hash recomputes, and the head is the last hash")
    func chainLinks() throws {
        let temp = try Fixture.populated()
        let events = try temp.store.events()
        #expect(events.map(\.seq) == Array(1...events.count))
        #expect(events.first?.prevHash == String(repeating: "0", count: 64))
        for (previous, event) in zip(events, events.dropFirst()) {
            #expect(event.prevHash == previous.hash)
        }
        for event in events {
            #expect(
                event.hash
                    == Ledger.hash(
                        seq: event.seq, kind: event.kind, payload: event.payload, actor: event.actor,
                        recordedAt: event.recordedAt, prevHash: event.prevHash))
        }
        #expect(try temp.store.ledgerHead() == events.last?.hash)
        let verification = try temp.store.verify()
        #expect(verification.ok)
        #expect(verification.events == events.count)
        #expect(verification.head == events.last?.hash)
        #expect(try temp.store.events(after: 11).map(\.seq) == [12, 13])
    }

    @Test("payloads are canonical JSON and the recorded time is the injected one")
    func canonicalPayload() throws {
        let temp = try Fixture.populated()
        let judge = try #require(temp.store.events().first { $0.kind == "judge-registered" })
        #expect(judge.payload == #"{"agency":"กรมการปกครอง","id":"J1","ministry":"กระทรวงมหาดไทย","name":"กรรมการ หนึ่ง"}"#)
        #expect(judge.recordedAt == "2025-02-19T21:23:00Z")
        #expect(judge.actor == "opdc")
    }

    @Test("the hashed serialization is length-prefixed, so shifting text between fields changes the hash")
    func serializationIsUnambiguous() {
        #expect(
            Ledger.canonicalSerialization(seq: 7, kind: "k", payload: "{}", actor: "ab", recordedAt: "t", prevHash: "p")
                == "psea-event-v1|1:7|1:k|2:{}|2:ab|1:t|1:p")
        let a = Ledger.hash(seq: 1, kind: "k", payload: "{}", actor: "a|b", recordedAt: "t", prevHash: "p")
        let b = Ledger.hash(seq: 1, kind: "k", payload: "{}|a", actor: "b", recordedAt: "t", prevHash: "p")
        #expect(a != b)
        #expect(a.count == 64)
    }

    @Test("the event hash is pinned: an independent SHA-256 of the documented serialization (UTF-8 byte lengths)")
    func pinnedHash() {
        let hash = Ledger.hash(
            seq: 1, kind: "judge-registered", payload: #"{"id":"J1","name":"กรรมการ"}"#, actor: "opdc",
            recordedAt: "2025-02-19T21:20:00Z", prevHash: Ledger.genesisHash)
        #expect(hash == "6c6f4683ba8581d170fba3d124dd14b086f9e69ac1d5fd2fd8ff568958fef745")
    }

    @Test("store errors carry a stable code, Thai and English text, and whether the input was at fault")
    func errorMessages() throws {
        let temp = try Fixture.populated()
        do {
            try temp.store.recordScore(Score(judge: "J2", application: "PG-2", criterion: "C1", percent: 50), actor: "J2", at: Fixture.at(90))
            Issue.record("a conflicted judge scored")
        } catch let error as PSEAError {
            #expect(error.code == "PSEA-DB005")
            #expect(error.message.th.contains("ส่วนได้ส่วนเสีย"))
            #expect(error.message.en.contains("conflict of interest"))
            #expect(error.context == ["judge": "J2", "application": "PG-2"])
            #expect(error.isInvalidInput)
        }
        do {
            _ = try CompetitionStore(path: "/nonexistent-psea-folder/x.sqlite")
            Issue.record("opened a database in a missing folder")
        } catch let error as PSEAError {
            #expect(error.message.th.contains("เปิดฐานข้อมูล"))
            #expect(error.message.en.contains("cannot open the database"))
            #expect(!error.isInvalidInput)
        }
    }

    @Test("an empty ledger verifies and has no head")
    func emptyLedger() throws {
        let temp = try TemporaryStore()
        #expect(try temp.store.ledgerHead() == nil)
        #expect(try temp.store.verify() == LedgerVerification(events: 0, head: nil, problem: nil))
    }

    @Test("rebuildProjections reproduces every table from the events alone")
    func rebuildReproduces() throws {
        let temp = try Fixture.populated()
        try temp.store.recordScore(Score(judge: "J1", application: "PG-1", criterion: "C1", percent: 95), actor: "J1", at: Fixture.at(30))
        let before = try Snapshot(temp.store)
        try temp.tamper("DELETE FROM judges; DELETE FROM scores; DELETE FROM score_revisions; UPDATE entries SET version = 9")
        #expect(try Snapshot(temp.store) != before)
        try temp.store.rebuildProjections()
        #expect(try Snapshot(temp.store) == before)
        #expect(try temp.store.verify().ok)
    }

    @Test("the store refuses to update or delete events itself (append-only triggers)")
    func appendOnlyTriggers() throws {
        let temp = try Fixture.populated()
        let queue = try DatabaseQueue(path: temp.path)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE events SET actor = 'x' WHERE seq = 1") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "DELETE FROM events WHERE seq = 1") }
        }
        #expect(try temp.store.verify().ok)
    }

    @Test("a new ledger keeps no index on the events' hashes (appends stay in order), and one made with it still verifies")
    func noHashIndex() throws {
        let temp = try Fixture.populated()
        let queue = try DatabaseQueue(path: temp.path)
        let indexes = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list('events')") }
        #expect(indexes.isEmpty)
        // A database made before (with the index) is read and appended to as it is.
        try queue.write { db in try db.execute(sql: "CREATE UNIQUE INDEX events_hash_before ON events(hash)") }
        try temp.store.registerJudge(Judge(id: "J9", name: "กรรมการ เก้า"), actor: "opdc", at: Fixture.at(60))
        #expect(try temp.store.verify().ok)
    }

    @Test("data survives closing and reopening the file")
    func reopen() throws {
        let temp = try Fixture.populated()
        let head = try temp.store.ledgerHead()
        let reopened = try CompetitionStore(path: temp.path)
        #expect(try reopened.ledgerHead() == head)
        #expect(try reopened.judges().count == 2)
        #expect(try reopened.verify().ok)
    }

    @Test("a file that cannot be opened, or is not a database, is PSEA-DB001")
    func unopenable() throws {
        #expect(errorCode { _ = try CompetitionStore(path: "/nonexistent-psea-folder/sub/competition.sqlite") } == "PSEA-DB001")
        let temp = try TemporaryStore()
        let garbage = temp.folder.appendingPathComponent("notes.sqlite")
        try Data(String(repeating: "ไม่ใช่ฐานข้อมูล ", count: 400).utf8).write(to: garbage)
        #expect(errorCode { _ = try CompetitionStore(path: garbage.path) } == "PSEA-DB001")
    }
}

@Suite("Store: tampering through raw SQLite is detected")
struct TamperTests {
    @Test("a ledger of several pages verifies, rebuilds, and a fault on a later page is found at its seq")
    func severalPages() throws {
        let temp = try Fixture.populated()
        // Verify and rebuild read the events a page at a time (500): 1,200 more events span three pages.
        try temp.store.batch { batch in
            for index in 1...1_200 {
                _ = try batch.registerJudge(Judge(id: "JP\(index)", name: "กรรมการ \(index)"), actor: "opdc", at: Fixture.at(20 + index))
            }
        }
        let before = try Snapshot(temp.store)
        #expect(try temp.store.verify() == LedgerVerification(events: 1_213, head: try temp.store.ledgerHead(), problem: nil))
        try temp.tamper("DELETE FROM judges")
        try temp.store.rebuildProjections()
        #expect(try Snapshot(temp.store) == before)
        try temp.tamper("UPDATE events SET payload = replace(payload, 'JP1100', 'JP9999') WHERE seq = 1113")
        let problem = try #require(temp.store.verify().problem)
        #expect(problem.code == "hash")
        #expect(problem.seq == 1_113)
    }

    @Test("an edited payload is reported at its seq")
    func editedPayload() throws {
        let temp = try Fixture.populated()
        try temp.tamper(#"UPDATE events SET payload = replace(payload, '"percent":80', '"percent":100') WHERE seq = 8"#)
        #expect(try temp.store.events()[7].payload.contains(#""percent":100"#))
        let problem = try #require(temp.store.verify().problem)
        #expect(problem.code == "hash")
        #expect(problem.seq == 8)
        #expect(try temp.store.status().ledgerOK == false)
    }

    @Test("a deleted row is reported as a gap at the missing seq")
    func deletedRow() throws {
        let temp = try Fixture.populated()
        try temp.tamper("DELETE FROM events WHERE seq = 5")
        let verification = try temp.store.verify()
        #expect(verification.problem?.code == "seq-gap")
        #expect(verification.problem?.seq == 5)
        #expect(verification.events == 4)
    }

    @Test("a deleted first row is reported at seq 1")
    func deletedFirstRow() throws {
        let temp = try Fixture.populated()
        try temp.tamper("DELETE FROM events WHERE seq = 1")
        #expect(try temp.store.verify().problem?.seq == 1)
    }

    @Test("an edited hash is reported at its seq")
    func editedHash() throws {
        let temp = try Fixture.populated()
        try temp.tamper("UPDATE events SET hash = ? WHERE seq = 4", arguments: [String(repeating: "f", count: 64)])
        let problem = try #require(temp.store.verify().problem)
        #expect(problem.code == "hash")
        #expect(problem.seq == 4)
    }

    @Test("a row re-hashed after its link was changed is reported as a broken link")
    func brokenLink() throws {
        let temp = try Fixture.populated()
        let event = try #require(temp.store.events().first { $0.seq == 6 })
        let prevHash = String(repeating: "1", count: 64)
        let hash = Ledger.hash(seq: 6, kind: event.kind, payload: event.payload, actor: event.actor, recordedAt: event.recordedAt, prevHash: prevHash)
        try temp.tamper("UPDATE events SET prevHash = ?, hash = ? WHERE seq = 6", arguments: [prevHash, hash])
        let problem = try #require(temp.store.verify().problem)
        #expect(problem.code == "prev-hash")
        #expect(problem.seq == 6)
    }

    @Test("an edited projection row is reported as a projection mismatch and repaired by a rebuild")
    func editedProjection() throws {
        let temp = try Fixture.populated()
        try temp.tamper("UPDATE scores SET percent = 99 WHERE judge = 'J2'")
        let problem = try #require(temp.store.verify().problem)
        #expect(problem.code == "projection")
        #expect(problem.seq == nil)
        #expect(problem.message.en.contains("scores"))
        #expect(problem.message.th.contains("scores"))
        try temp.store.rebuildProjections()
        #expect(try temp.store.verify().ok)
        #expect(try temp.store.scores(judge: "J2").first?.percent == 62.5)
    }

    @Test("a removed last event leaves projections that no longer match")
    func removedTail() throws {
        let temp = try Fixture.populated()
        try temp.tamper("DELETE FROM events WHERE seq = 13")
        #expect(try temp.store.verify().problem?.code == "projection")
    }

    @Test("an event with a valid hash but an unreadable payload or kind is reported at its seq")
    func unreadableEvents() throws {
        for (kind, payload) in [("score-given", "{not json"), ("ballot-stuffed", "{}")] {
            let temp = try Fixture.populated()
            let head = try #require(try temp.store.ledgerHead())
            let hash = Ledger.hash(seq: 14, kind: kind, payload: payload, actor: "x", recordedAt: "2025-01-01T00:00:00Z", prevHash: head)
            try temp.tamper(
                "INSERT INTO events (seq, kind, payload, actor, recordedAt, prevHash, hash) VALUES (14, ?, ?, 'x', '2025-01-01T00:00:00Z', ?, ?)",
                arguments: [kind, payload, head, hash]
            )
            let problem = try #require(temp.store.verify().problem)
            #expect(problem.code == "unreadable")
            #expect(problem.seq == 14)
            #expect(errorCode { try temp.store.rebuildProjections() } == "PSEA-DB007")
        }
    }

    @Test("a re-chained event that contradicts an earlier one is reported at its seq, not thrown")
    func contradictoryEvent() throws {
        let temp = try Fixture.populated()
        let head = try #require(try temp.store.ledgerHead())
        let payload = #"{"id":"J1","name":"ผู้แอบอ้าง"}"#
        let hash = Ledger.hash(seq: 14, kind: "judge-registered", payload: payload, actor: "x", recordedAt: "2025-01-01T00:00:00Z", prevHash: head)
        try temp.tamper(
            "INSERT INTO events (seq, kind, payload, actor, recordedAt, prevHash, hash) VALUES (14, 'judge-registered', ?, 'x', '2025-01-01T00:00:00Z', ?, ?)",
            arguments: [payload, head, hash]
        )
        let problem = try #require(temp.store.verify().problem)
        #expect(problem.code == "replay")
        #expect(problem.seq == 14)
        #expect(errorCode { try temp.store.rebuildProjections() } == "PSEA-DB007")
        #expect(try temp.store.judges().first?.name == "กรรมการ หนึ่ง")
    }

    @Test("a column that is not text is reported, never a crash")
    func nonTextColumn() throws {
        let temp = try Fixture.populated()
        try temp.tamper("UPDATE events SET actor = x'41' WHERE seq = 3")
        let problem = try #require(temp.store.verify().problem)
        #expect(problem.code == "unreadable")
        #expect(problem.seq == 3)
        #expect(errorCode { _ = try temp.store.events() } == "PSEA-DB007")
    }
}

@Suite("Store: concurrency")
struct ConcurrencyTests {
    @Test("readers running while a writer appends always see a complete, valid prefix of the chain")
    func readersDuringWrites() async throws {
        let temp = try Fixture.populated()
        let store = temp.store
        let start = try store.events().count
        let writes = 60
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for n in 0..<writes {
                    try store.recordScore(
                        Score(judge: "J1", application: "PG-1", criterion: "C\(n % 5)", percent: Double(n)), actor: "J1", at: Fixture.at(100 + n))
                    await Task.yield()
                }
                return writes
            }
            for _ in 0..<2 {
                group.addTask {
                    var seen = 0
                    var checked = 0
                    // Bounded, and yielding, so a reader can never starve the writer on a small thread pool.
                    for _ in 0..<40 {
                        let events = try store.events()
                        #expect(events.count >= seen)
                        #expect(events.map(\.seq) == Array(1...events.count))
                        #expect(zip(events, events.dropFirst()).allSatisfy { $0.hash == $1.prevHash })
                        let revisions = try store.scoreRevisions()
                        #expect(revisions.count >= events.filter { $0.kind == "score-given" }.count)
                        seen = events.count
                        checked += 1
                        await Task.yield()
                    }
                    #expect(seen >= start)
                    return checked
                }
            }
            for try await count in group {
                #expect(count > 0)
            }
        }
        #expect(try store.scoreRevisions(judge: "J1").count == writes + 1)
        #expect(try store.verify().ok)
    }
}
