import Foundation
import Model
import Yams

/// The round of one award year as OPDC runs it (`Rubrics/<year>/round.yaml`): the application window, each
/// sub-type's eligibility rules and judging body, and the dates of the stages. Data that staff can change, checked
/// like a rubric before it is used.
package struct RoundFile: Sendable, Equatable {
    /// Award year in the Buddhist Era (พ.ศ.).
    package var year: Int
    package var window: ApplicationWindow
    /// The planned dates of the stages, in calendar order.
    package var stages: [StageDates]
    /// Each sub-type's rules, sorted by sub-type key.
    package var types: [SubTypeRules]
    /// Dotted paths of values not confirmed by a public source.
    package var assumed: [String]
    /// The file the round was read from.
    package var file: String
    /// The YAML text it was read from.
    package var sourceText: String

    /// The rules of one sub-type, if the round file has them.
    package func rules(type: String) -> SubTypeRules? {
        types.first { $0.type == type }
    }

    /// The planned dates of one stage, if the round file gives them.
    package func dates(of stage: RoundStage) -> StageDates? {
        stages.first { $0.stage == stage }
    }
}

/// When applications are received: from the start of `opens` to the end of `closes`, in `timeZone`.
package struct ApplicationWindow: Sendable, Equatable {
    package var opens: LocalDate
    /// The last day applications are received (inclusive, until midnight in `timeZone`).
    package var closes: LocalDate
    /// An IANA time zone identifier, `Asia/Bangkok` for OPDC.
    package var timeZone: String

    /// The first instant after the window: midnight at the end of `closes` in the window's time zone.
    package var closingInstant: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        let start = calendar.date(from: DateComponents(year: closes.year, month: closes.month, day: closes.day)) ?? .distantFuture
        return calendar.date(byAdding: .day, value: 1, to: start) ?? .distantFuture
    }

    /// The instant the window opens: midnight at the start of `opens` in the window's time zone.
    package var openingInstant: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        return calendar.date(from: DateComponents(year: opens.year, month: opens.month, day: opens.day)) ?? .distantPast
    }

    /// Whether an application received at `instant` arrives after the window closed.
    package func isLate(_ instant: Date) -> Bool { instant >= closingInstant }
}

/// The stages of a round, in the order OPDC runs them; their names, as OPDC writes them, are `label`s.
package enum RoundStage: String, Sendable, CaseIterable, Codable, Labelled {
    package static let labelSection = "round-stage"

    case briefing
    case screening
    case deskReview = "desk-review"
    case shortlist
    case siteVisits = "site-visits"
    case approval
    case ceremony
}

/// The planned dates of one stage: `from`, and `to` when it lasts more than a day.
package struct StageDates: Sendable, Equatable {
    package var stage: RoundStage
    package var from: LocalDate
    package var to: LocalDate?
}

/// The eligibility rules and the judging body of one sub-type.
package struct SubTypeRules: Sendable, Equatable {
    /// The sub-type key, as in its rubric file's name.
    package var type: String
    /// Who judges the sub-type: OPDC's sub-committee or another office.
    package var judgingBody: LocalizedText
    /// The least number of whole months the work must have run by the window's closing date.
    package var minMonthsRun: Int
    /// The agency kinds that may apply, in the file's order.
    package var agencyKinds: [AgencyKind]
    /// Whether the application must name a previous award (participation-expanded).
    package var previousAwardRequired: Bool
}

/// Reads and checks round files. A round file with any problem is never handed out: `load` throws instead, naming
/// the file, the line and every problem.
package enum RoundFileLoader {
    /// Reads and checks a round file from YAML text; `file` names it in errors.
    package static func load(yaml: String, file: String) throws(PSEAError) -> RoundFile {
        let (round, problems) = try reading(yaml: yaml, file: file)
        guard let round, problems.isEmpty else { throw RubricLoader.failedCheck(file: file, problems: problems) }
        return round
    }

    /// Every problem of one round file (empty when it may be used); throws when it cannot be read or parsed.
    package static func check(contentsOf url: URL) throws(PSEAError) -> [RubricProblem] {
        try reading(yaml: try RubricLoader.read(url), file: url.path).problems
    }

    /// The typed round file (nil when a value is unusable) with every problem found.
    static func reading(yaml: String, file: String) throws(PSEAError) -> (round: RoundFile?, problems: [RubricProblem]) {
        let (root, raw): (Node, RawRound) = try RubricLoader.decode(RawRound.self, yaml: yaml, file: file, unknown: nil)
        var lines: [String: Int] = [:]
        RubricLoader.recordLines(root, path: "", into: &lines)
        var checker = RoundFileChecker(file: file, lines: lines)
        let round = checker.check(raw, text: yaml)
        // In file order, whatever order the checks ran in.
        let problems = checker.problems.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
        return (problems.isEmpty ? round : nil, problems)
    }
}

