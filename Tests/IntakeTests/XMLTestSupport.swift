import Foundation
import Intake
import Model

/// A realistic Thai application, written by hand; line numbers in tests refer to this text (line 1 is the
/// XML declaration).
enum XMLSample {
    static let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <application xmlns="urn:psea:application:1" schemaVersion="1">
          <id>PG-2568-0042</id>
          <awardYear>2568</awardYear>
          <category>participatory-governance</category>
          <type>effective-change</type>
          <submittedAt>2025-02-21T09:15:00+07:00</submittedAt>
          <agency kind="province">
            <name>จังหวัดน่าน</name>
            <nameEn>Nan Province</nameEn>
            <province>น่าน</province>
          </agency>
          <contact>
            <name>นางสาวพิมพ์ชนก ใจดี</name>
            <position>นักวิเคราะห์นโยบายและแผนชำนาญการ</position>
            <email>pimchanok@nan.go.th</email>
            <phone>054-710-123</phone>
          </contact>
          <work>
            <title>น่านแซนด์บ็อกซ์: ฟื้นป่าต้นน้ำด้วยพลังชุมชน</title>
            <summary>  ชุมชน ๙๙ หมู่บ้านร่วมกำหนดเขตป่าและพื้นที่ทำกิน &amp; ฟื้นฟูป่าต้นน้ำ  </summary>
            <background>พื้นที่ป่าต้นน้ำลดลงจากการปลูกข้าวโพดเชิงเดี่ยว ปัญหาหมอกควันและดินถล่มจึงต้องแก้ร่วมกับชุมชน</background>
            <objectives>
              <objective id="O1">เพิ่มพื้นที่ป่าต้นน้ำที่ชุมชนดูแล</objective>
              <objective id="O2">ลดจุดความร้อนในฤดูแล้ง</objective>
            </objectives>
            <period start="2023-10-01" end="2024-09-30"/>
            <areas>
              <area>น่าน</area>
            </areas>
          </work>
          <stakeholders>
            <group id="S1" kind="community" count="640">ชาวบ้านในเขตต้นน้ำ</group>
            <group id="S2" kind="government">องค์การบริหารส่วนตำบล</group>
          </stakeholders>
          <activities>
            <activity id="A1" stage="planning" level="involve" date="2023-11-05" participants="120"
                      stakeholderRefs="S1 S2" evidenceRefs="E1">
              <title>เวทีประชาคมกำหนดแนวเขตป่า</title>
              <technique>ประชาคมหมู่บ้าน</technique>
              <influence>ชุมชนเสนอย้ายแนวเขต ๓ จุด และจังหวัดปรับแผนตามข้อเสนอ</influence>
            </activity>
            <activity id="A2" stage="implementation" level="การสร้างความร่วมมือ" date="2024-03-12"
                      stakeholderRefs="S1">
              <title>ปลูกป่าร่วมกัน</title>
            </activity>
          </activities>
          <indicators>
            <indicator id="K1" unit="ไร่" direction="increase" objectiveRef="O1" evidenceRefs="E2">
              <name>พื้นที่ป่าต้นน้ำที่ชุมชนดูแล</name>
              <baseline year="2565" value="1200"/>
              <target value="3000"/>
              <measurement year="2566" value="1900"/>
              <measurement year="2567" value="2800.5"/>
              <comparison label="ค่าเฉลี่ยจังหวัดใกล้เคียง" value="1500"/>
            </indicator>
          </indicators>
          <sustainability>ตั้งกองทุนป่าชุมชนและคณะกรรมการหมู่บ้าน</sustainability>
          <lessons>ให้ชุมชนร่วมตั้งแต่การกำหนดปัญหา</lessons>
          <evidence>
            <item id="E1" kind="photo" uri="https://nan.go.th/forum.jpg">ภาพเวทีประชาคม</item>
            <item id="E2" kind="dataset" uri="data/forest.csv" sha256="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08">ข้อมูลพื้นที่ป่า</item>
          </evidence>
          <declaration signedBy="นายสมชาย รักษ์ป่า" position="ผู้ว่าราชการจังหวัดน่าน" date="2025-02-20"/>
        </application>
        """

    static func date(_ text: String) -> LocalDate {
        guard let date = LocalDate(iso: text) else { preconditionFailure("bad test date \(text)") }
        return date
    }

    /// The model `text` must read into, written out independently of the reader.
    static let expected = Application(
        id: "PG-2568-0042", awardYear: 2568, type: "effective-change",
        submittedAt: Timestamp(iso: "2025-02-21T09:15:00+07:00"),
        agency: Agency(kind: .province, name: "จังหวัดน่าน", nameEn: "Nan Province", province: "น่าน"),
        contact: Contact(
            name: "นางสาวพิมพ์ชนก ใจดี", position: "นักวิเคราะห์นโยบายและแผนชำนาญการ",
            email: "pimchanok@nan.go.th", phone: "054-710-123"),
        work: Work(
            title: "น่านแซนด์บ็อกซ์: ฟื้นป่าต้นน้ำด้วยพลังชุมชน",
            summary: "ชุมชน ๙๙ หมู่บ้านร่วมกำหนดเขตป่าและพื้นที่ทำกิน & ฟื้นฟูป่าต้นน้ำ",
            background: "พื้นที่ป่าต้นน้ำลดลงจากการปลูกข้าวโพดเชิงเดี่ยว ปัญหาหมอกควันและดินถล่มจึงต้องแก้ร่วมกับชุมชน",
            objectives: [
                Objective(id: "O1", text: "เพิ่มพื้นที่ป่าต้นน้ำที่ชุมชนดูแล"),
                Objective(id: "O2", text: "ลดจุดความร้อนในฤดูแล้ง"),
            ],
            period: Period(start: date("2023-10-01"), end: date("2024-09-30")),
            areas: ["น่าน"]),
        stakeholders: [
            Stakeholder(id: "S1", name: "ชาวบ้านในเขตต้นน้ำ", kind: .community, count: 640),
            Stakeholder(id: "S2", name: "องค์การบริหารส่วนตำบล", kind: .government),
        ],
        activities: [
            Activity(
                id: "A1", title: "เวทีประชาคมกำหนดแนวเขตป่า", stage: .planning, level: .involve,
                technique: "ประชาคมหมู่บ้าน", date: date("2023-11-05"), participants: 120,
                stakeholderRefs: ["S1", "S2"], influence: "ชุมชนเสนอย้ายแนวเขต ๓ จุด และจังหวัดปรับแผนตามข้อเสนอ",
                evidenceRefs: ["E1"]),
            Activity(
                id: "A2", title: "ปลูกป่าร่วมกัน", stage: .implementation, level: .collaborate,
                date: date("2024-03-12"), stakeholderRefs: ["S1"]),
        ],
        indicators: [
            Indicator(
                id: "K1", name: "พื้นที่ป่าต้นน้ำที่ชุมชนดูแล", unit: "ไร่", direction: .increase, objectiveRef: "O1",
                baseline: YearValue(year: 2565, value: 1200), target: 3000,
                measurements: [YearValue(year: 2566, value: 1900), YearValue(year: 2567, value: 2800.5)],
                comparisons: [Comparison(label: "ค่าเฉลี่ยจังหวัดใกล้เคียง", value: 1500)], evidenceRefs: ["E2"])
        ],
        sustainability: "ตั้งกองทุนป่าชุมชนและคณะกรรมการหมู่บ้าน",
        lessons: "ให้ชุมชนร่วมตั้งแต่การกำหนดปัญหา",
        evidence: [
            Evidence(id: "E1", kind: .photo, title: "ภาพเวทีประชาคม", uri: "https://nan.go.th/forum.jpg"),
            Evidence(
                id: "E2", kind: .dataset, title: "ข้อมูลพื้นที่ป่า", uri: "data/forest.csv",
                sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        ],
        declaration: Declaration(signedBy: "นายสมชาย รักษ์ป่า", position: "ผู้ว่าราชการจังหวัดน่าน", date: date("2025-02-20")))

    /// The sample with one exact piece of text replaced (the piece must occur exactly once).
    static func replacing(_ old: String, with new: String) -> String {
        precondition(text.components(separatedBy: old).count == 2, "test edit must match exactly once: \(old)")
        return text.replacingOccurrences(of: old, with: new)
    }

    static func read(_ text: String) -> ReadResult {
        XMLApplicationReader.read(Data(text.utf8))
    }
}
