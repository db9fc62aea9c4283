import Foundation
import Intake
import Model
import Testing

/// The column (1-based, in Unicode scalars) of the first occurrence of `needle` on `line` of `text`.
func column(of needle: String, line: Int, in text: String) -> Int {
    let lines = text.components(separatedBy: "\n")
    guard line >= 1, line <= lines.count, let range = lines[line - 1].range(of: needle) else { return -1 }
    return lines[line - 1][..<range.lowerBound].unicodeScalars.count + 1
}

@Suite("XML reader: valid applications")
struct XMLReaderValidTests {
    @Test func fullThaiApplicationReadsIntoTheModel() throws {
        let result = XMLSample.read(XMLSample.text)
        #expect(result.diagnostics == [])
        let application = try #require(result.application)
        #expect(application == XMLSample.expected)
    }

    @Test func sourceMapPlacesElementsAttributesAndRefIds() {
        let text = XMLSample.text
        let map = XMLSample.read(text).sourceMap
        #expect(map.locate("") == SourceLocation(line: 2, column: 1, path: "/application"))
        #expect(map.locate("/agency/name") == SourceLocation(line: 9, column: 5, path: "/application/agency/name"))
        #expect(
            map.locate("/work/objectives/1/text")
                == SourceLocation(line: 25, column: 7, path: "/application/work/objectives/objective[2]"))
        #expect(
            map.locate("/activities/0/stakeholderRefs/1")
                == SourceLocation(
                    line: 38, column: column(of: "stakeholderRefs", line: 38, in: text),
                    path: "/application/activities/activity[1]/@stakeholderRefs"))
        #expect(
            map.locate("/activities/0/level")
                == SourceLocation(
                    line: 37, column: column(of: "level=", line: 37, in: text),
                    path: "/application/activities/activity[1]/@level"))
        #expect(
            map.locate("/indicators/0/measurements/1/year")
                == SourceLocation(
                    line: 54, column: column(of: "year=", line: 54, in: text),
                    path: "/application/indicators/indicator[1]/measurement[2]/@year"))
        #expect(
            map.locate("/indicators/0/target")
                == SourceLocation(
                    line: 52, column: column(of: "value=", line: 52, in: text),
                    path: "/application/indicators/indicator[1]/target/@value"))
        #expect(
            map.locate("/stakeholders/1/name")
                == SourceLocation(line: 34, column: 5, path: "/application/stakeholders/group[2]"))
        #expect(map.locate("/work/areas/0") == SourceLocation(line: 29, column: 7, path: "/application/work/areas/area[1]"))
        #expect(
            map.locate("/declaration/date")
                == SourceLocation(line: 64, column: column(of: "date=", line: 64, in: text), path: "/application/declaration/@date"))
    }

    @Test func thaiLevelAliasesAreAcceptedByTheSchema() throws {
        for name in ParticipationLevel.acceptedNames {
            let result = XMLSample.read(XMLSample.replacing("level=\"involve\"", with: "level=\"\(name)\""))
            let application = try #require(result.application, "level \(name): \(result.diagnostics)")
            #expect(application.activities[0].level == ParticipationLevel(name: name))
        }
    }

    @Test func optionalPartsMayBeLeftOut() throws {
        let text = XMLSample.replacing("<submittedAt>2025-02-21T09:15:00+07:00</submittedAt>", with: "")
            .replacingOccurrences(of: " evidenceRefs=\"E1\"", with: "")
            .replacingOccurrences(of: "<comparison label=\"ค่าเฉลี่ยจังหวัดใกล้เคียง\" value=\"1500\"/>", with: "")
        let application = try #require(XMLSample.read(text).application)
        #expect(application.submittedAt == nil)
        #expect(application.activities[0].evidenceRefs == nil)
        #expect(application.indicators[0].comparisons == nil)
    }

    @Test func prefixedNamespaceAndWindowsLineEndingsReadTheSame() throws {
        let prefixed = XMLSample.text
            .replacingOccurrences(of: "</", with: "</p:")
            .replacingOccurrences(of: "<", with: "<p:")
            .replacingOccurrences(of: "<p:/p:", with: "</p:")
            .replacingOccurrences(of: "<p:?xml", with: "<?xml")
            .replacingOccurrences(of: "xmlns=", with: "xmlns:p=")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let result = XMLSample.read(prefixed)
        #expect(result.diagnostics == [])
        #expect(try #require(result.application) == XMLSample.expected)
        #expect(result.sourceMap.locate("/agency/name") == SourceLocation(line: 9, column: 5, path: "/application/agency/name"))
    }

    @Test func emptyFileIsE001() {
        let result = XMLSample.read("  \n")
        #expect(result.diagnostics.map(\.code) == ["PSEA-E001"])
        #expect(result.application == nil)
    }
}

