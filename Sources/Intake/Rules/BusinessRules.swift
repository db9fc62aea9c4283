import Model

/// The rules of the application format that the schemas cannot express: ids and references, Buddhist Era years,
/// sub-type requirements, dates, indicators, agency and places, narrative limits, evidence and the answers to the
/// criteria (format version 2).
package enum BusinessRules {
    /// Findings with `pointer` set and `location` nil (the intake locates them with the reader's SourceMap).
    /// The model is walked in document order, so the output order is deterministic.
    /// Messages name places in the notation of `format` (`PlaceText`): a JSON file's by its pointer, an XML file's by
    /// its element path.
    package static func check(_ application: Application, context: RuleContext, format: SourceFormat = .json) -> [Diagnostic] {
        var walk = RuleWalk(application: application, context: context, format: format)
        walk.run()
        return walk.findings
    }

    /// Sub-type keys with rules of their own.
    package enum SubType {
        package static let openGovernance = "open-governance"
        package static let effectiveChange = "effective-change"
        package static let participationExpanded = "participation-expanded"

        /// The Thai name of a sub-type key, for Thai messages (which never show the key); an unknown key stays as
        /// it is, quoted, since it is what the file says.
        static func thaiName(_ key: String) -> String {
            switch key {
            case openGovernance: "เปิดใจใกล้ชิดประชาชน"
            case effectiveChange: "สัมฤทธิผลประชาชนมีส่วนร่วม"
            case participationExpanded: "เลื่องลือขยายผล"
            case "poverty-integration": "ร่วมใจแก้จน"
            default: " \"\(key)\""
            }
        }

        /// A key as a Thai list of the values a file may take names it: the key, then its Thai name when it has one
        /// (`effective-change (สัมฤทธิผลประชาชนมีส่วนร่วม)`).
        static func listed(_ key: String) -> String {
            let name = thaiName(key)
            return name.hasPrefix(" ") ? key : "\(key) (\(name))"
        }
    }
}

/// One pass over an application in document order, collecting findings.
struct RuleWalk {
    let app: Application
    let context: RuleContext
    /// The format whose notation the messages name places in.
    let format: SourceFormat
    var findings: [Diagnostic] = []
    /// Where each id was first used, to report repeats.
    private var firstUse: [String: IDPlace] = [:]
    /// The ids of the evidence, which activities, indicators and responses cite: one set for the three checks.
    private let evidenceIDs: Set<String>

    /// The place of an id: its list and index, made into a pointer only when a repeat is reported.
    struct IDPlace {
        let list: StaticString
        let index: Int
        var pointer: String { "/\(list)/\(index)/id" }
    }

    init(application: Application, context: RuleContext, format: SourceFormat) {
        self.app = application
        self.context = context
        self.format = format
        self.evidenceIDs = Set(application.evidence.map(\.id))
        // Every list with ids at once, so that the table is not rebuilt as it grows.
        firstUse.reserveCapacity(
            application.stakeholders.count + application.work.objectives.count + application.activities.count
                + application.indicators.count + application.evidence.count)
    }

    /// The place of `pointer` as messages write it, in the file's notation.
    private func place(_ pointer: String) -> String { PlaceText.write(pointer, format: format, in: app) }

    mutating func run() {
        year(app.awardYear, at: "/awardYear")
        checkType()
        if let submitted = app.submittedAt {
            date(submitted.date, at: "/submittedAt", written: submitted.text)
        }
        checkAgency()
        checkPreviousAward()
        checkWork()
        for (index, group) in app.stakeholders.enumerated() {
            id(group.id, at: IDPlace(list: "stakeholders", index: index))
        }
        checkActivities()
        checkIndicators()
        narrative(app.sustainability, key: "sustainability", at: "/sustainability")
        narrative(app.lessons, key: "lessons", at: "/lessons")
        checkEvidence()
        checkResponses()
        checkDeclaration()
    }

    private mutating func add(_ rule: DiagnosticRule, _ pointer: String, th: String, en: String) {
        findings.append(rule.diagnostic(th: th, en: en, at: pointer))
    }

    // MARK: Type

