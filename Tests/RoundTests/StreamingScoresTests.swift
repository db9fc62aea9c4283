import Foundation
import Model
import PSEATestSupport
import Panel
import Round
import Store
import Testing

/// `scores import` reads its file as it arrives and records each row inside one transaction: however the bytes are
/// cut, the same scores are recorded, and a file refused anywhere, even on its last byte, stores nothing.
@Suite("Round: scores imported as the file is read")
struct StreamingScoresTests {
    /// The samples, the demo's nine judges and conflicts, five judges per entry.
    func round() throws -> TemporaryRound {
        let round = try TemporaryRound.withSamplePanel()
        _ = try round.panel.assign(perEntry: 5, seed: 2568)
        return round
    }

    var shipped: [UInt8] { get throws { try TemporaryRound.roundSample("scores.csv") } }

    /// Imports `file` handing it over in chunks of `size` bytes.
    func importInChunks(_ round: TemporaryRound, _ file: [UInt8], size: Int, skipUnassigned: Bool = false) throws -> ImportResult {
        try round.panel.importScores(
            chunks: { each in
                var start = 0
                while start < file.count {
                    try each(Array(file[start..<min(start + size, file.count)]))
                    start += size
                }
            }, skipUnassigned: skipUnassigned)
    }

    @Test("the shipped scores in chunks of 1, 13 and 4096 bytes record what the whole file records, event for event")
    func chunksRecordTheSame() throws {
        let whole = try round()
        let expected = try whole.panel.importScores(csv: shipped, skipUnassigned: true)
        #expect(expected.isValid && expected.recorded > 0 && !expected.skipped.isEmpty)
        for size in [1, 13, 4096] {
            let chunked = try round()
            let result = try importInChunks(chunked, shipped, size: size, skipUnassigned: true)
            #expect(result == expected, "chunks of \(size)")
            #expect(try chunked.store.scores() == whole.store.scores())
            #expect(try chunked.store.events().map(\.payload) == whole.store.events().map(\.payload))
        }
        // Again: every row is unchanged and nothing is appended.
        let events = try whole.store.events().count
        let again = try importInChunks(whole, shipped, size: 100, skipUnassigned: true)
        #expect(again.recorded == 0 && again.unchanged == expected.recorded)
        #expect(try whole.store.events().count == events)
    }

    @Test("a bad last row, an unterminated quote or a byte that is not UTF-8 at the end: nothing of the file is stored")
    func refusedAtTheEndStoresNothing() throws {
        let round = try round()
        let assigned = try round.store.assignments().filter { $0.application == "PG-2568-0406" }.map(\.judge)
        let good = assigned.map { "\($0),PG-2568-0406,OG1.1,60,,," }
        let header = "judge,application,criterion,percent,comment,strength,opportunity"
        let before = try round.store.events().count
        let endings: [([UInt8], String)] = [
            (Array("\(assigned[0]),PG-2568-0406,OG1.2,62,,,\n".utf8), ProblemCode.percentOffStep.code),
            (Array("\(assigned[0]),PG-2568-0406,OG1.2,60,\"open,,\n".utf8), ProblemCode.unterminatedQuote.code),
            (Array("\(assigned[0]),PG-2568-0406,OG1.2,60,ดี".utf8).dropLast() + [0x0A], ProblemCode.csvNotUTF8.code),
        ]
        for (ending, code) in endings {
            let file = Array(([header] + good).joined(separator: "\n").utf8) + [0x0A] + ending
            for size in [7, file.count] {
                let result = try importInChunks(round, file, size: size)
                #expect(result.issues.map(\.code) == [code], "\(code) in chunks of \(size)")
                #expect(result.recorded == 0)
                #expect(try round.store.scores().isEmpty)
                #expect(try round.store.events().count == before)
            }
        }
        // The same good rows alone are recorded.
        let file = Array(([header] + good).joined(separator: "\n").utf8)
        #expect(try importInChunks(round, file, size: 5).recorded == good.count)
    }

    @Test("problems of every kind are all reported, each with its line, from a file read in chunks")
    func everyProblemReported() throws {
        let round = try round()
        let judge = try #require(try round.store.assignments().first { $0.application == "PG-2568-0406" }?.judge)
        let file = """
            judge,application,criterion,percent,comment,strength,opportunity
            \(judge),PG-2568-0406,OG1.1,60,,,
            \(judge),PG-2568-0406,OG1.1,65,,,
            \(judge),PG-2568-9999,OG1.1,60,,,
            \(judge),PG-2568-0406,NOPE,60,,,
            \(judge),PG-2568-0406,OG1.2,abc,,,
            bad id!,PG-2568-0406,OG1.2,60,,,

            """
        let result = try importInChunks(round, Array(file.utf8), size: 3)
        let found = Set(result.issues.map { "\($0.line) \($0.code)" })
        for expected in [
            "3 \(ProblemCode.duplicateScore.code)", "4 \(RoundCode.unknownEntry.code)", "5 \(ProblemCode.unknownCriterion.code)",
            "6 \(ProblemCode.notANumber.code)", "7 \(ProblemCode.badJudgeID.code)",
        ] {
            #expect(found.contains(expected), "\(expected) in \(found)")
        }
        #expect(try round.store.scores().isEmpty)
    }
}
