/// One participatory-governance application, as defined by the format contract (version 1 or 2; version 2 adds
/// `responses`). XML and JSON applications both map to this type; `psea convert` writes it back out.
package struct Application: Codable, Sendable, Equatable {
    package var schemaVersion: Int
    /// The applicant's reference, 1–64 of `[A-Za-z0-9._-]`, e.g. `PG-2568-0042`.
    package var id: String
    /// Award year in the Buddhist Era (พ.ศ.).
    package var awardYear: Int
    /// Always `participatory-governance` in format version 1.
    package var category: String
    /// A sub-type key defined by the rubric of that year, e.g. `effective-change`.
    package var type: String
    package var submittedAt: Timestamp?
    package var agency: Agency
    package var contact: Contact
    package var previousAward: PreviousAward?
    package var work: Work
    package var stakeholders: [Stakeholder]
    package var activities: [Activity]
    package var indicators: [Indicator]
    package var sustainability: String?
    package var lessons: String?
    package var evidence: [Evidence]
    package var declaration: Declaration
    /// The answers to the judged and hybrid criteria of the sub-type, one per criterion (format version 2);
    /// nil in a version 1 file, which has no place for them.
    package var responses: [Response]?

    package init(
        schemaVersion: Int = 1, id: String, awardYear: Int, category: String = Application.category,
        type: String, submittedAt: Timestamp? = nil, agency: Agency, contact: Contact,
        previousAward: PreviousAward? = nil, work: Work, stakeholders: [Stakeholder],
        activities: [Activity], indicators: [Indicator], sustainability: String? = nil,
        lessons: String? = nil, evidence: [Evidence], declaration: Declaration, responses: [Response]? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.id = id
        self.awardYear = awardYear
        self.category = category
        self.type = type
        self.submittedAt = submittedAt
        self.agency = agency
        self.contact = contact
        self.previousAward = previousAward
        self.work = work
        self.stakeholders = stakeholders
        self.activities = activities
        self.indicators = indicators
        self.sustainability = sustainability
        self.lessons = lessons
        self.evidence = evidence
        self.declaration = declaration
        self.responses = responses
    }

    /// The only category of the format.
    package static let category = "participatory-governance"
    /// The format versions psea reads: 1 (no answers) and 2 (an answer per judged or hybrid criterion).
    package static let formatVersions = 1...2
    /// The version `psea template` writes.
    package static let currentFormatVersion = 2

    /// The XML namespace of a format version: `urn:psea:application:1`, `urn:psea:application:2`.
    package static func xmlNamespace(version: Int) -> String { "urn:psea:application:\(version)" }

    /// The format version whose XML namespace is `namespace`; nil for any other namespace.
    package static func formatVersion(xmlNamespace namespace: String?) -> Int? {
        formatVersions.first { xmlNamespace(version: $0) == namespace }
    }
}

/// The applicant's answer to one judged or hybrid criterion of the rubric (format version 2): what the judges
/// read when they score that criterion.
package struct Response: Codable, Sendable, Equatable {
    /// The criterion's id in the rubric of the award year and sub-type, e.g. `EC1.1`.
    package var criterion: String
    /// The answer, at most the criterion's `answerLimit` characters.
    package var text: String
    /// The evidence items the answer rests on.
    package var evidenceRefs: [String]?

    package init(criterion: String, text: String, evidenceRefs: [String]? = nil) {
        self.criterion = criterion
        self.text = text
        self.evidenceRefs = evidenceRefs
    }
}

/// The applying agency.
package struct Agency: Codable, Sendable, Equatable {
    package var kind: AgencyKind
    /// Thai name, e.g. `จังหวัดน่าน`.
    package var name: String
    package var nameEn: String?
    /// Required for central departments and provincial offices.
    package var ministry: String?
    /// One of the 77 province-level units; required for provinces, provincial offices and local administrations.
    package var province: String?

    package init(kind: AgencyKind, name: String, nameEn: String? = nil, ministry: String? = nil, province: String? = nil) {
        self.kind = kind
        self.name = name
        self.nameEn = nameEn
        self.ministry = ministry
        self.province = province
    }
}

/// The person OPDC contacts about the application.
package struct Contact: Codable, Sendable, Equatable {
    package var name: String
    package var position: String?
    package var email: String
    package var phone: String?

    package init(name: String, position: String? = nil, email: String, phone: String? = nil) {
        self.name = name
        self.position = position
        self.email = email
        self.phone = phone
    }
}

