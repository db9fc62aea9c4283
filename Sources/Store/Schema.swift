import GRDB

/// The database schema, created and upgraded by one `DatabaseMigrator`.
enum Schema {
    /// Projection tables in the order they are compared, with the ORDER BY that makes a dump deterministic.
    static let projections: [(table: String, order: String)] = [
        ("entries", "id"),
        ("entry_versions", "id, version"),
        ("judges", "id"),
        ("conflicts", "judge, application"),
        ("assignments", "judge, application"),
        ("scores", "judge, application, criterion"),
        ("score_revisions", "judge, application, criterion, revision"),
        ("consensus", "application, criterion"),
        ("rubric_freezes", "year, type"),
        ("site_visits", "application"),
        ("lottery_seeds", "scope"),
        ("approvals", "year, type"),
        ("overrides", "seq"),
        ("screenings", "application"),
        ("late_entries", "application, version"),
        ("shortlist", "year, type, application"),
        ("invites", "tokenHash"),
        ("entry_facts", "application"),
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try db.create(table: "events") { t in
                t.primaryKey("seq", .integer)
                t.column("kind", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("recordedAt", .text).notNull()
                t.column("prevHash", .text).notNull()
                // No index on the hash: nothing looks an event up by it (each is unique by its seq, which it
                // hashes), and a unique index on random keys made every append of a large round touch a random
                // page. Databases made before keep theirs; it changes nothing else.
                t.column("hash", .text).notNull()
            }
            // Append-only: the store itself never updates or deletes an event.
            try db.execute(sql: Ledger.appendOnlyTriggersSQL)
        }
        migrator.registerMigration("v1-projections") { db in
            try db.create(table: "entries") { t in
                t.primaryKey("id", .text)
                t.column("version", .integer).notNull()
                t.column("sha256", .text).notNull()
            }
            try db.create(table: "entry_versions") { t in
                t.column("id", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("source", .text).notNull()
                t.column("application", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("recordedAt", .text).notNull()
                t.column("seq", .integer).notNull()
                t.primaryKey(["id", "version"])
            }
            try db.create(table: "judges") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("ministry", .text)
                t.column("province", .text)
                t.column("agency", .text)
            }
            try db.create(table: "conflicts") { t in
                t.column("judge", .text).notNull()
                t.column("application", .text).notNull()
                t.column("reason", .text).notNull()
                t.primaryKey(["judge", "application"])
            }
            try db.create(table: "assignments") { t in
                t.column("judge", .text).notNull()
                t.column("application", .text).notNull()
                t.primaryKey(["judge", "application"])
            }
            try db.create(table: "scores") { t in
                t.column("judge", .text).notNull()
                t.column("application", .text).notNull()
                t.column("criterion", .text).notNull()
                t.column("percent", .double).notNull().check { $0 >= 0 && $0 <= 100 }
                t.column("comment", .text)
                t.column("band", .text)
                t.column("revision", .integer).notNull()
                t.primaryKey(["judge", "application", "criterion"])
            }
            try db.create(table: "score_revisions") { t in
                t.column("judge", .text).notNull()
                t.column("application", .text).notNull()
                t.column("criterion", .text).notNull()
                t.column("revision", .integer).notNull()
                t.column("percent", .double).notNull().check { $0 >= 0 && $0 <= 100 }
                t.column("comment", .text)
                t.column("band", .text)
                t.column("actor", .text).notNull()
                t.column("recordedAt", .text).notNull()
                t.column("seq", .integer).notNull()
                t.primaryKey(["judge", "application", "criterion", "revision"])
            }
            try db.create(table: "consensus") { t in
                t.column("application", .text).notNull()
                t.column("criterion", .text).notNull()
                t.column("percent", .double).notNull().check { $0 >= 0 && $0 <= 100 }
                t.column("reason", .text).notNull()
                t.primaryKey(["application", "criterion"])
            }
            try db.create(table: "rubric_freezes") { t in
                t.column("year", .integer).notNull()
                t.column("type", .text).notNull()
                t.column("sha256", .text).notNull()
                t.primaryKey(["year", "type"])
            }
            try db.create(table: "site_visits") { t in
                t.primaryKey("application", .text)
                t.column("confirmed", .boolean).notNull()
                t.column("reason", .text)
            }
            try db.create(table: "lottery_seeds") { t in
                t.primaryKey("scope", .text)
                t.column("seed", .text).notNull()
            }
        }
        migrator.registerMigration("v2-approvals") { db in
            try db.create(table: "approvals") { t in
                t.column("year", .integer).notNull()
                t.column("type", .text).notNull()
                t.column("meeting", .text).notNull()
                t.column("date", .text).notNull()
                t.column("ledgerHead", .text).notNull()
                t.primaryKey(["year", "type"])
            }
        }
        migrator.registerMigration("v3-anchors") { db in
            // The frozen rubric's text (nil in freezes recorded before it was kept).
            try db.alter(table: "rubric_freezes") { t in t.add(column: "text", .text) }
            // Signed checkpoints: not a projection (nothing in the events gives them), an anchor of the ledger.
            try db.create(table: "checkpoints") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("events", .integer).notNull()
                t.column("head", .text).notNull()
                t.column("publicKey", .text).notNull()
                t.column("signature", .text).notNull()
            }
        }
        migrator.registerMigration("v4-guards-and-feedback") { db in
            // Strengths and opportunities as fields of a score; rows recorded before read as empty (NULL).
            for table in ["scores", "score_revisions"] {
                try db.alter(table: table) { t in
                    t.add(column: "strength", .text)
                    t.add(column: "opportunity", .text)
                }
            }
            try db.create(table: "overrides") { t in
                t.primaryKey("seq", .integer)
                t.column("code", .text).notNull()
                t.column("command", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("reason", .text).notNull()
            }
        }
        migrator.registerMigration("v5-stages") { db in
            for column in ["mode", "date", "team", "notes"] {
                try db.alter(table: "site_visits") { t in t.add(column: column, .text) }
            }
            try db.alter(table: "site_visits") { t in t.add(column: "forced", .boolean) }
            try db.create(table: "screenings") { t in
                t.primaryKey("application", .text)
                t.column("version", .integer).notNull()
                t.column("eligible", .boolean).notNull()
                t.column("reasons", .text).notNull()
                t.column("override", .boolean).notNull()
                t.column("note", .text)
            }
            try db.create(table: "late_entries") { t in
                t.column("application", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("reason", .text).notNull()
                t.primaryKey(["application", "version"])
            }
            try db.create(table: "shortlist") { t in
                t.column("year", .integer).notNull()
                t.column("type", .text).notNull()
                t.column("application", .text).notNull()
                t.column("ledgerHead", .text).notNull()
                t.primaryKey(["year", "type", "application"])
            }
        }
        migrator.registerMigration("v6-web") { db in
            // The evidence ids a score rests on (the web workspace asks for them); rows recorded before read as none.
            for table in ["scores", "score_revisions"] {
                try db.alter(table: table) { t in t.add(column: "evidence", .text) }
            }
            // Sign-in links of the web workspace: only the SHA-256 of each token is kept.
            try db.create(table: "invites") { t in
                t.primaryKey("tokenHash", .text)
                t.column("role", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("expiresAt", .text).notNull()
                t.column("revoked", .boolean).notNull()
            }
        }
        migrator.registerMigration("v7-entry-facts") { db in
            // What ranking, the exports and the panel commands need of each current entry, computed once from its
            // application and, once frozen, its rubric (`FactsProjection`); a database written before is filled here.
            try db.create(table: "entry_facts") { t in
                t.primaryKey("application", .text)
                t.column("version", .integer).notNull()
                t.column("year", .integer).notNull()
                t.column("type", .text).notNull()
                t.column("facts", .text).notNull()
                t.column("profile", .text).notNull()
                t.column("rubric", .text)
                t.column("outcomes", .text)
                // The outcomes' trails, apart and last (`FactsProjection.encoded(outcomes:)`): a database that had the
                // table before gets the column from `v10-trails-apart`, in the same place.
                t.column("trails", .text)
            }
            try db.create(index: "entry_facts_scope", on: "entry_facts", columns: ["year", "type"])
            try FactsProjection.fill(db)
        }
        migrator.registerMigration("v8-seals") { db in
            // Projection seals (`Seal`): a new database is sealed from its first event; one written before stays
            // unsealed (its publishing commands replay the ledger) until `rebuildProjections` seals it.
            let events = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            try Seal.install(db, sealNow: events == 0)
        }
        migrator.registerMigration("v9-applications-once") { db in
            // Each application's JSON is kept once, in its `entry-ingested` event's payload, which a version's row
            // points at (`seq`); its `application` column stays, empty. Rows written before are emptied here, their
            // seals moved as psea's own writes move them (a keyed round's checkpoint no longer signs the new seals:
            // its publishing commands replay the ledger until the next checkpoint).
            // (Asked first: a database without such rows, or without psea's seal functions, runs no update.)
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM entry_versions WHERE application != '')") == true else { return }
            try Seal.writing(db) { try db.execute(sql: "UPDATE entry_versions SET application = '' WHERE application != ''") }
        }
        migrator.registerMigration("v10-trails-apart") { db in
            // The outcomes' trails move to a column of their own, the row's last, so that ranking's reads of the
            // outcomes skip them (`FactsProjection.encoded(outcomes:)`). The table's seal moves with the new column
            // (`Seal.columnAdded`) and with each row rewritten, as psea's own writes move it; a keyed round's
            // checkpoint no longer signs the new seals: its publishing commands replay the ledger until the next one.
            let columns = try Seal.columns(of: "entry_facts", db)
            if !columns.contains("trails") {
                try db.alter(table: "entry_facts") { t in t.add(column: "trails", .text) }
                try Seal.columnAdded(to: "entry_facts", previous: columns, db)
            }
            // (Asked first: a database without such rows, or without psea's seal functions, runs no update.)
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM entry_facts WHERE outcomes IS NOT NULL AND trails IS NULL)") == true
            else { return }
            try Seal.writing(db) { try FactsProjection.moveTrailsApart(db) }
        }
        return migrator
    }
}
