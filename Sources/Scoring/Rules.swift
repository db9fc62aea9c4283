import Model
import Rubric

/// The result of one automatic rule: a raw percent (0–100, before snapping) and the trail behind it.
struct RuleOutcome {
    var percent: Double
    var trail: [LocalizedText]
}

extension RuleOutcome {
    /// The outcome `percent`, its trail ending in the line (`th`, `en`) that says how the percent follows.
    init(_ percent: Double, _ trail: [LocalizedText], th: String, en: String) {
        self.init(percent: percent, trail: trail + [LocalizedText(th: th, en: en)])
    }
}

/// The automatic rules. Each reads only the application and its own parameters, and says what it used.
enum Rules {
    static func evaluate(_ name: RuleName, spec: RuleSpec, application: Application) -> RuleOutcome {
        switch name {
        case .spectrumDepth: return spectrumDepth(spec, application)
        case .stageCoverage: return stageCoverage(spec, application)
        case .stakeholderBreadth: return stakeholderBreadth(spec, application)
        case .letciLevel: return letciLevel(application)
        case .letciTrend: return letciTrend(application)
        case .letciComparison: return letciComparison(application)
        case .letciIntegration: return letciIntegration(application)
        case .evidenceCoverage: return evidenceCoverage(application)
        }
    }

    /// Evidence refs that name an evidence item of the application, in the order given.
    static func resolvedEvidence(_ refs: [String]?, _ application: Application) -> [String] {
        let known = Set(application.evidence.map(\.id))
        return (refs ?? []).filter { known.contains($0) }
    }

    static func levelName(_ level: ParticipationLevel) -> LocalizedText {
        LocalizedText(th: level.thaiName, en: level.rawValue)
    }

    static func stageName(_ stage: Stage) -> LocalizedText { stage.label }

    // MARK: Spectrum

    /// The highest IAP2 level reached by an activity that states its influence and cites resolvable evidence;
    /// the percent is the parameter of that level (0 when no activity qualifies).
    static func spectrumDepth(_ spec: RuleSpec, _ app: Application) -> RuleOutcome {
        var trail: [LocalizedText] = []
        var best: (ParticipationLevel, String)?
        for activity in app.activities {
            let hasInfluence = !(activity.influence ?? "").trimmingWhitespace.isEmpty
            let evidence = resolvedEvidence(activity.evidenceRefs, app)
            let level = levelName(activity.level)
            if hasInfluence, !evidence.isEmpty {
                trail.append(
                    LocalizedText(
                        th:
                            "กิจกรรม \(activity.id) (\(level.th)) นำมานับได้ เพราะระบุว่าความคิดเห็นของประชาชนมีผลต่อการตัดสินใจอย่างไร และมีหลักฐาน \(evidence.joined(separator: ", "))",
                        en: "activity \(activity.id) at \(level.en) counts (influence stated, evidence \(evidence.joined(separator: ", ")))"
                    ))
                if best.map({ activity.level > $0.0 }) ?? true { best = (activity.level, activity.id) }
            } else {
                let th = hasInfluence ? "ไม่มีหลักฐานที่อ้างถึงอยู่ในใบสมัคร" : "ไม่ได้ระบุว่าความคิดเห็นของประชาชนมีผลต่อการตัดสินใจอย่างไร"
                let en = hasInfluence ? "no evidence ref that resolves" : "no influence statement"
                trail.append(
                    LocalizedText(
                        th: "กิจกรรม \(activity.id) (\(level.th)) ไม่นำมานับ เพราะ\(th)",
                        en: "activity \(activity.id) at \(level.en) does not count (\(en))"
                    ))
            }
        }
        guard let (level, id) = best else {
            return RuleOutcome(0, trail, th: "ไม่มีกิจกรรมที่นำมานับได้ จึงได้ร้อยละ 0", en: "no activity counts, so 0%")
        }
        let percent = spec.number(level.rawValue) ?? 0
        return RuleOutcome(
            percent, trail,
            th: "ระดับสูงสุดที่นำมานับได้คือ\(levelName(level).th) (กิจกรรม \(id)) ซึ่งเกณฑ์กำหนดไว้ร้อยละ \(fmt(percent))",
            en: "the highest level that counts is \(level.rawValue) (activity \(id)), which the rubric sets at \(fmt(percent))%")
    }

