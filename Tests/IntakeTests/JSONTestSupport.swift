import Foundation
import Model

@testable import Intake

/// Shared fixtures for the JSON intake tests: a complete, realistic application and helpers to place text.
enum JSONFixture {
    /// A complete valid application (province of Nan, effective-change), with a Thai level alias, padded text
    /// and an integral and a fractional decimal.
    static let valid = #"""
        {
          "schemaVersion": 1,
          "id": "PG-2568-0042",
          "awardYear": 2568,
          "category": "participatory-governance",
          "type": "effective-change",
          "submittedAt": "2025-02-21T09:15:00+07:00",
          "agency": {
            "kind": "province",
            "name": "จังหวัดน่าน",
            "nameEn": "Nan Province",
            "province": "น่าน"
          },
          "contact": {
            "name": "  นางสาวสมศรี ใจดี  ",
            "position": "นักวิเคราะห์นโยบายและแผนชำนาญการ",
            "email": "somsri@nan.go.th",
            "phone": "054-710-123"
          },
          "work": {
            "title": "ป่าชุมชนคืนชีวิต: ฟื้นฟูป่าต้นน้ำน่านด้วยพลังชุมชน",
            "summary": "ชาวบ้าน อปท. และหน่วยงานรัฐร่วมกันวางแผนและฟื้นฟูป่าต้นน้ำ\nทำให้พื้นที่ป่าเพิ่มขึ้นอย่างวัดผลได้",
            "background": "พื้นที่ต้นน้ำถูกบุกรุกเพื่อปลูกข้าวโพด เกิดหมอกควันและน้ำแล้ง จึงต้องให้ชุมชนเป็นผู้ร่วมตัดสินใจ",
            "objectives": [
              { "id": "O1", "text": "เพิ่มพื้นที่ป่าต้นน้ำที่ชุมชนดูแล" },
              { "id": "O2", "text": "ลดจุดความร้อนในฤดูแล้ง" }
            ],
            "period": { "start": "2023-10-01", "end": "2024-09-30" },
            "areas": ["น่าน", "จ.แพร่"]
          },
          "stakeholders": [
            { "id": "S1", "name": "คณะกรรมการป่าชุมชน 12 หมู่บ้าน", "kind": "community", "count": 640 },
            { "id": "S2", "name": "องค์การบริหารส่วนตำบลในพื้นที่", "kind": "government" }
          ],
          "activities": [
            {
              "id": "A1",
              "title": "เวทีประชาคมกำหนดแนวเขตป่า",
              "stage": "planning",
              "level": "การเข้ามาเกี่ยวข้อง",
              "technique": "เวทีประชาคมและแผนที่ทำมือ",
              "date": "2023-11-05",
              "participants": 120,
              "stakeholderRefs": ["S1", "S2"],
              "influence": "ชุมชนขอให้ขยายแนวกันไฟ จังหวัดจึงปรับแผน",
              "evidenceRefs": ["E1"]
            },
            {
              "id": "A2",
              "title": "คณะกรรมการร่วมติดตามผล",
              "stage": "evaluation",
              "level": "collaborate",
              "date": "2024-06-15",
              "stakeholderRefs": ["S1"]
            }
          ],
          "indicators": [
            {
              "id": "K1",
              "name": "พื้นที่ป่าที่ชุมชนดูแล",
              "unit": "ไร่",
              "direction": "increase",
              "objectiveRef": "O1",
              "baseline": { "year": 2565, "value": 1200 },
              "target": 3000,
              "measurements": [
                { "year": 2566, "value": 1900 },
                { "year": 2567, "value": 2800.5 }
              ],
              "comparisons": [{ "label": "ค่าเฉลี่ยจังหวัด", "value": 12.5 }],
              "evidenceRefs": ["E2"]
            }
          ],
          "sustainability": "กองทุนป่าชุมชนและข้อบัญญัติตำบล",
          "lessons": "ให้ชุมชนเป็นเจ้าของข้อมูลตั้งแต่ต้น",
          "evidence": [
            { "id": "E1", "kind": "photo", "title": "ภาพเวทีประชาคม", "uri": "https://nan.go.th/forest/a1.jpg" },
            { "id": "E2", "kind": "dataset", "title": "ข้อมูลพื้นที่ป่า", "uri": "data/k1.csv", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" }
          ],
          "declaration": { "signedBy": "นายสมชาย รักป่า", "position": "ผู้ว่าราชการจังหวัดน่าน", "date": "2025-02-20" }
        }
        """#

    /// The model `valid` must decode to (texts trimmed, the Thai level alias resolved).
    static let expected = Application(
        id: "PG-2568-0042", awardYear: 2568, type: "effective-change",
        submittedAt: Timestamp(iso: "2025-02-21T09:15:00+07:00"),
        agency: Agency(kind: .province, name: "จังหวัดน่าน", nameEn: "Nan Province", province: "น่าน"),
        contact: Contact(name: "นางสาวสมศรี ใจดี", position: "นักวิเคราะห์นโยบายและแผนชำนาญการ", email: "somsri@nan.go.th", phone: "054-710-123"),
        work: Work(
            title: "ป่าชุมชนคืนชีวิต: ฟื้นฟูป่าต้นน้ำน่านด้วยพลังชุมชน",
            summary: "ชาวบ้าน อปท. และหน่วยงานรัฐร่วมกันวางแผนและฟื้นฟูป่าต้นน้ำ\nทำให้พื้นที่ป่าเพิ่มขึ้นอย่างวัดผลได้",
            background: "พื้นที่ต้นน้ำถูกบุกรุกเพื่อปลูกข้าวโพด เกิดหมอกควันและน้ำแล้ง จึงต้องให้ชุมชนเป็นผู้ร่วมตัดสินใจ",
            objectives: [
                Objective(id: "O1", text: "เพิ่มพื้นที่ป่าต้นน้ำที่ชุมชนดูแล"),
                Objective(id: "O2", text: "ลดจุดความร้อนในฤดูแล้ง"),
            ],
            period: Period(start: date(2023, 10, 1), end: date(2024, 9, 30)),
            areas: ["น่าน", "จ.แพร่"]),
        stakeholders: [
            Stakeholder(id: "S1", name: "คณะกรรมการป่าชุมชน 12 หมู่บ้าน", kind: .community, count: 640),
            Stakeholder(id: "S2", name: "องค์การบริหารส่วนตำบลในพื้นที่", kind: .government),
        ],
        activities: [
            Activity(
                id: "A1", title: "เวทีประชาคมกำหนดแนวเขตป่า", stage: .planning, level: .involve,
                technique: "เวทีประชาคมและแผนที่ทำมือ", date: date(2023, 11, 5), participants: 120,
                stakeholderRefs: ["S1", "S2"], influence: "ชุมชนขอให้ขยายแนวกันไฟ จังหวัดจึงปรับแผน", evidenceRefs: ["E1"]),
            Activity(
                id: "A2", title: "คณะกรรมการร่วมติดตามผล", stage: .evaluation, level: .collaborate,
                date: date(2024, 6, 15), stakeholderRefs: ["S1"]),
        ],
        indicators: [
            Indicator(
                id: "K1", name: "พื้นที่ป่าที่ชุมชนดูแล", unit: "ไร่", direction: .increase, objectiveRef: "O1",
                baseline: YearValue(year: 2565, value: 1200), target: 3000,
                measurements: [YearValue(year: 2566, value: 1900), YearValue(year: 2567, value: 2800.5)],
                comparisons: [Comparison(label: "ค่าเฉลี่ยจังหวัด", value: 12.5)], evidenceRefs: ["E2"])
        ],
        sustainability: "กองทุนป่าชุมชนและข้อบัญญัติตำบล",
        lessons: "ให้ชุมชนเป็นเจ้าของข้อมูลตั้งแต่ต้น",
        evidence: [
            Evidence(id: "E1", kind: .photo, title: "ภาพเวทีประชาคม", uri: "https://nan.go.th/forest/a1.jpg"),
            Evidence(
                id: "E2", kind: .dataset, title: "ข้อมูลพื้นที่ป่า", uri: "data/k1.csv",
                sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        ],
        declaration: Declaration(signedBy: "นายสมชาย รักป่า", position: "ผู้ว่าราชการจังหวัดน่าน", date: date(2025, 2, 20)))

    static func date(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        guard let value = LocalDate(year: year, month: month, day: day) else { preconditionFailure("bad fixture date") }
        return value
    }

    /// `valid` with the first occurrence of `target` replaced; traps when the fixture lacks `target`, so a
    /// mutation can never silently test the unmodified document.
    static func mutated(_ target: String, _ replacement: String, in text: String = valid) -> String {
        guard let range = text.range(of: target) else { preconditionFailure("fixture lacks \(target)") }
        return text.replacingCharacters(in: range, with: replacement)
    }

    /// Line and column (1-based, Unicode scalars) of the first occurrence of `needle`, counted here with plain
    /// string operations, independently of the locator.
    static func place(of needle: String, in text: String) -> (line: Int, column: Int)? {
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if let range = line.range(of: needle) {
                return (index + 1, line[..<range.lowerBound].unicodeScalars.count + 1)
            }
        }
        return nil
    }

    static func read(_ text: String) -> ReadResult {
        JSONApplicationReader.read(Data(text.utf8))
    }
}

extension JSONFixture {
    /// The smallest valid application: no optional field, no indicators, no evidence.
    static let minimal = #"""
        {"schemaVersion": 1, "id": "OG.2568_1", "awardYear": 2568, "category": "participatory-governance",
         "type": "open-governance",
         "agency": {"kind": "other", "name": "สำนักงานทดสอบ"},
         "contact": {"name": "ผู้ประสานงาน", "email": "a@b"},
         "work": {"title": "ชื่อผลงาน", "summary": "สรุป", "background": "ที่มา",
                  "objectives": [{"id": "O1", "text": "วัตถุประสงค์"}], "period": {"start": "2024-01-01"}},
         "stakeholders": [{"id": "S1", "name": "ประชาชน", "kind": "citizens"}],
         "activities": [{"id": "A1", "title": "เวที", "stage": "planning", "level": "inform", "date": "2024-02-01",
                         "stakeholderRefs": ["S1"]}],
         "indicators": [], "evidence": [],
         "declaration": {"signedBy": "ผู้ลงนาม", "position": "ผู้อำนวยการ", "date": "2024-03-01"}}
        """#
}
