import Foundation
import Model
import Testing

@testable import Intake

@Suite("JSON reader: valid applications and source places")
struct JSONReaderValidTests {
    @Test func fullApplicationDecodesToTheExpectedModel() throws {
        let result = JSONFixture.read(JSONFixture.valid)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message.en))")
        let application = try #require(result.application)
        #expect(application == JSONFixture.expected)
        #expect(application.contact.name == "นางสาวสมศรี ใจดี")
        #expect(application.activities[0].level == .involve)
    }

    @Test(arguments: [
        ("/activities/0/level", "\"level\""),
        ("/agency/name", "\"name\": \"จังหวัดน่าน\""),
        ("/indicators/0/measurements/1", "{ \"year\": 2567"),
        ("/indicators/0/measurements/1/year", "\"year\": 2567"),
        ("/work/areas/1", "\"จ.แพร่\""),
        ("/activities/0/stakeholderRefs/1", "\"S2\"]"),
        ("/declaration/date", "\"date\": \"2025-02-20\""),
    ])
    func everyPointerIsPlacedAtItsKeyOrValue(pointer: String, anchor: String) throws {
        let result = JSONFixture.read(JSONFixture.valid)
        let expected = try #require(JSONFixture.place(of: anchor, in: JSONFixture.valid))
        let found = try #require(result.sourceMap.locate(pointer))
        #expect(found.line == expected.line)
        #expect(found.column == expected.column)
        #expect(found.path == pointer)
    }

    @Test func paddedIdsKeysAndAddressesAreAcceptedAndTrimmed() throws {
        var text = JSONFixture.mutated("\"PG-2568-0042\"", "\" PG-2568-0042\\n\"")
        text = JSONFixture.mutated("\"effective-change\"", "\"effective-change \"", in: text)
        text = JSONFixture.mutated("\"somsri@nan.go.th\"", "\"\\tsomsri@nan.go.th \"", in: text)
        let result = JSONFixture.read(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message.en))")
        #expect(result.application == JSONFixture.expected)
    }

    @Test func theRootIsPlacedAtTheFirstCharacter() throws {
        let result = JSONFixture.read("\n\n   " + JSONFixture.valid)
        let root = try #require(result.sourceMap.locate(""))
        #expect(root.line == 3 && root.column == 4)
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let text = "{\"ชื่อ\": \"ค่า\", \"x\": tru}"
        let result = JSONFixture.read(text)
        let problem = try #require(result.diagnostics.first)
        #expect(problem.code == "PSEA-E008")
        #expect(problem.location?.line == 1)
        #expect(problem.location?.column == 22)
        let key = try #require(result.sourceMap.locate("/x"))
        #expect(key.column == 17)
    }

    /// Decision: a UTF-8 byte order mark is accepted and skipped; columns count from the character after it.
    @Test func aByteOrderMarkIsAcceptedAndNotCounted() throws {
        let plain = JSONFixture.read(JSONFixture.valid)
        let marked = JSONApplicationReader.read(Data([0xEF, 0xBB, 0xBF]) + Data(JSONFixture.valid.utf8))
        #expect(marked.diagnostics.isEmpty)
        #expect(marked.application == plain.application)
        #expect(marked.sourceMap.locate("/id") == plain.sourceMap.locate("/id"))
        #expect(marked.sourceMap.locate("")?.column == 1)
    }

    @Test func windowsLineEndsCountOnce() throws {
        let text = JSONFixture.valid.replacingOccurrences(of: "\n", with: "\r\n")
        let result = JSONFixture.read(text)
        #expect(result.application == JSONFixture.expected)
        let expected = try #require(JSONFixture.place(of: "\"level\"", in: JSONFixture.valid))
        #expect(result.sourceMap.locate("/activities/0/level")?.line == expected.line)
    }

    @Test func concurrentReadsAgree() async throws {
        let data = Data(JSONFixture.valid.utf8)
        let bad = Data(JSONFixture.mutated("\"level\": \"collaborate\"", "\"level\": \"ladder\"").utf8)
        let results = await withTaskGroup(of: (Bool, Application?, [String]).self) { group in
            for index in 0..<16 {
                group.addTask {
                    let result = JSONApplicationReader.read(index.isMultiple(of: 2) ? data : bad)
                    return (index.isMultiple(of: 2), result.application, result.diagnostics.map(\.code))
                }
            }
            var all: [(Bool, Application?, [String])] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 16)
        for (isValid, application, codes) in results {
            if isValid {
                #expect(application == JSONFixture.expected)
                #expect(codes.isEmpty)
            } else {
                #expect(application == nil)
                #expect(codes == ["PSEA-E013"])
            }
        }
    }
}

