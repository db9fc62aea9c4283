import Testing

@testable import Panel

@Suite struct CSVReaderTests {
    @Test func readsQuotesDoubledQuotesCRLFBOMAndThai() throws {
        // Line 1 header, line 2 a doubled quote, lines 3–4 one quoted field with a line break, line 5 the last record.
        let text = "\u{FEFF}id,name\r\n1,\"สมชาย \"\"ใจดี\"\"\"\r\n2,\"หลาย\r\nบรรทัด\"\r\n3,ท้าย\r\n"
        let records = try CSV.records(text)
        #expect(
            records == [
                CSVRecord(line: 1, fields: ["id", "name"]),
                CSVRecord(line: 2, fields: ["1", "สมชาย \"ใจดี\""]),
                CSVRecord(line: 3, fields: ["2", "หลาย\r\nบรรทัด"]),
                CSVRecord(line: 5, fields: ["3", "ท้าย"]),
            ])
    }

    @Test func readsLFSkipsBlankLinesAndNeedsNoFinalNewline() throws {
        let records = try CSV.records("a,b\n\n1,2\n3,")
        #expect(
            records == [
                CSVRecord(line: 1, fields: ["a", "b"]),
                CSVRecord(line: 3, fields: ["1", "2"]),
                CSVRecord(line: 4, fields: ["3", ""]),
            ])
    }

    @Test func keepsAnEmptyQuotedFieldAndALoneQuotedEmptyRecord() throws {
        let records = try CSV.records("a,\"\"\n\"\"\n")
        #expect(records == [CSVRecord(line: 1, fields: ["a", ""]), CSVRecord(line: 2, fields: [""])])
    }

    @Test func reportsAnUnterminatedQuoteAtTheLineItOpens() {
        #expect(throws: PanelIssue.self) { try CSV.records("a,b\n1,\"open\n2,3\n") }
        do {
            _ = try CSV.records("a,b\n1,\"open\n2,3\n")
        } catch {
            #expect(error.entry == .unterminatedQuote)
            #expect(error.line == 2)
        }
    }

    @Test(arguments: ["a,b\n1,x\"y\n", "a,b\n1,\"x\"y\n"])
    func reportsStrayQuotes(_ text: String) {
        do {
            _ = try CSV.records(text)
            Issue.record("expected a stray-quote error")
        } catch {
            #expect(error.entry == .strayQuote)
            #expect(error.line == 2)
        }
    }

    @Test func refusesBytesThatAreNotUTF8AndDecodesThai() throws {
        do {
            _ = try CSV.decode([0x69, 0x64, 0xFF, 0xFE])
            Issue.record("expected a UTF-8 error")
        } catch {
            #expect(error.entry == .csvNotUTF8)
        }
        #expect(try CSV.decode(Array("ไทย".utf8)) == "ไทย")
    }

    @Test func requiresTheExactHeader() {
        let good = CSV.table(" a , b \n1,2\n", columns: ["a", "b"])
        #expect(good.issues.isEmpty)
        #expect(good.rows.first?["b"] == "2")
        #expect(good.rows.first?.line == 2)

        for text in ["b,a\n1,2\n", "a\n1\n", "a,b,c\n1,2,3\n", "A,b\n1,2\n"] {
            let table = CSV.table(text, columns: ["a", "b"])
            #expect(table.rows.isEmpty)
            #expect(table.issues.map(\.entry) == [.headerMismatch])
            #expect(table.issues.first?.line == 1)
        }
    }

    @Test(arguments: ["", "\u{FEFF}", "\n\n"])
    func reportsAnEmptyFile(_ text: String) {
        #expect(CSV.table(text, columns: ["a"]).issues.map(\.entry) == [.emptyCSV])
    }

    @Test func reportsWrongFieldCountsWithTheirLines() {
        let table = CSV.table("a,b\n1,2\n3\n4,5,6\n7,8\n", columns: ["a", "b"])
        #expect(table.rows.map(\.line) == [2, 5])
        #expect(table.issues.map(\.entry) == [.fieldCount, .fieldCount])
        #expect(table.issues.map(\.line) == [3, 4])
    }

    @Test func issuesCarryBothLanguages() {
        let issue = CSV.table("x\n", columns: ["a"]).issues[0]
        #expect(issue.message.th.contains("หัวตาราง"))
        #expect(issue.message.en.contains("header"))
        #expect(issue.description.hasPrefix("PSEA-C002"))
    }
}