    private mutating func checkType() {
        guard let known = context.knownTypes, !known.contains(app.type) else { return }
        if known.isEmpty {
            // No rubric for the year at all: nothing of the year's rules can be checked, which must not pass as valid.
            let place = context.rubricsLookedUp ?? LocalizedText(th: "เกณฑ์ที่ใช้", en: "the rubrics in use")
            add(
                .unknownType, "/awardYear",
                th:
                    "ไม่มีเกณฑ์การให้คะแนนของปีที่สมัคร (awardYear \(app.awardYear)) ใน\(place.th) จึงตรวจประเภท\(BusinessRules.SubType.thaiName(app.type)) และความยาวข้อความไม่ได้",
                en:
                    "there is no rubric for award year \(app.awardYear) in \(place.en), so type \"\(app.type)\" and the narrative limits cannot be checked"
            )
            return
        }
        let list = known.sorted().joined(separator: ", ")
        let listed = list.isEmpty ? "(ไม่มี)" : known.sorted().map(BusinessRules.SubType.listed).joined(separator: ", ")
        add(
            .unknownType, "/type",
            th: "ประเภท (type) \"\(app.type)\" ไม่มีในเกณฑ์ของปีที่สมัคร (awardYear \(app.awardYear)) ให้เลือกประเภทใดประเภทหนึ่งต่อไปนี้: \(listed)",
            en: "type \"\(app.type)\" is not defined by the rubric of award year \(app.awardYear); use one of: \(list.isEmpty ? "(none)" : list)")
    }

    // MARK: Agency

    private mutating func checkAgency() {
        let agency = app.agency
        if agency.kind.requiresMinistry, blank(agency.ministry) {
            add(
                .ministryRequired, "/agency/ministry",
                th: "หน่วยงานประเภท\(agency.kind.label.th) ต้องระบุกระทรวงต้นสังกัดที่ \(place("/agency/ministry"))",
                en: "\(place("/agency/ministry")) is missing; an agency of kind \"\(agency.kind.rawValue)\" must name its ministry")
        }
        if let province = agency.province, !province.trimmingWhitespace.isEmpty {
            self.province(province, at: "/agency/province")
        } else if agency.kind.requiresProvince {
            add(
                .provinceRequired, "/agency/province",
                th: "หน่วยงานประเภท\(agency.kind.label.th) ต้องระบุจังหวัดที่ \(place("/agency/province"))",
                en: "\(place("/agency/province")) is missing; an agency of kind \"\(agency.kind.rawValue)\" must name its province")
        }
    }

    private mutating func province(_ name: String, at pointer: @autoclosure () -> String) {
        switch Provinces.match(name) {
        case .exact:
            return
        case .tolerated(let province, let reason):
            let message = Provinces.spellingMessage(field: place(pointer()), name: name, province: province, reason: reason)
            add(.provinceSpelling, pointer(), th: message.th, en: message.en)
        case .unknown:
            let message = Provinces.unknownMessage(field: place(pointer()), name: name)
            add(.unknownProvince, pointer(), th: message.th, en: message.en)
        }
    }

    // MARK: Previous award

    private mutating func checkPreviousAward() {
        guard let previous = app.previousAward else {
            if app.type == BusinessRules.SubType.participationExpanded {
                add(
                    .needsPreviousAward, "/previousAward",
                    th: "ประเภทเลื่องลือขยายผลต้องระบุรางวัลที่ผลงานนี้เคยได้รับที่ \(place("/previousAward")) (ปี ประเภท และชื่อผลงาน)",
                    en:
                        "type participation-expanded needs \(place("/previousAward")): give the year, type and title of the award this work received before"
                )
            }
            return
        }
        let inRange = year(previous.year, at: "/previousAward/year")
        if inRange, Thai.buddhistYears.contains(app.awardYear), previous.year >= app.awardYear {
            add(
                .previousAwardNotEarlier, "/previousAward/year",
                th:
                    "\(place("/previousAward/year")) คือ \(previous.year) ไม่ได้อยู่ก่อนปีที่สมัคร (awardYear \(app.awardYear)) ให้ระบุปี พ.ศ. ที่เคยได้รับรางวัล ซึ่งต้องก่อนปี \(app.awardYear)",
                en:
                    "\(place("/previousAward/year")) \(previous.year) is not before the award year \(app.awardYear); give the earlier BE year in which the work was awarded"
            )
        }
    }

    // MARK: Work

    private mutating func checkWork() {
        let work = app.work
        narrative(work.title, key: "work.title", at: "/work/title")
        narrative(work.summary, key: "work.summary", at: "/work/summary")
        narrative(work.background, key: "work.background", at: "/work/background")
        for (index, objective) in work.objectives.enumerated() {
            id(objective.id, at: IDPlace(list: "work/objectives", index: index))
            narrative(objective.text, key: "objectives.text", at: "/work/objectives/\(index)/text")
        }
        let period = work.period
        let startOK = date(period.start, at: "/work/period/start")
        if let end = period.end {
            let endOK = date(end, at: "/work/period/end")
            if startOK, endOK, end < period.start {
                add(
                    .periodReversed, "/work/period/end",
                    th:
                        "วันสิ้นสุด \(place("/work/period/end")) \(end) (\(end.thai)) อยู่ก่อนวันเริ่มต้น \(place("/work/period/start")) \(period.start) (\(period.start.thai)) ให้ตรวจสอบและแก้ไขวันที่ทั้งสอง",
                    en:
                        "\(place("/work/period/end")) \(end) is before \(place("/work/period/start")) \(period.start); check and correct the two dates"
                )
            }
        }
        for (index, area) in (work.areas ?? []).enumerated() {
            province(area, at: "/work/areas/\(index)")
        }
    }