@Suite("JSON reader: schema findings with code, pointer and place")
struct JSONReaderSchemaTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let target: String
        let replacement: String
        let code: String
        let pointer: String
        /// Text whose first character is where the finding must be placed (in the mutated document).
        let anchor: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "required", target: "\"email\": \"somsri@nan.go.th\",", replacement: "",
            code: "PSEA-E010", pointer: "/contact/email", anchor: "\"contact\""),
        Case(
            name: "additional property", target: "\"nameEn\": \"Nan Province\",", replacement: "\"colour\": \"green\",",
            code: "PSEA-E011", pointer: "/agency/colour", anchor: "\"colour\""),
        Case(
            name: "integer with a fraction", target: "\"awardYear\": 2568,", replacement: "\"awardYear\": 2568.5,",
            code: "PSEA-E012", pointer: "/awardYear", anchor: "\"awardYear\""),
        Case(
            name: "boolean is not a number", target: "\"participants\": 120,", replacement: "\"participants\": true,",
            code: "PSEA-E012", pointer: "/activities/0/participants", anchor: "\"participants\""),
        Case(
            name: "string where an integer is expected", target: "\"count\": 640", replacement: "\"count\": \"640\"",
            code: "PSEA-E012", pointer: "/stakeholders/0/count", anchor: "\"count\""),
        Case(
            name: "enum", target: "\"level\": \"collaborate\"", replacement: "\"level\": \"ladder\"",
            code: "PSEA-E013", pointer: "/activities/1/level", anchor: "\"level\": \"ladder\""),
        Case(
            name: "const category", target: "\"participatory-governance\"", replacement: "\"public-service\"",
            code: "PSEA-E013", pointer: "/category", anchor: "\"category\""),
        Case(
            name: "schema version", target: "\"schemaVersion\": 1,", replacement: "\"schemaVersion\": 3,",
            code: "PSEA-E015", pointer: "/schemaVersion", anchor: "\"schemaVersion\""),
        Case(
            name: "id pattern", target: "\"id\": \"PG-2568-0042\"", replacement: "\"id\": \"PG 2568/42\"",
            code: "PSEA-E014", pointer: "/id", anchor: "\"id\": \"PG 2568"),
        Case(
            name: "blank required text", target: "\"unit\": \"ไร่\"", replacement: "\"unit\": \"   \"",
            code: "PSEA-E014", pointer: "/indicators/0/unit", anchor: "\"unit\""),
        Case(
            name: "e-mail", target: "\"somsri@nan.go.th\"", replacement: "\"somsri.nan.go.th\"",
            code: "PSEA-E014", pointer: "/contact/email", anchor: "\"email\""),
        Case(
            name: "empty type key", target: "\"type\": \"effective-change\"", replacement: "\"type\": \"Effective Change\"",
            code: "PSEA-E014", pointer: "/type", anchor: "\"type\""),
        Case(
            name: "minItems", target: "\"stakeholders\": [", replacement: "\"stakeholders\": [], \"x-stakeholders\": [",
            code: "PSEA-E016", pointer: "/stakeholders", anchor: "\"stakeholders\""),
        Case(
            name: "minimum", target: "\"count\": 640", replacement: "\"count\": -3",
            code: "PSEA-E017", pointer: "/stakeholders/0/count", anchor: "\"count\""),
        Case(
            name: "impossible date", target: "\"date\": \"2025-02-20\"", replacement: "\"date\": \"2025-02-30\"",
            code: "PSEA-E019", pointer: "/declaration/date", anchor: "\"date\": \"2025-02-30\""),
        Case(
            name: "date-time without a T", target: "\"2025-02-21T09:15:00+07:00\"", replacement: "\"2025-02-21 09:15\"",
            code: "PSEA-E019", pointer: "/submittedAt", anchor: "\"submittedAt\""),
    ]

    @Test(arguments: cases)
    func eachFindingHasItsCodePointerAndPlace(_ testCase: Case) throws {
        let text = JSONFixture.mutated(testCase.target, testCase.replacement)
        let result = JSONFixture.read(text)
        #expect(result.application == nil)
        let finding = try #require(
            result.diagnostics.first { $0.code == testCase.code && $0.pointer == testCase.pointer },
            "\(result.diagnostics.map { "\($0.code) \($0.pointer)" })")
        let expected = try #require(JSONFixture.place(of: testCase.anchor, in: text))
        #expect(finding.location?.line == expected.line)
        #expect(finding.location?.column == expected.column)
        #expect(finding.severity == .error)
        #expect(!finding.message.th.isEmpty && !finding.message.en.isEmpty)
        // The place as messages write it: positions counting from 1, each item's id after it.
        let document = try JSONValue.parse(Data(text.utf8))
        let place = PlaceText.json(testCase.pointer) { list, index in PlaceText.id(list: list, index: index, in: document) }
        #expect(finding.message.en.hasPrefix(place), "\(finding.message.en)")
    }

    @Test func minItemsCaseOnlyAddsTheExpectedFindings() {
        let text = JSONFixture.mutated("\"stakeholders\": [", "\"stakeholders\": [], \"x-stakeholders\": [")
        let codes = Set(JSONFixture.read(text).diagnostics.map(\.code))
        #expect(codes == ["PSEA-E016", "PSEA-E011"])
    }

    @Test func enumMessageNamesTheFieldAndTheAllowedValues() throws {
        let text = JSONFixture.mutated("\"level\": \"collaborate\"", "\"level\": \"ladder\"")
        let finding = try #require(JSONFixture.read(text).diagnostics.first)
        #expect(
            finding.message.en
                == "/activities/2(A2)/level: \"ladder\" is not one of inform, consult, involve, collaborate, empower (or their Thai names)")
        #expect(finding.message.th.contains("ไม่อยู่ในรายการ"))
        #expect(finding.message.th.contains("inform (ระดับการให้ข้อมูลข่าวสาร), consult (ระดับการปรึกษาหารือ)"))
        #expect(finding.message.th.hasSuffix("(หรือชื่อภาษาไทยของระดับ)"))
    }

    @Test func constMessageSaysTheOneValueExpected() throws {
        let text = JSONFixture.mutated("\"category\": \"participatory-governance\"", "\"category\": \"open-governance\"")
        let finding = try #require(JSONFixture.read(text).diagnostics.first)
        #expect(finding.code == "PSEA-E013" && finding.pointer == "/category")
        #expect(finding.message.en == "/category: expected \"participatory-governance\", found \"open-governance\"")
        #expect(finding.message.th.hasSuffix(": ต้องเป็น \"participatory-governance\" แต่พบ \"open-governance\""))
    }

    @Test func allErrorsAreCollectedInSourceOrder() {
        var text = JSONFixture.mutated("\"awardYear\": 2568,", "\"awardYear\": \"2568\",")
        text = JSONFixture.mutated("\"level\": \"collaborate\"", "\"level\": \"ladder\"", in: text)
        text = JSONFixture.mutated("\"date\": \"2025-02-20\"", "\"date\": \"20/02/2025\"", in: text)
        let result = JSONFixture.read(text)
        #expect(result.diagnostics.map(\.code) == ["PSEA-E012", "PSEA-E013", "PSEA-E019"])
        #expect(result.diagnostics.map(\.pointer) == ["/awardYear", "/activities/1/level", "/declaration/date"])
    }

    @Test func integralDecimalsAreIntegers() throws {
        let text = JSONFixture.mutated("\"awardYear\": 2568,", "\"awardYear\": 2568.0,")
        let result = JSONFixture.read(text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.application?.awardYear == 2568)
    }

    @Test func aRootThatIsNotAnObjectIsATypeError() throws {
        let result = JSONFixture.read("[1, 2, 3]")
        let finding = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(finding.code == "PSEA-E012" && finding.pointer == "")
        #expect(finding.location?.line == 1 && finding.location?.column == 1)
    }
}

