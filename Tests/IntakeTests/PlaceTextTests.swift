import Foundation
import Model
import Testing

@testable import Intake

/// One place notation in every message (issue 15): the JSON pointer for JSON, the element path for XML, list
/// positions counting from 1, each item's id after its position.
@Suite struct PlaceTextTests {
    static let app = RulesFixture.application

    @Test func jsonPlacesCountFromOneAndNameTheItem() {
        #expect(PlaceText.write("/activities/1/stakeholderRefs/1", format: .json, in: Self.app) == "/activities/2(A2)/stakeholderRefs/2")
        #expect(PlaceText.write("/agency/province", format: .json, in: Self.app) == "/agency/province")
        #expect(PlaceText.write("/indicators/0/measurements/1/year", format: .json, in: Self.app) == "/indicators/1(K1)/measurements/2/year")
        #expect(PlaceText.write("/work/objectives/1/text", format: .json, in: Self.app) == "/work/objectives/2(O2)/text")
        #expect(PlaceText.write("/activities/9/date", format: .json, in: Self.app) == "/activities/10/date")
        #expect(PlaceText.write("", format: .json, in: Self.app) == "/")
    }

    @Test func xmlPlacesAreElementPathsWithAttributesAndIds() {
        #expect(
            PlaceText.write("/activities/1/stakeholderRefs/1", format: .xml, in: Self.app)
                == "/application/activities/activity[2](A2)/@stakeholderRefs")
        #expect(PlaceText.write("/agency/province", format: .xml, in: Self.app) == "/application/agency/province")
        #expect(PlaceText.write("/agency/kind", format: .xml, in: Self.app) == "/application/agency/@kind")
        #expect(
            PlaceText.write("/indicators/0/measurements/1/year", format: .xml, in: Self.app)
                == "/application/indicators/indicator[1](K1)/measurement[2]/@year")
        #expect(PlaceText.write("/indicators/1/target", format: .xml, in: Self.app) == "/application/indicators/indicator[2](K2)/target/@value")
        #expect(PlaceText.write("/work/objectives/1/text", format: .xml, in: Self.app) == "/application/work/objectives/objective[2](O2)")
        #expect(PlaceText.write("/work/period/end", format: .xml, in: Self.app) == "/application/work/period/@end")
        #expect(PlaceText.write("/evidence/2/uri", format: .xml, in: Self.app) == "/application/evidence/item[3](E3)/@uri")
        #expect(PlaceText.write("/declaration/date", format: .xml, in: Self.app) == "/application/declaration/@date")
    }

    /// The XML notation names the place the reader records for the same pointer, plus the item's id.
    @Test func xmlNotationMatchesTheReadersPaths() throws {
        let map = XMLSample.read(XMLSample.text).sourceMap
        for pointer in ["/agency/name", "/work/objectives/1/text", "/activities/0/level", "/activities/0/stakeholderRefs/1"] {
            let path = try #require(map.locate(pointer)?.path)
            let written = PlaceText.xml(pointer)
            #expect(written == path, "\(pointer)")
        }
    }

    @Test func businessRuleMessagesUseTheFilesNotation() throws {
        var app = Self.app
        app.activities[1].stakeholderRefs = ["S1", "S9"]
        app.agency.kind = .province
        app.agency.province = nil
        let json = BusinessRules.check(app, context: RuleContext(), format: .json)
        let xml = BusinessRules.check(app, context: RuleContext(), format: .xml)
        let refJSON = try #require(json.first { $0.code == "PSEA-E021" })
        let refXML = try #require(xml.first { $0.code == "PSEA-E021" })
        #expect(refJSON.message.en.hasPrefix("/activities/2(A2)/stakeholderRefs/2 refers to \"S9\""))
        #expect(refXML.message.en.hasPrefix("/application/activities/activity[2](A2)/@stakeholderRefs refers to \"S9\""))
        #expect(refJSON.message.th.hasPrefix("/activities/2(A2)/stakeholderRefs/2 อ้างถึงรหัส \"S9\""))
        let province = try #require(xml.first { $0.code == "PSEA-E053" })
        #expect(province.message.th.hasSuffix("ต้องระบุจังหวัดที่ /application/agency/province"))
        for finding in json + xml {
            for old in ["activities[", "agency.province", "] (A"] {
                #expect(!finding.message.th.contains(old) && !finding.message.en.contains(old), "\(finding.message.en)")
            }
        }
    }

    @Test func schemaMessagesOfJSONUseTheSameNotation() throws {
        let text = JSONFixture.mutated("\"level\": \"collaborate\"", "\"level\": \"co-operate\"")
        let result = ApplicationIntake.check(data: Data(text.utf8), file: "x.json")
        let d = try #require(result.diagnostics.first { $0.code == "PSEA-E013" })
        #expect(d.pointer == "/activities/1/level")
        #expect(d.message.en.hasPrefix("/activities/2(A2)/level:"))
    }
}