    /// The work period when both ends are plausible CE dates in order; nil otherwise (no W041 then).
    private var checkablePeriod: (start: LocalDate, end: LocalDate?)? {
        let period = app.work.period
        guard period.start.year <= Thai.maxCommonEraDateYear else { return nil }
        if let end = period.end {
            guard end.year <= Thai.maxCommonEraDateYear, end >= period.start else { return nil }
        }
        return (period.start, period.end)
    }

    // MARK: Activities

    private mutating func checkActivities() {
        let stakeholderIDs = Set(app.stakeholders.map(\.id))
        let period = checkablePeriod
        for (index, activity) in app.activities.enumerated() {
            // Pointers and field names are built only for a finding (most applications have none).
            let base = { "/activities/\(index)" }
            id(activity.id, at: IDPlace(list: "activities", index: index))
            if app.type == BusinessRules.SubType.openGovernance, activity.level > .consult {
                add(
                    .aboveConsult, "\(base())/level",
                    th:
                        "กิจกรรม \(activity.id) อยู่ใน\(activity.level.thaiName) ซึ่งสูงกว่าระดับการปรึกษาหารือ ผลงานประเภทเปิดใจใกล้ชิดประชาชนเน้นระดับการให้ข้อมูลข่าวสารและการปรึกษาหารือ ควรพิจารณาสมัครประเภทสัมฤทธิผลประชาชนมีส่วนร่วมแทน",
                    en:
                        "activity \(activity.id) is at level \(activity.level.rawValue), above Consult; open-governance work is at Inform/Consult level, so consider applying as effective-change"
                )
            }
            if date(activity.date, at: "\(base())/date"), let period {
                if activity.date < period.start || period.end.map({ activity.date > $0 }) == true {
                    let range = "\(period.start) – \(period.end.map(\.description) ?? "…")"
                    let thaiRange = "\(period.start.thai) – \(period.end.map(\.thai) ?? "…")"
                    add(
                        .activityOutsidePeriod, "\(base())/date",
                        th:
                            "วันที่ของกิจกรรม \(activity.id) คือ \(activity.date) (\(activity.date.thai)) อยู่นอกช่วงเวลาดำเนินงาน \(thaiRange) ให้ตรวจสอบวันที่กิจกรรมหรือช่วงเวลาของผลงาน",
                        en:
                            "activity \(activity.id) is dated \(activity.date), outside the work period \(range); check the activity date or the work period"
                    )
                }
            }
            for (refIndex, ref) in activity.stakeholderRefs.enumerated() where !stakeholderIDs.contains(ref) {
                unresolved(ref, target: ("กลุ่มผู้มีส่วนได้ส่วนเสีย (stakeholders)", "stakeholders"), at: "\(base())/stakeholderRefs/\(refIndex)")
            }
            if let influence = activity.influence {
                narrative(influence, key: "activities.influence", at: "\(base())/influence")
            }
            for (refIndex, ref) in (activity.evidenceRefs ?? []).enumerated() where !evidenceIDs.contains(ref) {
                unresolved(ref, target: ("หลักฐาน (evidence)", "evidence"), at: "\(base())/evidenceRefs/\(refIndex)")
            }
        }
        if app.type == BusinessRules.SubType.effectiveChange, !app.activities.contains(where: { $0.level >= .involve }) {
            add(
                .needsInvolvement, "/activities",
                th:
                    "ประเภทสัมฤทธิผลประชาชนมีส่วนร่วมต้องมีกิจกรรมอย่างน้อยหนึ่งกิจกรรมในระดับการเข้ามาเกี่ยวข้องขึ้นไป แต่ทุกกิจกรรมอยู่ในระดับการให้ข้อมูลข่าวสารหรือการปรึกษาหารือ",
                en:
                    "type effective-change needs at least one activity at level involve or above, but every activity is at inform or consult; raise the level of an activity that gave the public that role, or apply as open-governance"
            )
        }
    }

    // MARK: Indicators

