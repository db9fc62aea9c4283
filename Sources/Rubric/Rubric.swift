import Foundation
import Model

/// One rubric: the criteria, points, thresholds and panel rules of one award year and sub-type.
/// Read from `Rubrics/<year>/<type>.yaml`; every number here is data that OPDC staff can change.
package struct Rubric: Codable, Sendable, Equatable {
    /// What a rubric holds, kept in one shared box: every entry of a sub-type holds its rubric (a round's ranking
    /// and panel facts hold it once per entry), so a copy is one reference, not the fields. A change makes a new box.
    private struct Fields: Sendable, Equatable {
        var year: Int
        var type: String
        var title: LocalizedText
        var totalPoints: Double
        var dimensions: [Dimension]
        var narrativeLimits: [String: NarrativeLimit]
        var levels: Levels
        var gates: [Gate]
        var panel: PanelSettings
        var tieBreak: [TieBreakKey]
        var assumed: [String]
        var sourceURL: URL?
        var sourceText: String?
        var lines: [String: Int]
    }

    private final class Box: Sendable {
        let fields: Fields
        /// Every criterion with its dimension's id, made once per rubric: ranking asks for them once per entry.
        let allCriteria: [(dimension: String, criterion: Criterion)]
        init(_ fields: Fields) {
            self.fields = fields
            allCriteria = fields.dimensions.flatMap { d in d.criteria.map { (d.id, $0) } }
        }
    }

    private var box: Box

    private mutating func set<Value>(_ field: WritableKeyPath<Fields, Value>, _ value: Value) {
        var fields = box.fields
        fields[keyPath: field] = value
        box = Box(fields)
    }

    /// Award year in the Buddhist Era (พ.ศ.).
    package var year: Int {
        get { box.fields.year }
        set { set(\.year, newValue) }
    }
    /// The sub-type key, e.g. `effective-change`.
    package var type: String {
        get { box.fields.type }
        set { set(\.type, newValue) }
    }
    package var title: LocalizedText {
        get { box.fields.title }
        set { set(\.title, newValue) }
    }
    /// The full score; the dimensions' points add up to it.
    package var totalPoints: Double {
        get { box.fields.totalPoints }
        set { set(\.totalPoints, newValue) }
    }
    package var dimensions: [Dimension] {
        get { box.fields.dimensions }
        set { set(\.dimensions, newValue) }
    }
    /// Character limits (grapheme clusters) per narrative field; keys from `Rubric.narrativeFields`.
    package var narrativeLimits: [String: NarrativeLimit] {
        get { box.fields.narrativeLimits }
        set { set(\.narrativeLimits, newValue) }
    }
    /// Award cut-offs in points.
    package var levels: Levels {
        get { box.fields.levels }
        set { set(\.levels, newValue) }
    }
    /// Minimum percents an entry must reach to receive any award.
    package var gates: [Gate] {
        get { box.fields.gates }
        set { set(\.gates, newValue) }
    }
    /// How judges' scores are combined.
    package var panel: PanelSettings {
        get { box.fields.panel }
        set { set(\.panel, newValue) }
    }
    /// Ordered tie-break keys.
    package var tieBreak: [TieBreakKey] {
        get { box.fields.tieBreak }
        set { set(\.tieBreak, newValue) }
    }
    /// Dotted paths of values not confirmed by a public source (see `Rubric.assumablePaths`).
    package var assumed: [String] {
        get { box.fields.assumed }
        set { set(\.assumed, newValue) }
    }

    /// The file the rubric was read from; nil for a rubric built in code.
    package var sourceURL: URL? {
        get { box.fields.sourceURL }
        set { set(\.sourceURL, newValue) }
    }
    /// The YAML text the rubric was read from (its hash identifies the rubric in the ledger and exports); nil for a
    /// rubric built in code.
    package var sourceText: String? {
        get { box.fields.sourceText }
        set { set(\.sourceText, newValue) }
    }
    /// Lines in the source file, keyed by place (`dimension:<id>`, `criterion:<id>`, `levels`, `panel`, …).
    package var lines: [String: Int] {
        get { box.fields.lines }
        set { set(\.lines, newValue) }
    }

    /// Two rubrics are equal when every field is; a rubric and its copies share their box.
    package static func == (a: Rubric, b: Rubric) -> Bool {
        a.box === b.box || a.box.fields == b.box.fields
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case year, type, title, totalPoints, dimensions, narrativeLimits, levels, gates, panel, tieBreak, assumed
    }

    package init(
        year: Int, type: String, title: LocalizedText, totalPoints: Double, dimensions: [Dimension],
        narrativeLimits: [String: NarrativeLimit] = [:], levels: Levels, gates: [Gate] = [], panel: PanelSettings,
        tieBreak: [TieBreakKey] = [], assumed: [String] = [], sourceURL: URL? = nil, lines: [String: Int] = [:]
    ) {
        box = Box(
            Fields(
                year: year, type: type, title: title, totalPoints: totalPoints, dimensions: dimensions, narrativeLimits: narrativeLimits,
                levels: levels, gates: gates, panel: panel, tieBreak: tieBreak, assumed: assumed, sourceURL: sourceURL, sourceText: nil,
                lines: lines))
    }

    package init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        let year = try c.decode(Int.self, forKey: .year)
        let type = try c.decode(String.self, forKey: .type)
        let title = try c.decode(StrictText.self, forKey: .title).text
        let totalPoints = try c.decode(Double.self, forKey: .totalPoints)
        let dimensions = try c.decode([Dimension].self, forKey: .dimensions)
        let narrativeLimits =
            try c.decodeIfPresent([String: Strict<NarrativeLimit>].self, forKey: .narrativeLimits)?.mapValues(\.value) ?? [:]
        let levels = try c.decode(Strict<Levels>.self, forKey: .levels).value
        let gates = try c.decodeIfPresent([Strict<Gate>].self, forKey: .gates)?.map(\.value) ?? []
        let panel = try c.decode(PanelSettings.self, forKey: .panel)
        var keys: [TieBreakKey] = []
        if var list = try c.decodeIfPresentList(forKey: .tieBreak) {
            while !list.isAtEnd {
                let index = list.currentIndex
                let text = try list.decode(String.self)
                guard let key = TieBreakKey(text) else {
                    try UnknownWords.log(
                        decoder, path: [.key("tieBreak"), .index(index)], code: RubricCode.badTieBreak,
                        th: "ไม่รู้จักเกณฑ์ตัดสินคะแนนเท่ากัน '\(text)' (ใช้ได้: \(TieBreakKey.vocabulary))",
                        en: "unknown tie-break key '\(text)' (allowed: \(TieBreakKey.vocabulary))")
                    continue
                }
                keys.append(key)
            }
        }
        let assumed = try c.decodeIfPresent([String].self, forKey: .assumed) ?? []
        self.init(
            year: year, type: type, title: title, totalPoints: totalPoints, dimensions: dimensions, narrativeLimits: narrativeLimits,
            levels: levels, gates: gates, panel: panel, tieBreak: keys, assumed: assumed)
    }

    /// Encodes the fields of `CodingKeys`, in their order, as the synthesized encoding did.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(type, forKey: .type)
        try c.encode(title, forKey: .title)
        try c.encode(totalPoints, forKey: .totalPoints)
        try c.encode(dimensions, forKey: .dimensions)
        try c.encode(narrativeLimits, forKey: .narrativeLimits)
        try c.encode(levels, forKey: .levels)
        try c.encode(gates, forKey: .gates)
        try c.encode(panel, forKey: .panel)
        try c.encode(tieBreak, forKey: .tieBreak)
        try c.encode(assumed, forKey: .assumed)
    }

    /// `<year>/<type>`, e.g. `2568/effective-change`: how score sheets and reports name a rubric.
    package var key: String { "\(year)/\(type)" }

    /// Every criterion with the id of its dimension, in file order.
    package var allCriteria: [(dimension: String, criterion: Criterion)] { box.allCriteria }

    /// The criterion with this id, if any.
    package func criterion(_ id: String) -> Criterion? {
        for dimension in dimensions {
            if let found = dimension.criteria.first(where: { $0.id == id }) { return found }
        }
        return nil
    }

    /// What a gate applies to, as people read it: the criterion by id and title, the dimension by title (Thai text
    /// never shows the dimension's id).
    package func name(of gate: Gate) -> LocalizedText {
        let target = gate.criterion ?? gate.dimension ?? "?"
        if let criterion = criterion(target) {
            return LocalizedText(th: "ประเด็น \(target) \(criterion.title.th)", en: "criterion \(target) \(criterion.title.en)")
        }
        if let dimension = dimensions.first(where: { $0.id == target }) {
            return LocalizedText(th: "มิติ\(dimension.title.th)", en: "dimension \(dimension.title.en)")
        }
        return LocalizedText(th: target, en: target)
    }

    /// The narrative fields an application has, the only keys allowed in `narrativeLimits`.
    package static let narrativeFields = [
        "work.title", "work.summary", "work.background", "sustainability", "lessons", "objectives.text",
        "activities.influence",
    ]

    /// Fixed paths that may be listed under `assumed:`; `dimension:<id>` and `criterion:<id>` are accepted too.
    package static let assumablePaths =
        [
            "totalPoints", "levels.outstanding", "levels.good", "levels.bestOfBest", "gates", "panel.aggregation",
            "panel.trim", "panel.normalisation", "panel.minJudges", "panel.disagreementThreshold", "tieBreak",
        ] + narrativeFields.map { "narrativeLimits.\($0)" }
}

