/// How serious a problem is, and so what the command does about it.
package enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    /// Reported, but the input is still accepted.
    case warning
    /// The input is invalid and refused (exit 1).
    case error
    /// The command cannot go on: I/O, the database, a broken setup (exit 2).
    case fatal

    package static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .warning: 0
        case .error: 1
        case .fatal: 2
        }
    }
}

/// One stable problem code of the registry (modelled on GRDB's `ResultCode`): the code, its severity, the module
/// that raises it and a one-line summary in Thai and English. Every code psea can print is one of `ProblemCode.all`,
/// written once in this file; modules refer to the entries (`ProblemCode.emptyFile`), never to code strings.
package struct ProblemCode: Sendable, Hashable, CustomStringConvertible {
    /// The module that raises a code.
    package enum Module: String, Codable, Sendable, CaseIterable {
        case model, intake, rubric, panel, round, store, results, web

        /// The target's name in `Sources/` (`Intake`).
        package var name: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    /// The stable code (`PSEA-`, the module's letters, three digits); never reused for another meaning.
    package let code: String
    package let severity: Severity
    package let module: Module
    /// What the code means, in one line.
    package let summary: LocalizedText

    private init(_ code: String, _ severity: Severity, _ module: Module, th: String, en: String) {
        self.code = code
        self.severity = severity
        self.module = module
        self.summary = LocalizedText(th: th, en: en)
    }

    package var description: String { code }

    /// The registry entry of `code`, nil for a code psea never raises.
    package static func named(_ code: String) -> ProblemCode? { byCode[code] }

    private static let byCode: [String: ProblemCode] = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
}

// MARK: - Model: files (IO001–IO003)

extension ProblemCode {
    package static let fileUnreadable = ProblemCode("PSEA-IO001", .fatal, .model, th: "อ่านไฟล์หรือโฟลเดอร์ไม่ได้", en: "a file or folder cannot be read")
    package static let fileUnwritable = ProblemCode("PSEA-IO002", .fatal, .model, th: "เขียนไฟล์ไม่ได้", en: "a file cannot be written")
    package static let notRegularFile = ProblemCode(
        "PSEA-IO003", .fatal, .model, th: "สิ่งที่ระบุไม่ใช่ไฟล์ปกติ (เช่น ท่อข้อมูล ซ็อกเก็ต หรืออุปกรณ์) จึงไม่เปิดอ่าน",
        en: "a FIFO, socket or device named as a file is not opened")
}

// MARK: - Intake: applications (E001–E073, W034–W074)

extension ProblemCode {
    // File level (E001–E009)
    package static let emptyFile = ProblemCode("PSEA-E001", .error, .intake, th: "ไฟล์ว่างเปล่า", en: "the file is empty")
    package static let fileTooLarge = ProblemCode("PSEA-E002", .error, .intake, th: "ไฟล์ใหญ่เกินขนาดที่กำหนด", en: "the file is over the size limit")
    package static let notUTF8 = ProblemCode("PSEA-E003", .error, .intake, th: "ไฟล์ไม่ได้เข้ารหัสแบบ UTF-8", en: "the file is not UTF-8 text")
    package static let unknownFormat = ProblemCode("PSEA-E004", .error, .intake, th: "ไฟล์ไม่ใช่ XML หรือ JSON", en: "the file is neither XML nor JSON")
    package static let xmlNotWellFormed = ProblemCode("PSEA-E005", .error, .intake, th: "XML มีรูปแบบไม่ถูกต้อง", en: "the XML is not well-formed")
    package static let xmlForbiddenDTD = ProblemCode(
        "PSEA-E006", .error, .intake, th: "ไม่อนุญาตให้มี DTD หรือการประกาศเอนทิตีในใบสมัคร",
        en: "DTDs and entity declarations are not allowed in an application")
    package static let tooMany = ProblemCode(
        "PSEA-E007", .error, .intake, th: "ไฟล์มีองค์ประกอบ แอตทริบิวต์ ค่า หรือข้อความยาวเกินขีดจำกัด",
        en: "the file has more elements, attributes or values, or a longer text, than the limit")
    package static let jsonSyntax = ProblemCode("PSEA-E008", .error, .intake, th: "JSON มีรูปแบบไม่ถูกต้อง", en: "the JSON is not well-formed")
    package static let tooDeep = ProblemCode("PSEA-E009", .error, .intake, th: "โครงสร้างซ้อนกันลึกเกินกำหนด", en: "the structure is nested too deeply")

    // Structure, shared by the XSD and the JSON Schema (E010–E019)
    package static let missingField = ProblemCode("PSEA-E010", .error, .intake, th: "ขาดข้อมูลที่จำเป็น", en: "a required field is missing")
    package static let unknownField = ProblemCode("PSEA-E011", .error, .intake, th: "มีข้อมูลที่ไม่รู้จัก", en: "a field is not part of the format")
    package static let wrongType = ProblemCode("PSEA-E012", .error, .intake, th: "ชนิดข้อมูลไม่ถูกต้อง", en: "a value has the wrong type")
    package static let notInList = ProblemCode(
        "PSEA-E013", .error, .intake, th: "ค่าไม่อยู่ในรายการที่กำหนด", en: "a value is not one of the allowed values")
    package static let badText = ProblemCode(
        "PSEA-E014", .error, .intake, th: "ข้อความไม่ตรงตามรูปแบบหรือความยาวที่กำหนด", en: "a text does not match its required pattern or length")
    package static let wrongVersion = ProblemCode(
        "PSEA-E015", .error, .intake, th: "รุ่นของรูปแบบใบสมัครหรือเนมสเปซไม่ถูกต้อง", en: "wrong schema version or namespace")
    package static let tooFew = ProblemCode("PSEA-E016", .error, .intake, th: "จำนวนรายการน้อยกว่าที่กำหนด", en: "a list has too few items")
    package static let schemaOther = ProblemCode(
        "PSEA-E017", .error, .intake, th: "ไม่ตรงตามสคีมาของใบสมัคร", en: "the application does not match the schema")
    package static let duplicateKey = ProblemCode("PSEA-E018", .error, .intake, th: "มีคีย์ซ้ำในออบเจกต์เดียวกัน", en: "a key appears twice in one object")
    package static let badDate = ProblemCode("PSEA-E019", .error, .intake, th: "วันที่หรือเวลาไม่ถูกต้อง", en: "a date or date-time is not valid ISO 8601")

    // Identifiers and numbers (E020–E029)
    package static let duplicateID = ProblemCode("PSEA-E020", .error, .intake, th: "รหัส (id) ซ้ำกัน", en: "an id is used twice")
    package static let unresolvedRef = ProblemCode("PSEA-E021", .error, .intake, th: "การอ้างอิงไม่พบรหัสที่อ้างถึง", en: "a reference does not resolve")
    package static let commonEraYear = ProblemCode(
        "PSEA-E022", .error, .intake, th: "ปีดูเหมือนเป็น ค.ศ. แต่ต้องเป็น พ.ศ.", en: "a year looks like a CE year; years are Buddhist Era")
    package static let yearOutOfRange = ProblemCode(
        "PSEA-E023", .error, .intake, th: "ปี พ.ศ. อยู่นอกช่วง 2500–2700", en: "a Buddhist Era year is outside 2500–2700")
    package static let buddhistEraDate = ProblemCode(
        "PSEA-W024", .warning, .intake, th: "วันที่ใช้ปี พ.ศ. จึงอ่านเป็น ค.ศ. (พ.ศ. − 543)", en: "a date uses a BE year and is read as CE (BE − 543)")
    package static let thaiDigits = ProblemCode(
        "PSEA-E025", .error, .intake, th: "ตัวเลขเขียนด้วยเลขไทย ต้องใช้เลขอารบิก", en: "a number is written in Thai digits; use ASCII digits")
    package static let thaiDigitsRead = ProblemCode(
        "PSEA-W026", .warning, .intake, th: "ตัวเลขหรือวันที่เขียนด้วยเลขไทย อ่านเป็นเลขอารบิกให้แล้ว",
        en: "a number or date in Thai digits was read as ASCII digits")
    package static let controlCharacter = ProblemCode(
        "PSEA-E027", .error, .intake, th: "ข้อความมีอักขระควบคุม (นอกจากแท็บและขึ้นบรรทัดใหม่) หรือ U+FFFE/U+FFFF",
        en: "a text holds a control character (other than tab, LF, CR) or U+FFFE/U+FFFF")
    package static let bidiControl = ProblemCode(
        "PSEA-W028", .warning, .intake, th: "ข้อความมีอักขระควบคุมทิศทางการเขียน (เช่น U+202E) ซึ่งทำให้ข้อความแสดงผิดลำดับได้",
        en: "a text holds a bidirectional override, embedding or isolate (U+202A–U+202E, U+2066–U+2069)")
    package static let numberOutOfRange = ProblemCode(
        "PSEA-E029", .error, .intake, th: "ตัวเลขใหญ่หรือเล็กเกินกว่าที่อ่านได้ หรือยาวเกินกำหนด",
        en: "a number is out of range (too large, or too small to be told from zero) or too long")

    // Sub-type rules (E030–E039)
    package static let needsInvolvement = ProblemCode(
        "PSEA-E030", .error, .intake, th: "ประเภทสัมฤทธิผลประชาชนมีส่วนร่วมต้องมีกิจกรรมระดับการเข้ามาเกี่ยวข้องขึ้นไป",
        en: "effective-change needs an activity at Involve or above")
    package static let needsMeasuredIndicator = ProblemCode(
        "PSEA-E031", .error, .intake, th: "ประเภทสัมฤทธิผลประชาชนมีส่วนร่วมต้องมีตัวชี้วัดที่มีผลการวัด", en: "effective-change needs an indicator with measurements"
    )
    package static let needsPreviousAward = ProblemCode(
        "PSEA-E032", .error, .intake, th: "ประเภทเลื่องลือขยายผลต้องระบุรางวัลที่เคยได้รับ", en: "participation-expanded needs previousAward")
    package static let previousAwardNotEarlier = ProblemCode(
        "PSEA-E033", .error, .intake, th: "รางวัลที่เคยได้รับต้องเป็นปีก่อนปีที่สมัคร", en: "previousAward must be from an earlier year")
    package static let aboveConsult = ProblemCode(
        "PSEA-W034", .warning, .intake, th: "กิจกรรมของผลงานประเภทเปิดใจใกล้ชิดประชาชนอยู่สูงกว่าระดับการปรึกษาหารือ",
        en: "an open-governance activity is above the Consult level")
    package static let unknownType = ProblemCode(
        "PSEA-E035", .error, .intake, th: "ไม่มีประเภทรางวัลนี้ในเกณฑ์ของปีที่สมัคร", en: "the sub-type is not defined for that award year")
    package static let needsIndicator = ProblemCode(
        "PSEA-E036", .error, .intake, th: "ประเภทนี้ต้องมีตัวชี้วัดอย่างน้อยหนึ่งตัว", en: "this sub-type needs at least one indicator")

    // Dates (E040–E044)
    package static let periodReversed = ProblemCode("PSEA-E040", .error, .intake, th: "วันสิ้นสุดก่อนวันเริ่มต้น", en: "the period ends before it starts")
    package static let activityOutsidePeriod = ProblemCode(
        "PSEA-W041", .warning, .intake, th: "วันที่ของกิจกรรมอยู่นอกช่วงเวลาดำเนินงาน", en: "an activity date is outside the work period")
    package static let declarationAfterSubmission = ProblemCode(
        "PSEA-E042", .error, .intake, th: "วันที่ลงนามคำรับรองอยู่หลังวันที่ส่งใบสมัคร", en: "the declaration is dated after submission")

    // Indicators (E045–E049)
    package static let measurementOrder = ProblemCode(
        "PSEA-E045", .error, .intake, th: "ปีของผลการวัดต้องเรียงจากน้อยไปมากและไม่ซ้ำ", en: "measurement years must be ascending and unique")
    package static let measurementBeforeBaseline = ProblemCode(
        "PSEA-E046", .error, .intake, th: "ปีของผลการวัดต้องอยู่หลังปีฐาน", en: "measurement years must be after the baseline year")
    package static let targetWrongSide = ProblemCode(
        "PSEA-E047", .error, .intake, th: "ค่าเป้าหมายอยู่ผิดด้านของค่าฐานตามทิศทางของตัวชี้วัด",
        en: "the target is on the wrong side of the baseline for the indicator's direction")

    // Agency and places (E050–E054)
    package static let unknownProvince = ProblemCode("PSEA-E050", .error, .intake, th: "ไม่พบชื่อจังหวัดนี้ใน 77 จังหวัด", en: "not one of the 77 provinces")
    package static let provinceSpelling = ProblemCode(
        "PSEA-W051", .warning, .intake, th: "ชื่อจังหวัดสะกดต่างจากชื่อทางการ", en: "a province name differs from its official spelling")
    package static let ministryRequired = ProblemCode(
        "PSEA-E052", .error, .intake, th: "หน่วยงานประเภทนี้ต้องระบุกระทรวง", en: "this kind of agency must name its ministry")
    package static let provinceRequired = ProblemCode(
        "PSEA-E053", .error, .intake, th: "หน่วยงานประเภทนี้ต้องระบุจังหวัด", en: "this kind of agency must name its province")

    // Narrative (E055–E059)
    package static let narrativeTooLong = ProblemCode(
        "PSEA-E055", .error, .intake, th: "ข้อความยาวเกินจำนวนตัวอักษรที่กำหนด", en: "a narrative is over its character limit")
    package static let narrativeTooShort = ProblemCode(
        "PSEA-W056", .warning, .intake, th: "ข้อความสั้นกว่าความยาวที่แนะนำ", en: "a narrative is under its suggested minimum length")

    // Evidence (E060–E064)
    package static let badSHA256 = ProblemCode(
        "PSEA-E060", .error, .intake, th: "ค่า sha256 ต้องเป็นเลขฐานสิบหก 64 หลัก", en: "sha256 must be 64 hexadecimal digits")
    package static let badURI = ProblemCode(
        "PSEA-E061", .error, .intake, th: "uri ต้องเป็น http(s) หรือเส้นทางแบบสัมพัทธ์", en: "uri must be http(s) or a relative path")
    package static let evidenceUnused = ProblemCode(
        "PSEA-W062", .warning, .intake, th: "หลักฐานนี้ไม่ถูกอ้างอิง", en: "an evidence item is never referenced")

    // Answers to the criteria, format version 2 (E070–E079)
    package static let responseMissing = ProblemCode(
        "PSEA-E070", .error, .intake, th: "ไม่มีคำตอบของประเด็นที่กรรมการให้คะแนน",
        en: "a judged or hybrid criterion of the sub-type has no response")
    package static let responseUnknownCriterion = ProblemCode(
        "PSEA-E071", .error, .intake, th: "คำตอบอ้างถึงประเด็นที่ไม่มีในเกณฑ์ของประเภทที่สมัคร",
        en: "a response answers a criterion the sub-type does not have")
    package static let responseTooLong = ProblemCode(
        "PSEA-E072", .error, .intake, th: "คำตอบยาวเกินจำนวนตัวอักษรที่เกณฑ์กำหนด", en: "a response is over its criterion's answer limit")
    package static let responseRepeated = ProblemCode(
        "PSEA-E073", .error, .intake, th: "มีคำตอบของประเด็นเดียวกันมากกว่าหนึ่งคำตอบ", en: "a criterion is answered more than once")
    package static let responseAbsentInVersion1 = ProblemCode(
        "PSEA-W074", .warning, .intake, th: "ใบสมัครรูปแบบรุ่นที่ 1 ไม่มีคำตอบของประเด็นที่กรรมการให้คะแนน",
        en: "a version 1 application has no answer to a judged or hybrid criterion")
}

// MARK: - Rubric: rubric files (R001–R024 checks and look-up, R100–R102 loading)

extension ProblemCode {
    package static let criteriaSum = ProblemCode(
        "PSEA-R001", .error, .rubric, th: "คะแนนของประเด็นในมิติรวมไม่เท่ากับคะแนนของมิติ", en: "the criteria of a dimension do not add up to its points")
    package static let dimensionsSum = ProblemCode(
        "PSEA-R002", .error, .rubric, th: "คะแนนของมิติรวมไม่เท่ากับคะแนนเต็ม", en: "the dimensions do not add up to totalPoints")
    package static let duplicateRubricID = ProblemCode(
        "PSEA-R003", .error, .rubric, th: "รหัสมิติหรือประเด็นซ้ำกัน", en: "a dimension or criterion id is used twice")
    package static let unknownLens = ProblemCode("PSEA-R004", .error, .rubric, th: "ไม่รู้จักมุมมองการประเมิน (lens)", en: "a criterion's lens is unknown")
    package static let unknownMode = ProblemCode(
        "PSEA-R005", .error, .rubric, th: "ไม่รู้จักวิธีให้คะแนน (mode)", en: "a criterion's scoring mode is unknown")
    package static let unknownRule = ProblemCode("PSEA-R006", .error, .rubric, th: "ไม่รู้จักกฎคำนวณอัตโนมัติ", en: "an automatic rule is unknown")
    package static let badTieBreak = ProblemCode(
        "PSEA-R007", .error, .rubric, th: "เกณฑ์ตัดสินคะแนนเท่ากันไม่รู้จัก ซ้ำ หรืออยู่ผิดลำดับ", en: "a tie-break key is unknown, repeated or out of place")
    package static let unknownNarrativeField = ProblemCode(
        "PSEA-R008", .error, .rubric, th: "ขีดจำกัดข้อความอ้างถึงช่องข้อความที่ไม่รู้จัก", en: "a narrative limit names an unknown field")
    package static let missingRule = ProblemCode(
        "PSEA-R009", .error, .rubric, th: "ประเด็นที่คำนวณอัตโนมัติหรือคำนวณเบื้องต้นแล้วกรรมการปรับได้ไม่ได้ระบุกฎคำนวณ",
        en: "an auto or hybrid criterion has no automatic rule")
    package static let ruleOnJudged = ProblemCode(
        "PSEA-R010", .error, .rubric, th: "ประเด็นที่กรรมการให้คะแนนมีกฎคำนวณอัตโนมัติ", en: "a judged criterion has an automatic rule")
    package static let badRuleParams = ProblemCode(
        "PSEA-R011", .error, .rubric, th: "พารามิเตอร์ของกฎคำนวณอัตโนมัติไม่ถูกต้อง", en: "an automatic rule has bad parameters")
    package static let thresholdOutOfRange = ProblemCode(
        "PSEA-R012", .error, .rubric, th: "เกณฑ์ระดับรางวัลอยู่นอกช่วงคะแนนเต็ม", en: "an award-level threshold is outside 0–totalPoints")
    package static let levelsOrder = ProblemCode(
        "PSEA-R013", .error, .rubric, th: "เกณฑ์ระดับรางวัลเรียงลำดับไม่ถูกต้อง", en: "the award-level thresholds are out of order")
    package static let rubricPercentOutOfRange = ProblemCode(
        "PSEA-R014", .error, .rubric, th: "ค่าร้อยละในเกณฑ์อยู่นอกช่วง 0–100", en: "a percent in the rubric is outside 0–100")
    package static let unknownPMQACategory = ProblemCode("PSEA-R015", .error, .rubric, th: "หมวด PMQA ต้องเป็น 1–7", en: "a PMQA category is not 1–7")
    package static let minJudges = ProblemCode("PSEA-R016", .error, .rubric, th: "จำนวนกรรมการขั้นต่ำน้อยกว่า 1 คน", en: "minJudges is below 1")
    package static let unknownGateTarget = ProblemCode(
        "PSEA-R017", .error, .rubric, th: "เงื่อนไขผ่านไม่ได้อ้างถึงมิติหรือประเด็นที่มีอยู่เพียงหนึ่งรายการ",
        en: "a gate does not name exactly one existing dimension or criterion")
    package static let badPanel = ProblemCode(
        "PSEA-R018", .error, .rubric, th: "การตั้งค่าคณะกรรมการไม่ถูกต้อง (วิธีรวมคะแนน การปรับมาตรฐาน หรือสัดส่วนที่ตัดออก)",
        en: "the panel settings are not valid (aggregation, normalisation or trim)")
    package static let badNarrativeLimit = ProblemCode(
        "PSEA-R019", .error, .rubric, th: "ขีดจำกัดจำนวนอักขระติดลบ หรือค่าต่ำสุดมากกว่าค่าสูงสุด",
        en: "a narrative character limit is negative or its minimum is above its maximum")
    package static let badBands = ProblemCode(
        "PSEA-R020", .error, .rubric, th: "ช่วงคะแนนซ้อนทับกัน เว้นช่วง หรือค่าต่ำสุดมากกว่าค่าสูงสุด", en: "the score bands overlap, leave a gap or are reversed")
    package static let unknownAssumed = ProblemCode(
        "PSEA-R021", .error, .rubric, th: "รายการ assumed อ้างถึงค่าที่ไม่มีในเกณฑ์", en: "assumed names a value the rubric does not have")
    package static let badPoints = ProblemCode(
        "PSEA-R022", .error, .rubric, th: "คะแนนเต็มหรือคะแนนของมิติหรือประเด็นไม่ถูกต้อง",
        en: "totalPoints or the points of a dimension or criterion are not valid")
    package static let fileMismatch = ProblemCode(
        "PSEA-R023", .error, .rubric, th: "ปีและประเภทในไฟล์เกณฑ์ไม่ตรงกับตำแหน่งไฟล์", en: "a rubric file's year and type do not match its path")
    package static let rubricNotFound = ProblemCode(
        "PSEA-R024", .fatal, .rubric, th: "ไม่มีเกณฑ์การให้คะแนนของปีและประเภทที่ต้องการในที่ที่ค้นหา",
        en: "no rubric for an award year and sub-type where rubrics were looked up")
    package static let missingPrompt = ProblemCode(
        "PSEA-R025", .error, .rubric, th: "ประเด็นที่กรรมการพิจารณาไม่ได้ระบุคำถามถึงผู้สมัครหรือจำนวนอักขระสูงสุดของคำตอบ",
        en: "a judged or hybrid criterion has no prompt for the applicant or no answer length limit")
    package static let badDescriptors = ProblemCode(
        "PSEA-R026", .error, .rubric, th: "ประเด็นที่กรรมการพิจารณาไม่ได้อธิบายระดับคะแนนครบทั้งห้าช่วง (0–25 ถึง 90–100)",
        en: "a judged or hybrid criterion does not describe all five score bands (0–25 to 90–100)")
    package static let roundBadDate = ProblemCode(
        "PSEA-R040", .error, .rubric, th: "วันที่ในไฟล์รอบไม่ถูกต้อง หรือช่วงเวลาสิ้นสุดก่อนเริ่ม",
        en: "a date of the round file is not a valid date, or a window or stage ends before it starts")
    package static let roundTimeZone = ProblemCode(
        "PSEA-R041", .error, .rubric, th: "ไม่รู้จักเขตเวลาของช่วงรับสมัคร", en: "the application window's time zone is unknown")
    package static let roundUnknownStage = ProblemCode(
        "PSEA-R042", .error, .rubric, th: "ไฟล์รอบระบุขั้นตอนที่ไม่รู้จัก", en: "the round file names an unknown stage")
    package static let roundStageOrder = ProblemCode(
        "PSEA-R043", .error, .rubric, th: "วันที่ของขั้นตอนไม่เรียงตามลำดับการดำเนินงาน หรือเริ่มก่อนปิดรับสมัคร",
        en: "the stages' dates are out of order, or a stage starts before the window closes")
    package static let roundAgencyKind = ProblemCode(
        "PSEA-R044", .error, .rubric, th: "ประเภทหน่วยงานที่สมัครได้ไม่รู้จักหรือไม่ได้ระบุ", en: "an admitted agency kind is unknown, or none is named")
    package static let roundMonths = ProblemCode(
        "PSEA-R045", .error, .rubric, th: "ระยะเวลาดำเนินงานขั้นต่ำไม่อยู่ในช่วง 0–120 เดือน", en: "the minimum months the work has run is not 0–120")
    package static let roundJudgingBody = ProblemCode(
        "PSEA-R046", .error, .rubric, th: "ไม่ได้ระบุชื่อผู้พิจารณาตัดสินทั้งภาษาไทยและภาษาอังกฤษ", en: "a judging body lacks its Thai or English name")
    package static let roundTypes = ProblemCode(
        "PSEA-R047", .error, .rubric, th: "ประเภทในไฟล์รอบไม่ตรงกับเกณฑ์ของปีเดียวกัน",
        en: "the round file's sub-types do not match the rubrics of its year")
    package static let roundUnknownAssumed = ProblemCode(
        "PSEA-R048", .error, .rubric, th: "รายการ assumed อ้างถึงค่าที่ไม่มีในไฟล์รอบ", en: "assumed names a value the round file does not have")
    package static let roundYear = ProblemCode(
        "PSEA-R049", .error, .rubric, th: "ปีในไฟล์รอบไม่ใช่ปี พ.ศ. หรือไม่ตรงกับโฟลเดอร์",
        en: "the round file's year is not a BE year or does not match its folder")
    package static let roundFileNotFound = ProblemCode(
        "PSEA-R050", .fatal, .rubric, th: "ไม่มีไฟล์รอบ (round.yaml) ของปีที่ต้องการในที่ที่ค้นหา",
        en: "no round file (round.yaml) for an award year where rubrics were looked up")
    package static let yamlSyntax = ProblemCode(
        "PSEA-R100", .error, .rubric, th: "ไฟล์เกณฑ์มีรูปแบบ YAML ไม่ถูกต้อง", en: "a rubric file's YAML is not well-formed")
    package static let unknownKey = ProblemCode(
        "PSEA-R101", .error, .rubric, th: "ไฟล์เกณฑ์มีคีย์ที่รูปแบบไม่ได้กำหนด", en: "a rubric file has a key the format does not define")
    package static let badFormat = ProblemCode(
        "PSEA-R102", .error, .rubric, th: "ไฟล์เกณฑ์ขาดคีย์ที่จำเป็นหรือมีค่าชนิดไม่ถูกต้อง", en: "a rubric file misses a key or has a value of the wrong type")
}

// MARK: - Panel: judges, conflicts and scores files (C001–C016, C030)

extension ProblemCode {
    package static let emptyCSV = ProblemCode("PSEA-C001", .error, .panel, th: "ไฟล์ CSV ว่างเปล่า ไม่มีแถวหัวตาราง", en: "the CSV file has no header line")
    package static let headerMismatch = ProblemCode(
        "PSEA-C002", .error, .panel, th: "แถวหัวตารางไม่ตรงกับชื่อคอลัมน์และลำดับที่กำหนด",
        en: "the header line is not the expected column names in the expected order")
    package static let unterminatedQuote = ProblemCode(
        "PSEA-C003", .error, .panel, th: "ช่องข้อมูลที่เปิดเครื่องหมายคำพูดไม่มีเครื่องหมายปิด", en: "a quoted field is never closed")
    package static let strayQuote = ProblemCode(
        "PSEA-C004", .error, .panel, th: "มีเครื่องหมายคำพูดกลางช่องข้อมูล หรือมีข้อความต่อท้ายเครื่องหมายคำพูดปิด",
        en: "a double quote inside an unquoted field, or text after a closing quote")
    package static let fieldCount = ProblemCode(
        "PSEA-C005", .error, .panel, th: "จำนวนช่องข้อมูลของแถวไม่เท่ากับแถวหัวตาราง", en: "a record has more or fewer fields than the header")
    package static let missingValue = ProblemCode("PSEA-C006", .error, .panel, th: "ไม่ได้กรอกค่าที่จำเป็น", en: "a required value is empty")
    package static let notANumber = ProblemCode(
        "PSEA-C007", .error, .panel, th: "ค่าร้อยละไม่ใช่ตัวเลขทศนิยม", en: "a percent is not a plain decimal number")
    package static let csvNotUTF8 = ProblemCode("PSEA-C008", .error, .panel, th: "ไฟล์ CSV ไม่ได้เข้ารหัสแบบ UTF-8", en: "the CSV file is not UTF-8 text")
    package static let duplicateJudge = ProblemCode(
        "PSEA-C009", .error, .panel, th: "รหัสกรรมการซ้ำกันในไฟล์รายชื่อกรรมการ", en: "a judge id appears twice in the judges file")
    package static let conflictedJudge = ProblemCode(
        "PSEA-C010", .error, .panel, th: "คะแนนจากกรรมการที่มีส่วนได้ส่วนเสียกับผลงาน", en: "a score from a judge with a conflict of interest with the entry")
    package static let unassignedJudge = ProblemCode(
        "PSEA-C011", .error, .panel, th: "คะแนนจากกรรมการที่ไม่ได้รับมอบหมายให้ประเมินผลงานนี้", en: "a score from a judge not assigned to the entry")
    package static let unknownCriterion = ProblemCode(
        "PSEA-C012", .error, .panel, th: "คะแนนของประเด็นที่ไม่มีในเกณฑ์ของผลงาน", en: "a score for a criterion the entry's rubric does not have")
    package static let automaticCriterion = ProblemCode(
        "PSEA-C013", .error, .panel, th: "คะแนนของประเด็นที่คำนวณอัตโนมัติ ซึ่งกรรมการให้คะแนนไม่ได้", en: "a score for a criterion computed automatically")
    package static let percentOutOfRange = ProblemCode("PSEA-C014", .error, .panel, th: "ค่าร้อยละอยู่นอกช่วง 0–100", en: "a percent is outside 0–100")
    package static let percentOffStep = ProblemCode("PSEA-C015", .error, .panel, th: "ค่าร้อยละไม่ได้เพิ่มทีละ 5", en: "a percent is not a multiple of 5")
    package static let duplicateScore = ProblemCode(
        "PSEA-C016", .error, .panel, th: "คะแนนของกรรมการ ผลงาน และประเด็นเดียวกันซ้ำในไฟล์เดียว",
        en: "the same judge, application and criterion twice in one file")
    package static let badJudgeID = ProblemCode(
        "PSEA-C030", .error, .panel, th: "รหัสกรรมการมีอักขระที่ไม่อนุญาต (ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข จุด ขีดล่าง และขีด ไม่เกิน 64 ตัว)",
        en: "a judge id has characters outside letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)")
}

// MARK: - Round: round operations (RND001–RND008, RND003 retired; the guards RND020–RND022; RND030)

extension ProblemCode {
    package static let rubricChanged = ProblemCode(
        "PSEA-RND001", .error, .round, th: "ไฟล์เกณฑ์ถูกแก้ไขหลังจากตรึงไว้เมื่อมอบหมายกรรมการ จึงไม่รับคะแนน",
        en: "a rubric changed after it was frozen at assignment; scores are refused")
    package static let noRubric = ProblemCode(
        "PSEA-RND002", .error, .round, th: "ผลงานไม่มีเกณฑ์การให้คะแนนของปีและประเภทของตน", en: "an entry has no rubric for its year and type")
    package static let unknownJudge = ProblemCode(
        "PSEA-RND004", .error, .round, th: "ไม่พบกรรมการที่ระบุในรายชื่อกรรมการ", en: "a row names a judge that is not registered")
    package static let unknownEntry = ProblemCode(
        "PSEA-RND005", .error, .round, th: "ไม่พบผลงานที่ระบุในฐานข้อมูล", en: "a row or option names an application that is not ingested")
    package static let contradicts = ProblemCode(
        "PSEA-RND006", .error, .round, th: "ข้อมูลขัดกับที่บันทึกไว้ในฐานข้อมูลแล้ว", en: "a row contradicts what the database already holds")
    package static let invalidValue = ProblemCode(
        "PSEA-RND007", .error, .round, th: "ค่าคะแนนหรือคะแนนที่ตกลงกันไม่ถูกต้อง", en: "a consensus or score value is not valid")
    package static let belowMinJudges = ProblemCode(
        "PSEA-RND020", .error, .round, th: "จำนวนกรรมการต่อผลงานที่ขอน้อยกว่าจำนวนกรรมการขั้นต่ำของเกณฑ์ที่ใช้",
        en: "judges per entry below the largest minJudges of the rubrics in use (--force --reason to go below)")
    package static let assignAfterScores = ProblemCode(
        "PSEA-RND021", .error, .round, th: "เพิ่มกรรมการหลังจากเริ่มให้คะแนนแล้ว",
        en: "judges would be added after scoring began (--force --reason to add them)")
    package static let consensusNotFlagged = ProblemCode(
        "PSEA-RND022", .error, .round, th: "บันทึกฉันทามติในประเด็นที่คะแนนของกรรมการไม่ได้ต่างกันเกินเกณฑ์",
        en: "a consensus for a criterion not flagged for disagreement (--force --reason to record it)")
    package static let sameIDTwice = ProblemCode(
        "PSEA-RND008", .error, .round, th: "ไฟล์สองไฟล์ในการนำเข้าครั้งเดียวกันมีรหัสใบสมัครเดียวกัน จึงไม่บันทึกทั้งสองไฟล์",
        en: "two files of one ingest have the same application id; neither is stored")
    package static let rubricDiffersFromFrozen = ProblemCode(
        "PSEA-RND030", .warning, .round, th: "ไฟล์เกณฑ์ต่างจากเกณฑ์ที่ตรึงไว้ในบัญชีเมื่อมอบหมายกรรมการ ซึ่งยังคงใช้อยู่",
        en: "a rubric file differs from the rubric frozen in the ledger at assignment, which stays in use")
}

// MARK: - Round: stages of the round (RND101–RND106)

extension ProblemCode {
    package static let workTooRecent = ProblemCode(
        "PSEA-RND101", .error, .round, th: "ผลงานดำเนินการมาไม่ถึงระยะเวลาขั้นต่ำ ณ วันปิดรับสมัคร",
        en: "the work had not run the minimum number of months by the closing date")
    package static let agencyNotAdmitted = ProblemCode(
        "PSEA-RND102", .error, .round, th: "หน่วยงานประเภทนี้สมัครรางวัลประเภทนี้ไม่ได้", en: "this kind of agency may not apply for this sub-type")
    package static let previousAwardMissing = ProblemCode(
        "PSEA-RND103", .error, .round, th: "ประเภทนี้ต้องเป็นผลงานที่เคยได้รับรางวัลมาก่อน", en: "this sub-type requires a previous award")
    package static let ineligibleByStaff = ProblemCode(
        "PSEA-RND104", .error, .round, th: "เจ้าหน้าที่วินิจฉัยว่าไม่มีคุณสมบัติ", en: "staff decided the entry is not eligible")
    package static let lateEntry = ProblemCode(
        "PSEA-RND105", .error, .round, th: "ใบสมัครมาถึงหลังปิดรับสมัคร จะรับได้เมื่อระบุ --late และเหตุผล",
        en: "the application arrived after the window closed; it is accepted only with --late and a reason")
    package static let notScreened = ProblemCode(
        "PSEA-RND106", .error, .round, th: "ยังมีผลงานที่ยังไม่ได้ตรวจสอบคุณสมบัติ (psea screen)", en: "entries are not screened yet (psea screen)")
}

// MARK: - Round: sign-in links and scores of the web workspace (RND201–RND204)

extension ProblemCode {
    package static let signInUnknown = ProblemCode(
        "PSEA-RND201", .error, .round, th: "ไม่รู้จักลิงก์เข้าสู่ระบบ", en: "a sign-in link is not known (mistyped or never issued)")
    package static let signInExpired = ProblemCode(
        "PSEA-RND202", .error, .round, th: "ลิงก์เข้าสู่ระบบหมดอายุแล้ว", en: "a sign-in link has expired")
    package static let signInRevoked = ProblemCode(
        "PSEA-RND203", .error, .round, th: "ลิงก์เข้าสู่ระบบถูกยกเลิกแล้ว", en: "a sign-in link was revoked")
    package static let evidenceUnknown = ProblemCode(
        "PSEA-RND204", .error, .round, th: "คะแนนอ้างหลักฐานที่ใบสมัครไม่มี", en: "a score names an evidence item the application does not hold")
}

// MARK: - Web: the web workspace (WEB001–WEB004)

extension ProblemCode {
    package static let csrfRefused = ProblemCode(
        "PSEA-WEB001", .error, .web, th: "แบบฟอร์มไม่มีรหัสป้องกันการปลอมคำขอ (CSRF) หรือรหัสไม่ตรง",
        en: "a form was sent without its CSRF token, or with another one")
    package static let signInRateLimited = ProblemCode(
        "PSEA-WEB002", .error, .web, th: "พยายามเข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป ให้รอสักครู่",
        en: "too many failed sign-ins from one address; wait and try again")
    package static let requestTooLarge = ProblemCode(
        "PSEA-WEB003", .error, .web, th: "ข้อมูลที่ส่งมีขนาดใหญ่เกินที่กำหนด", en: "a request body is over the upload limit")
    package static let notYourEntry = ProblemCode(
        "PSEA-WEB004", .error, .web, th: "ไม่พบผลงานนี้ในรายการที่ได้รับมอบหมาย",
        en: "the entry is not assigned to this judge (or the judge has a conflict with it)")
}

// MARK: - Store: the competition database (DB001–DB013)

extension ProblemCode {
    package static let databaseUnavailable = ProblemCode(
        "PSEA-DB001", .fatal, .store, th: "เปิดหรือปรับรุ่นฐานข้อมูลไม่ได้", en: "the database cannot be opened or migrated")
    package static let databaseFailed = ProblemCode("PSEA-DB002", .fatal, .store, th: "การทำงานกับฐานข้อมูลล้มเหลว", en: "a database operation failed")
    package static let conflictingRecord = ProblemCode(
        "PSEA-DB003", .error, .store, th: "มีบันทึกไว้แล้วด้วยข้อมูลอื่น และแก้ไขไม่ได้", en: "a key is already recorded with different data and cannot change")
    package static let unknownReference = ProblemCode(
        "PSEA-DB004", .error, .store, th: "ไม่พบกรรมการหรือผลงานที่อ้างถึงในฐานข้อมูล", en: "a judge or entry the database does not hold")
    package static let conflictOfInterest = ProblemCode(
        "PSEA-DB005", .error, .store, th: "กรรมการที่แจ้งว่ามีส่วนได้ส่วนเสียกับผลงานถูกมอบหมายหรือให้คะแนน",
        en: "a judge with a declared conflict of interest is assigned to or scores the entry")
    package static let databasePercentOutOfRange = ProblemCode(
        "PSEA-DB006", .error, .store, th: "ค่าร้อยละที่จะบันทึกอยู่นอกช่วง 0–100", en: "a percent to record is outside 0–100")
    package static let corruptEvent = ProblemCode(
        "PSEA-DB007", .fatal, .store, th: "รายการบัญชีเสียหาย อ่านหรือเล่นซ้ำไม่ได้", en: "a ledger event cannot be read back or replayed")
    package static let readOnlySnapshot = ProblemCode(
        "PSEA-DB008", .fatal, .store, th: "บันทึกผ่านภาพสแนปช็อตของฐานข้อมูลซึ่งอ่านได้อย่างเดียว", en: "a write through a read-only snapshot of the database")
    package static let notPseaDatabase = ProblemCode(
        "PSEA-DB009", .fatal, .store, th: "ไฟล์ไม่ใช่ฐานข้อมูลของ psea", en: "the file is not a psea database")
    package static let databaseVersion = ProblemCode(
        "PSEA-DB010", .fatal, .store, th: "ฐานข้อมูลเป็นรุ่นที่ psea รุ่นนี้ไม่รู้จักหรือยังไม่ได้ปรับรุ่น",
        en: "the database is of a version this psea does not know, or not yet upgraded")
    package static let damagedSchema = ProblemCode(
        "PSEA-DB011", .fatal, .store, th: "ตารางหรือคอลัมน์ที่ psea อ่านหายไปจากฐานข้อมูล", en: "a table or column psea reads is missing from the database")
    package static let readOnlyDatabase = ProblemCode(
        "PSEA-DB012", .fatal, .store, th: "บันทึกลงฐานข้อมูลที่เปิดแบบอ่านอย่างเดียว", en: "a write to a database opened read-only")
    package static let ledgerNotVerified = ProblemCode(
        "PSEA-DB013", .error, .store, th: "ตรวจสอบบัญชีไม่ผ่าน จึงไม่เผยแพร่ผลจากฐานข้อมูลนี้",
        en: "the ledger does not verify, so nothing is published from the database")
}

// MARK: - Results: rankings and exports (RES001–RES103)

extension ProblemCode {
    package static let unknownRankingType = ProblemCode(
        "PSEA-RES001", .fatal, .results, th: "ไม่มีเกณฑ์ของรอบนี้ที่เป็นประเภทที่ขอ (--type)",
        en: "no rubric of the round is of the sub-type asked for (--type)")
    package static let approvalBlocked = ProblemCode(
        "PSEA-RES002", .error, .results, th: "ยังอนุมัติผลของประเภทนี้ไม่ได้ เพราะยังมีผลงานที่รอการตรวจประเมิน ณ พื้นที่ปฏิบัติงานหรือยังประเมินไม่ครบ",
        en: "a sub-type's results cannot be approved while a site visit is pending or an entry is still being judged")
    package static let notShortlisted = ProblemCode(
        "PSEA-RES101", .error, .results, th: "ผลงานไม่อยู่ในรายชื่อที่คัดเลือกเพื่อตรวจประเมิน ณ พื้นที่ปฏิบัติงาน (ใช้ --force พร้อมเหตุผล)",
        en: "the entry is not shortlisted for a site visit (use --force with a reason)")
    package static let shortlistBlocked = ProblemCode(
        "PSEA-RES102", .error, .results, th: "ยังคัดเลือกผลงานเพื่อตรวจประเมิน ณ พื้นที่ปฏิบัติงานไม่ได้ เพราะยังประเมินเอกสารไม่ครบ",
        en: "the shortlist cannot be made while an entry of the sub-type is still being judged")
    package static let recordIncomplete = ProblemCode(
        "PSEA-RES103", .error, .results, th: "บันทึกผลการตรวจประเมินหรือการอนุมัติผลไม่ได้ เพราะข้อมูลขาดหรือไม่ถูกต้อง",
        en: "a site-visit or approval record lacks a field or has an invalid one (reason, meeting, date, mode)")
}

// MARK: - Every code

extension ProblemCode {
    /// Every code psea can print, in module order, then code order; `psea codes` lists them.
    package static let all: [ProblemCode] = [
        fileUnreadable, fileUnwritable, notRegularFile,

        emptyFile, fileTooLarge, notUTF8, unknownFormat, xmlNotWellFormed, xmlForbiddenDTD, tooMany, jsonSyntax, tooDeep,
        missingField, unknownField, wrongType, notInList, badText, wrongVersion, tooFew, schemaOther, duplicateKey, badDate,
        duplicateID, unresolvedRef, commonEraYear, yearOutOfRange, buddhistEraDate, thaiDigits, thaiDigitsRead, controlCharacter,
        bidiControl, numberOutOfRange,
        needsInvolvement, needsMeasuredIndicator, needsPreviousAward, previousAwardNotEarlier, aboveConsult, unknownType,
        needsIndicator,
        periodReversed, activityOutsidePeriod, declarationAfterSubmission,
        measurementOrder, measurementBeforeBaseline, targetWrongSide,
        unknownProvince, provinceSpelling, ministryRequired, provinceRequired,
        narrativeTooLong, narrativeTooShort,
        badSHA256, badURI, evidenceUnused,
        responseMissing, responseUnknownCriterion, responseTooLong, responseRepeated, responseAbsentInVersion1,

        criteriaSum, dimensionsSum, duplicateRubricID, unknownLens, unknownMode, unknownRule, badTieBreak,
        unknownNarrativeField, missingRule, ruleOnJudged, badRuleParams, thresholdOutOfRange, levelsOrder,
        rubricPercentOutOfRange, unknownPMQACategory, minJudges, unknownGateTarget, badPanel, badNarrativeLimit, badBands,
        unknownAssumed, badPoints, fileMismatch, rubricNotFound, missingPrompt, badDescriptors,
        roundBadDate, roundTimeZone, roundUnknownStage, roundStageOrder, roundAgencyKind, roundMonths, roundJudgingBody, roundTypes,
        roundUnknownAssumed, roundYear, roundFileNotFound, yamlSyntax, unknownKey, badFormat,

        emptyCSV, headerMismatch, unterminatedQuote, strayQuote, fieldCount, missingValue, notANumber, csvNotUTF8,
        duplicateJudge, conflictedJudge, unassignedJudge, unknownCriterion, automaticCriterion, percentOutOfRange,
        percentOffStep, duplicateScore, badJudgeID,

        rubricChanged, noRubric, unknownJudge, unknownEntry, contradicts, invalidValue, sameIDTwice, belowMinJudges,
        assignAfterScores, consensusNotFlagged, rubricDiffersFromFrozen, workTooRecent, agencyNotAdmitted, previousAwardMissing,
        ineligibleByStaff, lateEntry, notScreened, signInUnknown, signInExpired, signInRevoked,
        evidenceUnknown,

        databaseUnavailable, databaseFailed, conflictingRecord, unknownReference, conflictOfInterest,
        databasePercentOutOfRange, corruptEvent, readOnlySnapshot, notPseaDatabase, databaseVersion, damagedSchema,
        readOnlyDatabase, ledgerNotVerified,

        unknownRankingType, approvalBlocked, notShortlisted, shortlistBlocked, recordIncomplete,

        csrfRefused, signInRateLimited, requestTooLarge, notYourEntry,
    ]
}
