import Testing

@testable import Panel

/// The reader fed a file's bytes as they are read (`CSVParser`, `CSVTableReader`, `PanelFiles.ScoresReader`) gives
/// what the whole-text reader gives, wherever the chunks end: inside a Thai character, between a CR and its LF,
/// between two quotes of a doubled quote, inside the byte-order mark.
@Suite struct CSVStreamTests {
    static let texts = [
        "\u{FEFF}id,name\r\n1,\"สมชาย \"\"ใจดี\"\"\"\r\n2,\"หลาย\r\nบรรทัด\"\r\n3,ท้าย\r\n",
        "a,b\n\n1,2\n3,",
        "a,\"\"\n\"\"\n",
        "a,b\r1,\"x\ry\"\r\r2,3",
        "\u{FEFF}",
        "",
        "\u{FEFF}\u{FEFF}x\n",
    ]

    /// The records of `text` read in chunks of `size` bytes.
    func chunked(_ text: String, size: Int) -> ([CSVRecord], PanelIssue?) {
        let bytes = Array(text.utf8)
        var parser = CSVParser()
        var records: [CSVRecord] = []
        var start = 0
        while start < bytes.count {
            parser.feed(bytes[start..<min(start + size, bytes.count)]) { records.append($0) }
            start += size
        }
        let issue = parser.finish { records.append($0) }
        return (records, issue)
    }

    @Test(arguments: texts)
    func chunksGiveTheRecordsOfTheWholeText(_ text: String) throws {
        let whole = try CSV.records(text)
        for size in [1, 2, 3, 5, 7, 64] {
            let (records, issue) = chunked(text, size: size)
            #expect(issue == nil)
            #expect(records == whole, "chunks of \(size)")
        }
    }

    @Test(arguments: ["a,b\n1,\"open\n2,3\n", "a,b\n1,x\"y\n", "a,b\n1,\"x\"y\n"])
    func chunksReportTheSameStructuralProblem(_ text: String) {
        var expected: PanelIssue?
        do { _ = try CSV.records(text) } catch { expected = error }
        for size in [1, 4, 100] {
            #expect(chunked(text, size: size).1 == expected)
        }
    }

    @Test("bytes that are not UTF-8 refuse the file, even after another problem or split over two chunks")
    func notUTF8WinsWherever() {
        let cases: [[UInt8]] = [
            Array("a,b\n1,".utf8) + [0xFF] + Array("\n".utf8),
            Array("a,b\n1,x\"y\n2,".utf8) + [0xE0, 0x80] + Array("z\n".utf8),
            Array("a,b\n1,\"".utf8) + [0xE0, 0xB8],
            [0xEF, 0xBB, 0x61, 0x0A],
            Array("ก".utf8).dropLast() + Array("\n".utf8),
        ]
        for bytes in cases {
            for size in [1, 2, 1000] {
                var parser = CSVParser()
                var records: [CSVRecord] = []
                var start = 0
                while start < bytes.count {
                    parser.feed(bytes[start..<min(start + size, bytes.count)]) { records.append($0) }
                    start += size
                }
                #expect(parser.finish { records.append($0) }?.entry == .csvNotUTF8, "\(bytes) in chunks of \(size)")
            }
        }
    }

    @Test("a streamed table gives the rows and issues of CSV.table, and refuses a bad header or an empty file as a whole")
    func tableReaderMatchesTheWholeTable() {
        let texts = ["a,b\n1,2\n3\n4,5,6\n7,8\n", "b,a\n1,2\n", "", "\n\n", " a , b \r\n1,ไทย\r\n"]
        for text in texts {
            let whole = CSV.table(text, shapes: [["a", "b"]])
            for size in [1, 3, 1000] {
                var reader = CSVTableReader(shapes: [["a", "b"]])
                var rows: [CSVRow] = []
                var issues: [PanelIssue] = []
                let bytes = Array(text.utf8)
                var start = 0
                while start < bytes.count {
                    reader.feed(bytes[start..<min(start + size, bytes.count)], row: { rows.append($0) }, issue: { issues.append($0) })
                    start += size
                }
                if let refused = reader.finish(row: { rows.append($0) }, issue: { issues.append($0) }) {
                    #expect(whole.rows.isEmpty && whole.issues == [refused], "\(text.debugDescription)")
                } else {
                    #expect(rows == whole.rows && issues == whole.issues && reader.shape == whole.shape, "\(text.debugDescription)")
                }
            }
        }
    }

    @Test("a streamed scores file gives the scores and issues of PanelFiles.scores, in either shape")
    func scoresReaderMatchesTheWholeFile() {
        let texts = [
            "judge,application,criterion,percent,comment,strength,opportunity\nJ1,PG-1,C1,๕๐,ดี,จุดเด่น,\nJ2,PG-1,C1,x,,,\n,PG-1,C1,50,,,\n",
            "judge,application,criterion,percent,comment\nJ1,PG-1,C1,50,+ หลักฐานครบ\nJ1,PG-1,C2,55,\"-, ควรวัดผล\"\n",
        ]
        for text in texts {
            let whole = PanelFiles.scores(text)
            var reader = PanelFiles.ScoresReader()
            var rows: [FileRow<Score>] = []
            var issues: [PanelIssue] = []
            for byte in text.utf8 { reader.feed([byte], row: { rows.append($0) }, issue: { issues.append($0) }) }
            #expect(reader.finish(row: { rows.append($0) }, issue: { issues.append($0) }) == nil)
            #expect(rows == whole.rows)
            #expect(issues.sorted(by: PanelIssue.sourceOrder) == whole.issues)
        }
    }
}