/// A dimension (หมวด): a group of criteria whose points add up to the dimension's points.
@MemberwiseInit
package struct Dimension: Codable, Sendable, Equatable {
    package var id: String
    package var title: LocalizedText
    package var points: Double
    package var criteria: [Criterion]
    /// True when the dimension's weight is not confirmed by a public source.
    package var assumed: Bool = false

    enum CodingKeys: String, CodingKey, CaseIterable { case id, title, points, criteria, assumed }

    package init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(StrictText.self, forKey: .title).text
        points = try c.decode(Double.self, forKey: .points)
        criteria = try c.decode([Criterion].self, forKey: .criteria)
        assumed = try c.decodeIfPresent(Bool.self, forKey: .assumed) ?? false
    }
}

/// How a criterion is read: by ADLI (process), LeTCI (results), the IAP2 spectrum, or evidence.
package enum Lens: String, Codable, Sendable, CaseIterable {
    case adli, letci, spectrum, evidence
}

/// One criterion (ประเด็นการพิจารณา).
@MemberwiseInit
package struct Criterion: Codable, Sendable, Equatable {
    package var id: String
    package var title: LocalizedText
    package var points: Double
    /// PMQA category 1–7 the criterion belongs to.
    package var pmqaCategory: Int
    /// How the criterion is read.
    package var lens: Lens
    /// Who scores the criterion.
    package var mode: ScoringMode
    /// The automatic rule, required for `auto` and `hybrid`, forbidden for `judged`.
    package var rule: RuleSpec?
    /// What judges (and applicants) should look for.
    package var guidance: LocalizedText
    /// True when the criterion (or its weight) is not confirmed by a public source.
    package var assumed: Bool = false
    /// What the applicant is asked to write for this criterion; required for `judged` and `hybrid`.
    package var asks: LocalizedText?
    /// Most characters (grapheme clusters) the applicant's answer may have; required with `asks`.
    package var answerLimit: Int?
    /// What an entry in each of the five judging bands looks like for this criterion (0–25 … 90–100 %);
    /// required for `judged` and `hybrid`, so that judges and applicants read the same scale.
    package var descriptors: [BandDescriptor] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, points, pmqaCategory, lens, mode, rule, guidance, assumed, asks, answerLimit, descriptors
    }

    package init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(StrictText.self, forKey: .title).text
        points = try c.decode(Double.self, forKey: .points)
        pmqaCategory = try c.decode(Int.self, forKey: .pmqaCategory)
        lens = try c.decodeWord(
            Lens.self, forKey: .lens, decoder, code: RubricCode.unknownLens, standIn: .adli,
            th: "มุมมองการประเมิน", en: "lens")
        mode = try c.decodeWord(
            ScoringMode.self, forKey: .mode, decoder, code: RubricCode.unknownMode, standIn: .judged,
            th: "วิธีให้คะแนน", en: "mode")
        rule = try c.decodeIfPresent(RuleSpec.self, forKey: .rule)
        guidance = try c.decode(StrictText.self, forKey: .guidance).text
        assumed = try c.decodeIfPresent(Bool.self, forKey: .assumed) ?? false
        asks = try c.decodeIfPresent(StrictText.self, forKey: .asks)?.text
        answerLimit = try c.decodeIfPresent(Int.self, forKey: .answerLimit)
        descriptors = try c.decodeIfPresent([BandDescriptor].self, forKey: .descriptors) ?? []
    }

    /// True when the applicant writes an answer for this criterion (it is judged or hybrid).
    package var needsAnswer: Bool { mode != .auto }

    /// The five judging bands every judged or hybrid criterion describes, in percent (min, max).
    package static let descriptorRanges: [(min: Int, max: Int)] = [(0, 25), (30, 45), (50, 65), (70, 85), (90, 100)]
}