    /// The share of the listed stages that have an activity at `minLevel` or above.
    static func stageCoverage(_ spec: RuleSpec, _ app: Application) -> RuleOutcome {
        let minLevel = spec.text("minLevel").flatMap(ParticipationLevel.init(name:)) ?? .consult
        let stages = (spec.list("stages") ?? []).compactMap(Stage.init(rawValue:))
        let wanted = stages.isEmpty ? [.planning, .decision, .implementation, .evaluation] : stages
        var trail: [LocalizedText] = [
            LocalizedText(
                th: "นับขั้นตอนที่มีกิจกรรมใน\(levelName(minLevel).th)ขึ้นไป",
                en: "counting stages with an activity at \(minLevel.rawValue) or above"
            )
        ]
        var covered = 0
        for stage in wanted {
            let name = stageName(stage)
            let hits = app.activities.filter { $0.stage == stage && $0.level >= minLevel }
            if hits.isEmpty {
                trail.append(LocalizedText(th: "ขั้นตอน\(name.th): ไม่มีกิจกรรมที่ถึงระดับที่กำหนด", en: "stage \(name.en): no activity at that level"))
            } else {
                covered += 1
                let listTH = hits.map { "\($0.id) (\($0.level.thaiName))" }.joined(separator: ", ")
                let listEN = hits.map { "\($0.id) (\($0.level.rawValue))" }.joined(separator: ", ")
                trail.append(LocalizedText(th: "ขั้นตอน\(name.th): มีกิจกรรม \(listTH)", en: "stage \(name.en): covered by \(listEN)"))
            }
        }
        let percent = Double(covered) / Double(wanted.count) * 100
        return RuleOutcome(
            percent, trail,
            th: "ครอบคลุม \(covered) จาก \(wanted.count) ขั้นตอน = ร้อยละ \(fmt(percent))",
            en: "\(covered) of \(wanted.count) stages covered = \(fmt(percent))%")
    }

    /// Distinct kinds of stakeholders referenced by at least one activity, against `full` kinds for 100%.
    static func stakeholderBreadth(_ spec: RuleSpec, _ app: Application) -> RuleOutcome {
        let requested = spec.number("full").flatMap { $0.isFinite ? $0 : nil } ?? 4
        let full = Int(min(max(requested, 1), Double(StakeholderKind.allCases.count)).rounded(.down))
        let referenced = Set(app.activities.flatMap(\.stakeholderRefs))
        var kinds: [StakeholderKind: [String]] = [:]
        var trail: [LocalizedText] = []
        for stakeholder in app.stakeholders {
            if referenced.contains(stakeholder.id) {
                kinds[stakeholder.kind, default: []].append(stakeholder.id)
            } else {
                trail.append(
                    LocalizedText(
                        th: "ผู้มีส่วนได้ส่วนเสีย \(stakeholder.id) ไม่นับ เพราะไม่มีกิจกรรมใดอ้างถึง",
                        en: "stakeholder \(stakeholder.id) does not count: no activity refers to it"
                    ))
            }
        }
        for kind in StakeholderKind.allCases {
            guard let ids = kinds[kind] else { continue }
            trail.append(
                LocalizedText(
                    th: "ประเภท\(kind.label.th): \(ids.joined(separator: ", "))",
                    en: "kind \(kind.rawValue): \(ids.joined(separator: ", "))"
                ))
        }
        let count = kinds.count
        let percent = Double(min(count, full)) / Double(full) * 100
        return RuleOutcome(
            percent, trail,
            th: "ผู้มีส่วนได้ส่วนเสียที่ร่วมกิจกรรมจริง \(count) ประเภท จาก \(full) ประเภทที่เกณฑ์กำหนดเพื่อให้ได้คะแนนเต็ม = ร้อยละ \(fmt(percent))",
            en: "\(count) kinds actually engaged, of \(full) for the full score = \(fmt(percent))%")
    }

    // MARK: LeTCI

    /// +1 when higher is better, −1 when lower is better.
    static func sign(_ direction: Direction) -> Double { direction == .increase ? 1 : -1 }

    /// The measurement of the latest year, if any.
    static func latest(_ indicator: Indicator) -> YearValue? {
        indicator.measurements.max { $0.year < $1.year }
    }

