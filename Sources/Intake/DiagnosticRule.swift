import Model

/// One kind of finding the intake can report: a stable code, its severity and a one-line summary.
/// Every diagnostic the intake emits comes from a rule in `DiagnosticRule.all`; codes are never reused.
public struct DiagnosticRule: Sendable, Hashable {
    public let code: String
    public let severity: Diagnostic.Severity
    public let summary: LocalizedText

    init(_ code: String, _ severity: Diagnostic.Severity, th: String, en: String) {
        self.code = code
        self.severity = severity
        self.summary = LocalizedText(th: th, en: en)
    }

    /// A finding of this rule at `pointer` (a JSON pointer into the model), with its own message.
    public func diagnostic(th: String, en: String, at pointer: String = "", location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(code: code, severity: severity, message: LocalizedText(th: th, en: en), pointer: pointer, location: location)
    }
}

extension DiagnosticRule {
    // MARK: File level (E001–E009)
    public static let emptyFile = DiagnosticRule("PSEA-E001", .error, th: "ไฟล์ว่างเปล่า", en: "the file is empty")
    public static let fileTooLarge = DiagnosticRule("PSEA-E002", .error, th: "ไฟล์ใหญ่เกินขนาดที่กำหนด", en: "the file is over the size limit")
    public static let notUTF8 = DiagnosticRule("PSEA-E003", .error, th: "ไฟล์ไม่ได้เข้ารหัสแบบ UTF-8", en: "the file is not UTF-8 text")
    public static let unknownFormat = DiagnosticRule("PSEA-E004", .error, th: "ไฟล์ไม่ใช่ XML หรือ JSON", en: "the file is neither XML nor JSON")
    public static let xmlNotWellFormed = DiagnosticRule("PSEA-E005", .error, th: "XML มีรูปแบบไม่ถูกต้อง", en: "the XML is not well-formed")
    public static let xmlForbiddenDTD = DiagnosticRule("PSEA-E006", .error, th: "ไม่อนุญาตให้มี DTD หรือการประกาศเอนทิตีในใบสมัคร", en: "DTDs and entity declarations are not allowed in an application")
    public static let jsonSyntax = DiagnosticRule("PSEA-E008", .error, th: "JSON มีรูปแบบไม่ถูกต้อง", en: "the JSON is not well-formed")
    public static let tooDeep = DiagnosticRule("PSEA-E009", .error, th: "โครงสร้างซ้อนกันลึกเกินกำหนด", en: "the structure is nested too deeply")

    // MARK: Structure, shared by the XSD and the JSON Schema (E010–E019)
    public static let missingField = DiagnosticRule("PSEA-E010", .error, th: "ขาดข้อมูลที่จำเป็น", en: "a required field is missing")
    public static let unknownField = DiagnosticRule("PSEA-E011", .error, th: "มีข้อมูลที่ไม่รู้จัก", en: "a field is not part of the format")
    public static let wrongType = DiagnosticRule("PSEA-E012", .error, th: "ชนิดข้อมูลไม่ถูกต้อง", en: "a value has the wrong type")
    public static let notInList = DiagnosticRule("PSEA-E013", .error, th: "ค่าไม่อยู่ในรายการที่กำหนด", en: "a value is not one of the allowed values")
    public static let badText = DiagnosticRule("PSEA-E014", .error, th: "ข้อความไม่ตรงตามรูปแบบหรือความยาวที่กำหนด", en: "a text does not match its required pattern or length")
    public static let wrongVersion = DiagnosticRule("PSEA-E015", .error, th: "รุ่นของรูปแบบใบสมัครหรือเนมสเปซไม่ถูกต้อง", en: "wrong schema version or namespace")
    public static let tooFew = DiagnosticRule("PSEA-E016", .error, th: "จำนวนรายการน้อยกว่าที่กำหนด", en: "a list has too few items")
    public static let schemaOther = DiagnosticRule("PSEA-E017", .error, th: "ไม่ตรงตามสคีมาของใบสมัคร", en: "the application does not match the schema")
    public static let duplicateKey = DiagnosticRule("PSEA-E018", .error, th: "มีคีย์ซ้ำในออบเจกต์เดียวกัน", en: "a key appears twice in one object")
    public static let badDate = DiagnosticRule("PSEA-E019", .error, th: "วันที่หรือเวลาไม่ถูกต้อง", en: "a date or date-time is not valid ISO 8601")