/// What an entry in one judging band looks like for one criterion, in Thai and English.
@MemberwiseInit
package struct BandDescriptor: Codable, Sendable, Equatable, PercentBand {
    /// Lowest percent of the band (inclusive).
    package var min: Int
    /// Highest percent of the band (inclusive).
    package var max: Int
    package var text: LocalizedText

    enum CodingKeys: String, CodingKey, CaseIterable { case min, max, th, en }

    package init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        min = try c.decode(Int.self, forKey: .min)
        max = try c.decode(Int.self, forKey: .max)
        text = LocalizedText(th: try c.decode(String.self, forKey: .th), en: try c.decode(String.self, forKey: .en))
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(min, forKey: .min)
        try c.encode(max, forKey: .max)
        try c.encode(text.th, forKey: .th)
        try c.encode(text.en, forKey: .en)
    }
}

/// A named automatic rule with its parameters, e.g. `{name: stage-coverage, params: {minLevel: consult}}`.
@MemberwiseInit
package struct RuleSpec: Codable, Sendable, Equatable {
    package var name: String
    package var params: [String: RuleParam] = [:]

    enum CodingKeys: String, CodingKey, CaseIterable { case name, params }

    package init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        params = try c.decodeIfPresent([String: RuleParam].self, forKey: .params) ?? [:]
    }

    /// A number parameter, if present and a number.
    package func number(_ key: String) -> Double? {
        if case .number(let n) = params[key] { return n }
        return nil
    }

    /// A text parameter, if present and a text.
    package func text(_ key: String) -> String? {
        if case .text(let t) = params[key] { return t }
        return nil
    }

    /// A list parameter, if present and a list.
    package func list(_ key: String) -> [String]? {
        if case .list(let l) = params[key] { return l }
        return nil
    }
}