    private mutating func checkIndicators() {
        let objectiveIDs = Set(app.work.objectives.map(\.id))
        for (index, indicator) in app.indicators.enumerated() {
            let base = { "/indicators/\(index)" }
            id(indicator.id, at: IDPlace(list: "indicators", index: index))
            if let ref = indicator.objectiveRef, !objectiveIDs.contains(ref) {
                unresolved(ref, target: ("วัตถุประสงค์ (objectives)", "objectives"), at: "\(base())/objectiveRef")
            }
            let baseline = indicator.baseline
            let baselineOK = year(baseline.year, at: "\(base())/baseline/year")
            if let target = indicator.target {
                let wrongSide = indicator.direction == .decrease ? target >= baseline.value : target <= baseline.value
                if wrongSide {
                    let (wantTH, wantEN) = indicator.direction == .decrease ? ("ต่ำกว่า", "below") : ("สูงกว่า", "above")
                    add(
                        .targetWrongSide, "\(base())/target",
                        th:
                            "ตัวชี้วัด \(indicator.id) เป็นตัวชี้วัดที่\(indicator.direction.label.th) แต่ค่าเป้าหมาย \(number(target)) ไม่\(wantTH)ค่าฐาน \(number(baseline.value)) ให้แก้ค่าเป้าหมายหรือทิศทางของตัวชี้วัด",
                        en:
                            "indicator \(indicator.id) has direction \(indicator.direction.rawValue) but its target \(number(target)) is not \(wantEN) the baseline \(number(baseline.value)); correct the target or the direction"
                    )
                }
            }
            var previous: Int?
            for (mIndex, measurement) in indicator.measurements.enumerated() {
                let pointer = { "\(base())/measurements/\(mIndex)/year" }
                let field = { [app, format] in PlaceText.write(pointer(), format: format, in: app) }
                guard year(measurement.year, at: pointer()) else { continue }
                if baselineOK, measurement.year <= baseline.year {
                    add(
                        .measurementBeforeBaseline, pointer(),
                        th: "\(field()) คือปี \(measurement.year) ไม่ได้อยู่หลังปีฐาน \(baseline.year) ผลการวัดต้องเป็นปีหลังปีฐาน ให้แก้ปีของผลการวัดหรือปีฐาน",
                        en:
                            "\(field()) is \(measurement.year), not after the baseline year \(baseline.year); measurements must come after the baseline, so correct one of the years"
                    )
                } else if let previous, measurement.year <= previous {
                    let (whyTH, whyEN) =
                        measurement.year == previous
                        ? ("ซ้ำกับผลการวัดก่อนหน้า", "repeats the measurement before it")
                        : ("น้อยกว่าปีของผลการวัดก่อนหน้า (\(previous))", "is earlier than the measurement before it (\(previous))")
                    add(
                        .measurementOrder, pointer(),
                        th: "\(field()) คือปี \(measurement.year) \(whyTH) ให้เรียงผลการวัดตามปีจากน้อยไปมากและให้มีปีละหนึ่งค่า",
                        en: "\(field()) is \(measurement.year), which \(whyEN); list measurements in ascending year order, one per year")
                }
                previous = max(previous ?? measurement.year, measurement.year)
            }
            for (refIndex, ref) in (indicator.evidenceRefs ?? []).enumerated() where !evidenceIDs.contains(ref) {
                unresolved(ref, target: ("หลักฐาน (evidence)", "evidence"), at: "\(base())/evidenceRefs/\(refIndex)")
            }
        }
        if app.indicators.isEmpty, app.type != BusinessRules.SubType.openGovernance {
            add(
                .needsIndicator, "/indicators",
                th:
                    "ประเภท\(BusinessRules.SubType.thaiName(app.type)) ต้องมีตัวชี้วัด (indicators) อย่างน้อยหนึ่งตัว แต่ใบสมัครนี้ไม่มีตัวชี้วัดเลย ให้เพิ่มตัวชี้วัดพร้อมค่าฐานและผลการวัด",
                en: "type \(app.type) needs at least one indicator, but indicators is empty; add an indicator with its baseline and measurements")
        } else if app.type == BusinessRules.SubType.effectiveChange, !app.indicators.contains(where: { !$0.measurements.isEmpty }) {
            add(
                .needsMeasuredIndicator, "/indicators",
                th:
                    "ประเภทสัมฤทธิผลประชาชนมีส่วนร่วมต้องมีตัวชี้วัดอย่างน้อยหนึ่งตัวที่มีผลการวัด (measurements) แต่ไม่มีตัวชี้วัดใดมีผลการวัด ให้เพิ่มผลการวัดที่แสดงการเปลี่ยนแปลง",
                en:
                    "type effective-change needs an indicator with at least one measurement, but no indicator has measurements; add the measured results that show the change"
            )
        }
    }

    // MARK: Evidence

