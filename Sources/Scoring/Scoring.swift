import Foundation
import Model
import Rubric

/// Computes the automatic criteria of a rubric from an application alone, with a trail a judge can check.
/// Judged criteria are left pending; hybrid criteria get the computed suggestion judges start from.
package enum Scorer {
    /// The score sheet of one application under one rubric. `bands` names the band of each percent
    /// (the PMQA ranges unless a band file is given). Never fails: unknown modes count as judged and
    /// unknown rules leave the criterion pending with a trail saying why. With `explain` false the trails are left
    /// empty: the figures are the same, and a whole round scored only to be ranked does not carry their text.
    package static func score(
        _ application: Application, rubric: Rubric, bands: BandSet = .pmqaRanges, explain: Bool = true
    ) -> ScoreSheet {
        sheet(application.id, rubric: rubric, bands: bands, explain: explain) { name, spec, _ in
            Rules.evaluate(name, spec: spec, application: application)
        }
    }

    /// The score sheet of an application from its criteria's rule outcomes (`evaluate`, given each automatic or
    /// hybrid criterion with a known rule): what `score` gives, whether the outcomes are computed now or read back.
    static func sheet(
        _ application: String, rubric: Rubric, bands: BandSet, explain: Bool,
        evaluate: (RuleName, RuleSpec, Criterion) -> RuleOutcome
    ) -> ScoreSheet {
        var criteria: [CriterionScore] = []
        for (dimension, criterion) in rubric.allCriteria {
            var entry = CriterionScore(
                id: criterion.id, dimension: dimension, mode: criterion.mode.rawValue, lens: criterion.lens.rawValue,
                pmqaCategory: criterion.pmqaCategory, maxPoints: criterion.points, percent: nil, band: nil, points: nil, trail: []
            )
            let mode = criterion.mode
            if mode == .judged {
                if explain { entry.trail = [LocalizedText(th: "รอคะแนนจากกรรมการ", en: "awaiting the judges' score")] }
                criteria.append(entry)
                continue
            }
            guard let spec = criterion.rule, let name = RuleName(rawValue: spec.name) else {
                let named = criterion.rule?.name ?? "-"
                if explain {
                    entry.trail = [
                        LocalizedText(
                            th: "ไม่มีกฎคำนวณที่รู้จัก (\(named)) จึงรอคะแนนจากกรรมการ",
                            en: "no known rule (\(named)), so the criterion waits for the judges"
                        )
                    ]
                }
                criteria.append(entry)
                continue
            }
            let outcome = evaluate(name, spec, criterion)
            let percent = snap(outcome.percent)
            let points = round2(criterion.points * Double(percent) / 100)
            let band = bands.label(for: percent) ?? "\(percent)"
            entry.percent = percent
            entry.band = band
            entry.points = points
            guard explain else {
                criteria.append(entry)
                continue
            }
            let role =
                mode == .hybrid
                ? LocalizedText(th: " (คะแนนตั้งต้นให้กรรมการพิจารณา)", en: " (a suggestion for the judges)")
                : LocalizedText(th: "", en: "")
            entry.trail =
                outcome.trail + [
                    LocalizedText(
                        th:
                            "ผลคำนวณร้อยละ \(fmt(outcome.percent)) ปัดลงเป็นขั้นละ 5 ได้ร้อยละ \(percent) (ช่วง \(band)) × \(fmt(criterion.points)) คะแนน = \(fmt(points)) คะแนน\(role.th)",
                        en:
                            "computed \(fmt(outcome.percent))%, rounded down to a 5-point step: \(percent)% (band \(band)) × \(fmt(criterion.points)) points = \(fmt(points)) points\(role.en)"
                    )
                ]
            criteria.append(entry)
        }
        let automatic = round2(criteria.compactMap(\.points).reduce(0, +))
        let pending = round2(criteria.filter { $0.points == nil }.map(\.maxPoints).reduce(0, +))
        return ScoreSheet(
            application: application, rubric: rubric.key, maxPoints: rubric.totalPoints,
            automaticPoints: automatic, pendingPoints: pending, criteria: criteria
        )
    }

    /// A percent (0–100) snapped down to the PMQA 5-point steps.
    package static func snap(_ percent: Double) -> Int {
        guard percent.isFinite else { return 0 }
        let clamped = min(100, max(0, percent))
        return Int((clamped / 5 + 1e-9).rounded(.down)) * 5
    }

    /// Rounds to 2 decimals so that output carries no floating-point noise.
    package static func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

/// Formats a number with at most 2 decimals and no trailing zeros: `7.5`, `10`, `66.67`.
func fmt(_ value: Double) -> String {
    let rounded = Scorer.round2(value)
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
    var text = String(format: "%.2f", rounded)
    while text.hasSuffix("0") { text.removeLast() }
    return text
}

/// One criterion on a score sheet, with its trail in both languages.
package typealias CriterionScore = CriterionLine<LocalizedText>

/// One criterion on a score sheet; `Text` is the trail's line type (both languages, or one). `percent`, `band` and
/// `points` are nil until judges score a judged criterion, and are written as JSON null then.
@MemberwiseInit
package struct CriterionLine<Text: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    package var id: String
    package var dimension: String
    /// `judged`, `auto` or `hybrid`, as in the rubric.
    package var mode: String
    package var lens: String
    package var pmqaCategory: Int
    package var maxPoints: Double
    /// 0–100 in 5-point steps.
    package var percent: Int?
    /// The PMQA band, e.g. `50–65`.
    package var band: String?
    /// `maxPoints × percent / 100`, rounded to 2 decimals.
    package var points: Double?
    /// What the rule used and how, one line each.
    package var trail: [Text]

    enum CodingKeys: String, CodingKey {
        case id, dimension, mode, lens, pmqaCategory, maxPoints, percent, band, points, trail
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeListingNulls([
            .id: id, .dimension: dimension, .mode: mode, .lens: lens, .pmqaCategory: pmqaCategory, .maxPoints: maxPoints, .percent: percent,
            .band: band, .points: points, .trail: trail,
        ])
    }
}