/// A rule parameter value: a number, a text or a list of texts.
package enum RuleParam: Codable, Sendable, Equatable {
    case number(Double)
    case text(String)
    case list([String])

    package init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let t = try? c.decode(String.self) {
            self = .text(t)
        } else {
            self = .list(try c.decode([String].self))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): try c.encode(n)
        case .text(let t): try c.encode(t)
        case .list(let l): try c.encode(l)
        }
    }
}

/// Award level cut-offs in points (of `totalPoints`).
@MemberwiseInit
package struct Levels: Codable, Sendable, Equatable {
    /// Points for ดีเด่น (outstanding).
    package var outstanding: Double
    /// Points for ดี (good); not above `outstanding`.
    package var good: Double
    /// Points for ยอดเยี่ยม (best of the best), when the year has that level.
    package var bestOfBest: Double?

    enum CodingKeys: String, CodingKey, CaseIterable { case outstanding, good, bestOfBest }
}

/// A minimum percent an entry must reach on one dimension or one criterion to receive any award.
/// Exactly one of `dimension` and `criterion` is set.
@MemberwiseInit
package struct Gate: Codable, Sendable, Equatable {
    package var dimension: String?
    package var criterion: String?
    /// 0–100.
    package var minPercent: Double

    enum CodingKeys: String, CodingKey, CaseIterable { case dimension, criterion, minPercent }
}

/// How judges' scores are combined. `normalisation` names the official figure; the other is reported beside it.
@MemberwiseInit
package struct PanelSettings: Codable, Sendable, Equatable {
    /// How one criterion's percents are combined.
    package var aggregation: Aggregation
    /// Fraction cut from each end for `trimmed-mean` (0 ≤ trim < 0.5).
    package var trim: Double?
    /// Which figure is official: the raw aggregate or the z-score normalised one.
    package var normalisation: Normalisation
    /// The fewest judges an entry needs before its panel score counts; at least 1.
    package var minJudges: Int
    /// Range between judges, in percentage points, that sends an entry to a consensus step.
    package var disagreementThreshold: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case aggregation, trim, normalisation, minJudges, disagreementThreshold
    }

    package init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        aggregation = try c.decodeWord(
            Aggregation.self, forKey: .aggregation, decoder, code: RubricCode.badPanel,
            standIn: .mean, th: "วิธีรวมคะแนน", en: "aggregation")
        trim = try c.decodeIfPresent(Double.self, forKey: .trim)
        normalisation = try c.decodeWord(
            Normalisation.self, forKey: .normalisation, decoder, code: RubricCode.badPanel,
            standIn: .raw, th: "วิธีปรับมาตรฐานคะแนน", en: "normalisation")
        minJudges = try c.decode(Int.self, forKey: .minJudges)
        disagreementThreshold = try c.decode(Double.self, forKey: .disagreementThreshold)
    }
}

