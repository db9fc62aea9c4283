import Foundation
import Intake
import Model
import Testing

/// XML messages say as much as JSON ones (issue 15): the elements a parent takes at an unexpected element, the
/// allowed values with their Thai names at a bad enumeration, a "save as UTF-8" hint at bad bytes.
@Suite("XML messages as helpful as JSON ones")
struct XMLMessageTests {
    func only(_ text: String) throws -> Diagnostic {
        let result = XMLSample.read(text)
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
        return try #require(result.diagnostics.first)
    }

    @Test func anUnexpectedElementListsTheElementsItsParentTakes() throws {
        let d = try only(XMLSample.replacing("<email>pimchanok@nan.go.th</email>", with: "<email>pimchanok@nan.go.th</email><fax>02</fax>"))
        #expect(d.code == "PSEA-E011")
        #expect(d.location?.path == "/application/contact/fax")
        #expect(
            d.message.en
                == "<fax> is not expected in <contact>; the elements allowed in <contact> are <name>, <position>, <email>, <phone> (in this order)")
        #expect(
            d.message.th
                == "องค์ประกอบ <fax> ไม่มีในรูปแบบใบสมัครที่ตำแหน่งนี้ องค์ประกอบที่ใช้ได้ใน <contact> คือ <name>, <position>, <email>, <phone> (ตามลำดับนี้)")
    }

    @Test func aRepeatedElementIsNamedWithItsParentsOrder() throws {
        let d = try only(
            XMLSample.replacing("<email>pimchanok@nan.go.th</email>", with: "<email>pimchanok@nan.go.th</email><email>b@nan.go.th</email>"))
        #expect(d.code == "PSEA-E011")
        #expect(d.message.en.hasPrefix("<email> is repeated or out of place in <contact>; the elements of <contact> come in this order: <name>"))
        #expect(d.message.th.hasPrefix("องค์ประกอบ <email> ซ้ำหรืออยู่ผิดตำแหน่งใน <contact>"))
    }

    @Test func aChildOfAnElementWithoutChildrenSaysSo() throws {
        let d = try only(
            XMLSample.replacing(
                "<period start=\"2023-10-01\" end=\"2024-09-30\"/>", with: "<period start=\"2023-10-01\" end=\"2024-09-30\"><note/></period>"))
        #expect(d.code == "PSEA-E017")
        #expect(d.message.en == "/application/work/period: <period> takes attributes only, no child elements or text: remove <note>")
        #expect(d.message.th == "/application/work/period: องค์ประกอบ <period> มีได้เฉพาะแอตทริบิวต์ ไม่มีองค์ประกอบย่อยหรือข้อความ ให้ลบ <note> ออก")
    }

    @Test func aVersion1RootDoesNotOfferResponses() throws {
        let d = try only(
            XMLSample.replacing("<lessons>ให้ชุมชนร่วมตั้งแต่การกำหนดปัญหา</lessons>", with: "<lessons>ให้ชุมชนร่วมตั้งแต่การกำหนดปัญหา</lessons><note>x</note>"))
        #expect(d.code == "PSEA-E011")
        #expect(d.message.en.contains("<evidence>, <declaration> (in this order)"))
        #expect(!d.message.en.contains("<responses>"))
    }

    @Test func aBadEnumerationListsTheKeysWithTheirThaiNamesNotTheAliases() throws {
        let level = try only(XMLSample.replacing("level=\"involve\"", with: "level=\"co-operate\""))
        #expect(level.code == "PSEA-E013")
        #expect(level.message.th.contains("inform (ระดับการให้ข้อมูลข่าวสาร), consult (ระดับการปรึกษาหารือ)"))
        #expect(level.message.th.contains("empower (ระดับเสริมอำนาจประชาชน) (หรือชื่อภาษาไทยของระดับ)"))
        #expect(level.message.en.hasSuffix("use one of: inform, consult, involve, collaborate, empower (or their Thai names)"))
        // One name per level, not the 21 values the schema accepts.
        #expect(!level.message.th.contains("การรับฟังความคิดเห็น"))

        let kind = try only(XMLSample.replacing("<agency kind=\"province\">", with: "<agency kind=\"ministry\">"))
        #expect(kind.code == "PSEA-E013")
        #expect(kind.message.th.contains("central-department (ส่วนราชการระดับกรม), province (จังหวัด)"))
        #expect(kind.message.en.contains("central-department (central department), province, provincial-office (provincial office)"))

        let group = try only(XMLSample.replacing("<group id=\"S2\" kind=\"government\">", with: "<group id=\"S2\" kind=\"state\">"))
        #expect(group.message.th.contains("civil-society (ภาคประชาสังคม)"))
    }

    @Test func anAttributeTheElementDoesNotTakeIsNamedAtTheAttribute() throws {
        let period = "<period start=\"2023-10-01\" end=\"2024-09-30\""
        let d = try only(XMLSample.replacing(period + "/>", with: period + " color=\"red\"/>"))
        #expect(d.code == "PSEA-E011")
        #expect(d.message.en == "/application/work/period/@color: <period> has no such attribute in the format")
        #expect(d.message.th == "/application/work/period/@color: องค์ประกอบ <period> ไม่มีแอตทริบิวต์นี้ในรูปแบบใบสมัคร")
        #expect(d.location?.path.hasSuffix("@color") == true)
    }

    @Test func bytesThatAreNotUTF8SayToSaveTheFileAsUTF8() throws {
        var data = Data(XMLSample.text.utf8)
        let at = try #require(data.firstRange(of: Data("ชาวบ้าน".utf8)))
        data.replaceSubrange(at, with: [0xA8, 0xD2, 0xC7])
        let result = ApplicationIntake.check(data: data, file: "tis620.xml")
        let d = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(d.code == "PSEA-E003")
        #expect(d.message.en.contains("invalid byte 0xA8") && d.message.en.hasSuffix("save it again as UTF-8 (Save As → UTF-8)"))
        #expect(d.message.th.contains("ให้เปิดไฟล์แล้วบันทึกใหม่เป็นแบบ UTF-8"))
    }
}
