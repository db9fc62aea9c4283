import GRDB
import GRDBSQLite

/// Rows read and written with SQLite's own API: for checks that only hash what they read, and for the statements
/// a round runs once per row of millions (a scores file), where GRDB's argument arrays and row objects cost more
/// than the statement itself. Values bind as GRDB binds them (`StatementBinding`), so the rows are the same.
enum RawRows {
    /// Steps `sql` (no arguments) and hands each row's statement to `each`, which reads its columns.
    static func forEach(_ db: Database, sql: String, _ each: (OpaquePointer) throws -> Void) throws {
        try forEach(try db.makeStatement(sql: sql), row: each)
    }

    /// Binds `values` as `execute` does, steps `statement` and hands each row's statement to `each`.
    static func forEach<each Value: StatementBinding>(
        _ statement: Statement, _ values: repeat each Value, row each: (OpaquePointer) throws -> Void
    ) throws {
        let raw = try bound(statement, repeat each values)
        defer { finish(raw) }
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code, statement) }
            try each(raw)
        }
    }

    /// The bytes of a text or blob column.
    static func bytes(_ statement: OpaquePointer, _ column: Int32) -> [UInt8] {
        Array(buffer(statement, column))
    }

    /// The bytes of a text or blob column where SQLite holds them, valid until the row's next column is read as
    /// another type or the statement steps.
    static func buffer(_ statement: OpaquePointer, _ column: Int32) -> UnsafeRawBufferPointer {
        let base = sqlite3_column_blob(statement, column)
        let count = Int(sqlite3_column_bytes(statement, column))
        guard let base, count > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base, count: count)
    }

    /// Appends a column's value as `Projection.append` encodes it: kind, then the value or its length and bytes.
    static func append(_ statement: OpaquePointer, _ column: Int32, to row: inout [UInt8]) {
        append(
            type: sqlite3_column_type(statement, column), integer: { sqlite3_column_int64(statement, column) },
            real: { sqlite3_column_double(statement, column) },
            bytes: { text in
                let base = text ? UnsafeRawPointer(sqlite3_column_text(statement, column)) : sqlite3_column_blob(statement, column)
                return (base, Int(sqlite3_column_bytes(statement, column)))
            }, to: &row)
    }

    /// Appends a function argument's value (an SQL function's `sqlite3_value`) as a column's.
    static func append(_ value: OpaquePointer?, to row: inout [UInt8]) {
        append(
            type: sqlite3_value_type(value), integer: { sqlite3_value_int64(value) }, real: { sqlite3_value_double(value) },
            bytes: { text in
                let base = text ? UnsafeRawPointer(sqlite3_value_text(value)) : sqlite3_value_blob(value)
                return (base, Int(sqlite3_value_bytes(value)))
            }, to: &row)
    }

    /// The one writer of a value's encoding; `bytes` gives the start and length of a text (true) or blob (false),
    /// asked for the pointer first as SQLite requires.
    @inline(__always)
    private static func append(
        type: Int32, integer: () -> Int64, real: () -> Double, bytes: (_ text: Bool) -> (UnsafeRawPointer?, Int), to row: inout [UInt8]
    ) {
        func append(_ number: UInt64) { withUnsafeBytes(of: number.littleEndian) { row.append(contentsOf: $0) } }
        switch type {
        case SQLITE_NULL:
            row.append(0)
        case SQLITE_INTEGER:
            row.append(1)
            append(UInt64(bitPattern: integer()))
        case SQLITE_FLOAT:
            row.append(2)
            append(real().bitPattern)
        case let type:
            // Text as SQLite holds it (UTF-8), blobs as they are.
            let text = type == SQLITE_TEXT
            let (base, count) = bytes(text)
            row.append(text ? 3 : 4)
            append(UInt64(count))
            if let base, count > 0 { row.append(contentsOf: UnsafeRawBufferPointer(start: base, count: count)) }
        }
    }

    /// Binds `values` to `statement`'s parameters in order, steps it to its end and resets it: an insert, update or
    /// delete run per row. The statement's SQL is used by no GRDB `execute` (the bindings are this call's own).
    static func execute<each Value: StatementBinding>(_ statement: Statement, _ values: repeat each Value) throws {
        try forEach(statement, repeat each values, row: { _ in })
    }

    /// Binds `values` as `execute` does and hands the first row's statement to `read`; nil when there is no row.
    static func first<T, each Value: StatementBinding>(
        _ statement: Statement, _ values: repeat each Value, read: (OpaquePointer) throws -> T
    ) throws -> T? {
        let raw = try bound(statement, repeat each values)
        defer { finish(raw) }
        let code = sqlite3_step(raw)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw error(code, statement) }
        return try read(raw)
    }

    /// An integer column's value; nil for any other type (NULL included).
    static func integer(_ statement: OpaquePointer, _ column: Int32) -> Int? {
        sqlite3_column_type(statement, column) == SQLITE_INTEGER ? Int(sqlite3_column_int64(statement, column)) : nil
    }

    /// A text column's value; nil for NULL.
    static func text(_ statement: OpaquePointer, _ column: Int32) -> String? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL, let text = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: text)
    }

    private static func bound<each Value: StatementBinding>(_ statement: Statement, _ values: repeat each Value) throws -> OpaquePointer {
        let raw = statement.sqliteStatement
        sqlite3_reset(raw)
        var index: Int32 = 0
        for value in repeat each values {
            index += 1
            let code = value.bind(to: raw, at: index)
            guard code == SQLITE_OK else { throw error(code, statement) }
        }
        guard index == sqlite3_bind_parameter_count(raw) else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE, message: "\(index) values for \(sqlite3_bind_parameter_count(raw)) parameters", sql: statement.sql)
        }
        return raw
    }

    private static func finish(_ raw: OpaquePointer) {
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
    }

    private static func error(_ code: Int32, _ statement: Statement) -> DatabaseError {
        let message = sqlite3_errmsg(sqlite3_db_handle(statement.sqliteStatement)).map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