    private mutating func checkEvidence() {
        var referenced = Set<String>()
        for activity in app.activities { referenced.formUnion(activity.evidenceRefs ?? []) }
        for indicator in app.indicators { referenced.formUnion(indicator.evidenceRefs ?? []) }
        for response in app.responses ?? [] { referenced.formUnion(response.evidenceRefs ?? []) }
        for (index, item) in app.evidence.enumerated() {
            let base = { "/evidence/\(index)" }
            if !referenced.contains(item.id) {
                add(
                    .evidenceUnused, base(),
                    th:
                        "หลักฐาน \(item.id) (\"\(item.title)\") ไม่ถูกอ้างอิงจากกิจกรรม ตัวชี้วัด หรือคำตอบใดเลย ให้เพิ่ม \(item.id) ใน evidenceRefs ของรายการที่หลักฐานนี้สนับสนุน หรือลบหลักฐานนี้ออก",
                    en:
                        "evidence \(item.id) (\"\(item.title)\") is not referenced by any activity, indicator or response; add \(item.id) to the evidenceRefs of what it supports, or remove it"
                )
            }
            id(item.id, at: IDPlace(list: "evidence", index: index))
            for check in Self.evidenceFormats {
                guard let value = check.field(item), !check.isValid(value) else { continue }
                let pointer = "\(base())/\(check.name)"
                add(check.rule, pointer, th: "\(place(pointer)) \"\(value)\" \(check.th)", en: "\(place(pointer)) \"\(value)\" \(check.en)")
            }
        }
    }

    /// An evidence field that has a format: its check, and what the message says after the field's place and value.
    private struct EvidenceFormat {
        var name: String
        /// The field read (a closure: a key path is read through the runtime, several times dearer).
        var field: @Sendable (Evidence) -> String?
        var isValid: @Sendable (String) -> Bool
        var rule: DiagnosticRule
        var th: String
        var en: String
    }

    private static let evidenceFormats = [
        EvidenceFormat(
            name: "uri", field: { $0.uri }, isValid: BusinessRules.isAcceptableURI, rule: .badURI,
            th: "ใช้ไม่ได้ ต้องเป็นลิงก์ที่ขึ้นต้นด้วย http:// หรือ https:// หรือเป็นเส้นทางแบบสัมพัทธ์ภายในชุดเอกสารที่ส่ง (ไม่ขึ้นต้นด้วย / และไม่มี ..)",
            en: "is not accepted; use an http:// or https:// link or a relative path inside the submission (not starting with / and without ..)"),
        EvidenceFormat(
            name: "sha256", field: { $0.sha256 }, isValid: BusinessRules.isSHA256, rule: .badSHA256,
            th: "ไม่ใช่ค่า SHA-256 ต้องเป็นเลขฐานสิบหก 64 หลัก (0–9, a–f) ให้คำนวณค่าใหม่จากไฟล์หลักฐาน หรือลบช่องนี้ออก",
            en: "is not a SHA-256 digest; it must be 64 hexadecimal digits (0–9, a–f), so recompute it from the file or leave it out"),
    ]

    // MARK: Responses

