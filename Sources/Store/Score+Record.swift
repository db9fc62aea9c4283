import GRDB
import GRDBSQLite
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
            opportunity: try row.decode(String?.self, forColumn: "opportunity"),
            evidence: Self.evidence(try row.decode(String?.self, forColumn: "evidence"))
        )
    }
}

extension Score {
    /// The columns `init(raw:)` reads, in its order, as a SELECT of `scores` lists them; without `texts`, NULL in
    /// place of the comment, strength, opportunity and evidence (what ranking needs of a score is its values).
    static func rawColumns(texts: Bool) -> String { texts ? rawColumnsWithTexts : rawColumnsWithoutTexts }
    private static let rawColumnsWithTexts = "judge, application, criterion, percent, comment, band, strength, opportunity, evidence"
    private static let rawColumnsWithoutTexts = "judge, application, criterion, percent, NULL, band, NULL, NULL, NULL"

    /// Reads the columns judge, application, criterion, percent, comment, band, strength, opportunity and evidence,
    /// in that order (`rawColumns`), of a row stepped with SQLite's own API: once per row of a scores file
    /// (`recordScoreIfChanged`), once per score of a sub-type read for ranking (`CompetitionStore.scores`).
    init(raw row: OpaquePointer) {
        self.init(
            judge: RawRows.text(row, 0) ?? "", application: RawRows.text(row, 1) ?? "", criterion: RawRows.text(row, 2) ?? "",
            percent: sqlite3_column_double(row, 3), comment: RawRows.text(row, 4), band: RawRows.text(row, 5),
            strength: RawRows.text(row, 6), opportunity: RawRows.text(row, 7), evidence: Self.evidence(RawRows.text(row, 8)))
    }
}

/// A score made ready for the ledger before the write, on any thread: its canonical payload, which the writer
/// would otherwise make (`StoreBatch.recordScoreIfChanged`).
package struct PreparedScore: Sendable {
    package let score: Score
    let text: String

    package init(_ score: Score) throws {
        self.score = score
        text = try score.canonicalText
    }
}

extension Score: LedgerPayload {
    static let eventKind = EventKind.scoreGiven

    func project(_ event: LedgerEvent, _ db: Database) throws {
        try project(event, db, previousRevision: nil)
    }

    /// `project`, given the last revision of this judge's score when the caller read it already (the `scores` row
    /// holds it; 0 without one), else asking `score_revisions`. Read and written with SQLite's own API (`RawRows`):
    /// a scores file projects millions.
    func project(_ event: LedgerEvent, _ db: Database, previousRevision: Int?) throws {
        let previous =
            try previousRevision
            ?? RawRows.first(
                db.cachedStatement(sql: "SELECT MAX(revision) FROM score_revisions WHERE judge = ? AND application = ? AND criterion = ?"),
                judge, application, criterion
            ) { row in sqlite3_column_type(row, 0) == SQLITE_NULL ? 0 : Int(sqlite3_column_int64(row, 0)) } ?? 0
        let revision = previous + 1
        let evidence = evidenceColumn
        try RawRows.execute(
            db.cachedStatement(
                sql: """
                    INSERT INTO score_revisions
                        (judge, application, criterion, revision, percent, comment, band, strength, opportunity, evidence, actor, recordedAt, seq)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """),
            judge, application, criterion, revision, percent, comment, band, strength, opportunity, evidence, event.actor, event.recordedAt,
            event.seq)
        try RawRows.execute(
            db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO scores (judge, application, criterion, percent, comment, band, strength, opportunity, evidence, revision)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """),
            judge, application, criterion, percent, comment, band, strength, opportunity, evidence, revision)
    }

    /// Written directly: a scores file records millions.
    var canonicalText: String {
        get throws {
            var object = CanonicalObject()
            object.add("application", application)
            object.add("band", band)
            object.add("comment", comment)
            object.add("criterion", criterion)
            object.add("evidence", evidence)
            object.add("judge", judge)
            object.add("opportunity", opportunity)
            object.add("percent", percent)
            object.add("strength", strength)
            return try object.text ?? Ledger.canonicalJSON(self)
        }
    }

    /// The evidence ids as the `evidence` column holds them: separated by a space (ids have none); NULL without.
    var evidenceColumn: String? {
        guard let evidence, !evidence.isEmpty else { return nil }
        return evidence.joined(separator: " ")
    }

    /// The evidence ids of an `evidence` column.
    static func evidence(_ column: String?) -> [String]? {
        column.map { $0.split(separator: " ").map(String.init) }
    }
}