    /// The LeTCI rules' one form: each indicator's share (0–1) with the trail line that says how it was found,
    /// then the mean over all indicators as the percent (`what` names the share); 0% without indicators.
    static func meanShare(
        _ app: Application, what: LocalizedText, _ share: (Indicator) -> (share: Double, line: LocalizedText)
    ) -> RuleOutcome {
        var trail: [LocalizedText] = []
        var shares: [Double] = []
        for indicator in app.indicators {
            let (value, line) = share(indicator)
            shares.append(value)
            trail.append(line)
        }
        guard !shares.isEmpty else { return RuleOutcome(0, trail, th: "ไม่มีตัวชี้วัด จึงได้ร้อยละ 0", en: "no indicators, so 0%") }
        let percent = shares.reduce(0, +) / Double(shares.count) * 100
        return RuleOutcome(
            percent, trail,
            th: "ค่าเฉลี่ย\(what.th)ของตัวชี้วัด \(shares.count) ตัว = ร้อยละ \(fmt(percent))",
            en: "mean \(what.en) over \(shares.count) indicators = \(fmt(percent))%")
    }

    /// The trail line of an indicator with no measurement, which counts 0.
    static func noMeasurement(_ ind: Indicator) -> (share: Double, line: LocalizedText) {
        (0, LocalizedText(th: "ตัวชี้วัด \(ind.id): ยังไม่มีผลการวัด นับเป็น 0", en: "indicator \(ind.id): no measurement yet, counts 0"))
    }

    /// Per indicator, the share of the gap from baseline to target closed by the latest measurement
    /// (honouring direction, clamped to 0–1); the percent is the mean over all indicators.
    static func letciLevel(_ app: Application) -> RuleOutcome {
        meanShare(app, what: LocalizedText(th: "ระดับการบรรลุค่าเป้าหมาย", en: "share of the gap closed")) { ind in
            guard let target = ind.target else {
                return (0, LocalizedText(th: "ตัวชี้วัด \(ind.id): ไม่มีค่าเป้าหมาย นับเป็น 0", en: "indicator \(ind.id): no target, counts 0"))
            }
            guard let last = latest(ind) else { return noMeasurement(ind) }
            let s = sign(ind.direction)
            let gap = (target - ind.baseline.value) * s
            let share: Double
            if gap > 0 {
                share = min(1, max(0, (last.value - ind.baseline.value) * s / gap))
            } else {
                share = last.value * s >= target * s ? 1 : 0
            }
            return (
                share,
                LocalizedText(
                    th:
                        "ตัวชี้วัด \(ind.id) (\(ind.direction == .increase ? "ยิ่งมากยิ่งดี" : "ยิ่งน้อยยิ่งดี")): ค่าฐาน \(fmt(ind.baseline.value)) (\(ind.baseline.year)) เป้าหมาย \(fmt(target)) ล่าสุด \(fmt(last.value)) (\(last.year)) บรรลุผลร้อยละ \(fmt(share * 100)) ของระยะจากค่าฐานถึงค่าเป้าหมาย",
                    en:
                        "indicator \(ind.id) (\(ind.direction.rawValue)): baseline \(fmt(ind.baseline.value)) (\(ind.baseline.year)), target \(fmt(target)), latest \(fmt(last.value)) (\(last.year)), gap closed \(fmt(share * 100))%"
                )
            )
        }
    }

    /// Per indicator, the share of steps (baseline, then each measurement by year) that improve in its direction.
    static func letciTrend(_ app: Application) -> RuleOutcome {
        meanShare(app, what: LocalizedText(th: "สัดส่วนช่วงที่ผลดีขึ้น", en: "share of improving steps")) { ind in
            let series = [ind.baseline] + ind.measurements.sorted { $0.year < $1.year }
            let steps = zip(series, series.dropFirst()).map { $0 }
            guard !steps.isEmpty else { return noMeasurement(ind) }
            let s = sign(ind.direction)
            let improving = steps.filter { ($0.1.value - $0.0.value) * s > 0 }.count
            let values = series.map { "\($0.year): \(fmt($0.value))" }.joined(separator: ", ")
            return (
                Double(improving) / Double(steps.count),
                LocalizedText(
                    th:
                        "ตัวชี้วัด \(ind.id) (\(ind.direction == .increase ? "ยิ่งมากยิ่งดี" : "ยิ่งน้อยยิ่งดี")) \(values): ผลดีขึ้น \(improving) ช่วงจากทั้งหมด \(steps.count) ช่วง",
                    en: "indicator \(ind.id) (\(ind.direction.rawValue)) \(values): \(improving) of \(steps.count) steps improve"
                )
            )
        }
    }

