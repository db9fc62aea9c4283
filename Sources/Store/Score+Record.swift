import GRDB
import Panel

/// A score is a database record (the `scores` table) and the payload of a `score-given` event.
extension Score: FetchableRecord {
    /// Reads a row by column name, without going through `Decodable`: a round reads millions of scores.
    package init(row: Row) throws {
        self.init(
            judge: try row.decode(String.self, forColumn: "judge"),
            application: try row.decode(String.self, forColumn: "application"),
            criterion: try row.decode(String.self, forColumn: "criterion"),
            percent: try row.decode(Double.self, forColumn: "percent"),
            comment: try row.decode(String?.self, forColumn: "comment"),
            band: try row.decode(String?.self, forColumn: "band"),
            strength: try row.decode(String?.self, forColumn: "strength"),
            opportunity: try row.decode(String?.self, forColumn: "opportunity")
        )
    }
}

extension Score: LedgerPayload {
    static let eventKind = EventKind.scoreGiven

    func project(_ event: LedgerEvent, _ db: Database) throws {
        let previous =
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT MAX(revision) FROM score_revisions WHERE judge = ? AND application = ? AND criterion = ?"),
                arguments: [judge, application, criterion]
            ) ?? 0
        let revision = previous + 1
        try db.executeCached(
            sql: """
                INSERT INTO score_revisions
                    (judge, application, criterion, revision, percent, comment, band, strength, opportunity, actor, recordedAt, seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                judge, application, criterion, revision, percent, comment, band, strength, opportunity, event.actor, event.recordedAt, event.seq,
            ]
        )
        try db.executeCached(
            sql: """
                INSERT OR REPLACE INTO scores (judge, application, criterion, percent, comment, band, strength, opportunity, revision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [judge, application, criterion, percent, comment, band, strength, opportunity, revision]
        )
    }
}