@Suite("XML reader: schema errors map to the shared codes")
struct XMLReaderSchemaTests {
    /// The single diagnostic of a reading, which must fail.
    func only(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let result = XMLSample.read(text)
        #expect(result.application == nil, sourceLocation: sourceLocation)
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)", sourceLocation: sourceLocation)
        return try #require(result.diagnostics.first, sourceLocation: sourceLocation)
    }

    @Test func missingAttributeIsE010AtTheParent() throws {
        let d = try only(XMLSample.replacing(" date=\"2024-03-12\"", with: ""))
        #expect(d.code == "PSEA-E010")
        #expect(d.pointer == "/activities/1/date")
        #expect(d.location == SourceLocation(line: 43, column: 5, path: "/application/activities/activity[2]"))
        #expect(d.message.th == "/application/activities/activity[2](A2) ขาดแอตทริบิวต์ที่จำเป็น @date")
        #expect(d.message.en == "/application/activities/activity[2](A2) is missing the required attribute @date")
    }

    @Test func missingChildIsE010AtTheParent() throws {
        let d = try only(XMLSample.replacing("<name>จังหวัดน่าน</name>", with: ""))
        #expect(d.code == "PSEA-E010")
        #expect(d.pointer == "/agency/name")
        #expect(d.location == SourceLocation(line: 8, column: 3, path: "/application/agency"))
        #expect(d.message.th.contains("<name>"))
    }

    @Test func missingChildAtTheEndIsE010() throws {
        let d = try only(XMLSample.replacing("<title>ปลูกป่าร่วมกัน</title>", with: ""))
        #expect(d.code == "PSEA-E010")
        #expect(d.pointer == "/activities/1/title")
        #expect(d.location == SourceLocation(line: 43, column: 5, path: "/application/activities/activity[2]"))
    }

    @Test func emptyRequiredListIsE016() throws {
        let text = XMLSample.replacing("<group id=\"S2\" kind=\"government\">องค์การบริหารส่วนตำบล</group>", with: "")
            .replacingOccurrences(of: "<group id=\"S1\" kind=\"community\" count=\"640\">ชาวบ้านในเขตต้นน้ำ</group>", with: "")
        let d = try only(text)
        #expect(d.code == "PSEA-E016")
        #expect(d.pointer == "/stakeholders")
        #expect(d.location == SourceLocation(line: 32, column: 3, path: "/application/stakeholders"))
    }

    @Test func unexpectedElementIsE011AtTheElement() throws {
        let text = XMLSample.replacing(
            "<lessons>ให้ชุมชนร่วมตั้งแต่การกำหนดปัญหา</lessons>",
            with: "<lessons>ให้ชุมชนร่วมตั้งแต่การกำหนดปัญหา</lessons><note>x</note>")
        let d = try only(text)
        #expect(d.code == "PSEA-E011")
        #expect(d.pointer == "/note")
        #expect(d.location == SourceLocation(line: 59, column: column(of: "<note>", line: 59, in: text), path: "/application/note"))
        #expect(d.message.th.contains("<note>"))
    }

    @Test func unknownAttributeIsE011AtTheAttribute() throws {
        let text = XMLSample.replacing("<group id=\"S2\" kind=\"government\">", with: "<group id=\"S2\" kind=\"government\" color=\"red\">")
        let d = try only(text)
        #expect(d.code == "PSEA-E011")
        #expect(d.pointer == "/stakeholders/1/color")
        #expect(
            d.location
                == SourceLocation(
                    line: 34, column: column(of: "color", line: 34, in: text),
                    path: "/application/stakeholders/group[2]/@color"))
        #expect(d.message.th.hasPrefix("/application/stakeholders/group[2](S2)/@color:"))
    }

    @Test func wrongDatatypeIsE012() throws {
        let text = XMLSample.replacing("participants=\"120\"", with: "participants=\"many\"")
        let d = try only(text)
        #expect(d.code == "PSEA-E012")
        #expect(d.pointer == "/activities/0/participants")
        #expect(
            d.location
                == SourceLocation(
                    line: 37, column: column(of: "participants", line: 37, in: text),
                    path: "/application/activities/activity[1]/@participants"))
        #expect(d.message.th.contains("'many'"))
        #expect(d.message.en.contains("many"))
    }

    @Test func wrongElementDatatypeIsE012() throws {
        let d = try only(XMLSample.replacing("<awardYear>2568</awardYear>", with: "<awardYear>2568a</awardYear>"))
        #expect(d.code == "PSEA-E012")
        #expect(d.pointer == "/awardYear")
        #expect(d.location == SourceLocation(line: 4, column: 3, path: "/application/awardYear"))
    }

    @Test func valueOutsideTheListIsE013() throws {
        let text = XMLSample.replacing("level=\"involve\"", with: "level=\"leader\"")
        let d = try only(text)
        #expect(d.code == "PSEA-E013")
        #expect(d.pointer == "/activities/0/level")
        #expect(d.location?.column == column(of: "level=", line: 37, in: text))
        #expect(d.message.th.contains("'leader'"))
        // The allowed keys with their Thai names, not libxml2's dump of every key and alias.
        #expect(d.message.th.contains("collaborate (ระดับความร่วมมือ)"))
        #expect(!d.message.th.contains("การสร้างความร่วมมือ"))
        #expect(d.message.en.contains("use one of: inform, consult, involve, collaborate, empower (or their Thai names)"))
    }

    @Test func patternIsE014() throws {
        let text = XMLSample.replacing("<objective id=\"O2\">", with: "<objective id=\"O 2!\">")
        let d = try only(text)
        #expect(d.code == "PSEA-E014")
        #expect(d.pointer == "/work/objectives/1/id")
        #expect(
            d.location
                == SourceLocation(
                    line: 25, column: column(of: "id=", line: 25, in: text),
                    path: "/application/work/objectives/objective[2]/@id"))
    }

    @Test func blankRequiredTextIsE014() throws {
        let d = try only(XMLSample.replacing("<title>ปลูกป่าร่วมกัน</title>", with: "<title>   </title>"))
        #expect(d.code == "PSEA-E014")
        #expect(d.pointer == "/activities/1/title")
        #expect(d.location == SourceLocation(line: 45, column: 7, path: "/application/activities/activity[2]/title"))
        #expect(d.message.th.contains("ต้องไม่เว้นว่าง"))
    }

    @Test func badEmailIsE014() throws {
        let d = try only(XMLSample.replacing("pimchanok@nan.go.th", with: "pimchanok.nan.go.th"))
        #expect(d.code == "PSEA-E014")
        #expect(d.pointer == "/contact/email")
    }

    @Test func wrongNamespaceIsE015() throws {
        let d = try only(XMLSample.replacing("urn:psea:application:1", with: "urn:psea:application:3"))
        #expect(d.code == "PSEA-E015")
        #expect(d.location == SourceLocation(line: 2, column: 1, path: "/application"))
        #expect(d.message.en.contains("urn:psea:application:3"))
    }

    @Test func wrongRootIsE015() throws {
        let d = try only("<?xml version=\"1.0\"?>\n  <form xmlns=\"urn:psea:application:1\"/>")
        #expect(d.code == "PSEA-E015")
        #expect(d.location == SourceLocation(line: 2, column: 3, path: "/form"))
    }

    @Test func wrongSchemaVersionIsE015() throws {
        let text = XMLSample.replacing("schemaVersion=\"1\"", with: "schemaVersion=\"2\"")
        let d = try only(text)
        #expect(d.code == "PSEA-E015")
        #expect(d.pointer == "/schemaVersion")
        #expect(
            d.location
                == SourceLocation(
                    line: 2, column: column(of: "schemaVersion", line: 2, in: text),
                    path: "/application/@schemaVersion"))
        let missing = try only(XMLSample.replacing(" schemaVersion=\"1\"", with: ""))
        #expect(missing.code == "PSEA-E015")
    }

    @Test func otherSchemaErrorsAreE017() throws {
        let d = try only(XMLSample.replacing("<contact>", with: "<contact>ข้อความแทรก"))
        #expect(d.code == "PSEA-E017")
        #expect(d.pointer == "/contact")
        #expect(d.location == SourceLocation(line: 13, column: 3, path: "/application/contact"))
        #expect(d.message.th.contains("ข้อความแทรก"))
    }

    @Test func misplacedElementIsE011NotMissing() throws {
        let text = XMLSample.replacing("<contact>", with: "<lessons>ก่อน</lessons><contact>")
            .replacingOccurrences(of: "<lessons>ให้ชุมชนร่วมตั้งแต่การกำหนดปัญหา</lessons>", with: "")
        let d = try only(text)
        #expect(d.code == "PSEA-E011")
        #expect(d.pointer == "/lessons")
        #expect(d.location == SourceLocation(line: 13, column: 3, path: "/application/lessons"))
        #expect(d.message.th.contains("ผิดลำดับ"))
    }

    @Test func dateTheSchemaAcceptsButTheModelRefusesIsE019() throws {
        let text = XMLSample.replacing("date=\"2024-03-12\"", with: "date=\"2024-03-12+07:00\"")
        let d = try only(text)
        #expect(d.code == "PSEA-E019")
        #expect(d.pointer == "/activities/1/date")
        #expect(
            d.location
                == SourceLocation(
                    line: 43, column: column(of: "date=", line: 43, in: text),
                    path: "/application/activities/activity[2]/@date"))
    }

    @Test func severalErrorsAreAllReportedInSourceOrder() {
        let text = XMLSample.replacing("level=\"involve\"", with: "level=\"leader\"")
            .replacingOccurrences(of: "kind=\"dataset\"", with: "kind=\"spreadsheet\"")
            .replacingOccurrences(of: "<awardYear>2568</awardYear>", with: "<awardYear>x</awardYear>")
        let result = XMLSample.read(text)
        #expect(result.diagnostics.map(\.code) == ["PSEA-E012", "PSEA-E013", "PSEA-E013"])
        #expect(result.diagnostics.map(\.pointer) == ["/awardYear", "/activities/0/level", "/evidence/1/kind"])
    }
}