    // MARK: Identifiers and numbers (E020–E029)
    public static let duplicateID = DiagnosticRule("PSEA-E020", .error, th: "รหัส (id) ซ้ำกัน", en: "an id is used twice")
    public static let unresolvedRef = DiagnosticRule("PSEA-E021", .error, th: "การอ้างอิงไม่พบรหัสที่อ้างถึง", en: "a reference does not resolve")
    public static let commonEraYear = DiagnosticRule("PSEA-E022", .error, th: "ปีดูเหมือนเป็น ค.ศ. แต่ต้องเป็น พ.ศ.", en: "a year looks like a CE year; years are Buddhist Era")
    public static let yearOutOfRange = DiagnosticRule("PSEA-E023", .error, th: "ปี พ.ศ. อยู่นอกช่วง 2500–2700", en: "a Buddhist Era year is outside 2500–2700")
    public static let buddhistEraDate = DiagnosticRule("PSEA-E024", .error, th: "วันที่ดูเหมือนใช้ปี พ.ศ. แต่ต้องเป็น ค.ศ.", en: "a date looks like it uses a BE year; dates are CE")
    public static let thaiDigits = DiagnosticRule("PSEA-E025", .error, th: "ตัวเลขเขียนด้วยเลขไทย ต้องใช้เลขอารบิก", en: "a number is written in Thai digits; use ASCII digits")

    // MARK: Sub-type rules (E030–E039)
    public static let needsInvolvement = DiagnosticRule("PSEA-E030", .error, th: "ประเภทสัมฤทธิผลประชาชนมีส่วนร่วมต้องมีกิจกรรมระดับการเข้ามาเกี่ยวข้องขึ้นไป", en: "effective-change needs an activity at Involve or above")
    public static let needsMeasuredIndicator = DiagnosticRule("PSEA-E031", .error, th: "ประเภทสัมฤทธิผลประชาชนมีส่วนร่วมต้องมีตัวชี้วัดที่มีผลการวัด", en: "effective-change needs an indicator with measurements")
    public static let needsPreviousAward = DiagnosticRule("PSEA-E032", .error, th: "ประเภทเลื่องลือขยายผลต้องระบุรางวัลที่เคยได้รับ", en: "participation-expanded needs previousAward")
    public static let previousAwardNotEarlier = DiagnosticRule("PSEA-E033", .error, th: "รางวัลที่เคยได้รับต้องเป็นปีก่อนปีที่สมัคร", en: "previousAward must be from an earlier year")
    public static let aboveConsult = DiagnosticRule("PSEA-W034", .warning, th: "กิจกรรมของผลงานประเภทเปิดใจใกล้ชิดประชาชนอยู่สูงกว่าระดับการปรึกษาหารือ", en: "an open-governance activity is above the Consult level")
    public static let unknownType = DiagnosticRule("PSEA-E035", .error, th: "ไม่มีประเภทรางวัลนี้ในเกณฑ์ของปีที่สมัคร", en: "the sub-type is not defined for that award year")
    public static let needsIndicator = DiagnosticRule("PSEA-E036", .error, th: "ประเภทนี้ต้องมีตัวชี้วัดอย่างน้อยหนึ่งตัว", en: "this sub-type needs at least one indicator")

    // MARK: Dates (E040–E044)
    public static let periodReversed = DiagnosticRule("PSEA-E040", .error, th: "วันสิ้นสุดก่อนวันเริ่มต้น", en: "the period ends before it starts")
    public static let activityOutsidePeriod = DiagnosticRule("PSEA-W041", .warning, th: "วันที่ของกิจกรรมอยู่นอกช่วงเวลาดำเนินงาน", en: "an activity date is outside the work period")
    public static let declarationAfterSubmission = DiagnosticRule("PSEA-E042", .error, th: "วันที่ลงนามคำรับรองอยู่หลังวันที่ส่งใบสมัคร", en: "the declaration is dated after submission")

