import Foundation
import Model
import PSEATestSupport
import Panel
import Store
import Testing

@Suite("Store: entries")
struct EntryTests {
    @Test("first ingest stores version 1 with the hash of the canonical bytes and the model readable back")
    func storesNewEntry() throws {
        let temp = try TemporaryStore()
        let app = try Fixture.application("PG-2568-0042")
        let canonical = try Fixture.canonical(app)
        let receipt = try temp.store.ingest(application: app, canonical: canonical, source: "a.xml", actor: "intake", at: Fixture.t0)
        #expect(receipt.status == .stored(version: 1))
        #expect(receipt.version == 1)
        #expect(receipt.seq == 1)
        #expect(receipt.sha256 == Ledger.sha256Hex(canonical))
        let entries = try temp.store.entries()
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.application == app)
        #expect(entry.version == 1)
        #expect(entry.sha256 == receipt.sha256)
        #expect(entry.source == "a.xml")
        #expect(entry.actor == "intake")
        #expect(entry.recordedAt == "2025-02-19T21:20:00Z")
        #expect(try temp.store.entry(id: "PG-2568-0042") == entry)
        #expect(try temp.store.entry(id: "missing") == nil)
    }

    @Test("re-ingesting the same bytes is a no-op without an event")
    func unchangedIsNoOp() throws {
        let temp = try TemporaryStore()
        let app = try Fixture.application("PG-1")
        let canonical = try Fixture.canonical(app)
        _ = try temp.store.ingest(application: app, canonical: canonical, source: "a.xml", actor: "intake", at: Fixture.at(0))
        let again = try temp.store.ingest(application: app, canonical: canonical, source: "b.xml", actor: "other", at: Fixture.at(1))
        #expect(again.status == .unchanged)
        #expect(again.seq == nil)
        #expect(again.version == 1)
        #expect(try temp.store.events().count == 1)
        #expect(try temp.store.versions(of: "PG-1").map(\.source) == ["a.xml"])
    }

    @Test("changed bytes for the same id make a new version and keep the older ones")
    func newVersionKeepsOld() throws {
        let temp = try TemporaryStore()
        let first = try Fixture.application("PG-1", title: "ชื่อเดิม")
        let second = try Fixture.application("PG-1", title: "ชื่อใหม่")
        _ = try temp.store.ingest(application: first, canonical: try Fixture.canonical(first), source: "v1.xml", actor: "intake", at: Fixture.at(0))
        let receipt = try temp.store.ingest(
            application: second, canonical: try Fixture.canonical(second), source: "v2.json", actor: "intake", at: Fixture.at(1))
        #expect(receipt.status == .newVersion(2))
        #expect(receipt.version == 2)
        // Going back to the first content is a change from the current version, so it is version 3.
        let third = try temp.store.ingest(
            application: first, canonical: try Fixture.canonical(first), source: "v3.xml", actor: "intake", at: Fixture.at(2))
        #expect(third.status == .newVersion(3))
        let versions = try temp.store.versions(of: "PG-1")
        #expect(versions.map(\.version) == [1, 2, 3])
        #expect(versions.map(\.application.work.title) == ["ชื่อเดิม", "ชื่อใหม่", "ชื่อเดิม"])
        #expect(versions[0].sha256 == versions[2].sha256)
        #expect(versions[0].sha256 != versions[1].sha256)
        let current = try temp.store.entries()
        #expect(current.count == 1)
        #expect(current.first?.version == 3)
        #expect(try temp.store.versions(of: "unknown").isEmpty)
    }

    @Test("a failing projection update rolls the event back: ingest is atomic")
    func ingestIsAtomic() throws {
        let temp = try TemporaryStore()
        try temp.tamper("CREATE TRIGGER fail_versions BEFORE INSERT ON entry_versions BEGIN SELECT RAISE(ABORT, 'boom'); END")
        let app = try Fixture.application("PG-1")
        let code = errorCode {
            _ = try temp.store.ingest(application: app, canonical: try Fixture.canonical(app), source: "a.xml", actor: "intake", at: Fixture.t0)
        }
        #expect(code == "PSEA-DB002")
        #expect(try temp.store.events().isEmpty)
        #expect(try temp.store.entries().isEmpty)
        #expect(try temp.store.ledgerHead() == nil)
    }

    @Test("receipts encode their status as a stable word, with null seq when nothing was recorded")
    func receiptEncoding() throws {
        let temp = try TemporaryStore()
        let first = try Fixture.application("PG-1", title: "ก")
        let second = try Fixture.application("PG-1", title: "ข")
        var labels: [String] = []
        for (n, app) in [first, first, second].enumerated() {
            let receipt = try temp.store.ingest(
                application: app, canonical: try Fixture.canonical(app), source: "x", actor: "intake", at: Fixture.at(n))
            labels.append(receipt.status.label)
            if n == 1 {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let json = String(decoding: try encoder.encode(receipt), as: UTF8.self)
                #expect(json == #"{"id":"PG-1","seq":null,"sha256":"\#(receipt.sha256)","status":"unchanged","version":1}"#)
            }
        }
        #expect(labels == ["stored", "unchanged", "new-version"])
    }

    @Test("SHA-256 hex matches the FIPS 180-2 test vector")
    func sha256Vector() {
        #expect(Ledger.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite("Store: prepared entries")
struct PreparedEntryTests {
    /// The payload as encoding the whole record at once gives it (the form ingest wrote before entries were
    /// prepared off the writer's thread).
    private struct WholePayload: Encodable {
        var id: String
        var version: Int
        var sha256: String
        var source: String
        var application: Application
    }

    @Test("the ledger payload built around the prepared JSON is byte for byte the whole record encoded at once")
    func payloadMatchesWholeEncoding() throws {
        let temp = try TemporaryStore()
        let first = try Fixture.application("PG-2568-0042")
        var second = first
        second.work.title = "ชื่อใหม่ \"ในเครื่องหมายคำพูด\" / ทับ \\ และ é"
        let source = "ใบสมัคร/\"ชุดที่ 1\"\\a.json"
        for (index, app) in [first, second].enumerated() {
            let canonical = try Fixture.canonical(app)
            let prepared = try PreparedEntry(application: app, canonical: canonical, source: source)
            let receipt = try temp.store.ingest(prepared, actor: "intake", at: Fixture.at(index))
            #expect(receipt.version == index + 1)
            let event = try #require(try temp.store.events().last)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let whole = WholePayload(id: app.id, version: index + 1, sha256: Ledger.sha256Hex(canonical), source: source, application: app)
            #expect(event.payload == String(decoding: try encoder.encode(whole), as: UTF8.self))
        }
        let before = try temp.store.entries()
        try temp.store.rebuildProjections()
        #expect(try temp.store.entries() == before)
        #expect(before.first?.application == second)
        #expect(try temp.store.verify().ok)
    }
}

@Suite("Store: snapshots")
struct SnapshotTests {
    @Test("a snapshot keeps seeing the database as it was when taken, across every kind of read")
    func aSnapshotSeesOneMoment() throws {
        let temp = try Fixture.populated()
        let store = temp.store
        let snapshot = try store.snapshot()
        let (entries, head, judges) = (try snapshot.entries().map(\.application.id), try snapshot.ledgerHead(), try snapshot.judges())
        let later = try Fixture.application("PG-3")
        _ = try store.ingest(application: later, canonical: try Fixture.canonical(later), source: "PG-3.xml", actor: "intake", at: Fixture.at(20))
        try store.registerJudge(Judge(id: "J3", name: "กรรมการ สาม"), actor: "opdc", at: Fixture.at(21))
        #expect(try store.entries().map(\.application.id) == ["PG-1", "PG-2", "PG-3"])
        #expect(try store.ledgerHead() != head)
        #expect(try snapshot.entries().map(\.application.id) == entries)
        var chunked: [String] = []
        try snapshot.forEachEntry { chunk in chunked += chunk.map(\.application.id) }
        #expect(chunked == entries)
        #expect(try snapshot.ledgerHead() == head)
        #expect(try snapshot.judges() == judges)
        #expect(try store.snapshot().entries().count == 3)
    }

    @Test("writing through a snapshot is refused and changes nothing")
    func aSnapshotIsReadOnly() throws {
        let temp = try Fixture.populated()
        let snapshot = try temp.store.snapshot()
        let head = try temp.store.ledgerHead()
        let app = try Fixture.application("PG-9")
        #expect(
            errorCode {
                _ = try snapshot.ingest(application: app, canonical: try Fixture.canonical(app), source: "x.xml", actor: "intake", at: Fixture.at(30))
            } == "PSEA-DB008")
        #expect(errorCode { _ = try snapshot.verify() } == "PSEA-DB008")
        #expect(try temp.store.ledgerHead() == head)
    }
}