    /// The answers (format version 2): each to a criterion of the sub-type, once, within its limit, citing
    /// evidence that exists; every judged or hybrid criterion answered. A version 1 file has no place for answers:
    /// each criterion it leaves unanswered is a warning, so entries of earlier rounds still load.
    private mutating func checkResponses() {
        let responses = app.responses ?? []
        var answered: [String: Int] = [:]
        for (index, response) in responses.enumerated() {
            let base = { "/responses/\(index)" }
            if let first = answered[response.criterion] {
                add(
                    .responseRepeated, "\(base())/criterion",
                    th: "ประเด็น \(response.criterion) มีคำตอบแล้วที่ \(place("/responses/\(first)")) ให้รวมเป็นคำตอบเดียว",
                    en: "criterion \(response.criterion) is already answered at \(place("/responses/\(first)")); merge the two answers into one")
            } else {
                answered[response.criterion] = index
            }
            // The criteria to answer are the rubric's few: the first with the response's id is found by looking
            // along them, not through a table built for each file.
            if let criteria = context.answered {
                if let criterion = criteria.first(where: { $0.id == response.criterion }) {
                    if let max = criterion.answerLimit {
                        let text = response.text.trimmingWhitespace
                        if text.utf8.count > max, Thai.characterCount(text, upTo: max + 1) > max {
                            let count = Thai.characterCount(text)
                            add(
                                .responseTooLong, "\(base())/text",
                                th:
                                    "คำตอบประเด็น \(criterion.id) (\(criterion.title.th)) ยาว \(count) ตัวอักษร เกินที่เกณฑ์กำหนด \(max) ตัวอักษร ให้ตัดลงอย่างน้อย \(count - max) ตัวอักษร",
                                en:
                                    "the answer to \(criterion.id) (\(criterion.title.en)) is \(count) characters long, over its limit of \(max); shorten it by at least \(count - max) characters"
                            )
                        }
                    }
                } else {
                    let list = context.answered?.map(\.id).joined(separator: ", ") ?? ""
                    add(
                        .responseUnknownCriterion, "\(base())/criterion",
                        th:
                            "ประเด็น \(response.criterion) ไม่ใช่ประเด็นที่ต้องตอบในเกณฑ์ของปีและประเภทที่สมัคร ประเด็นที่ต้องตอบคือ \(list.isEmpty ? "(ไม่มี)" : list)",
                        en:
                            "criterion \(response.criterion) is not a criterion to answer in the rubric of \(app.awardYear)/\(app.type); the criteria to answer are \(list.isEmpty ? "(none)" : list)"
                    )
                }
            }
            for (refIndex, ref) in (response.evidenceRefs ?? []).enumerated() where !evidenceIDs.contains(ref) {
                unresolved(ref, target: ("หลักฐาน (evidence)", "evidence"), at: "\(base())/evidenceRefs/\(refIndex)")
            }
        }
        for criterion in context.answered ?? [] where answered[criterion.id] == nil {
            if app.schemaVersion >= 2 {
                add(
                    .responseMissing, "/responses",
                    th:
                        "ไม่มีคำตอบของประเด็น \(criterion.id) (\(criterion.title.th)) ซึ่งกรรมการใช้ให้คะแนน ให้เพิ่มคำตอบของประเด็นนี้ (คำถามของประเด็นดูได้ด้วยคำสั่ง psea rubric show)",
                    en:
                        "there is no response to criterion \(criterion.id) (\(criterion.title.en)), which the judges score; add one (psea rubric show \(app.awardYear)/\(app.type) gives its question)"
                )
            } else {
                add(
                    .responseAbsentInVersion1, "",
                    th:
                        "ใบสมัครรูปแบบรุ่นที่ 1 ไม่มีคำตอบของประเด็น \(criterion.id) (\(criterion.title.th)) กรรมการจะให้คะแนนประเด็นนี้จากข้อมูลส่วนอื่นของใบสมัคร ควรส่งใบสมัครรูปแบบรุ่นที่ 2 พร้อมคำตอบรายประเด็น",
                    en:
                        "this version 1 application has no answer to criterion \(criterion.id) (\(criterion.title.en)); judges will score it from the rest of the application, so consider sending a version 2 file with the answers"
                )
            }
        }
    }

    // MARK: Declaration

    private mutating func checkDeclaration() {
        let declared = app.declaration.date
        guard date(declared, at: "/declaration/date"),
            let submitted = app.submittedAt, submitted.date.year <= Thai.maxCommonEraDateYear,
            declared > submitted.date
        else { return }
        add(
            .declarationAfterSubmission, "/declaration/date",
            th:
                "วันที่ลงนามคำรับรอง \(place("/declaration/date")) \(declared) (\(declared.thai)) อยู่หลังวันที่ส่งใบสมัคร \(place("/submittedAt")) \(submitted.text) (\(submitted.date.thai)) คำรับรองต้องลงนามก่อนหรือในวันที่ส่ง ให้แก้วันที่ใดวันที่หนึ่ง",
            en:
                "\(place("/declaration/date")) \(declared) is after \(place("/submittedAt")) \(submitted.text); the declaration must be signed on or before the day of submission, so correct one of the dates"
        )
    }

    // MARK: Shared checks

    private mutating func id(_ id: String, at place: IDPlace) {
        if let earlier = firstUse[id] {
            let first = self.place("/\(earlier.list)/\(earlier.index)")
            add(
                .duplicateID, place.pointer,
                th: "รหัส \"\(id)\" ถูกใช้ซ้ำ (ใช้ครั้งแรกที่ \(first)) รหัสต้องไม่ซ้ำกันทั้งใบสมัคร ให้เปลี่ยนเป็นรหัสใหม่และแก้การอ้างอิงที่เกี่ยวข้อง",
                en:
                    "id \"\(id)\" is used again (first at \(first)); ids must be unique across the application, so give this one a new id and update its references"
            )
        } else {
            firstUse[id] = place
        }
    }

    private mutating func unresolved(_ ref: String, target: (th: String, en: String), at pointer: String) {
        let field = place(pointer)
        add(
            .unresolvedRef, pointer,
            th: "\(field) อ้างถึงรหัส \"\(ref)\" แต่ไม่พบรหัสนี้ใน\(target.th) ให้แก้รหัสให้ตรงกับรายการที่มีอยู่ หรือเพิ่มรายการนั้น",
            en: "\(field) refers to \"\(ref)\", which is not an id in \(target.en); correct the id or add the missing entry")
    }

