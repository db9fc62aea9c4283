import Foundation
import Intake
import Model
import Testing

@Suite("XML writer")
struct XMLWriterTests {
    @Test func roundTripGivesTheSameModel() throws {
        let written = XMLApplicationWriter.write(XMLSample.expected)
        let result = XMLSample.read(written)
        #expect(result.diagnostics == [])
        #expect(try #require(result.application) == XMLSample.expected)
    }

    @Test func outputIsDeterministicAndInContractShape() {
        let first = XMLApplicationWriter.write(XMLSample.expected)
        #expect(first == XMLApplicationWriter.write(XMLSample.expected))
        #expect(
            first.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<application xmlns=\"urn:psea:application:1\" schemaVersion=\"1\">\n  <id>PG-2568-0042</id>\n"
            ))
        #expect(first.contains("    <baseline year=\"2565\" value=\"1200\"/>\n"))
        #expect(first.contains("<measurement year=\"2567\" value=\"2800.5\"/>"))
        #expect(
            first.contains(
                "<activity id=\"A1\" stage=\"planning\" level=\"involve\" date=\"2023-11-05\" participants=\"120\" stakeholderRefs=\"S1 S2\" evidenceRefs=\"E1\">"
            ))
        #expect(first.contains("<summary>ชุมชน ๙๙ หมู่บ้านร่วมกำหนดเขตป่าและพื้นที่ทำกิน &amp; ฟื้นฟูป่าต้นน้ำ</summary>"))
        // Children in contract order.
        let order = [
            "<id>", "<awardYear>", "<category>", "<type>", "<submittedAt>", "<agency ", "<contact>", "<work>",
            "<stakeholders>", "<activities>", "<indicators>", "<sustainability>", "<lessons>", "<evidence>", "<declaration ",
        ]
        let positions = order.compactMap { first.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
    }

    @Test func numbersHaveNoNeedlessFractionOrExponent() {
        #expect(XMLApplicationWriter.number(1200) == "1200")
        #expect(XMLApplicationWriter.number(12.5) == "12.5")
        #expect(XMLApplicationWriter.number(-3) == "-3")
        #expect(XMLApplicationWriter.number(0.0001) == "0.0001")
        #expect(XMLApplicationWriter.number(1e20) == "100000000000000000000")
        #expect(XMLApplicationWriter.number(1.5e-7) == "0.00000015")
        #expect(XMLApplicationWriter.number(-0.0) == "0")
    }

    @Test func awkwardTextSurvivesTheRoundTrip() throws {
        var application = XMLSample.expected
        application.work.title = "A & B <C> \"D\" 'E'"
        application.work.background = "บรรทัดแรก\nบรรทัดที่สอง\r\nบรรทัดที่สาม\tจบ"
        application.agency.nameEn = ""
        application.stakeholders[0].name = "กลุ่ม \"ชาวบ้าน\" & <ผู้นำ>"
        application.indicators[0].comparisons = [Comparison(label: "แถว 1\nแถว 2 \"x\" & y", value: 0.000123)]
        application.indicators[0].target = 1e16
        application.indicators[0].evidenceRefs = []
        application.work.areas = []
        application.previousAward = PreviousAward(year: 2565, type: "open-governance", title: "รางวัล <ดีเด่น>")
        let written = XMLApplicationWriter.write(application)
        let result = XMLSample.read(written)
        #expect(result.diagnostics == [])
        #expect(try #require(result.application) == application)
    }

    @Test func thaiLevelAliasIsWrittenAsItsKey() throws {
        let written = XMLApplicationWriter.write(XMLSample.expected)
        #expect(written.contains("level=\"collaborate\""))
        #expect(!written.contains("การสร้างความร่วมมือ"))
    }
}
