import GRDB
import Panel

/// A judge is a database record (the `judges` table) and the payload of a `judge-registered` event.
extension Judge: FetchableRecord, RowPayload {
    static let eventKind = EventKind.judgeRegistered
    static let projectionSQL = "INSERT INTO judges (id, name, ministry, province, agency) VALUES (?, ?, ?, ?, ?)"
    var projectionArguments: StatementArguments { [id, name, ministry, province, agency] }
}