/// How judges' percents on one criterion are combined.
package enum Aggregation: String, Codable, Sendable, CaseIterable {
    case mean, median
    /// The mean after cutting `trim` of the scores from each end.
    case trimmedMean = "trimmed-mean"
}

/// The method's name in Thai and English, for reports (Thai text never shows the key).
extension Aggregation: Labelled { package static let labelSection = "aggregation" }

/// Which panel figure is official; the other is reported beside it.
package enum Normalisation: String, Codable, Sendable, CaseIterable {
    case raw
    /// Each judge's scores standardised against the judge's own mean and spread.
    case zScore = "z-score"
}

/// The tie-break vocabulary. A key is one of the fixed words or `dimension:<id>` / `criterion:<id>`.
package enum TieBreakKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The sum of the points of all LeTCI (results) criteria.
    case resultsDimension
    /// The points of one dimension.
    case dimension(String)
    /// The points of one criterion.
    case criterion(String)
    /// The highest IAP2 level reached by an activity with influence and evidence.
    case spectrum
    /// The share of activities and indicators backed by evidence.
    case evidenceCoverage
    /// The earlier submission first.
    case submittedAt
    /// A seeded draw; must be the last key.
    case lottery

    /// The keys that name no dimension or criterion; `text` spells each.
    private static let plainKeys: [TieBreakKey] = [.resultsDimension, .spectrum, .evidenceCoverage, .submittedAt, .lottery]

    /// Parses one key of `tieBreak`, or nil for an unknown one.
    package init?(_ text: String) {
        if let plain = Self.plainKeys.first(where: { $0.text == text }) {
            self = plain
        } else if text.hasPrefix("dimension:"), text.count > 10 {
            self = .dimension(String(text.dropFirst(10)))
        } else if text.hasPrefix("criterion:"), text.count > 10 {
            self = .criterion(String(text.dropFirst(10)))
        } else {
            return nil
        }
    }

    /// The key as a rubric file writes it, e.g. `criterion:EC2.2`.
    package var text: String {
        switch self {
        case .resultsDimension: "results-dimension"
        case .dimension(let id): "dimension:\(id)"
        case .criterion(let id): "criterion:\(id)"
        case .spectrum: "spectrum"
        case .evidenceCoverage: "evidence-coverage"
        case .submittedAt: "submitted-at"
        case .lottery: "lottery"
        }
    }

    package var description: String { text }

    /// The allowed keys, as messages list them.
    static let vocabulary = "results-dimension, dimension:<id>, criterion:<id>, spectrum, evidence-coverage, submitted-at, lottery"

    package init(from decoder: any Decoder) throws {
        self = try decoder.decodeParsed({ TieBreakKey($0) }, refusal: { "unknown tie-break key '\($0)'" })
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

/// The names of the automatic rules the scorer knows, with the parameters each accepts.
package enum RuleName: String, Sendable, CaseIterable {
    case spectrumDepth = "spectrum-depth"
    case stageCoverage = "stage-coverage"
    case stakeholderBreadth = "stakeholder-breadth"
    case letciLevel = "letci-level"
    case letciTrend = "letci-trend"
    case letciComparison = "letci-comparison"
    case letciIntegration = "letci-integration"
    case evidenceCoverage = "evidence-coverage"

    /// Parameter names the rule accepts.
    package var allowedParams: Set<String> {
        switch self {
        case .spectrumDepth: return Set(ParticipationLevel.allCases.map(\.rawValue))
        case .stageCoverage: return ["minLevel", "stages"]
        case .stakeholderBreadth: return ["full"]
        case .letciLevel, .letciTrend, .letciComparison, .letciIntegration, .evidenceCoverage: return []
        }
    }
}

/// A coding key that accepts any name, used to find keys a type does not know.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// The keyed container of a rubric file's mapping whose keys must all be `Keys`: the one way every rubric type
/// decodes a mapping, so that a key the format does not define is never silently ignored.
func strictContainer<Keys: CodingKey & CaseIterable>(_ decoder: any Decoder, _ keys: Keys.Type) throws -> KeyedDecodingContainer<Keys> {
    try rejectUnknownKeys(decoder, keys)
    return try decoder.container(keyedBy: keys)
}

/// Throws an `UnknownKeyError` naming the first key (in sorted order) that `Keys` does not declare.
func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ decoder: any Decoder, _ keys: Keys.Type) throws {
    let container = try decoder.container(keyedBy: AnyKey.self)
    let known = Set(Keys.allCases.map(\.stringValue))
    let unknown = container.allKeys.map(\.stringValue).filter { !known.contains($0) }.sorted()
    if let first = unknown.first {
        throw UnknownKeyError(path: (decoder.codingPath + [AnyKey(stringValue: first)]).map(PathComponent.init), key: first)
    }
}