    // MARK: Indicators (E045–E049)
    public static let measurementOrder = DiagnosticRule("PSEA-E045", .error, th: "ปีของผลการวัดต้องเรียงจากน้อยไปมากและไม่ซ้ำ", en: "measurement years must be ascending and unique")
    public static let measurementBeforeBaseline = DiagnosticRule("PSEA-E046", .error, th: "ปีของผลการวัดต้องอยู่หลังปีฐาน", en: "measurement years must be after the baseline year")
    public static let targetWrongSide = DiagnosticRule("PSEA-E047", .error, th: "ค่าเป้าหมายอยู่ผิดด้านของค่าฐานตามทิศทางของตัวชี้วัด", en: "the target is on the wrong side of the baseline for the indicator's direction")

    // MARK: Agency and places (E050–E054)
    public static let unknownProvince = DiagnosticRule("PSEA-E050", .error, th: "ไม่พบชื่อจังหวัดนี้ใน 77 จังหวัด", en: "not one of the 77 provinces")
    public static let provinceSpelling = DiagnosticRule("PSEA-W051", .warning, th: "ชื่อจังหวัดสะกดต่างจากชื่อทางการ", en: "a province name differs from its official spelling")
    public static let ministryRequired = DiagnosticRule("PSEA-E052", .error, th: "หน่วยงานประเภทนี้ต้องระบุกระทรวง", en: "this kind of agency must name its ministry")
    public static let provinceRequired = DiagnosticRule("PSEA-E053", .error, th: "หน่วยงานประเภทนี้ต้องระบุจังหวัด", en: "this kind of agency must name its province")

    // MARK: Narrative (E055–E059)
    public static let narrativeTooLong = DiagnosticRule("PSEA-E055", .error, th: "ข้อความยาวเกินจำนวนตัวอักษรที่กำหนด", en: "a narrative is over its character limit")
    public static let narrativeTooShort = DiagnosticRule("PSEA-E056", .error, th: "ข้อความสั้นกว่าจำนวนตัวอักษรขั้นต่ำ", en: "a narrative is under its minimum length")

    // MARK: Evidence (E060–E064)
    public static let badSHA256 = DiagnosticRule("PSEA-E060", .error, th: "ค่า sha256 ต้องเป็นเลขฐานสิบหก 64 หลัก", en: "sha256 must be 64 hexadecimal digits")
    public static let badURI = DiagnosticRule("PSEA-E061", .error, th: "uri ต้องเป็น http(s) หรือเส้นทางแบบสัมพัทธ์", en: "uri must be http(s) or a relative path")
    public static let evidenceUnused = DiagnosticRule("PSEA-W062", .warning, th: "หลักฐานนี้ไม่ถูกอ้างอิง", en: "an evidence item is never referenced")

    /// Every rule, in code order; each diagnostic the intake emits has the code of one of these.
    public static let all: [DiagnosticRule] = [
        emptyFile, fileTooLarge, notUTF8, unknownFormat, xmlNotWellFormed, xmlForbiddenDTD, jsonSyntax, tooDeep,
        missingField, unknownField, wrongType, notInList, badText, wrongVersion, tooFew, schemaOther, duplicateKey, badDate,
        duplicateID, unresolvedRef, commonEraYear, yearOutOfRange, buddhistEraDate, thaiDigits,
        needsInvolvement, needsMeasuredIndicator, needsPreviousAward, previousAwardNotEarlier, aboveConsult, unknownType,
        needsIndicator,
        periodReversed, activityOutsidePeriod, declarationAfterSubmission,
        measurementOrder, measurementBeforeBaseline, targetWrongSide,
        unknownProvince, provinceSpelling, ministryRequired, provinceRequired,
        narrativeTooLong, narrativeTooShort,
        badSHA256, badURI, evidenceUnused,
    ]
}
