import Foundation
import GRDB
import Model
import PSEATestSupport
import Store
import Testing

@Suite("Store: signed checkpoints and reading an older database")
struct AnchoringTests {
    @Test("a checkpoint signs the count and head, is recorded once per head and key, and checks against the ledger")
    func checkpoints() throws {
        let temp = try Fixture.populated()
        let signer = try CheckpointSigner.demo()
        #expect(try temp.store.lastCheckpoint() == nil)
        let first = try temp.store.recordCheckpoint(signer)
        let events = try temp.store.events()
        #expect(first.events == events.count && first.head == events.last?.hash && first.publicKey == signer.publicKey)
        #expect(first.signatureIsValid)
        // Deterministic (Ed25519), and the same head again records nothing new.
        #expect(try signer.sign(events: first.events, head: first.head) == first)
        #expect(try temp.store.recordCheckpoint(signer) == first)
        let other = CheckpointSigner.generate()
        let second = try temp.store.recordCheckpoint(other)
        #expect(second.publicKey == other.publicKey && second.signature != first.signature)
        #expect(try temp.store.lastCheckpoint() == second)
        #expect(try temp.store.check(checkpoint: first) == nil)
        var forged = first
        forged.head = String(repeating: "ab", count: 32)
        #expect(try temp.store.check(checkpoint: forged)?.code == "signature")
        // A key file round-trips; anything else is not a key.
        #expect(CheckpointSigner(fileText: signer.fileText(demo: true))?.publicKey == signer.publicKey)
        #expect(CheckpointSigner(fileText: "private 00") == nil)
        #expect(Checkpoint(fileText: try first.fileText) == first)
    }

    @Test("a database of the previous version is read (migrating a private copy) and left byte for byte as it was")
    func olderDatabase() throws {
        let temp = try Fixture.populated()
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in
            try db.dropSealTriggers()
            try db.execute(
                sql: """
                    DROP TABLE checkpoints; ALTER TABLE rubric_freezes DROP COLUMN text;
                    DELETE FROM grdb_migrations WHERE identifier = 'v3-anchors'
                    """)
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: temp.path))
        let reader = try CompetitionStore(path: temp.path, mode: .readOnly)
        #expect(try reader.verify().ok)
        #expect(try reader.frozenRubrics().allSatisfy { $0.text == nil })
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.path)) == before)
        // The next writer migrates the file itself.
        let writer = try CompetitionStore(path: temp.path, mode: .readWrite)
        #expect(try writer.verify().ok && writer.lastCheckpoint() == nil)
    }
}
