import Model

/// A judge on the panel, registered once; the id is the judge's stable reference in every later event. Ministry,
/// province and agency (nil when unknown) feed the automatic conflicts.
@MemberwiseInit
package struct Judge: Codable, Sendable, Hashable {
    /// Letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 64 (`isSafeID`): an id that is
    /// safe in a file name, a CSV cell, a command line and an HTML page, and cannot pass for another judge's.
    package var id: String
    package var name: String
    package var ministry: String?
    package var province: String?
    package var agency: String?
}

/// A conflict of interest recorded for one judge and one application: declared by the judge (or by staff), or
/// found automatically and recorded at assignment with a reason starting `ConflictRules.automaticPrefix`.
@MemberwiseInit
package struct Conflict: Codable, Sendable, Hashable {
    package var judge: String
    package var application: String
    package var reason: String

    /// The judge and the application.
    package var pair: JudgeEntryPair { JudgeEntryPair(judge: judge, application: application) }
}

extension Judge {
    /// Whether `id` matches `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`, the only judge ids psea accepts.
    package static func isSafeID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...64).contains(bytes.count), bytes.count == id.unicodeScalars.count else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        return alphanumeric(bytes[0])
            && bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// The issue of an unsafe judge id on `line` (0 for a value given on the command line).
    package static func unsafeIDIssue(_ id: String, line: Int, column: String) -> PanelIssue {
        PanelIssue(
            .badJudgeID, line: line, column: column,
            th: "รหัสกรรมการ \"\(id)\" ใช้ไม่ได้: ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข จุด ขีดล่าง และขีด ขึ้นต้นด้วยตัวอักษรหรือตัวเลข ไม่เกิน 64 ตัว",
            en: "judge id \"\(id)\" is not allowed: letters, digits, '.', '_' and '-' only, starting with a letter or digit, at most 64")
    }
}

/// A judge and an application: the key of conflicts, and an assignment of the judge to review the application.
@MemberwiseInit
package struct JudgeEntryPair: Codable, Sendable, Hashable, Comparable {
    package var judge: String
    package var application: String

    /// By application, then judge.
    package static func < (a: JudgeEntryPair, b: JudgeEntryPair) -> Bool {
        (a.application, a.judge) < (b.application, b.judge)
    }
}

/// A judge assigned to review one application.
package typealias Assignment = JudgeEntryPair

/// A judge's score for one criterion of one application, in percent of the criterion's maximum.
@MemberwiseInit
package struct Score: Codable, Sendable, Hashable {
    package var judge: String
    package var application: String
    package var criterion: String
    /// 0–100.
    package var percent: Double
    /// The judge's reason and evidence for the value.
    package var comment: String?
    /// The rubric band the judge chose, when the rubric has bands (kept beside the number, as Baldrige does).
    package var band: String?
    /// What the judge found strong (จุดแข็ง), for the applicant's feedback report.
    package var strength: String?
    /// What the judge would have the applicant improve (โอกาสในการปรับปรุง), for the feedback report.
    package var opportunity: String?
    /// The ids of the application's evidence items the value rests on (the web workspace asks for them); nil in
    /// scores given without.
    package var evidence: [String]?
}

/// The outcome of a site visit to an applicant in the outstanding range; the latest record for an application
/// counts, and ranking reads it to confirm the entry's level.
@MemberwiseInit
package struct SiteVisit: Codable, Sendable, Equatable {
    package var application: String
    /// Whether the visit confirmed what the application claims.
    package var confirmed: Bool
    /// What the visiting team found.
    package var reason: String?
    /// `on-site` or `online` (OPDC visits on site or over electronic media); nil in records made before it was asked.
    package var mode: String?
    /// The visit's date, `YYYY-MM-DD`.
    package var date: String?
    /// The members of the visiting team, in the order given.
    package var team: [String]?
    package var notes: String?
    /// True when the entry was not shortlisted and staff recorded the visit anyway (`--force`).
    package var forced: Bool?
}

/// A value read from a panel CSV file with the line it came from, so that every issue can point at its row.
/// The value's properties read through (`row.judge`, `row.percent`).
@dynamicMemberLookup
package struct FileRow<Value: Sendable>: Sendable {
    package var value: Value
    /// The line in the file; 0 when the value was not read from a file.
    package var line: Int

    package init(_ value: Value, line: Int = 0) {
        self.value = value
        self.line = line
    }

    package subscript<Property>(dynamicMember keyPath: KeyPath<Value, Property>) -> Property {
        value[keyPath: keyPath]
    }
}

extension FileRow: Equatable where Value: Equatable {}
extension FileRow: Hashable where Value: Hashable {}