@Suite("XML reader: Thai digits")
struct XMLReaderThaiDigitTests {
    @Test func thaiDigitsAreReportedAndReadAsASCII() throws {
        let text = XMLSample.replacing("<awardYear>2568</awardYear>", with: "<awardYear>๒๕๖๘</awardYear>")
            .replacingOccurrences(of: "<measurement year=\"2566\" value=\"1900\"/>", with: "<measurement year=\"๒๕๖๖\" value=\"๑๙๐๐.๕\"/>")
        let result = XMLSample.read(text)
        #expect(result.diagnostics.map(\.code) == ["PSEA-W026", "PSEA-W026", "PSEA-W026"])
        let year = try #require(result.diagnostics.first)
        #expect(year.pointer == "/awardYear")
        #expect(year.location == SourceLocation(line: 4, column: 3, path: "/application/awardYear"))
        #expect(year.message.en == "/application/awardYear \"๒๕๖๘\" is written in Thai digits; it is read as 2568: check that this is right")
        #expect(year.message.th.contains("เลขไทย"))
        #expect(result.diagnostics[1].pointer == "/indicators/0/measurements/0/year")
        #expect(result.diagnostics[1].location?.column == column(of: "year=", line: 53, in: text))
        #expect(result.diagnostics[2].pointer == "/indicators/0/measurements/0/value")
        #expect(result.diagnostics[2].message.en.contains("1900.5"))
        let application = try #require(result.application)
        #expect(application.awardYear == 2568)
        #expect(application.indicators[0].measurements[0] == YearValue(year: 2566, value: 1900.5))
    }

