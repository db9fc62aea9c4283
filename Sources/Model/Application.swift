/// One participatory-governance application, as defined by the format contract version 1.
/// XML and JSON applications both map to this type; `psea convert` writes it back out.
@MemberwiseInit
package struct Application: Codable, Sendable, Equatable {
    package var schemaVersion: Int = 1
    /// The applicant's reference, 1–64 of `[A-Za-z0-9._-]`, e.g. `PG-2568-0042`.
    package var id: String
    /// Award year in the Buddhist Era (พ.ศ.).
    package var awardYear: Int
    /// Always `participatory-governance` in format version 1.
    package var category: String = Application.category
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

    /// The only category of format version 1.
    package static let category = "participatory-governance"
    /// The XML namespace of format version 1.
    package static let xmlNamespace = "urn:psea:application:1"
}

/// The applying agency.
@MemberwiseInit
package struct Agency: Codable, Sendable, Equatable {
    package var kind: AgencyKind
    /// Thai name, e.g. `จังหวัดน่าน`.
    package var name: String
    package var nameEn: String?
    /// Required for central departments and provincial offices.
    package var ministry: String?
    /// One of the 77 province-level units; required for provinces, provincial offices and local administrations.
    package var province: String?
}

/// The person OPDC contacts about the application.
@MemberwiseInit
package struct Contact: Codable, Sendable, Equatable {
    package var name: String
    package var position: String?
    package var email: String
    package var phone: String?
}

/// An earlier award of the same work; required for `participation-expanded`.
@MemberwiseInit
package struct PreviousAward: Codable, Sendable, Equatable {
    /// Buddhist Era year of the earlier award.
    package var year: Int
    package var type: String
    package var title: String
}

/// The work (ผลงาน) the application presents.
@MemberwiseInit
package struct Work: Codable, Sendable, Equatable {
    package var title: String
    package var summary: String
    /// The problem and why participation was needed.
    package var background: String
    package var objectives: [Objective]
    package var period: Period
    /// Provinces where the work ran.
    package var areas: [String]?
}

@MemberwiseInit
package struct Objective: Codable, Sendable, Equatable {
    package var id: String
    package var text: String
}

/// When the work ran; `end` is absent for work still running.
@MemberwiseInit
package struct Period: Codable, Sendable, Equatable {
    package var start: LocalDate
    package var end: LocalDate?
}

/// A group of people who took part.
@MemberwiseInit
package struct Stakeholder: Codable, Sendable, Equatable {
    package var id: String
    package var name: String
    package var kind: StakeholderKind
    package var count: Int?
}

/// One participation activity, placed on the IAP2 spectrum and a stage of participation.
@MemberwiseInit
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
}

/// A measured result of the work.
@MemberwiseInit
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
}

/// A value in a Buddhist Era year.
@MemberwiseInit
package struct YearValue: Codable, Sendable, Equatable {
    package var year: Int
    package var value: Double
}

/// A comparator for an indicator (another area, a national average, …).
@MemberwiseInit
package struct Comparison: Codable, Sendable, Equatable {
    package var label: String
    package var value: Double
}

/// An evidence item that activities and indicators refer to.
@MemberwiseInit
package struct Evidence: Codable, Sendable, Equatable {
    package var id: String
    package var kind: EvidenceKind
    package var title: String
    /// `http(s)` URL or a relative path inside the submission.
    package var uri: String?
    /// 64 hexadecimal digits.
    package var sha256: String?
}

/// The signed declaration that the application is true.
@MemberwiseInit
package struct Declaration: Codable, Sendable, Equatable {
    package var signedBy: String
    package var position: String
    package var date: LocalDate
}