    /// Checks a Buddhist Era year; true when it is in 2500–2700 (so comparisons with it make sense).
    @discardableResult
    private mutating func year(_ value: Int, at pointer: @autoclosure () -> String) -> Bool {
        if Thai.buddhistYears.contains(value) { return true }
        let field = place(pointer())
        if Thai.commonEraYears.contains(value) {
            let be = value + Thai.buddhistEraOffset
            add(
                .commonEraYear, pointer(),
                th: "\(field) คือ \(value) ซึ่งดูเหมือนเป็นปี ค.ศ. ปีในใบสมัครต้องเป็น พ.ศ. คือ \(be) (ค.ศ. + 543)",
                en: "\(field) is \(value), which looks like a CE year; years are Buddhist Era, so write \(be) (CE + 543)")
        } else {
            add(
                .yearOutOfRange, pointer(),
                th: "\(field) คือ \(value) ซึ่งอยู่นอกช่วงปี พ.ศ. 2500–2700 ให้ระบุปีเป็น พ.ศ. เช่น 2568",
                en: "\(field) is \(value), outside the Buddhist Era range 2500–2700; give the BE year, e.g. 2568")
        }
        return false
    }

    /// Checks a CE date; true unless its year is Buddhist Era (a warning naming the CE date it is read as; the
    /// intake converts it, see `BusinessRules.convertingBuddhistEraDates`).
    @discardableResult
    private mutating func date(
        _ value: LocalDate, at pointer: @autoclosure () -> String, written: String? = nil
    ) -> Bool {
        guard value.year > Thai.maxCommonEraDateYear else { return true }
        let field = place(pointer())
        let ce = "\(pad(value.year - Thai.buddhistEraOffset, 4))-\(pad(value.month, 2))-\(pad(value.day, 2))"
        let shown = written ?? value.description
        add(
            .buddhistEraDate, pointer(),
            th: "\(field) คือ \(shown) ซึ่งใช้ปี พ.ศ. จึงอ่านเป็นวันที่ ค.ศ. \(ce) (พ.ศ. − 543) คือวันที่ \(thaiDate(value)) ให้ตรวจว่าถูกต้อง",
            en: "\(field) is \(shown), a BE year; it is read as the CE date \(ce) (BE − 543): check that this is right")
        return false
    }

    private mutating func narrative(_ text: String?, key: String, at pointer: @autoclosure () -> String) {
        guard let text, let limit = context.narrativeLimits[key] else { return }
        let trimmed = text.trimmingWhitespace
        // Counting characters (grapheme clusters) is the costly part, so each bound is settled by the cheapest
        // count that can: bytes ≥ scalars ≥ characters, and a minimum needs only `min` characters counted.
        if let max = limit.max, trimmed.utf8.count > max, Thai.scalarCount(trimmed) > max,
            Thai.characterCount(trimmed, upTo: max + 1) > max
        {
            let (count, field) = (Thai.characterCount(trimmed), place(pointer()))
            add(
                .narrativeTooLong, pointer(),
                th: "\(field) ยาว \(count) ตัวอักษร เกินกำหนดสูงสุด \(max) ตัวอักษร ให้ตัดข้อความลงอย่างน้อย \(count - max) ตัวอักษร",
                en: "\(field) is \(count) characters long, over the limit of \(max); shorten it by at least \(count - max) characters")
        } else if let min = limit.min, Thai.characterCount(trimmed, upTo: min) < min {
            let (count, field) = (Thai.characterCount(trimmed), place(pointer()))
            add(
                .narrativeTooShort, pointer(),
                th: "\(field) ยาว \(count) ตัวอักษร สั้นกว่าความยาวที่แนะนำ \(min) ตัวอักษร ควรเขียนเพิ่มอีกประมาณ \(min - count) ตัวอักษร",
                en: "\(field) is \(count) characters long, under the suggested minimum of \(min); consider adding about \(min - count) characters")
        }
    }

    /// A date whose year is Buddhist Era, written the Thai way (`30 ก.ย. 2567`).
    private func thaiDate(_ value: LocalDate) -> String {
        LocalDate(year: value.year - Thai.buddhistEraOffset, month: value.month, day: value.day)?.thai ?? value.description
    }

    private func blank(_ text: String?) -> Bool { (text ?? "").trimmingWhitespace.isEmpty }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: Swift.max(0, width - text.count)) + text
    }

    /// A decimal as an applicant wrote it: `3000` rather than `3000.0`.
    private func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