    @Test func thaiDigitsInCountsAndVersionAreRepaired() throws {
        let text = XMLSample.replacing("participants=\"120\"", with: "participants=\"๑๒๐\"")
            .replacingOccurrences(of: "schemaVersion=\"1\"", with: "schemaVersion=\"๑\"")
            .replacingOccurrences(of: "<target value=\"3000\"/>", with: "<target value=\"๓๐๐๐\"/>")
        let result = XMLSample.read(text)
        #expect(result.diagnostics.map(\.code) == ["PSEA-W026", "PSEA-W026", "PSEA-W026"])
        #expect(result.diagnostics.map(\.pointer) == ["/schemaVersion", "/activities/0/participants", "/indicators/0/target"])
        #expect(
            result.diagnostics[1].message.en
                == "/application/activities/activity[1](A1)/@participants \"๑๒๐\" is written in Thai digits; it is read as 120: check that this is right"
        )
        #expect(try #require(result.application) == XMLSample.expected)
    }

    @Test func thaiDigitsThatAreStillNotANumberGetTheSchemaErrorToo() throws {
        let result = XMLSample.read(XMLSample.replacing("participants=\"120\"", with: "participants=\"๑๒x\""))
        #expect(result.diagnostics.map(\.code) == ["PSEA-E012", "PSEA-W026"])
        #expect(result.application == nil)
    }

    @Test func thaiDigitsInDatesAreReadWithAWarning() throws {
        let text = XMLSample.replacing("start=\"2023-10-01\"", with: "start=\"๒๐๒๓-๑๐-๐๑\"")
        let result = XMLSample.read(text)
        #expect(result.diagnostics.map(\.code) == ["PSEA-W026"])
        #expect(result.diagnostics.first?.pointer == "/work/period/start")
        #expect(result.diagnostics.first?.message.th.contains("อ่านเป็น 2023-10-01") == true)
        #expect(try #require(result.application) == XMLSample.expected)
    }

    @Test func thaiDigitsInTextFieldsAreLeftAlone() throws {
        let result = XMLSample.read(XMLSample.text)
        #expect(result.diagnostics.isEmpty)
        #expect(try #require(result.application).work.summary.contains("๙๙"))
    }
}
