import Foundation
import Model

/// The rubric's codes are the registry's Rubric entries (`ProblemCode.criteriaSum` … `.badFormat`, module
/// `.rubric`); this is their name in the rubric's code.
package typealias RubricCode = ProblemCode

/// One consistency problem in a rubric: a stable code, a message in Thai and English, and its place.
package struct RubricProblem: Codable, Sendable, Hashable, CustomStringConvertible, Problem {
    /// A `PSEA-R…` code of the registry.
    package var code: String
    package var message: LocalizedText
    /// The rubric file's path, when the rubric was read from a file.
    package var file: String?
    package var dimension: String?
    package var criterion: String?
    /// The line in the file (from 1), when known.
    package var line: Int?

    package init(code: ProblemCode, message: LocalizedText, file: String? = nil, dimension: String? = nil, criterion: String? = nil, line: Int? = nil)
    {
        self.code = code.code
        self.message = message
        self.file = file
        self.dimension = dimension
        self.criterion = criterion
        self.line = line
    }

    /// A rubric with a problem is not used.
    package var severity: Severity { .error }

    /// `file:line` (`<rubric>` for a rubric built in memory), then ` [dimension/criterion]` when known.
    package var place: String { fileAndLine + ids }

    /// `file:line: code message` in one language.
    package func text(_ language: Language) -> String { "\(fileAndLine):\(ids) \(code) \(message.text(language))" }

    private var fileAndLine: String {
        guard let line else { return file ?? "<rubric>" }
        return "\(file ?? "<rubric>"):\(line)"
    }

    private var ids: String {
        let ids = [dimension, criterion].compactMap { $0 }
        return ids.isEmpty ? "" : " [\(ids.joined(separator: "/"))]"
    }

    package var description: String { text(.en) }
}