extension BusinessRules {
    /// Whether `text` is 64 ASCII hexadecimal digits (either case), surrounding white space ignored.
    static func isSHA256(_ text: String) -> Bool {
        // Hex digits are ASCII, so 64 UTF-8 bytes that are all hex digits are exactly 64 hex scalars.
        let bytes = text.trimmingWhitespace.utf8
        return bytes.count == 64 && bytes.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Whether `text` is an `http(s)://` URL with a host, or a relative path: no scheme, not starting with `/`
    /// (or `\`), no `..` segment, and not a web address missing its scheme (`www.example.go.th/x`).
    static func isAcceptableURI(_ text: String) -> Bool {
        let uri = text.trimmingWhitespace
        guard !uri.isEmpty else { return false }
        // Printable ASCII (almost every address): the same checks on the bytes, one character per byte.
        if let ascii = uri.utf8.withContiguousStorageIfAvailable({ bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 < 0x80 } ? !startsWithASCIIHostName(bytes) && isAcceptableASCIIURI(bytes) : nil
        }), let verdict = ascii {
            return verdict
        }
        if startsWithHostName(uri) { return false }
        let lower = uri.lowercased()
        for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) {
            let rest = lower.dropFirst(scheme.count)
            return !rest.isEmpty && !rest.hasPrefix("/")
        }
        if uri.hasPrefix("/") || uri.hasPrefix("\\") { return false }
        if hasScheme(uri) { return false }
        let segments = uri.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" })
        return !segments.contains("..")
    }

    /// `isAcceptableURI` for an ASCII string, on its bytes: every character is one byte there, so the checks are
    /// the same without lower-casing, splitting or copying.
    private static func isAcceptableASCIIURI(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
        for scheme in ["http://", "https://"]
        where bytes.count >= scheme.utf8.count
            && zip(bytes, scheme.utf8).allSatisfy({ lower($0) == $1 })
        {
            let rest = bytes.dropFirst(scheme.utf8.count)
            return !rest.isEmpty && rest.first != UInt8(ascii: "/")
        }
        if bytes.first == UInt8(ascii: "/") || bytes.first == UInt8(ascii: "\\") { return false }
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            let scheme = bytes[..<colon]
            func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
            if let first = scheme.first, isLetter(first),
                scheme.allSatisfy({
                    isLetter($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
                })
            {
                return false
            }
        }
        return !bytes.split(omittingEmptySubsequences: false, whereSeparator: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") })
            .contains { $0.count == 2 && $0.allSatisfy { $0 == UInt8(ascii: ".") } }
    }

    /// The top-level domains after which a path's first segment is a host name written without `https://`.
    private static let hostSuffixes = [".th", ".com", ".org", ".net", ".gov", ".info", ".io"]

    /// Whether the first segment of `uri` is a host name (`www.…`, or a name ending in a common top-level
    /// domain such as `.go.th` or `.com`): a web address whose `https://` was left out.
    private static func startsWithHostName(_ uri: String) -> Bool {
        let first = uri.lowercased().prefix { $0 != "/" && $0 != "\\" }
        if first.hasPrefix("www.") { return true }
        return first.contains(".") && hostSuffixes.contains { first.hasSuffix($0) && first.count > $0.count }
    }

    /// `startsWithHostName` for printable ASCII, on its bytes.
    private static func startsWithASCIIHostName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = bytes.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") } ?? bytes.count
        let first = bytes[..<end].map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        if first.starts(with: "www.".utf8) { return true }
        return first.contains(UInt8(ascii: "."))
            && hostSuffixes.contains { first.count > $0.utf8.count && first.suffix($0.utf8.count).elementsEqual($0.utf8) }
    }

    /// `scheme:` at the start (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`), e.g. `file:`, `c:`.
    private static func hasScheme(_ uri: String) -> Bool {
        guard let colon = uri.firstIndex(of: ":") else { return false }
        let scheme = uri[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return scheme.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0))
        }
    }

    /// `application` with every date whose year is above `Thai.maxCommonEraDateYear` read as Buddhist Era and
    /// converted to CE (year − 543); the `date` rule has warned of each. A day that does not exist in the CE year
    /// (29 February) is left as written.
    static func convertingBuddhistEraDates(_ application: Application) -> Application {
        func ce(_ date: LocalDate) -> LocalDate {
            guard date.year > Thai.maxCommonEraDateYear else { return date }
            return LocalDate(year: date.year - Thai.buddhistEraOffset, month: date.month, day: date.day) ?? date
        }
        var app = application
        app.work.period.start = ce(app.work.period.start)
        app.work.period.end = app.work.period.end.map(ce)
        // Only a date that changes is written, so that the activities (almost always all CE) are not copied.
        for index in app.activities.indices where app.activities[index].date.year > Thai.maxCommonEraDateYear {
            app.activities[index].date = ce(app.activities[index].date)
        }
        app.declaration.date = ce(app.declaration.date)
        return app
    }
}