@Suite struct PanelFilesTests {
    @Test func readsJudges() {
        let text = "id,name,ministry,province,agency\nJ1,นางสาวสมศรี มีสุข,กระทรวงมหาดไทย,จ. เชียงใหม่,กรมการปกครอง\nJ2,\"Dr. A, B\",,,\n"
        let parsed = PanelFiles.judges(text)
        #expect(parsed.isValid)
        #expect(
            parsed.rows == [
                FileRow(Judge(id: "J1", name: "นางสาวสมศรี มีสุข", ministry: "กระทรวงมหาดไทย", province: "จ. เชียงใหม่", agency: "กรมการปกครอง"), line: 2),
                FileRow(Judge(id: "J2", name: "Dr. A, B"), line: 3),
            ])
    }

    @Test func refusesJudgesWithoutIdOrNameAndDuplicateIds() {
        let text = "id,name,ministry,province,agency\nJ1,ก,,,\n,ข,,,\nJ3,,,,\nJ1,ค,,,\n"
        let parsed = PanelFiles.judges(text)
        #expect(!parsed.isValid)
        #expect(parsed.issues.map(\.entry) == [.missingValue, .missingValue, .duplicateJudge])
        #expect(parsed.issues.map(\.line) == [3, 4, 5])
        #expect(parsed.issues.map(\.column) == ["id", "name", "id"])
        #expect(parsed.issues[2].message.en.contains("line 2"))
    }

    @Test func readsDeclaredConflictsWithOptionalReason() {
        let parsed = PanelFiles.conflicts("judge,application,reason\nJ1,PG-1,เคยเป็นที่ปรึกษา\nJ2,PG-2,\nJ3,,x\n")
        #expect(
            parsed.rows == [
                FileRow(Conflict(judge: "J1", application: "PG-1", reason: "เคยเป็นที่ปรึกษา"), line: 2),
                FileRow(Conflict(judge: "J2", application: "PG-2", reason: ""), line: 3),
            ])
        #expect(parsed.issues.map(\.entry) == [.missingValue])
        #expect(parsed.issues.first?.column == "application")
        #expect(parsed.issues.first?.line == 4)
    }

    @Test func readsScoresWithThaiDigitsAndFractions() {
        let text = "judge,application,criterion,percent,comment\nJ1,PG-1,c1,๗๕,\"ดี, ครบถ้วน\"\nJ1,PG-1,c2,72.5,\n"
        let parsed = PanelFiles.scores(text)
        #expect(parsed.isValid)
        #expect(parsed.rows.map(\.percent) == [75, 72.5])
        #expect(parsed.rows.first?.comment == "ดี, ครบถ้วน")
        #expect(parsed.rows.map(\.line) == [2, 3])
    }

    @Test func readsStrengthAndOpportunityColumns() {
        let text =
            "judge,application,criterion,percent,comment,strength,opportunity\nJ1,PG-1,c1,80,ดูจากเอกสาร,มีหลักฐานครบ,+ ควรวัดผลต่อเนื่อง\nJ1,PG-1,c2,60,+ ชัดเจน,,\n"
        let parsed = PanelFiles.scores(text)
        #expect(parsed.isValid)
        #expect(
            parsed.rows.map(\.value) == [
                Score(
                    judge: "J1", application: "PG-1", criterion: "c1", percent: 80, comment: "ดูจากเอกสาร", strength: "มีหลักฐานครบ",
                    opportunity: "+ ควรวัดผลต่อเนื่อง"),
                // A file with the columns reads no marker: the comment stays a comment.
                Score(judge: "J1", application: "PG-1", criterion: "c2", percent: 60, comment: "+ ชัดเจน"),
            ])
    }

    @Test func oldShapeCommentsWithMarkersBecomeStrengthsOrOpportunities() {
        let cases: [(String, Score)] = [
            ("+ ดีมาก", Score(judge: "J", application: "A", criterion: "c", percent: 10, strength: "ดีมาก")),
            ("จุดแข็ง: ชัดเจน", Score(judge: "J", application: "A", criterion: "c", percent: 10, strength: "ชัดเจน")),
            ("Strength: clear", Score(judge: "J", application: "A", criterion: "c", percent: 10, strength: "clear")),
            ("OFI: add trends", Score(judge: "J", application: "A", criterion: "c", percent: 10, opportunity: "add trends")),
            ("- ควรวัดผล", Score(judge: "J", application: "A", criterion: "c", percent: 10, opportunity: "ควรวัดผล")),
            ("โอกาสในการปรับปรุง ควรวัดผลต่อเนื่อง", Score(judge: "J", application: "A", criterion: "c", percent: 10, opportunity: "ควรวัดผลต่อเนื่อง")),
            ("โอกาสพัฒนา：ควรวัดผล", Score(judge: "J", application: "A", criterion: "c", percent: 10, opportunity: "ควรวัดผล")),
            // No marker, or a marker alone: the comment stays as it was, whatever the percent.
            ("ควรวางแผนงบประมาณ", Score(judge: "J", application: "A", criterion: "c", percent: 10, comment: "ควรวางแผนงบประมาณ")),
            ("+", Score(judge: "J", application: "A", criterion: "c", percent: 10, comment: "+")),
        ]
        for (comment, expected) in cases {
            let parsed = PanelFiles.scores("judge,application,criterion,percent,comment\nJ,A,c,10,\"\(comment)\"\n")
            #expect(parsed.rows.map(\.value) == [expected], "\(comment)")
        }
    }

    @Test(arguments: ["abc", "1e2", "nan", "inf", "0x10", "7.", ".5", "--5", "5 0"])
    func refusesPercentsThatAreNotPlainNumbers(_ percent: String) {
        let parsed = PanelFiles.scores("judge,application,criterion,percent,comment\nJ1,PG-1,c1,\(percent),\n")
        #expect(parsed.rows.isEmpty)
        #expect(parsed.issues.map(\.entry) == [.notANumber])
        #expect(parsed.issues.first?.line == 2)
        #expect(parsed.issues.first?.column == "percent")
    }

    @Test func reportsMissingScoreValuesAndBadHeader() {
        let parsed = PanelFiles.scores("judge,application,criterion,percent,comment\nJ1,PG-1,,,\n")
        #expect(parsed.issues.map(\.column) == ["criterion", "percent"])
        #expect(PanelFiles.scores("judge,application,criterion,percent\n").issues.map(\.entry) == [.headerMismatch])
    }
}