/// Checks a rubric for consistency before judging opens: sums, ids, vocabularies, thresholds and panel rules.
package enum RubricChecker {
    /// Tolerance for comparing point sums written with decimals.
    static let epsilon = 1e-6

    /// Every problem in the rubric, in file order (then by code); empty when the rubric is consistent.
    package static func check(_ rubric: Rubric) -> [RubricProblem] {
        check(rubric, found: [], standIns: [])
    }

    /// The checks run by the loader on a freshly decoded rubric: `found` are the problems decoding already met
    /// (unknown words), merged in file order; `standIns` the dotted paths where the rubric holds a stand-in for an
    /// unknown word, whose dependent checks are skipped (a stand-in mode says nothing about the criterion's rule).
    static func check(_ rubric: Rubric, found: [RubricProblem], standIns: Set<String>) -> [RubricProblem] {
        var c = Collector(rubric: rubric, problems: found, standIns: standIns)
        checkPoints(rubric, &c)
        checkCriteria(rubric, &c)
        checkNarrative(rubric, &c)
        checkLevelsAndGates(rubric, &c)
        checkPanel(rubric, &c)
        checkTieBreak(rubric, &c)
        checkAssumed(rubric, &c)
        return c.sorted
    }

    /// Problems in a band file: bands outside 0–100, a minimum above its maximum, overlaps or gaps.
    package static func check(_ bands: BandSet) -> [RubricProblem] {
        let file = bands.sourceURL?.path
        var problems: [RubricProblem] = []
        for (i, band) in bands.bands.enumerated() {
            let line = bands.lines["bands.\(i)"]
            if !(0...100).contains(band.min) || !(0...100).contains(band.max) {
                problems.append(
                    RubricProblem(
                        code: RubricCode.rubricPercentOutOfRange,
                        message: LocalizedText(
                            th: "ช่วงคะแนน \(band.label) อยู่นอกช่วง 0–100", en: "band \(band.label) is outside 0–100"
                        ), file: file, line: line))
            }
            if band.min > band.max {
                problems.append(
                    RubricProblem(
                        code: RubricCode.badBands,
                        message: LocalizedText(
                            th: "ช่วงคะแนน \(band.label) มีค่าต่ำสุดมากกว่าค่าสูงสุด", en: "band \(band.label) has its minimum above its maximum"
                        ), file: file, line: line))
            }
        }
        let sorted = bands.bands.sorted { $0.min < $1.min }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.min <= a.max {
            problems.append(
                RubricProblem(
                    code: RubricCode.badBands,
                    message: LocalizedText(
                        th: "ช่วงคะแนน \(a.label) และ \(b.label) ซ้อนทับกัน", en: "bands \(a.label) and \(b.label) overlap"
                    ), file: file))
        }
        if sorted.first?.min != 0 || sorted.last?.max != 100 {
            problems.append(
                RubricProblem(
                    code: RubricCode.badBands,
                    message: LocalizedText(
                        th: "ช่วงคะแนนต้องเริ่มที่ 0 และสิ้นสุดที่ 100", en: "the bands must start at 0 and end at 100"
                    ), file: file))
        }
        return problems
    }

    struct Collector {
        let rubric: Rubric
        var problems: [RubricProblem] = []
        var standIns: Set<String> = []

        mutating func add(_ code: ProblemCode, th: String, en: String, at path: String, dimension: String? = nil, criterion: String? = nil) {
            problems.append(
                RubricProblem(
                    code: code, message: LocalizedText(th: th, en: en), file: rubric.sourceURL?.path,
                    dimension: dimension, criterion: criterion, line: rubric.lines[path]
                ))
        }

        var sorted: [RubricProblem] {
            problems.sorted { a, b in
                if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
                if a.code != b.code { return a.code < b.code }
                return a.message.en < b.message.en
            }
        }
    }

    static func fmt(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }

    static func checkPoints(_ rubric: Rubric, _ c: inout Collector) {
        if !(rubric.totalPoints > 0) || !rubric.totalPoints.isFinite {
            c.add(RubricCode.badPoints, th: "คะแนนเต็มต้องมากกว่า 0", en: "totalPoints must be above 0", at: "totalPoints")
        }
        let allDimensionIDs = Set(rubric.dimensions.map(\.id))
        var dimensionIDs: Set<String> = []
        var criterionIDs: Set<String> = []
        for (d, dimension) in rubric.dimensions.enumerated() {
            let dPath = "dimensions.\(d)"
            if !dimensionIDs.insert(dimension.id).inserted {
                c.add(
                    RubricCode.duplicateRubricID, th: "รหัสมิติ '\(dimension.id)' ซ้ำกัน", en: "dimension id '\(dimension.id)' is used twice",
                    at: dPath + ".id", dimension: dimension.id)
            }
            if dimension.points < 0 || !dimension.points.isFinite {
                c.add(
                    RubricCode.badPoints, th: "คะแนนของมิติต้องเป็นตัวเลขที่ไม่ติดลบ", en: "a dimension's points must be a number that is not negative",
                    at: dPath + ".points", dimension: dimension.id)
            }
            let sum = dimension.criteria.reduce(0) { $0 + $1.points }
            if abs(sum - dimension.points) > epsilon {
                c.add(
                    RubricCode.criteriaSum,
                    th: "คะแนนของประเด็นในมิติ '\(dimension.id)' รวมได้ \(fmt(sum)) ไม่เท่ากับคะแนนของมิติ \(fmt(dimension.points))",
                    en: "the criteria of dimension '\(dimension.id)' add up to \(fmt(sum)), not its \(fmt(dimension.points)) points",
                    at: dPath + ".points", dimension: dimension.id)
            }
            for (i, criterion) in dimension.criteria.enumerated() {
                if !criterionIDs.insert(criterion.id).inserted || allDimensionIDs.contains(criterion.id) {
                    c.add(
                        RubricCode.duplicateRubricID, th: "รหัสประเด็น '\(criterion.id)' ซ้ำกับรหัสอื่น", en: "criterion id '\(criterion.id)' is used twice",
                        at: "\(dPath).criteria.\(i).id", dimension: dimension.id, criterion: criterion.id)
                }
                if criterion.points < 0 || !criterion.points.isFinite {
                    c.add(
                        RubricCode.badPoints, th: "คะแนนของประเด็นต้องเป็นตัวเลขที่ไม่ติดลบ",
                        en: "a criterion's points must be a number that is not negative",
                        at: "\(dPath).criteria.\(i).points", dimension: dimension.id, criterion: criterion.id)
                }
            }
        }
        let total = rubric.dimensions.reduce(0) { $0 + $1.points }
        if abs(total - rubric.totalPoints) > epsilon {
            c.add(
                RubricCode.dimensionsSum,
                th: "คะแนนของมิติรวมได้ \(fmt(total)) ไม่เท่ากับคะแนนเต็ม \(fmt(rubric.totalPoints))",
                en: "the dimensions add up to \(fmt(total)), not totalPoints \(fmt(rubric.totalPoints))", at: "totalPoints")
        }
    }

    static func checkCriteria(_ rubric: Rubric, _ c: inout Collector) {
        for (d, dimension) in rubric.dimensions.enumerated() {
            for (i, criterion) in dimension.criteria.enumerated() {
                let path = "dimensions.\(d).criteria.\(i)"
                let (dim, crit) = (dimension.id, criterion.id)
                if !(1...7).contains(criterion.pmqaCategory) {
                    c.add(
                        RubricCode.unknownPMQACategory,
                        th: "หมวด PMQA \(criterion.pmqaCategory) ไม่มีอยู่ (ต้องเป็น 1–7)",
                        en: "PMQA category \(criterion.pmqaCategory) does not exist (must be 1–7)",
                        at: path + ".pmqaCategory", dimension: dim, criterion: crit)
                }
                guard !c.standIns.contains(path + ".mode") else { continue }
                let mode = criterion.mode
                switch (mode, criterion.rule) {
                case (.judged, .some):
                    c.add(
                        RubricCode.ruleOnJudged,
                        th: "ประเด็นที่กรรมการให้คะแนน (judged) ต้องไม่มีกฎคำนวณอัตโนมัติ",
                        en: "a judged criterion must not have an automatic rule",
                        at: path + ".rule", dimension: dim, criterion: crit)
                case (.auto, .none), (.hybrid, .none):
                    c.add(
                        RubricCode.missingRule,
                        th: "ประเด็นแบบ \(mode.rawValue) ต้องระบุกฎคำนวณอัตโนมัติ (rule)",
                        en: "a \(mode.rawValue) criterion needs an automatic rule",
                        at: path + ".mode", dimension: dim, criterion: crit)
                default:
                    break
                }
                if let rule = criterion.rule {
                    checkRule(rule, path: path + ".rule", dimension: dim, criterion: crit, &c)
                }
                if criterion.needsAnswer {
                    checkPrompt(criterion, path: path, dimension: dim, &c)
                }
            }
        }
    }

    /// A judged or hybrid criterion must ask the applicant something, limit the answer and describe the five bands.
    static func checkPrompt(_ criterion: Criterion, path: String, dimension: String, _ c: inout Collector) {
        let crit = criterion.id
        let asks = criterion.asks
        if asks == nil || asks?.th.isEmpty == true || asks?.en.isEmpty == true {
            c.add(
                RubricCode.missingPrompt, th: "ประเด็น \(crit) ต้องระบุคำถามถึงผู้สมัครทั้งภาษาไทยและภาษาอังกฤษ (asks)",
                en: "criterion \(crit) needs a prompt for the applicant in Thai and English (asks)", at: path,
                dimension: dimension, criterion: crit)
        }
        if let limit = criterion.answerLimit {
            if limit < 1 {
                c.add(
                    RubricCode.missingPrompt, th: "จำนวนอักขระสูงสุดของคำตอบประเด็น \(crit) ต้องมากกว่าศูนย์",
                    en: "the answer length limit of criterion \(crit) must be above zero", at: path + ".answerLimit",
                    dimension: dimension, criterion: crit)
            }
        } else {
            c.add(
                RubricCode.missingPrompt, th: "ประเด็น \(crit) ต้องระบุจำนวนอักขระสูงสุดของคำตอบ (answerLimit)",
                en: "criterion \(crit) needs an answer length limit (answerLimit)", at: path, dimension: dimension, criterion: crit)
        }
        let ranges = criterion.descriptors.map { "\($0.min)-\($0.max)" }
        let expected = Criterion.descriptorRanges.map { "\($0.min)-\($0.max)" }
        let blank = criterion.descriptors.contains { $0.text.th.isEmpty || $0.text.en.isEmpty }
        if ranges != expected || blank {
            let wanted = Criterion.descriptorRanges.map { "\($0.min)–\($0.max)" }.joined(separator: ", ")
            c.add(
                RubricCode.badDescriptors,
                th: "ประเด็น \(crit) ต้องอธิบายระดับคะแนนเป็นภาษาไทยและภาษาอังกฤษครบทุกช่วงตามลำดับ: \(wanted) (descriptors)",
                en: "criterion \(crit) must describe every band in Thai and English, in order: \(wanted) (descriptors)",
                at: path + (criterion.descriptors.isEmpty ? "" : ".descriptors"), dimension: dimension, criterion: crit)
        }
    }

    static func checkRule(_ rule: RuleSpec, path: String, dimension: String, criterion: String, _ c: inout Collector) {
        guard let name = RuleName(rawValue: rule.name) else {
            let known = RuleName.allCases.map(\.rawValue).joined(separator: ", ")
            c.add(
                RubricCode.unknownRule, th: "ไม่รู้จักกฎ '\(rule.name)' (ใช้ได้: \(known))",
                en: "unknown rule '\(rule.name)' (allowed: \(known))", at: path + ".name", dimension: dimension, criterion: criterion)
            return
        }
        func bad(_ th: String, _ en: String, _ key: String? = nil) {
            c.add(
                RubricCode.badRuleParams, th: "พารามิเตอร์ของกฎ \(rule.name) ไม่ถูกต้อง: \(th)",
                en: "bad parameters for rule \(rule.name): \(en)",
                at: key.map { "\(path).params.\($0)" } ?? path, dimension: dimension, criterion: criterion)
        }
        for key in rule.params.keys.sorted() where !name.allowedParams.contains(key) {
            bad("ไม่รู้จักพารามิเตอร์ '\(key)'", "unknown parameter '\(key)'", key)
        }
        switch name {
        case .spectrumDepth:
            var previous = -Double.infinity
            for level in ParticipationLevel.allCases {
                guard let value = rule.number(level.rawValue) else {
                    bad("ต้องระบุร้อยละของระดับ \(level.rawValue) เป็นตัวเลข", "a numeric percent for level \(level.rawValue) is required")
                    continue
                }
                if !(0...100).contains(value) {
                    bad("ร้อยละของระดับ \(level.rawValue) ต้องอยู่ระหว่าง 0–100", "the percent for \(level.rawValue) must be within 0–100", level.rawValue)
                }
                if value < previous {
                    bad(
                        "ร้อยละของระดับ \(level.rawValue) ต่ำกว่าระดับก่อนหน้า", "the percent for \(level.rawValue) is below the level before it",
                        level.rawValue)
                }
                previous = value
            }
        case .stageCoverage:
            if rule.params["minLevel"] != nil {
                if rule.text("minLevel").flatMap(ParticipationLevel.init(name:)) == nil {
                    bad("minLevel ต้องเป็นระดับของ IAP2", "minLevel must be an IAP2 level", "minLevel")
                }
            }
            if rule.params["stages"] != nil {
                let stages = rule.list("stages") ?? []
                if stages.isEmpty || stages.contains(where: { Stage(rawValue: $0) == nil }) || Set(stages).count != stages.count {
                    bad(
                        "stages ต้องเป็นรายการขั้นตอนการมีส่วนร่วมที่ไม่ซ้ำกันอย่างน้อยหนึ่งขั้นตอน",
                        "stages must be a non-empty list of distinct participation stages", "stages")
                }
            }
        case .stakeholderBreadth:
            if rule.params["full"] != nil {
                let kinds = Double(StakeholderKind.allCases.count)
                if let full = rule.number("full"), full >= 1, full <= kinds, full == full.rounded() {
                    break
                }
                bad("full ต้องเป็นจำนวนเต็ม 1–\(Int(kinds))", "full must be a whole number 1–\(Int(kinds))", "full")
            }
        case .letciLevel, .letciTrend, .letciComparison, .letciIntegration, .evidenceCoverage:
            break
        }
    }

    static func checkNarrative(_ rubric: Rubric, _ c: inout Collector) {
        for key in rubric.narrativeLimits.keys.sorted() {
            let path = "narrativeLimits.\(key)"
            guard Rubric.narrativeFields.contains(key) else {
                c.add(
                    RubricCode.unknownNarrativeField,
                    th: "ไม่รู้จักช่องข้อความ '\(key)' (ใช้ได้: \(Rubric.narrativeFields.joined(separator: ", ")))",
                    en: "unknown narrative field '\(key)' (allowed: \(Rubric.narrativeFields.joined(separator: ", ")))", at: path)
                continue
            }
            guard let limit = rubric.narrativeLimits[key] else { continue }
            if (limit.min ?? 0) < 0 || (limit.max ?? 0) < 0 {
                c.add(
                    RubricCode.badNarrativeLimit, th: "ขีดจำกัดจำนวนอักขระของ '\(key)' ต้องไม่ติดลบ",
                    en: "the character limits of '\(key)' must not be negative", at: path)
            }
            if let min = limit.min, let max = limit.max, min > max {
                c.add(
                    RubricCode.badNarrativeLimit, th: "จำนวนอักขระต่ำสุดของ '\(key)' (\(min)) มากกว่าสูงสุด (\(max))",
                    en: "the minimum length of '\(key)' (\(min)) is above its maximum (\(max))", at: path)
            }
        }
    }

    static func checkLevelsAndGates(_ rubric: Rubric, _ c: inout Collector) {
        let levels = rubric.levels
        let total = rubric.totalPoints
        var named: [(String, String, Double)] = [("outstanding", "ดีเด่น", levels.outstanding), ("good", "ดี", levels.good)]
        if let best = levels.bestOfBest { named.append(("bestOfBest", "ยอดเยี่ยม", best)) }
        for (key, thai, value) in named where !(value >= 0 && value <= total) {
            c.add(
                RubricCode.thresholdOutOfRange,
                th: "เกณฑ์ระดับ\(thai) \(fmt(value)) คะแนน อยู่นอกช่วง 0–\(fmt(total))",
                en: "the \(key) threshold \(fmt(value)) is outside 0–\(fmt(total))", at: "levels.\(key)")
        }
        if levels.good > levels.outstanding {
            c.add(
                RubricCode.levelsOrder, th: "เกณฑ์ระดับดี (\(fmt(levels.good))) สูงกว่าระดับดีเด่น (\(fmt(levels.outstanding)))",
                en: "the good threshold (\(fmt(levels.good))) is above outstanding (\(fmt(levels.outstanding)))", at: "levels.good")
        }
        if let best = levels.bestOfBest, best < levels.outstanding {
            c.add(
                RubricCode.levelsOrder, th: "เกณฑ์ระดับยอดเยี่ยม (\(fmt(best))) ต่ำกว่าระดับดีเด่น (\(fmt(levels.outstanding)))",
                en: "the bestOfBest threshold (\(fmt(best))) is below outstanding (\(fmt(levels.outstanding)))", at: "levels.bestOfBest")
        }
        let dimensionIDs = Set(rubric.dimensions.map(\.id))
        let criterionIDs = Set(rubric.allCriteria.map(\.criterion.id))
        for (i, gate) in rubric.gates.enumerated() {
            let path = "gates.\(i)"
            if !(0...100).contains(gate.minPercent) {
                c.add(
                    RubricCode.rubricPercentOutOfRange, th: "ร้อยละขั้นต่ำของเงื่อนไขผ่าน (\(fmt(gate.minPercent))) อยู่นอกช่วง 0–100",
                    en: "the gate's minimum percent (\(fmt(gate.minPercent))) is outside 0–100", at: path + ".minPercent",
                    dimension: gate.dimension, criterion: gate.criterion)
            }
            switch (gate.dimension, gate.criterion) {
            case (let d?, nil) where dimensionIDs.contains(d), (nil, let d?) where criterionIDs.contains(d):
                break
            case (nil, nil), (.some, .some):
                c.add(
                    RubricCode.unknownGateTarget, th: "เงื่อนไขผ่านต้องระบุมิติหรือประเด็นอย่างใดอย่างหนึ่ง",
                    en: "a gate must name exactly one of dimension and criterion", at: path)
            case (let d?, nil):
                c.add(
                    RubricCode.unknownGateTarget, th: "เงื่อนไขผ่านอ้างถึงมิติ '\(d)' ที่ไม่มีอยู่",
                    en: "a gate names dimension '\(d)', which does not exist", at: path, dimension: d)
            case (nil, let d?):
                c.add(
                    RubricCode.unknownGateTarget, th: "เงื่อนไขผ่านอ้างถึงประเด็น '\(d)' ที่ไม่มีอยู่",
                    en: "a gate names criterion '\(d)', which does not exist", at: path, criterion: d)
            }
        }
    }

    static func checkPanel(_ rubric: Rubric, _ c: inout Collector) {
        let panel = rubric.panel
        if panel.minJudges < 1 {
            c.add(
                RubricCode.minJudges, th: "จำนวนกรรมการขั้นต่ำต้องอย่างน้อย 1 คน (ระบุไว้ \(panel.minJudges))",
                en: "minJudges must be at least 1 (it is \(panel.minJudges))", at: "panel.minJudges")
        }
        // After an unknown aggregation (already reported) whether trim applies cannot be told.
        let aggregationKnown = !c.standIns.contains("panel.aggregation")
        if aggregationKnown, panel.aggregation == .trimmedMean {
            if let trim = panel.trim {
                if !(trim >= 0 && trim < 0.5) {
                    c.add(
                        RubricCode.badPanel, th: "สัดส่วนที่ตัดออก (trim) ต้องอยู่ระหว่าง 0 ถึงน้อยกว่า 0.5",
                        en: "trim must be at least 0 and below 0.5", at: "panel.trim")
                }
            } else {
                c.add(
                    RubricCode.badPanel, th: "การรวมแบบ trimmed-mean ต้องระบุสัดส่วนที่ตัดออก (trim)",
                    en: "trimmed-mean needs a trim fraction", at: "panel.aggregation")
            }
        } else if aggregationKnown, panel.trim != nil {
            c.add(
                RubricCode.badPanel, th: "ระบุ trim ได้เฉพาะการรวมแบบ trimmed-mean",
                en: "trim applies only to trimmed-mean", at: "panel.trim")
        }
        if !(0...100).contains(panel.disagreementThreshold) {
            c.add(
                RubricCode.rubricPercentOutOfRange,
                th: "เกณฑ์ความเห็นต่างของกรรมการ (\(fmt(panel.disagreementThreshold)) จุดร้อยละ) อยู่นอกช่วง 0–100",
                en: "disagreementThreshold (\(fmt(panel.disagreementThreshold)) points) is outside 0–100",
                at: "panel.disagreementThreshold")
        }
    }

    static func checkTieBreak(_ rubric: Rubric, _ c: inout Collector) {
        let dimensionIDs = Set(rubric.dimensions.map(\.id))
        let criterionIDs = Set(rubric.allCriteria.map(\.criterion.id))
        var seen: Set<TieBreakKey> = []
        for (i, key) in rubric.tieBreak.enumerated() {
            let path = "tieBreak.\(i)"
            if !seen.insert(key).inserted {
                c.add(
                    RubricCode.badTieBreak, th: "ลำดับการตัดสินคะแนนเท่ากันมี '\(key.text)' ซ้ำ",
                    en: "tie-break key '\(key.text)' appears twice", at: path)
            }
            switch key {
            case .dimension(let id) where !dimensionIDs.contains(id):
                c.add(
                    RubricCode.badTieBreak, th: "เกณฑ์ตัดสินคะแนนเท่ากันอ้างถึงมิติ '\(id)' ที่ไม่มีอยู่",
                    en: "tie-break key names dimension '\(id)', which does not exist", at: path, dimension: id)
            case .criterion(let id) where !criterionIDs.contains(id):
                c.add(
                    RubricCode.badTieBreak, th: "เกณฑ์ตัดสินคะแนนเท่ากันอ้างถึงประเด็น '\(id)' ที่ไม่มีอยู่",
                    en: "tie-break key names criterion '\(id)', which does not exist", at: path, criterion: id)
            case .lottery where i != rubric.tieBreak.count - 1:
                c.add(
                    RubricCode.badTieBreak, th: "การจับสลาก (lottery) ต้องเป็นเกณฑ์สุดท้าย",
                    en: "lottery must be the last tie-break key", at: path)
            default:
                break
            }
        }
    }

    static func checkAssumed(_ rubric: Rubric, _ c: inout Collector) {
        let dimensionIDs = Set(rubric.dimensions.map(\.id))
        let criterionIDs = Set(rubric.allCriteria.map(\.criterion.id))
        for (i, key) in rubric.assumed.enumerated() {
            if Rubric.assumablePaths.contains(key) { continue }
            if key.hasPrefix("dimension:"), dimensionIDs.contains(String(key.dropFirst(10))) { continue }
            if key.hasPrefix("criterion:"), criterionIDs.contains(String(key.dropFirst(10))) { continue }
            c.add(
                RubricCode.unknownAssumed, th: "รายการ assumed อ้างถึง '\(key)' ซึ่งไม่มีในเกณฑ์",
                en: "assumed names '\(key)', which is not a value of the rubric", at: "assumed.\(i)")
        }
    }
}
