import Model
import Rubric

/// The award level an entry reaches.
package enum AwardLevel: String, Codable, Sendable, Equatable, CaseIterable {
    case bestOfBest = "best-of-best"
    case outstanding
    case good
    case none

    /// The level's name in Thai and English.
    package var name: LocalizedText {
        switch self {
        case .bestOfBest: return LocalizedText(th: "ยอดเยี่ยม", en: "Best of the best")
        case .outstanding: return LocalizedText(th: "ดีเด่น", en: "Outstanding")
        case .good: return LocalizedText(th: "ดี", en: "Good")
        case .none: return LocalizedText(th: "ไม่ได้รับรางวัล", en: "No award")
        }
    }

    /// Higher levels first: best of the best, outstanding, good, none.
    package var order: Int { AwardLevel.allCases.firstIndex(of: self) ?? 0 }
}

/// Whether an entry is ranked, waits for judges or scores, or failed a gate.
package enum RankStatus: String, Codable, Sendable, Equatable {
    case ranked
    case incomplete
    case gateFailed = "gate-failed"
}

/// The site-visit state of an entry whose score is in the outstanding range.
package enum SiteVisitState: String, Codable, Sendable, Equatable {
    /// No result recorded yet: the level is provisional.
    case pending
    case confirmed
    /// The visit did not confirm the entry: it cannot be outstanding (or best of the best) and falls to good.
    case notConfirmed = "not-confirmed"
}

/// A gate the entry did not pass.
package struct GateFailure: Codable, Sendable, Equatable {
    /// `dimension:<id>` or `criterion:<id>`.
    package var gate: String
    /// The percent the entry reached on it.
    package var percent: Double
    package var minPercent: Double
    /// The Thai title of the gate's dimension, by id, for the Thai message (not encoded: the rubric holds it).
    package var dimensionTitles: [String: String] = [:]

    enum CodingKeys: String, CodingKey { case gate, percent, minPercent }

    package init(gate: String, percent: Double, minPercent: Double) {
        (self.gate, self.percent, self.minPercent) = (gate, percent, minPercent)
    }

    /// The failure in Thai and English.
    package var message: LocalizedText {
        LocalizedText(
            th:
                "\(Ranker.thaiKeyName(gate, dimensionTitles: dimensionTitles)) ได้ร้อยละ \(Ranker.format(percent)) ต่ำกว่าเกณฑ์ขั้นต่ำร้อยละ \(Ranker.format(minPercent))",
            en: "\(gate) reached \(Ranker.format(percent))%, below the minimum of \(Ranker.format(minPercent))%")
    }
}

/// A criterion that keeps an entry from being ranked, and why.
package struct MissingItem: Codable, Sendable, Equatable {
    /// The criterion id, or empty when the whole entry lacks judges.
    package var criterion: String
    package var reason: LocalizedText
}

/// What a criterion of a rubric is, as every entry's outcome of it shows it: made once per rubric and shared by the
/// outcomes of every entry ranked under it (a round's outcomes would otherwise repeat it a million times).
package final class CriterionHeading: Sendable {
    package let criterion: String
    package let dimension: String
    package let title: LocalizedText
    package let mode: String
    package let lens: String
    package let maxPoints: Double

    package init(criterion: String, dimension: String, title: LocalizedText, mode: String, lens: String, maxPoints: Double) {
        (self.criterion, self.dimension, self.title, self.mode, self.lens, self.maxPoints) = (criterion, dimension, title, mode, lens, maxPoints)
    }

    /// Whether the two say the same.
    func same(as other: CriterionHeading) -> Bool {
        self === other
            || (criterion, dimension, mode, lens, maxPoints) == (other.criterion, other.dimension, other.mode, other.lens, other.maxPoints)
                && title == other.title
    }
}

/// One criterion of a ranked entry: the points it contributes and where the figure came from.
package struct CriterionOutcome: Codable, Sendable, Equatable {
    /// The criterion's id, dimension, title, mode, lens and maximum points, shared with the other entries' outcomes.
    package let heading: CriterionHeading
    package var input: CriterionInput
    /// `maxPoints × percent / 100`, rounded to 2 decimals; nil when missing.
    package var points: Double?

    package var criterion: String { heading.criterion }
    package var dimension: String { heading.dimension }
    package var title: LocalizedText { heading.title }
    package var mode: String { heading.mode }
    package var lens: String { heading.lens }
    package var maxPoints: Double { heading.maxPoints }

    package init(heading: CriterionHeading, input: CriterionInput, points: Double?) {
        (self.heading, self.input, self.points) = (heading, input, points)
    }

    /// An outcome with a heading of its own (tests build outcomes one by one).
    package init(
        criterion: String, dimension: String, title: LocalizedText, mode: String, lens: String, maxPoints: Double, input: CriterionInput,
        points: Double?
    ) {
        self.init(
            heading: CriterionHeading(criterion: criterion, dimension: dimension, title: title, mode: mode, lens: lens, maxPoints: maxPoints),
            input: input, points: points)
    }

    package static func == (a: CriterionOutcome, b: CriterionOutcome) -> Bool {
        a.heading.same(as: b.heading) && a.input == b.input && a.points == b.points
    }

    private enum CodingKeys: String, CodingKey {
        case criterion, dimension, title, mode, lens, maxPoints, input, points
    }

    /// The members as they were before the heading was shared: one object with every field.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(criterion, forKey: .criterion)
        try container.encode(dimension, forKey: .dimension)
        try container.encode(title, forKey: .title)
        try container.encode(mode, forKey: .mode)
        try container.encode(lens, forKey: .lens)
        try container.encode(maxPoints, forKey: .maxPoints)
        try container.encode(input, forKey: .input)
        try container.encodeIfPresent(points, forKey: .points)
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            criterion: try container.decode(String.self, forKey: .criterion), dimension: try container.decode(String.self, forKey: .dimension),
            title: try container.decode(LocalizedText.self, forKey: .title), mode: try container.decode(String.self, forKey: .mode),
            lens: try container.decode(String.self, forKey: .lens), maxPoints: try container.decode(Double.self, forKey: .maxPoints),
            input: try container.decode(CriterionInput.self, forKey: .input), points: try container.decodeIfPresent(Double.self, forKey: .points))
    }
}