/// A `{th, en}` text that rejects any other key (the model's `LocalizedText` ignores unknown keys).
struct StrictText: Decodable {
    let text: LocalizedText

    enum CodingKeys: String, CodingKey, CaseIterable { case th, en }

    init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        text = LocalizedText(th: try c.decode(String.self, forKey: .th), en: try c.decode(String.self, forKey: .en))
    }
}

/// A type a rubric file writes as a mapping that needs no decoding of its own beyond refusing unknown keys: its
/// synthesized decoding runs once every key is checked against `StrictKeys` (`Strict`).
protocol StrictlyDecodable: Decodable {
    associatedtype StrictKeys: CodingKey & CaseIterable
}

/// A `StrictlyDecodable` value read from a rubric file: any key its type does not define is refused, never
/// silently ignored as synthesized decoding would.
struct Strict<Value: StrictlyDecodable>: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, Value.StrictKeys.self)
        value = try Value(from: decoder)
    }
}

extension Levels: StrictlyDecodable { typealias StrictKeys = CodingKeys }

extension Gate: StrictlyDecodable { typealias StrictKeys = CodingKeys }

/// A narrative limit as a rubric file writes it: `min` and `max` (the model's `NarrativeLimit` ignores other keys).
extension NarrativeLimit: StrictlyDecodable {
    enum StrictKeys: String, CodingKey, CaseIterable { case min, max }
}

/// Words a rubric file writes outside their vocabulary (lens, mode, aggregation, normalisation, tie-break key),
/// collected while the loader decodes so that every one is reported with its place. Where a word is unknown the
/// typed rubric holds a stand-in, and the loader never hands such a rubric out: its problems are reported instead.
final class UnknownWords {
    /// One unknown word: its place, the code to report and the message.
    struct Word {
        var path: [PathComponent]
        var code: ProblemCode
        var message: LocalizedText
    }

    static let key = CodingUserInfoKey(rawValue: "psea.rubric.unknownWords")
    var words: [Word] = []

    /// Records an unknown word at `path` below the decoder's own path; without a log (a decoder other than the
    /// loader's) the word is a decoding error, never silently replaced.
    static func log(_ decoder: any Decoder, path: [PathComponent], code: ProblemCode, th: String, en: String) throws {
        let full = decoder.codingPath.map(PathComponent.init) + path
        guard let key, let log = decoder.userInfo[key] as? UnknownWords else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: en))
        }
        log.words.append(Word(path: full, code: code, message: LocalizedText(th: th, en: en)))
    }
}

extension KeyedDecodingContainer {
    /// Decodes a word of a closed vocabulary; an unknown word is logged (see `UnknownWords`) and `standIn` returned.
    func decodeWord<W: RawRepresentable & CaseIterable>(
        _ type: W.Type, forKey key: Key, _ decoder: any Decoder, code: ProblemCode, standIn: W, th: String, en: String
    ) throws -> W where W.RawValue == String {
        let text = try decode(String.self, forKey: key)
        if let word = W(rawValue: text) { return word }
        let allowed = W.allCases.map(\.rawValue).joined(separator: ", ")
        try UnknownWords.log(
            decoder, path: [.key(key.stringValue)], code: code,
            th: "ไม่รู้จัก\(th) '\(text)' (ใช้ได้: \(allowed))", en: "unknown \(en) '\(text)' (allowed: \(allowed))")
        return standIn
    }

    /// The unkeyed container of an optional list.
    func decodeIfPresentList(forKey key: Key) throws -> UnkeyedDecodingContainer? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try nestedUnkeyedContainer(forKey: key)
    }
}