/// The automatic scores of one application: every criterion, what is already computed and what waits for judges.
/// Encodes with the bilingual trail (`{th, en}` per line); `report(language:)` gives the one-language form.
@MemberwiseInit
package struct ScoreSheet: Codable, Sendable, Equatable {
    /// The application's id.
    package var application: String
    /// `<year>/<type>`, e.g. `2568/effective-change`.
    package var rubric: String
    /// The rubric's full score.
    package var maxPoints: Double
    /// Points of auto and hybrid criteria (hybrid ones as a preview of the suggestion).
    package var automaticPoints: Double
    /// Maximum points of the criteria still waiting for judges.
    package var pendingPoints: Double
    package var criteria: [CriterionScore]

    /// The sheet with its trail in one language: the form written to JSON for applicants and judges.
    package func report(language: Language) -> ScoreReport {
        ScoreReport(
            application: application, rubric: rubric, maxPoints: maxPoints, automaticPoints: automaticPoints,
            pendingPoints: pendingPoints,
            criteria: criteria.map { c in
                ScoreReport.Row(
                    id: c.id, dimension: c.dimension, mode: c.mode, lens: c.lens, pmqaCategory: c.pmqaCategory,
                    maxPoints: c.maxPoints, percent: c.percent, band: c.band, points: c.points,
                    trail: c.trail.map { $0.text(language) }
                )
            }
        )
    }

    /// The sheet as a readable table in one language: criterion, mode, percent, band, points/max, then the trail.
    /// With the `rubric` it was scored against, each criterion is also named by its title, a judged or hybrid one
    /// shows what it asks the applicant, and the sheet ends with the automatic points apart from the hybrid points
    /// the judges may still change, then the rubric's gates and level cut-offs.
    package func text(language: Language, rubric definition: Rubric? = nil) -> String {
        let th = language == .th
        let headers =
            th
            ? ["ประเด็น", "วิธีให้คะแนน", "ร้อยละ", "ช่วง", "คะแนน/เต็ม"]
            : ["criterion", "mode", "percent", "band", "points/max"]
        let rows: [[String]] = criteria.map { c in
            [
                c.id, th ? (ScoringMode(rawValue: c.mode)?.label.th ?? c.mode) : c.mode, c.percent.map { "\($0)%" } ?? "—", c.band ?? "—",
                "\(c.points.map(fmt) ?? "—")/\(fmt(c.maxPoints))",
            ]
        }
        let table = TextTable(headers: headers, rows: rows)
        var out: [String] = []
        out.append(
            th
                ? "ใบคะแนนอัตโนมัติ: ใบสมัคร \(application) ตามเกณฑ์\(definition.map { "\($0.title.th) ปี \($0.year)" } ?? " \(rubric)")"
                : "Automatic score sheet: application \(application), rubric \(rubric)")
        out.append(contentsOf: table.head)
        for (c, row) in zip(criteria, rows) {
            out.append(table.line(row))
            if let criterion = definition?.criterion(c.id) {
                out.append("    " + criterion.title.text(language))
                if criterion.needsAnswer, let asks = criterion.asks {
                    out.append("    " + (th ? "คำถาม: " : "asks: ") + asks.text(language))
                }
            }
            for entry in c.trail { out.append("    " + entry.text(language)) }
        }
        guard let definition else {
            out.append(
                th
                    ? "คะแนนอัตโนมัติ \(fmt(automaticPoints)) คะแนน รอกรรมการ \(fmt(pendingPoints)) คะแนน จากคะแนนเต็ม \(fmt(maxPoints))"
                    : "automatic \(fmt(automaticPoints)) points, awaiting judges \(fmt(pendingPoints)) points, of \(fmt(maxPoints))")
            return out.joined(separator: "\n") + "\n"
        }
        let hybrid = Scorer.round2(criteria.filter { $0.mode == ScoringMode.hybrid.rawValue }.compactMap(\.points).reduce(0, +))
        let automatic = Scorer.round2(automaticPoints - hybrid)
        out.append("")
        out.append(
            th
                ? "คะแนนอัตโนมัติ (คงที่) \(fmt(automatic)) คะแนน; คะแนนที่คำนวณเสนอกรรมการ (กรรมการปรับได้) \(fmt(hybrid)) คะแนน; รอกรรมการให้คะแนน \(fmt(pendingPoints)) คะแนน; คะแนนเต็ม \(fmt(maxPoints))"
                : "automatic (final) \(fmt(automatic)) points; hybrid, suggested to the judges who may change them, \(fmt(hybrid)) points; awaiting the judges \(fmt(pendingPoints)) points; of \(fmt(maxPoints))"
        )
        for gate in definition.gates {
            let name = definition.name(of: gate)
            out.append(
                th
                    ? "เงื่อนไขผ่าน: \(name.th) ต้องได้อย่างน้อยร้อยละ \(fmt(gate.minPercent))"
                    : "gate: \(name.en) needs at least \(fmt(gate.minPercent))%")
        }
        let levels = definition.levels
        var cuts = [(LocalizedText(th: "ดีเด่น", en: "outstanding"), levels.outstanding), (LocalizedText(th: "ดี", en: "good"), levels.good)]
        if let best = levels.bestOfBest { cuts.insert((LocalizedText(th: "ยอดเยี่ยม", en: "best of the best"), best), at: 0) }
        out.append(
            (th ? "เกณฑ์ระดับรางวัล: " : "award levels: ")
                + cuts.map { th ? "\($0.0.th) ตั้งแต่ \(fmt($0.1)) คะแนน" : "\($0.0.en) from \(fmt($0.1)) points" }.joined(separator: ", "))
        return out.joined(separator: "\n") + "\n"
    }
}

/// A score sheet in one language, encoded with exactly the keys of the score-sheet format; nulls are written as null.
package struct ScoreReport: Codable, Sendable, Equatable {
    package var application: String
    package var rubric: String
    package var maxPoints: Double
    package var automaticPoints: Double
    package var pendingPoints: Double
    package var criteria: [Row]

    /// One criterion with its trail in one language.
    package typealias Row = CriterionLine<String>
}