/// The round file as written, before its values are checked.
struct RawRound: Decodable {
    var year: Int
    var window: RawWindow
    var stages: [String: RawStage]
    var types: [String: RawType]
    var assumed: [String]

    enum CodingKeys: String, CodingKey, CaseIterable { case year, window, stages, types, assumed }

    init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        year = try c.decode(Int.self, forKey: .year)
        window = try c.decode(RawWindow.self, forKey: .window)
        stages = try c.decodeIfPresent([String: RawStage].self, forKey: .stages) ?? [:]
        types = try c.decode([String: RawType].self, forKey: .types)
        assumed = try c.decodeIfPresent([String].self, forKey: .assumed) ?? []
    }
}

struct RawWindow: Decodable {
    var opens: String
    var closes: String
    var timeZone: String

    enum CodingKeys: String, CodingKey, CaseIterable { case opens, closes, timeZone }

    init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        opens = try c.decode(String.self, forKey: .opens)
        closes = try c.decode(String.self, forKey: .closes)
        timeZone = try c.decode(String.self, forKey: .timeZone)
    }
}

struct RawStage: Decodable {
    var from: String
    var to: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case from, to }

    init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        from = try c.decode(String.self, forKey: .from)
        to = try c.decodeIfPresent(String.self, forKey: .to)
    }
}

struct RawType: Decodable {
    var judgingBody: LocalizedText
    var minMonthsRun: Int
    var agencyKinds: [String]
    var previousAwardRequired: Bool

    enum CodingKeys: String, CodingKey, CaseIterable { case judgingBody, minMonthsRun, agencyKinds, previousAwardRequired }

    init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        judgingBody = try c.decode(StrictText.self, forKey: .judgingBody).text
        minMonthsRun = try c.decode(Int.self, forKey: .minMonthsRun)
        agencyKinds = try c.decode([String].self, forKey: .agencyKinds)
        previousAwardRequired = try c.decodeIfPresent(Bool.self, forKey: .previousAwardRequired) ?? false
    }
}

/// Checks the values of a round file: dates, the time zone, stage names and order, agency kinds, months and the
/// `assumed` paths; each problem with its line.
struct RoundFileChecker {
    let file: String
    let lines: [String: Int]
    var problems: [RubricProblem] = []

    mutating func problem(_ code: ProblemCode, at path: String, th: String, en: String) {
        problems.append(RubricProblem(code: code, message: LocalizedText(th: th, en: en), file: file, line: lines[path]))
    }

    mutating func date(_ text: String, at path: String) -> LocalDate? {
        guard let date = LocalDate(iso: text) else {
            problem(
                .roundBadDate, at: path, th: "\(path): '\(text)' ไม่ใช่วันที่แบบ YYYY-MM-DD (ค.ศ.)",
                en: "\(path): '\(text)' is not a YYYY-MM-DD (CE) date")
            return nil
        }
        return date
    }

