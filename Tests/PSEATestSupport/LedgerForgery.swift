import Foundation
import GRDB
import Store

/// What an attacker with write access to a database file can do beyond editing rows: rewrite the events with
/// every hash recomputed, put the append-only triggers back and rebuild the projections, so that the chain and
/// the projections alone verify, and deleting the checkpoints the file holds. Only an anchor kept outside the file
/// (`verify --checkpoint FILE`, `verify --head … --count …`) notices.
package enum LedgerForgery {
    /// Replaces the events of the database at `path` by `transform` of them, renumbered from 1 and rehashed.
    package static func rewrite(_ path: String, _ transform: ([LedgerEvent]) -> [LedgerEvent]) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY seq")
            let events = try rows.map { row in
                LedgerEvent(
                    seq: try row.decode(Int.self, forColumn: "seq"), kind: try row.decode(String.self, forColumn: "kind"),
                    payload: try row.decode(String.self, forColumn: "payload"), actor: try row.decode(String.self, forColumn: "actor"),
                    recordedAt: try row.decode(String.self, forColumn: "recordedAt"), prevHash: "", hash: "")
            }
            try db.execute(sql: "DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete; DELETE FROM events")
            try db.dropSealTriggers()
            var previous = Ledger.genesisHash
            for (index, event) in transform(events).enumerated() {
                let hash = Ledger.hash(
                    seq: index + 1, kind: event.kind, payload: event.payload, actor: event.actor, recordedAt: event.recordedAt,
                    prevHash: previous)
                try db.execute(
                    sql: "INSERT INTO events (seq, kind, payload, actor, recordedAt, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [index + 1, event.kind, event.payload, event.actor, event.recordedAt, previous, hash])
                previous = hash
            }
            try db.execute(sql: Ledger.appendOnlyTriggersSQL)
            // The signed checkpoints the database holds would give the rewrite away: a forger deletes them.
            try db.execute(sql: "DELETE FROM checkpoints")
        }
        try queue.close()
        try CompetitionStore(path: path, mode: .readWrite).rebuildProjections()
    }
}
