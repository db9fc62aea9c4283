import Foundation
import GRDB
import Model

/// How a command opens the competition database: only `psea init` (and psea's own scratch copies) may create
/// one; every other command opens an existing psea database, read-write or read-only.
package enum StoreOpenMode: Sendable {
    /// Create the file and psea's tables when missing, migrate an older one (`psea init`).
    case create
    /// An existing psea database, migrated from an older version when needed.
    case readWrite
    /// An existing psea database, never written: the file and its folder stay as they were.
    case readOnly
}

/// Recognising a psea database before anything is written to it: the SQLite `application_id`, the migrations
/// it has seen and the columns psea reads. A file that fails any check is refused and left untouched.
enum StoreFile {
    /// SQLite `application_id` of every psea database ("PSEA" in ASCII).
    static let applicationID: Int32 = 0x5053_4541

    /// The columns of every table psea reads, as the current migrations create them.
    static let expectedColumns: [String: [String]] = {
        do {
            let queue = try DatabaseQueue()
            try Schema.migrator.migrate(queue)
            return try queue.read { db in try columns(db) }
        } catch {
            return [:]
        }
    }()

    /// The migration identifiers this version of psea knows.
    static let knownMigrations: Set<String> = Set(Schema.migrator.migrations)

    /// psea's tables and their columns in `db` (GRDB's own table excluded).
    static func columns(_ db: Database) throws -> [String: [String]] {
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'")
        var result: [String: [String]] = [:]
        for table in tables {
            result[table] = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
        }
        return result
    }

    /// Refuses a file that is not a psea database, was written by a newer psea, or lacks a column psea reads. An
    /// older psea database passes: a writable open migrates it forward, a read-only one migrates its private copy.
    static func check(_ db: Database, path: String) throws {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let hasMigrations = try db.tableExists("grdb_migrations")
        let applied = hasMigrations ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
        // Databases made before psea set its application_id carry id 0 and psea's first migration.
        let legacy = id == 0 && applied.contains("v1-ledger")
        guard id == applicationID || legacy else { throw PSEAError.notPseaDatabase(path) }
        let unknown = applied.subtracting(knownMigrations).sorted()
        guard unknown.isEmpty else { throw PSEAError.newerDatabase(path, migrations: unknown) }
        let found = try columns(db)
        for (table, wanted) in expectedColumns.sorted(by: { $0.key < $1.key }) where applied == knownMigrations {
            guard let have = found[table] else { throw PSEAError.damagedSchema(path, table: table, column: nil) }
            if let missing = wanted.first(where: { !have.contains($0) }) {
                throw PSEAError.damagedSchema(path, table: table, column: missing)
            }
        }
    }
}
