import Foundation
import GRDB
import Testing

@testable import Store

/// The sealed check sums a large table in parts (`Seal.parts`): the parts cover every row once, and their sums
/// added are the table's sum.
@Suite("Store: a table's seal summed in parts")
struct SealPartsTests {
    static func table(_ rowids: [Int64]) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT, b DOUBLE)")
            for rowid in rowids {
                try db.execute(sql: "INSERT INTO t (rowid, a, b) VALUES (?, ?, ?)", arguments: [rowid, "row \(rowid)", Double(rowid) / 3])
            }
        }
        return queue
    }

    @Test("parts cover every rowid once, gaps and all, and their sums add up to the whole table's")
    func partsAddUpToTheTable() throws {
        let rowids = Array(Int64(1)...40) + [57, 58, 1000, 1001, 5000]
        let queue = try Self.table(rowids)
        try queue.read { db in
            let parts = try Seal.parts(of: "t", rows: 10, db)
            #expect(parts.count == 5)
            let ranges = parts.compactMap { $0 }
            #expect(ranges.count == parts.count && ranges.first?.lowerBound == 1 && ranges.last?.upperBound == 5000)
            for (left, right) in zip(ranges, ranges.dropFirst()) { #expect(left.upperBound + 1 == right.lowerBound) }
            #expect(rowids.allSatisfy { rowid in ranges.filter { $0.contains(rowid) }.count == 1 })

            var added = [UInt64](repeating: 0, count: Seal.limbs)
            for part in parts { Seal.add(try Seal.sum(of: "t", columns: ["a", "b"], rowids: part, db), to: &added) }
            #expect(added == (try Seal.sum(of: "t", columns: ["a", "b"], db)))
            #expect(added != [UInt64](repeating: 0, count: Seal.limbs))
        }
    }

    @Test("a small or empty table, or rowids spread wider than a part count can step, is summed whole")
    func smallOrWideTablesAreWhole() throws {
        let whole: [ClosedRange<Int64>?] = [nil]
        #expect(try Self.table(Array(Int64(1)...10)).read { db in try Seal.parts(of: "t", rows: 10, db) } == whole)
        #expect(try Self.table([]).read { db in try Seal.parts(of: "t", rows: 10, db) } == whole)
        #expect(try Self.table([Int64.min, -1, 0, 1, Int64.max]).read { db in try Seal.parts(of: "t", rows: 2, db) } == whole)
        let quarter: Int64 = 1 << 62
        let wide = try Self.table([-quarter + 1, 0, quarter - 1]).read { db in try Seal.parts(of: "t", rows: 2, db) }
        let halves: [ClosedRange<Int64>?] = [(-quarter + 1)...0, 1...(quarter - 1)]
        #expect(wide == halves)
        // Parts that end at the largest rowid: the last one is not stepped past it.
        let top = try Self.table(Array((Int64.max - 10)...Int64.max)).read { db in try Seal.parts(of: "t", rows: 5, db) }
        let thirds: [ClosedRange<Int64>?] = [(Int64.max - 10)...(Int64.max - 7), (Int64.max - 6)...(Int64.max - 3), (Int64.max - 2)...Int64.max]
        #expect(top == thirds)
    }
}
