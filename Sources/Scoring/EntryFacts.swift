import Model
import Rubric

/// What screening, ranking and the exports need of an application itself, besides its scores: what ranking needs
/// (`subject`, whose properties read through: `facts.year`) and what eligibility is decided on. Computed once when
/// the entry is stored (the store keeps it as a projection), so that a round is screened, ranked and exported
/// without reading its applications again.
@dynamicMemberLookup
package struct ApplicationFacts: Codable, Sendable, Equatable {
    /// Who submitted what, when, and the tie-break facts.
    package var subject: RankingSubject
    /// When the work started (screening counts the months it has run).
    package var workStart: LocalDate
    /// Whether the application names a previous award (screening requires one for some sub-types).
    package var hasPreviousAward: Bool

    /// The facts of an application.
    package init(_ application: Application) {
        subject = RankingSubject(application)
        workStart = application.work.period.start
        hasPreviousAward = application.previousAward != nil
    }

    package subscript<Property>(dynamicMember keyPath: KeyPath<RankingSubject, Property>) -> Property {
        subject[keyPath: keyPath]
    }
}

/// What ranking needs of an application itself: who submitted what, when, and the tie-break facts.
@MemberwiseInit
package struct RankingSubject: Codable, Sendable, Equatable {
    package var application: String
    package var year: Int
    /// The sub-type key; entries are ranked within `year/type`.
    package var type: String
    package var agency: Agency
    package var workTitle: String
    /// When the application was submitted (for the `submitted-at` tie-break).
    package var submittedAt: Timestamp?
    /// See `TieBreakFacts.spectrumRank`.
    package var spectrumRank: Int
    /// See `TieBreakFacts.evidenceCoverage`.
    package var evidenceCoverage: Double
}

extension RankingSubject {
    /// The subject of an application.
    package init(_ application: Application) {
        self.application = application.id
        year = application.awardYear
        type = application.type
        agency = application.agency
        workTitle = application.work.title
        submittedAt = application.submittedAt
        spectrumRank = TieBreakFacts.spectrumRank(application)
        evidenceCoverage = TieBreakFacts.evidenceCoverage(application)
    }
}

/// The application facts the `spectrum` and `evidence-coverage` tie-break keys compare.
package enum TieBreakFacts {
    /// The rank (1–5) of the highest IAP2 level reached by an activity that states its influence and cites an
    /// evidence item that exists in the application; 0 when none does.
    package static func spectrumRank(_ application: Application) -> Int {
        let evidence = Set(application.evidence.map(\.id))
        return application.activities.filter { activity in
            !(activity.influence ?? "").trimmingWhitespace.isEmpty
                && (activity.evidenceRefs ?? []).contains { evidence.contains($0) }
        }.map(\.level.rank).max() ?? 0
    }

    /// The share (0–1) of activities and indicators with at least one evidence ref naming an existing item.
    package static func evidenceCoverage(_ application: Application) -> Double {
        let evidence = Set(application.evidence.map(\.id))
        let refs = application.activities.map { $0.evidenceRefs ?? [] } + application.indicators.map { $0.evidenceRefs ?? [] }
        guard !refs.isEmpty else { return 0 }
        let backed = refs.filter { $0.contains { evidence.contains($0) } }.count
        return Double(backed) / Double(refs.count)
    }
}

/// What the rule of one automatic or hybrid criterion gave for one application: the raw percent (before snapping)
/// and the rule's trail. Stored with the entry once its rubric is frozen; the score sheet follows from it and the
/// rubric alone (`Scorer.sheet(_:rubric:outcomes:bands:explain:)`).
package struct AutomaticOutcome: Codable, Sendable, Equatable {
    /// The criterion id.
    package var criterion: String
    /// The raw percent's bit pattern in hexadecimal: exactly the value the rule gave, whatever it is.
    var bits: String
    /// What the rule used and how, one line each.
    package var trail: [LocalizedText]

    init(criterion: String, _ outcome: RuleOutcome) {
        self.criterion = criterion
        bits = String(outcome.percent.bitPattern, radix: 16)
        trail = outcome.trail
    }

    init(criterion: String, bits: String, trail: [LocalizedText]) {
        self.criterion = criterion
        self.bits = bits
        self.trail = trail
    }

    /// The rule's outcome again.
    var outcome: RuleOutcome? {
        UInt64(bits, radix: 16).map { RuleOutcome(percent: Double(bitPattern: $0), trail: trail) }
    }
}

extension Scorer {
    /// The rule outcome of every automatic or hybrid criterion of `rubric` with a known rule, in rubric order.
    package static func outcomes(_ application: Application, rubric: Rubric) -> [AutomaticOutcome] {
        var outcomes: [AutomaticOutcome] = []
        _ = sheet(application.id, rubric: rubric, bands: .pmqaRanges, explain: false) { name, spec, criterion in
            let outcome = Rules.evaluate(name, spec: spec, application: application)
            outcomes.append(AutomaticOutcome(criterion: criterion.id, outcome))
            return outcome
        }
        return outcomes
    }

    /// The score sheet of application `application` under `rubric` from its stored rule outcomes: the same sheet
    /// `score` gives for the application. Nil when a criterion's outcome is missing (outcomes of another rubric).
    package static func sheet(
        _ application: String, rubric: Rubric, outcomes: [AutomaticOutcome], bands: BandSet = .pmqaRanges, explain: Bool = true
    ) -> ScoreSheet? {
        let byCriterion = Dictionary(outcomes.map { ($0.criterion, $0) }, uniquingKeysWith: { first, _ in first })
        var complete = true
        let sheet = sheet(application, rubric: rubric, bands: bands, explain: explain) { _, _, criterion in
            guard let outcome = byCriterion[criterion.id]?.outcome else {
                complete = false
                return RuleOutcome(percent: 0, trail: [])
            }
            return outcome
        }
        return complete ? sheet : nil
    }
}