/// An earlier award of the same work; required for `participation-expanded`.
package struct PreviousAward: Codable, Sendable, Equatable {
    /// Buddhist Era year of the earlier award.
    package var year: Int
    package var type: String
    package var title: String

    package init(year: Int, type: String, title: String) {
        self.year = year
        self.type = type
        self.title = title
    }
}

/// The work (ผลงาน) the application presents.
package struct Work: Codable, Sendable, Equatable {
    package var title: String
    package var summary: String
    /// The problem and why participation was needed.
    package var background: String
    package var objectives: [Objective]
    package var period: Period
    /// Provinces where the work ran.
    package var areas: [String]?

    package init(title: String, summary: String, background: String, objectives: [Objective], period: Period, areas: [String]? = nil) {
        self.title = title
        self.summary = summary
        self.background = background
        self.objectives = objectives
        self.period = period
        self.areas = areas
    }
}

package struct Objective: Codable, Sendable, Equatable {
    package var id: String
    package var text: String

    package init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// When the work ran; `end` is absent for work still running.
package struct Period: Codable, Sendable, Equatable {
    package var start: LocalDate
    package var end: LocalDate?

    package init(start: LocalDate, end: LocalDate? = nil) {
        self.start = start
        self.end = end
    }
}

/// A group of people who took part.
package struct Stakeholder: Codable, Sendable, Equatable {
    package var id: String
    package var name: String
    package var kind: StakeholderKind
    package var count: Int?

    package init(id: String, name: String, kind: StakeholderKind, count: Int? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.count = count
    }
}

/// One participation activity, placed on the IAP2 spectrum and a stage of participation.
package struct Activity: Codable, Sendable, Equatable {
    package var id: String
    package var title: String
    package var stage: Stage
    package var level: ParticipationLevel
    package var technique: String?
    package var date: LocalDate
    package var participants: Int?
    package var stakeholderRefs: [String]
    /// How the public's input changed the work.
    package var influence: String?
    package var evidenceRefs: [String]?

    package init(
        id: String, title: String, stage: Stage, level: ParticipationLevel, technique: String? = nil,
        date: LocalDate, participants: Int? = nil, stakeholderRefs: [String], influence: String? = nil,
        evidenceRefs: [String]? = nil
    ) {
        self.id = id
        self.title = title
        self.stage = stage
        self.level = level
        self.technique = technique
        self.date = date
        self.participants = participants
        self.stakeholderRefs = stakeholderRefs
        self.influence = influence
        self.evidenceRefs = evidenceRefs
    }
}

/// A measured result of the work.
package struct Indicator: Codable, Sendable, Equatable {
    package var id: String
    package var name: String
    package var unit: String
    package var direction: Direction
    package var objectiveRef: String?
    package var baseline: YearValue
    package var target: Double?
    /// Years ascending, unique, after the baseline year.
    package var measurements: [YearValue]
    package var comparisons: [Comparison]?
    package var evidenceRefs: [String]?

    package init(
        id: String, name: String, unit: String, direction: Direction, objectiveRef: String? = nil,
        baseline: YearValue, target: Double? = nil, measurements: [YearValue], comparisons: [Comparison]? = nil,
        evidenceRefs: [String]? = nil
    ) {
        self.id = id
        self.name = name
        self.unit = unit
        self.direction = direction
        self.objectiveRef = objectiveRef
        self.baseline = baseline
        self.target = target
        self.measurements = measurements
        self.comparisons = comparisons
        self.evidenceRefs = evidenceRefs
    }
}

/// A value in a Buddhist Era year.
package struct YearValue: Codable, Sendable, Equatable {
    package var year: Int
    package var value: Double

    package init(year: Int, value: Double) {
        self.year = year
        self.value = value
    }
}

/// A comparator for an indicator (another area, a national average, …).
package struct Comparison: Codable, Sendable, Equatable {
    package var label: String
    package var value: Double

    package init(label: String, value: Double) {
        self.label = label
        self.value = value
    }
}

/// An evidence item that activities and indicators refer to.
package struct Evidence: Codable, Sendable, Equatable {
    package var id: String
    package var kind: EvidenceKind
    package var title: String
    /// `http(s)` URL or a relative path inside the submission.
    package var uri: String?
    /// 64 hexadecimal digits.
    package var sha256: String?

    package init(id: String, kind: EvidenceKind, title: String, uri: String? = nil, sha256: String? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.uri = uri
        self.sha256 = sha256
    }
}

/// The signed declaration that the application is true.
package struct Declaration: Codable, Sendable, Equatable {
    package var signedBy: String
    package var position: String
    package var date: LocalDate

    package init(signedBy: String, position: String, date: LocalDate) {
        self.signedBy = signedBy
        self.position = position
        self.date = date
    }
}
