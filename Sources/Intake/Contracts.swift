import Model

/// The source formats of an application.
package enum SourceFormat: String, Codable, Sendable, CaseIterable {
    case xml, json
}

/// What one format reader produces: the model when the structure allows it, the findings so far (already
/// located in the source) and the map from model pointers to source places for the findings that follow.
package struct ReadResult: Sendable {
    /// Nil when the file is not well-formed or breaks the schema.
    package var application: Application?
    /// The application as far as it could be read when the schema check failed (nil otherwise): the business
    /// rules run on it so that one run reports every finding, skipping the values the schema refused.
    package var partial: Application?
    package var diagnostics: [Diagnostic]
    private let locating: @Sendable () -> SourceMap

    /// The source places of the file. A reader's fast path for a clean file records none and finds them again
    /// only when this is asked for (a business rule has something to say), so each access may do that work.
    package var sourceMap: SourceMap { locating() }

    package init(application: Application?, diagnostics: [Diagnostic], sourceMap: SourceMap, partial: Application? = nil) {
        self.application = application
        self.partial = partial
        self.diagnostics = diagnostics
        self.locating = { sourceMap }
    }

    /// A result whose source places are computed on demand by `locating`.
    package init(application: Application?, diagnostics: [Diagnostic], locating: @escaping @Sendable () -> SourceMap) {
        self.application = application
        self.diagnostics = diagnostics
        self.locating = locating
    }
}

/// What the business rules need from the rubric of the application's year and sub-type.
@MemberwiseInit
package struct RuleContext: Sendable, Equatable {
    /// Limits keyed by narrative field: `work.title`, `work.summary`, `work.background`, `sustainability`,
    /// `lessons`, `objectives.text` (each objective), `activities.influence` (each activity).
    package var narrativeLimits: [String: NarrativeLimit] = [:]
    /// The sub-type keys defined for the award year (empty when the year has no rubric: an error); nil when no
    /// rubrics are consulted at all (the type is then not checked).
    package var knownTypes: Set<String>?
    /// Where the rubrics were looked up (a folder, or the rubrics built into psea), named by the finding of an
    /// award year that has none.
    package var rubricsLookedUp: LocalizedText?
    /// The criteria of the sub-type that the applicant answers (judged and hybrid), in rubric order; nil when the
    /// rubric of the year and sub-type is not known (the answers are then not checked against it).
    package var answered: [AnsweredCriterion]?

    /// The narrative field keys the rules understand.
    package static let narrativeFields = [
        "work.title", "work.summary", "work.background", "sustainability", "lessons",
        "objectives.text", "activities.influence",
    ]
}

/// A criterion the applicant answers in `responses` (a judged or hybrid criterion of the rubric), as the rules
/// need it: its id and title for messages and the most characters its answer may have.
@MemberwiseInit
package struct AnsweredCriterion: Sendable, Hashable {
    package var id: String
    package var title: LocalizedText
    /// Most characters (grapheme clusters) of the answer; nil for no limit.
    package var answerLimit: Int?
    /// What the criterion asks the applicant (the prompt the template writes as the placeholder answer).
    package var asks: LocalizedText?
}

/// Supplies the rule context for an application's award year and sub-type (the rubric catalogue, in practice).
package protocol RuleContextProvider: Sendable {
    func ruleContext(awardYear: Int, type: String) -> RuleContext
}