    mutating func check(_ raw: RawRound, text: String) -> RoundFile? {
        if !(2500...2700).contains(raw.year) {
            problem(.roundYear, at: "year", th: "ปี \(raw.year) ต้องเป็นปี พ.ศ. 2500–2700", en: "year \(raw.year) must be a Buddhist Era year 2500–2700")
        }
        let opens = date(raw.window.opens, at: "window.opens")
        let closes = date(raw.window.closes, at: "window.closes")
        if let opens, let closes, closes < opens {
            problem(
                .roundBadDate, at: "window.closes", th: "วันปิดรับสมัคร \(closes) อยู่ก่อนวันเปิดรับสมัคร \(opens)",
                en: "the window closes (\(closes)) before it opens (\(opens))")
        }
        if TimeZone(identifier: raw.window.timeZone) == nil {
            problem(
                .roundTimeZone, at: "window.timeZone", th: "ไม่รู้จักเขตเวลา '\(raw.window.timeZone)' (เช่น Asia/Bangkok)",
                en: "unknown time zone '\(raw.window.timeZone)' (e.g. Asia/Bangkok)")
        }
        var stages: [StageDates] = []
        for (key, value) in raw.stages.sorted(by: { $0.key < $1.key }) {
            guard let stage = RoundStage(rawValue: key) else {
                let allowed = RoundStage.allCases.map(\.rawValue).joined(separator: ", ")
                problem(
                    .roundUnknownStage, at: "stages.\(key)", th: "ไม่รู้จักขั้นตอน '\(key)' (ใช้ได้: \(allowed))",
                    en: "unknown stage '\(key)' (allowed: \(allowed))")
                continue
            }
            let from = date(value.from, at: "stages.\(key).from")
            let to = value.to.flatMap { date($0, at: "stages.\(key).to") }
            guard let from else { continue }
            if let to, to < from {
                problem(
                    .roundBadDate, at: "stages.\(key).to", th: "ขั้นตอน \(key) สิ้นสุด (\(to)) ก่อนเริ่ม (\(from))",
                    en: "stage \(key) ends (\(to)) before it starts (\(from))")
            }
            stages.append(StageDates(stage: stage, from: from, to: to))
        }
        stages.sort { RoundStage.allCases.firstIndex(of: $0.stage)! < RoundStage.allCases.firstIndex(of: $1.stage)! }
        for (earlier, later) in zip(stages, stages.dropFirst()) where later.from < earlier.from {
            problem(
                .roundStageOrder, at: "stages.\(later.stage.rawValue).from",
                th: "ขั้นตอน \(later.stage.rawValue) เริ่ม (\(later.from)) ก่อนขั้นตอน \(earlier.stage.rawValue) (\(earlier.from))",
                en: "stage \(later.stage.rawValue) starts (\(later.from)) before stage \(earlier.stage.rawValue) (\(earlier.from))")
        }
        if let closes, let screening = stages.first(where: { $0.stage != .briefing }), screening.from <= closes {
            problem(
                .roundStageOrder, at: "stages.\(screening.stage.rawValue).from",
                th: "ขั้นตอน \(screening.stage.rawValue) เริ่ม (\(screening.from)) ก่อนปิดรับสมัคร (\(closes))",
                en: "stage \(screening.stage.rawValue) starts (\(screening.from)) before the window closes (\(closes))")
        }
        var types: [SubTypeRules] = []
        for (key, value) in raw.types.sorted(by: { $0.key < $1.key }) {
            var kinds: [AgencyKind] = []
            for (index, word) in value.agencyKinds.enumerated() {
                guard let kind = AgencyKind(rawValue: word) else {
                    let allowed = AgencyKind.allCases.map(\.rawValue).joined(separator: ", ")
                    problem(
                        .roundAgencyKind, at: "types.\(key).agencyKinds.\(index)",
                        th: "ประเภท \(key): ไม่รู้จักประเภทหน่วยงาน '\(word)' (ใช้ได้: \(allowed))",
                        en: "type \(key): unknown agency kind '\(word)' (allowed: \(allowed))")
                    continue
                }
                kinds.append(kind)
            }
            if value.agencyKinds.isEmpty {
                problem(
                    .roundAgencyKind, at: "types.\(key).agencyKinds", th: "ประเภท \(key): ต้องระบุประเภทหน่วยงานที่สมัครได้อย่างน้อยหนึ่งประเภท",
                    en: "type \(key): name at least one agency kind that may apply")
            }
            if !(0...120).contains(value.minMonthsRun) {
                problem(
                    .roundMonths, at: "types.\(key).minMonthsRun", th: "ประเภท \(key): ระยะเวลาดำเนินงานขั้นต่ำต้องอยู่ระหว่าง 0–120 เดือน",
                    en: "type \(key): minMonthsRun must be 0–120 months")
            }
            if value.judgingBody.th.trimmingWhitespace.isEmpty || value.judgingBody.en.trimmingWhitespace.isEmpty {
                problem(
                    .roundJudgingBody, at: "types.\(key).judgingBody", th: "ประเภท \(key): ต้องระบุชื่อผู้พิจารณาตัดสินทั้งภาษาไทยและภาษาอังกฤษ",
                    en: "type \(key): the judging body needs a Thai and an English name")
            }
            types.append(
                SubTypeRules(
                    type: key, judgingBody: value.judgingBody, minMonthsRun: value.minMonthsRun, agencyKinds: kinds,
                    previousAwardRequired: value.previousAwardRequired))
        }
        for (index, path) in raw.assumed.enumerated() where lines[path] == nil {
            problem(
                .roundUnknownAssumed, at: "assumed.\(index)", th: "รายการ assumed '\(path)' ไม่ได้อ้างถึงค่าใดในไฟล์รอบ",
                en: "assumed '\(path)' names no value of the round file")
        }
        guard let opens, let closes else { return nil }
        return RoundFile(
            year: raw.year, window: ApplicationWindow(opens: opens, closes: closes, timeZone: raw.window.timeZone), stages: stages,
            types: types, assumed: raw.assumed, file: file, sourceText: text)
    }
}
