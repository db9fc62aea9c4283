import GRDB
import Panel

/// An assignment is a database record (the `assignments` table) and the payload of an `assignment-made` event.
extension Assignment: FetchableRecord, RowPayload {
    static let eventKind = EventKind.assignmentMade
    static let projectionSQL = "INSERT INTO assignments (judge, application) VALUES (?, ?)"
    var projectionArguments: StatementArguments { [judge, application] }

    /// Written directly: a round records one per judge and entry.
    var canonicalText: String {
        get throws {
            var object = CanonicalObject()
            object.add("application", application)
            object.add("judge", judge)
            return try object.text ?? Ledger.canonicalJSON(self)
        }
    }
}
