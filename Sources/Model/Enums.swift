/// The closed lists of the format contract. Raw values are the exact keys of the format.

/// The kind of applying agency.
package enum AgencyKind: String, Codable, Sendable, CaseIterable {
    case centralDepartment = "central-department"
    case province
    case provincialOffice = "provincial-office"
    case localAdministration = "local-administration"
    case publicOrganization = "public-organization"
    case stateEnterprise = "state-enterprise"
    case other

    /// Kinds that must name their ministry.
    package var requiresMinistry: Bool { self == .centralDepartment || self == .provincialOffice }
    /// Kinds that must name their province.
    package var requiresProvince: Bool {
        self == .province || self == .provincialOffice || self == .localAdministration
    }
}

/// The kind of a stakeholder group.
package enum StakeholderKind: String, Codable, Sendable, CaseIterable {
    case citizens, community
    case civilSociety = "civil-society"
    case privateSector = "private-sector"
    case academia, media, government, other
}

/// Stages of participation (Cohen & Uphoff, as taught in Thailand).
package enum Stage: String, Codable, Sendable, CaseIterable, Comparable {
    case planning, decision, implementation, evaluation, benefit

    package static func < (a: Stage, b: Stage) -> Bool { a.order < b.order }
    private var order: Int { Stage.allCases.firstIndex(of: self)! }
}

/// Whether a higher indicator value is better (`increase`) or a lower one (`decrease`).
package enum Direction: String, Codable, Sendable, CaseIterable {
    case increase, decrease
}

/// The kind of an evidence item.
package enum EvidenceKind: String, Codable, Sendable, CaseIterable {
    case document, photo, video, dataset, web, other
}

/// The five levels of the IAP2 public participation spectrum, in rising public influence.
/// Thai names seen in official documents are accepted as aliases when decoding.
package enum ParticipationLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case inform, consult, involve, collaborate, empower

    /// 1 (inform) to 5 (empower).
    package var rank: Int { ParticipationLevel.allCases.firstIndex(of: self)! + 1 }

    package static func < (a: ParticipationLevel, b: ParticipationLevel) -> Bool { a.rank < b.rank }

    /// Thai names of each level (DOMAIN.md §3), all accepted on input.
    package static let thaiAliases: [ParticipationLevel: [String]] = [
        .inform: ["ระดับการให้ข้อมูลข่าวสาร", "การให้ข้อมูลข่าวสาร"],
        .consult: ["ระดับการปรึกษาหารือ", "การปรึกษาหารือ", "การรับฟังความคิดเห็น"],
        .involve: ["ระดับการเข้ามาเกี่ยวข้อง", "การเข้ามาเกี่ยวข้อง", "การเกี่ยวข้อง", "การเข้ามามีบทบาท"],
        .collaborate: ["ระดับความร่วมมือ", "การร่วมมือ", "การสร้างความร่วมมือ", "ความร่วมมือ"],
        .empower: ["ระดับเสริมอำนาจประชาชน", "การเสริมอำนาจแก่ประชาชน", "การเสริมอำนาจประชาชน"],
    ]

    /// The Thai name used in reports.
    package var thaiName: String { ParticipationLevel.thaiAliases[self]![0] }

    /// Every accepted spelling: the canonical keys followed by the Thai aliases.
    package static var acceptedNames: [String] {
        allCases.map(\.rawValue) + allCases.flatMap { thaiAliases[$0]! }
    }

    /// The level for a canonical key or a Thai alias (surrounding white space ignored).
    package init?(name: String) {
        let trimmed = name.trimmingWhitespace
        if let level = ParticipationLevel(rawValue: trimmed) {
            self = level
            return
        }
        guard let match = ParticipationLevel.thaiAliases.first(where: { $0.value.contains(trimmed) }) else {
            return nil
        }
        self = match.key
    }

    package init(from decoder: any Decoder) throws {
        self = try decoder.decodeParsed({ ParticipationLevel(name: $0) }, refusal: { "unknown participation level '\($0)'" })
    }
}

extension String {
    /// The string without leading and trailing white space and newlines (Unicode-aware). Returns the string itself,
    /// without copying, when there is nothing to trim: this runs on every text field of every application.
    package var trimmingWhitespace: String {
        if utf8.withContiguousStorageIfAvailable(UTF8Whitespace.surelyTrimmed) == true { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhitespaceScalar }),
            let last = scalars.lastIndex(where: { !$0.isWhitespaceScalar })
        else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}

/// Byte-level answers about white space at the ends of UTF-8 text, so that the common case (text that starts and
/// ends with a letter, digit or Thai character) needs no Unicode property lookup.
package enum UTF8Whitespace {
    /// True when the text is not empty and both its first and its last scalar surely are not white space.
    package static func surelyTrimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = leadOfLastScalar(bytes) else { return false }
        return isSurelyNotWhitespace(lead: first) && isSurelyNotWhitespace(lead: last)
    }

    /// The ASCII scalars `trimmingWhitespace` removes: space and U+0009–U+000D.
    package static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// True when a scalar starting with `lead` cannot be white space: ASCII other than the white space above, or
    /// U+0800–U+0FFF (lead byte E0: Thai and other scripts, no white space). Other scalars are left to Unicode.
    private static func isSurelyNotWhitespace(lead: UInt8) -> Bool {
        (lead < 0x80 && !isASCIIWhitespace(lead)) || lead == 0xE0
    }

    /// The first byte of the last scalar, stepping back over at most three continuation bytes; nil when that does
    /// not find one.
    private static func leadOfLastScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        guard !bytes.isEmpty else { return nil }
        let end = bytes.count
        var index = end - 1
        while index > 0, index >= end - 3, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        let byte = bytes[index]
        return byte & 0xC0 == 0x80 ? nil : byte
    }
}

extension Unicode.Scalar {
    /// White space by Unicode's definition, with a fast answer for ASCII.
    var isWhitespaceScalar: Bool {
        value < 0x80 ? (value == 0x20 || (0x09...0x0D).contains(value)) : properties.isWhitespace
    }
}

/// Who scores a rubric criterion: judges only, the scorer only, or the scorer suggesting and judges deciding.
/// The one mode vocabulary of the program: rubrics, the scorer, the panel's score checks and the ranking share it.
package enum ScoringMode: String, Codable, Sendable, Hashable, CaseIterable {
    /// Scored by judges only.
    case judged
    /// Computed from the application alone; judges never score it.
    case auto
    /// Computed, then adjusted by judges.
    case hybrid
}
