/// A judge on the panel, registered once; the id is the judge's stable reference in every later event. Ministry,
/// province and agency (nil when unknown) feed the automatic conflicts.
public struct Judge: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var ministry: String?
    public var province: String?
    public var agency: String?

    public init(id: String, name: String, ministry: String? = nil, province: String? = nil, agency: String? = nil) {
        self.id = id
        self.name = name
        self.ministry = ministry
        self.province = province
        self.agency = agency
    }
}

/// A conflict of interest recorded for one judge and one application: declared by the judge (or by staff), or
/// found automatically and recorded at assignment with a reason starting `ConflictRules.automaticPrefix`.
public struct Conflict: Codable, Sendable, Hashable {
    public var judge: String
    public var application: String
    public var reason: String

    public init(judge: String, application: String, reason: String) {
        self.judge = judge
        self.application = application
        self.reason = reason
    }

    /// The judge and the application.
    public var pair: JudgeEntryPair { JudgeEntryPair(judge: judge, application: application) }
}

/// A judge and an application: the key of conflicts, and an assignment of the judge to review the application.
public struct JudgeEntryPair: Codable, Sendable, Hashable, Comparable {
    public var judge: String
    public var application: String

    public init(judge: String, application: String) {
        self.judge = judge
        self.application = application
    }

    /// By application, then judge.
    public static func < (a: JudgeEntryPair, b: JudgeEntryPair) -> Bool {
        (a.application, a.judge) < (b.application, b.judge)
    }
}

/// A judge assigned to review one application.
public typealias Assignment = JudgeEntryPair

/// A judge's score for one criterion of one application, in percent of the criterion's maximum.
public struct Score: Codable, Sendable, Hashable {
    public var judge: String
    public var application: String
    public var criterion: String
    /// 0–100.
    public var percent: Double
    /// The judge's reason and evidence for the value.
    public var comment: String?
    /// The rubric band the judge chose, when the rubric has bands (kept beside the number, as Baldrige does).
    public var band: String?

    public init(judge: String, application: String, criterion: String, percent: Double, comment: String? = nil, band: String? = nil) {
        self.judge = judge
        self.application = application
        self.criterion = criterion
        self.percent = percent
        self.comment = comment
        self.band = band
    }
}

/// A value read from a panel CSV file with the line it came from, so that every issue can point at its row.
/// The value's properties read through (`row.judge`, `row.percent`).
@dynamicMemberLookup
public struct FileRow<Value: Sendable>: Sendable {
    public var value: Value
    /// The line in the file; 0 when the value was not read from a file.
    public var line: Int

    public init(_ value: Value, line: Int = 0) {
        self.value = value
        self.line = line
    }

    public subscript<Property>(dynamicMember keyPath: KeyPath<Value, Property>) -> Property {
        value[keyPath: keyPath]
    }
}

extension FileRow: Equatable where Value: Equatable {}
extension FileRow: Hashable where Value: Hashable {}
