import Foundation
import GRDB
import Model
import PSEATestSupport
import Testing

@testable import Store

@Suite("Store: each application's JSON kept once, in its event")
struct ApplicationsOnceTests {
    @Test("a version's row keeps no copy: it points at its event, whose payload gives the application back")
    func versionsPointAtTheirEvents() throws {
        let temp = try TemporaryStore()
        let first = try Fixture.application("PG-1", title: "ชื่อเดิม")
        let second = try Fixture.application("PG-1", title: "ชื่อใหม่")
        for (n, app) in [first, second].enumerated() {
            _ = try temp.store.ingest(
                application: app, canonical: try Fixture.canonical(app), source: "v\(n).xml", actor: "intake", at: Fixture.at(n))
        }
        let queue = try DatabaseQueue(path: temp.path)
        let rows = try queue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT v.application, v.seq, e.payload FROM entry_versions v JOIN events e ON e.seq = v.seq ORDER BY v.version")
        }
        try queue.close()
        #expect(rows.map { $0["application"] as String } == ["", ""])
        for (row, app) in zip(rows, [first, second]) {
            #expect((row["payload"] as String).contains(try Ledger.canonicalJSON(app)))
        }
        #expect(try temp.store.versions(of: "PG-1").map(\.application) == [first, second])
        #expect(try temp.store.entries().map(\.application) == [second])
        #expect(try temp.store.entry(id: "PG-1")?.application == second)
        #expect(try temp.store.sealed())
        #expect(try temp.store.verify().ok)
    }

    @Test("the application is found in a payload as ingest writes it, decoded from any other, nil without one")
    func applicationJSONInPayload() throws {
        let app = try Fixture.application("PG-7", title: "ทดสอบ \"อ้างอิง\" / ทาง")
        let json = try Ledger.canonicalJSON(app)
        let fields = EntryIngestedFields(id: "PG-7", version: 2, sha256: String(repeating: "a", count: 64), source: "ที่มา/PG-7.xml")
        let written = try fields.payload(applicationJSON: json)
        #expect(fields.applicationJSON(in: written) == json)
        // Members in another order and spaced: the same application, decoded.
        let payload = EntryIngested(id: "PG-7", version: 2, sha256: fields.sha256, source: fields.source, application: app)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        let spaced = String(decoding: try encoder.encode(payload), as: UTF8.self)
        #expect(spaced != written)
        #expect(fields.applicationJSON(in: spaced) == json)
        // Members that are not the row's: the tail differs, the payload is decoded.
        let other = EntryIngestedFields(id: "PG-7", version: 3, sha256: fields.sha256, source: fields.source)
        #expect(other.applicationJSON(in: written) == json)
        #expect(fields.applicationJSON(in: "{}") == nil)
        #expect(fields.applicationJSON(in: "") == nil)
    }

    @Test("a database written with a copy in each row loses the copies when opened, its seals and replay holding")
    func migrationEmptiesTheCopies() throws {
        let temp = try Fixture.populated()
        let before = try temp.store.entries()
        // The rows as an earlier psea wrote them: the application's JSON in each, the migration not yet run.
        var configuration = Configuration()
        configuration.prepareDatabase { db in try Seal.register(db) }
        let queue = try DatabaseQueue(path: temp.path, configuration: configuration)
        try queue.write { db in
            try Seal.writing(db) {
                for (id, app) in before.map({ ($0.application.id, $0.application) }) {
                    try db.execute(sql: "UPDATE entry_versions SET application = ? WHERE id = ?", arguments: [try Ledger.canonicalJSON(app), id])
                }
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v9-applications-once'")
        }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry_versions WHERE application != ''") } == before.count)
        try queue.close()
        #expect(try temp.store.sealed())

        let reopened = try CompetitionStore(path: temp.path)
        #expect(try reopened.entries() == before)
        #expect(try reopened.sealed())
        #expect(try reopened.verify().ok)
        let check = try DatabaseQueue(path: temp.path)
        #expect(try check.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry_versions WHERE application != ''") } == 0)
        try check.close()
    }
}