@Suite("JSON reader: Thai digits and duplicate keys")
struct JSONReaderThaiDigitsTests {
    @Test func thaiDigitsInAYearAreReportedOnceAndRead() throws {
        let text = JSONFixture.mutated("\"awardYear\": 2568,", "\"awardYear\": \"๒๕๖๘\",")
        let result = JSONFixture.read(text)
        #expect(result.diagnostics.count == 1)
        let finding = try #require(result.diagnostics.first)
        #expect(finding.code == "PSEA-E025")
        #expect(finding.pointer == "/awardYear")
        #expect(finding.message.en.contains("awardYear") && finding.message.en.contains("2568"))
        #expect(finding.message.th.contains("เลขไทย") && finding.message.th.contains("2568"))
        let expected = try #require(JSONFixture.place(of: "\"awardYear\"", in: text))
        #expect(finding.location?.line == expected.line && finding.location?.column == expected.column)
        #expect(result.application?.awardYear == 2568)
    }

    @Test func thaiDigitsInADecimalKeepTheFraction() throws {
        let text = JSONFixture.mutated("\"value\": 12.5", "\"value\": \"๑๒.๕\"")
        let result = JSONFixture.read(text)
        #expect(result.diagnostics.map(\.code) == ["PSEA-E025"])
        #expect(result.diagnostics.first?.pointer == "/indicators/0/comparisons/0/value")
        #expect(result.application?.indicators.first?.comparisons?.first?.value == 12.5)
    }

