/// One participatory-governance application, as defined by the format contract version 1.
/// XML and JSON applications both map to this type; `psea convert` writes it back out.
public struct Application: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    /// The applicant's reference, 1–64 of `[A-Za-z0-9._-]`, e.g. `PG-2568-0042`.
    public var id: String
    /// Award year in the Buddhist Era (พ.ศ.).
    public var awardYear: Int
    /// Always `participatory-governance` in format version 1.
    public var category: String
    /// A sub-type key defined by the rubric of that year, e.g. `effective-change`.
    public var type: String
    public var submittedAt: Timestamp?
    public var agency: Agency
    public var contact: Contact
    public var previousAward: PreviousAward?
    public var work: Work
    public var stakeholders: [Stakeholder]
    public var activities: [Activity]
    public var indicators: [Indicator]
    public var sustainability: String?
    public var lessons: String?
    public var evidence: [Evidence]
    public var declaration: Declaration

    public init(
        schemaVersion: Int = 1, id: String, awardYear: Int, category: String = Application.category,
        type: String, submittedAt: Timestamp? = nil, agency: Agency, contact: Contact,
        previousAward: PreviousAward? = nil, work: Work, stakeholders: [Stakeholder],
        activities: [Activity], indicators: [Indicator], sustainability: String? = nil,
        lessons: String? = nil, evidence: [Evidence], declaration: Declaration
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
    }

    /// The only category of format version 1.
    public static let category = "participatory-governance"
    /// The XML namespace of format version 1.
    public static let xmlNamespace = "urn:psea:application:1"
}

/// The applying agency.
public struct Agency: Codable, Sendable, Equatable {
    public var kind: AgencyKind
    /// Thai name, e.g. `จังหวัดน่าน`.
    public var name: String
    public var nameEn: String?
    /// Required for central departments and provincial offices.
    public var ministry: String?
    /// One of the 77 province-level units; required for provinces, provincial offices and local administrations.
    public var province: String?

    public init(kind: AgencyKind, name: String, nameEn: String? = nil, ministry: String? = nil, province: String? = nil) {
        self.kind = kind
        self.name = name
        self.nameEn = nameEn
        self.ministry = ministry
        self.province = province
    }
}

/// The person OPDC contacts about the application.
public struct Contact: Codable, Sendable, Equatable {
    public var name: String
    public var position: String?
    public var email: String
    public var phone: String?

    public init(name: String, position: String? = nil, email: String, phone: String? = nil) {
        self.name = name
        self.position = position
        self.email = email
        self.phone = phone
    }
}

/// An earlier award of the same work; required for `participation-expanded`.
public struct PreviousAward: Codable, Sendable, Equatable {
    /// Buddhist Era year of the earlier award.
    public var year: Int
    public var type: String
    public var title: String

    public init(year: Int, type: String, title: String) {
        self.year = year
        self.type = type
        self.title = title
    }
}

/// The work (ผลงาน) the application presents.
public struct Work: Codable, Sendable, Equatable {
    public var title: String
    public var summary: String
    /// The problem and why participation was needed.
    public var background: String
    public var objectives: [Objective]
    public var period: Period
    /// Provinces where the work ran.
    public var areas: [String]?

    public init(title: String, summary: String, background: String, objectives: [Objective], period: Period, areas: [String]? = nil) {
        self.title = title
        self.summary = summary
        self.background = background
        self.objectives = objectives
        self.period = period
        self.areas = areas
    }
}

public struct Objective: Codable, Sendable, Equatable {
    public var id: String
    public var text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// When the work ran; `end` is absent for work still running.
public struct Period: Codable, Sendable, Equatable {
    public var start: LocalDate
    public var end: LocalDate?

    public init(start: LocalDate, end: LocalDate? = nil) {
        self.start = start
        self.end = end
    }
}

/// A group of people who took part.
public struct Stakeholder: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: StakeholderKind
    public var count: Int?

    public init(id: String, name: String, kind: StakeholderKind, count: Int? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.count = count
    }
}

/// One participation activity, placed on the IAP2 spectrum and a stage of participation.
public struct Activity: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var stage: Stage
    public var level: ParticipationLevel
    public var technique: String?
    public var date: LocalDate
    public var participants: Int?
    public var stakeholderRefs: [String]
    /// How the public's input changed the work.
    public var influence: String?
    public var evidenceRefs: [String]?

    public init(
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
public struct Indicator: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var unit: String
    public var direction: Direction
    public var objectiveRef: String?
    public var baseline: YearValue
    public var target: Double?
    /// Years ascending, unique, after the baseline year.
    public var measurements: [YearValue]
    public var comparisons: [Comparison]?
    public var evidenceRefs: [String]?

    public init(
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
public struct YearValue: Codable, Sendable, Equatable {
    public var year: Int
    public var value: Double

    public init(year: Int, value: Double) {
        self.year = year
        self.value = value
    }
}

/// A comparator for an indicator (another area, a national average, …).
public struct Comparison: Codable, Sendable, Equatable {
    public var label: String
    public var value: Double

    public init(label: String, value: Double) {
        self.label = label
        self.value = value
    }
}

/// An evidence item that activities and indicators refer to.
public struct Evidence: Codable, Sendable, Equatable {
    public var id: String
    public var kind: EvidenceKind
    public var title: String
    /// `http(s)` URL or a relative path inside the submission.
    public var uri: String?
    /// 64 hexadecimal digits.
    public var sha256: String?

    public init(id: String, kind: EvidenceKind, title: String, uri: String? = nil, sha256: String? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.uri = uri
        self.sha256 = sha256
    }
}

/// The signed declaration that the application is true.
public struct Declaration: Codable, Sendable, Equatable {
    public var signedBy: String
    public var position: String
    public var date: LocalDate

    public init(signedBy: String, position: String, date: LocalDate) {
        self.signedBy = signedBy
        self.position = position
        self.date = date
    }
}