    /// Per indicator, the share of its comparators that the latest measurement beats in its direction.
    static func letciComparison(_ app: Application) -> RuleOutcome {
        meanShare(app, what: LocalizedText(th: "สัดส่วนข้อมูลเปรียบเทียบที่ผลงานดีกว่า", en: "share of comparators beaten")) { ind in
            let comparators = ind.comparisons ?? []
            guard let last = latest(ind), !comparators.isEmpty else {
                return (
                    0,
                    LocalizedText(
                        th: "ตัวชี้วัด \(ind.id): ไม่มีข้อมูลเปรียบเทียบหรือผลการวัด นับเป็น 0",
                        en: "indicator \(ind.id): no comparators or no measurement, counts 0")
                )
            }
            let s = sign(ind.direction)
            let beaten = comparators.filter { (last.value - $0.value) * s > 0 }
            let list = comparators.map { "\($0.label) \(fmt($0.value))" }.joined(separator: ", ")
            return (
                Double(beaten.count) / Double(comparators.count),
                LocalizedText(
                    th: "ตัวชี้วัด \(ind.id): ผลล่าสุด \(fmt(last.value)) ดีกว่าข้อมูลเปรียบเทียบ \(beaten.count) จาก \(comparators.count) รายการ (\(list))",
                    en: "indicator \(ind.id): latest \(fmt(last.value)) beats \(beaten.count) of \(comparators.count) comparators (\(list))"
                )
            )
        }
    }

    /// The share of indicators whose `objectiveRef` names an objective of the work.
    static func letciIntegration(_ app: Application) -> RuleOutcome {
        let objectives = Set(app.work.objectives.map(\.id))
        return meanShare(app, what: LocalizedText(th: "สัดส่วนตัวชี้วัดที่เชื่อมโยงกับวัตถุประสงค์", en: "share of linked indicators")) { ind in
            guard let ref = ind.objectiveRef, objectives.contains(ref) else {
                return (0, LocalizedText(th: "ตัวชี้วัด \(ind.id) ไม่ได้เชื่อมกับวัตถุประสงค์ใด", en: "indicator \(ind.id) is not linked to any objective"))
            }
            return (1, LocalizedText(th: "ตัวชี้วัด \(ind.id) เชื่อมกับวัตถุประสงค์ \(ref)", en: "indicator \(ind.id) is linked to objective \(ref)"))
        }
    }

    // MARK: Evidence

    /// The share of activities and indicators with at least one evidence ref that names an evidence item.
    static func evidenceCoverage(_ app: Application) -> RuleOutcome {
        var trail: [LocalizedText] = []
        var backed = 0
        let items: [(kind: LocalizedText, id: String, refs: [String]?)] =
            app.activities.map { (LocalizedText(th: "กิจกรรม", en: "activity"), $0.id, $0.evidenceRefs) }
            + app.indicators.map { (LocalizedText(th: "ตัวชี้วัด", en: "indicator"), $0.id, $0.evidenceRefs) }
        for item in items {
            let found = resolvedEvidence(item.refs, app)
            if found.isEmpty {
                trail.append(LocalizedText(th: "\(item.kind.th) \(item.id): ไม่มีหลักฐาน", en: "\(item.kind.en) \(item.id): no evidence"))
            } else {
                backed += 1
                trail.append(
                    LocalizedText(
                        th: "\(item.kind.th) \(item.id): หลักฐาน \(found.joined(separator: ", "))",
                        en: "\(item.kind.en) \(item.id): evidence \(found.joined(separator: ", "))"
                    ))
            }
        }
        let percent = items.isEmpty ? 0 : Double(backed) / Double(items.count) * 100
        return RuleOutcome(
            percent, trail,
            th: "มีหลักฐาน \(backed) จาก \(items.count) รายการ = ร้อยละ \(fmt(percent))",
            en: "\(backed) of \(items.count) items backed by evidence = \(fmt(percent))%")
    }
}