/// How the tie-break cascade placed an entry that had the same score as others.
package struct TieBreakNote: Codable, Sendable, Equatable {
    /// How many other entries had the same score.
    package var tiedCount: Int
    /// The entries it was tied with on score, sorted: all of them, or the `Ranker.tieListLimit` placed nearest to it
    /// when more were tied.
    package var tiedWith: [String]
    /// The keys on which it stayed equal with the entries still tied, in cascade order.
    package var equalOn: [String]
    /// The key that separated it (`lottery` for the draw).
    package var decidedBy: String
    /// This entry's value on the deciding key, as printed.
    package var value: String
    /// How many other entries were still tied at the deciding step.
    package var othersCount: Int
    /// Their values on the deciding key, as printed: all of them, or the `Ranker.tieListLimit` nearest to this
    /// entry's value when there were more.
    package var others: [String]
    /// The lottery seed, when the draw decided.
    package var seed: UInt64?
    /// The Thai titles of the dimensions among the keys, by id, for the Thai reason (not encoded: the rubric holds
    /// them).
    package var dimensionTitles: [String: String] = [:]

    enum CodingKeys: String, CodingKey { case tiedCount, tiedWith, equalOn, decidedBy, value, othersCount, others, seed }

    /// The reason in Thai and English, printed beside the rank.
    /// A note on a large tie names the count and the nearest entries only.
    package var reason: LocalizedText {
        let list = tiedWith.joined(separator: ", ")
        let tiedEn = tiedCount > tiedWith.count ? "\(tiedCount) other entries (nearest in the order: \(list))" : list
        let tiedTh = tiedCount > tiedWith.count ? "ผลงานอื่น \(tiedCount) รายการ (ที่ได้ลำดับใกล้ที่สุด: \(list))" : list
        let equalEn = equalOn.isEmpty ? "" : "; equal on \(equalOn.joined(separator: ", "))"
        let equalTh =
            equalOn.isEmpty ? "" : " และเท่ากันใน\(equalOn.map { Ranker.thaiKeyName($0, dimensionTitles: dimensionTitles) }.joined(separator: ", "))"
        let shown = others.joined(separator: ", ")
        let othersEn = othersCount > others.count ? "\(shown) (the \(others.count) nearest of \(othersCount))" : shown
        let othersTh = othersCount > others.count ? "\(shown) (\(others.count) รายการที่ใกล้ที่สุดจาก \(othersCount))" : shown
        if decidedBy == "lottery" {
            let seedText = seed.map(String.init) ?? "-"
            return LocalizedText(
                th: "คะแนนรวมเท่ากับ \(tiedTh)\(equalTh) ตัดสินด้วยการจับสลาก (seed \(seedText)): ได้หมายเลข \(value) ผลงานอื่น \(othersTh) (น้อยกว่าได้ลำดับก่อน)",
                en: "score tied with \(tiedEn)\(equalEn); decided by lottery (seed \(seedText)): draw \(value) against \(othersEn) (lower first)")
        }
        return LocalizedText(
            th:
                "คะแนนรวมเท่ากับ \(tiedTh)\(equalTh) ตัดสินด้วย\(Ranker.thaiKeyName(decidedBy, dimensionTitles: dimensionTitles)): ผลงานนี้ \(value) ผลงานอื่น \(othersTh)",
            en: "score tied with \(tiedEn)\(equalEn); decided by \(decidedBy): \(value) against \(othersEn)")
    }
}

/// The ranking outcome of one entry.
package struct RankedEntry: Sendable, Equatable {
    /// The entry as ranked, without its inputs (`criteria` is empty): each input is in its outcome, `criteria[i].input`.
    package var entry: RankingEntry
    /// Final score in points, rounded to 2 decimals; nil while incomplete.
    package var score: Double?
    /// The level reached by score alone, before gates and the site visit; nil while incomplete.
    package var scoreLevel: AwardLevel?
    /// The level awarded: after gates (none when a gate fails) and the site visit; nil while incomplete.
    package var level: AwardLevel?
    /// Rank within the entry's scope (1 = first); nil unless `status` is `ranked`.
    package var rank: Int?
    package var tieBreak: TieBreakNote?
    package var status: RankStatus
    package var gatesFailed: [GateFailure]
    /// Set for entries whose score is in the outstanding range.
    package var siteVisit: SiteVisitState?
    package var missing: [MissingItem]
    /// Every criterion of the rubric, in rubric order.
    package var criteria: [CriterionOutcome]

    package var application: String { entry.application }
    package var scope: String { entry.scope }
}

/// The ranking of a whole round: entries grouped by scope (sorted), each scope ranked first, then gate-failed
/// entries (by score, then id), then incomplete ones (by id).
package struct RankingResult: Sendable, Equatable {
    package var entries: [RankedEntry]
    /// The lottery seed used per scope (only scopes where a draw was needed).
    package var seedsUsed: [String: UInt64]

    /// The scopes present, sorted.
    package var scopes: [String] { Array(Set(entries.map(\.scope))).sorted() }

    /// The entry with this application id.
    package func entry(_ application: String) -> RankedEntry? { entries.first { $0.application == application } }
}