    @Test func thaiDigitsThatAreNotAnIntegerStillBreakTheIntegerType() {
        let text = JSONFixture.mutated("\"count\": 640", "\"count\": \"๖๔๐.๕\"")
        let codes = JSONFixture.read(text).diagnostics.map(\.code)
        #expect(codes == ["PSEA-E012", "PSEA-E025"])
    }

    @Test func thaiDigitsInADateAreReadWithAWarning() throws {
        let text = JSONFixture.mutated("\"start\": \"2023-10-01\"", "\"start\": \"๒๐๒๓-๑๐-๐๑\"")
        let result = JSONFixture.read(text)
        #expect(result.diagnostics.map(\.code) == ["PSEA-W026"])
        #expect(result.diagnostics.first?.pointer == "/work/period/start")
        #expect(result.diagnostics.first?.message.en.contains("read as 2023-10-01") == true)
        #expect(try #require(result.application) == JSONFixture.read(JSONFixture.valid).application)
    }

    @Test func thaiDigitsInTextAreNotANumberProblem() {
        let text = JSONFixture.mutated("\"lessons\": \"ให้ชุมชน", "\"lessons\": \"ปี ๒๕๖๘ ให้ชุมชน")
        let result = JSONFixture.read(text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.application?.lessons?.hasPrefix("ปี ๒๕๖๘") == true)
    }

    @Test func duplicateKeysAreReportedAtTheSecondKey() throws {
        let text = JSONFixture.mutated("\"lessons\":", "\"sustainability\": \"ซ้ำ\",\n  \"lessons\":")
        let result = JSONFixture.read(text)
        #expect(result.application == nil)
        #expect(result.diagnostics.map(\.code) == ["PSEA-E018"])
        let finding = try #require(result.diagnostics.first)
        #expect(finding.pointer == "/sustainability")
        let first = try #require(JSONFixture.place(of: "\"sustainability\"", in: text))
        #expect(finding.location?.line == first.line + 1)
        #expect(finding.location?.column == 3)
        #expect(finding.message.en.contains("line \(first.line), column \(first.column)"))
        #expect(result.sourceMap.locate("/sustainability")?.line == first.line)
    }

    @Test func duplicateKeysCountAfterEscapesAreDecoded() {
        let result = JSONFixture.read(#"{"a\u0062": 1, "ab": 2}"#)
        #expect(result.diagnostics.contains { $0.code == "PSEA-E018" && $0.pointer == "/ab" && $0.location?.column == 16 })
    }
}
