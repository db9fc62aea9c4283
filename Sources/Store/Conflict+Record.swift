import GRDB
import Panel

/// A conflict is a database record (the `conflicts` table) and the payload of a `conflict-declared` event.
extension Conflict: FetchableRecord, RowPayload {
    static let eventKind = EventKind.conflictDeclared
    static let projectionSQL = "INSERT INTO conflicts (judge, application, reason) VALUES (?, ?, ?)"
    var projectionArguments: StatementArguments { [judge, application, reason] }
}
