/// The names people read for the keys of the format's lists, in Thai (OPDC's terms, DOMAIN.md) and English: the
/// one place every report, page and message takes them from, so Thai text never shows an English key.
extension AgencyKind {
    package var label: LocalizedText {
        switch self {
        case .centralDepartment: LocalizedText(th: "ส่วนราชการระดับกรม", en: "central department")
        case .province: LocalizedText(th: "จังหวัด", en: "province")
        case .provincialOffice: LocalizedText(th: "ส่วนราชการส่วนภูมิภาค", en: "provincial office")
        case .localAdministration: LocalizedText(th: "องค์กรปกครองส่วนท้องถิ่น", en: "local administration")
        case .publicOrganization: LocalizedText(th: "องค์การมหาชน", en: "public organization")
        case .stateEnterprise: LocalizedText(th: "รัฐวิสาหกิจ", en: "state enterprise")
        case .other: LocalizedText(th: "หน่วยงานอื่น", en: "other")
        }
    }
}

extension StakeholderKind {
    package var label: LocalizedText {
        switch self {
        case .citizens: LocalizedText(th: "ประชาชน", en: "citizens")
        case .community: LocalizedText(th: "ชุมชน", en: "community")
        case .civilSociety: LocalizedText(th: "ภาคประชาสังคม", en: "civil society")
        case .privateSector: LocalizedText(th: "ภาคเอกชน", en: "private sector")
        case .academia: LocalizedText(th: "สถาบันการศึกษา", en: "academia")
        case .media: LocalizedText(th: "สื่อมวลชน", en: "media")
        case .government: LocalizedText(th: "หน่วยงานภาครัฐ", en: "government")
        case .other: LocalizedText(th: "อื่น ๆ", en: "other")
        }
    }
}

extension Stage {
    /// The stages of participation as taught in Thailand (Cohen & Uphoff).
    package var label: LocalizedText {
        switch self {
        case .planning: LocalizedText(th: "ร่วมคิด/ร่วมวางแผน", en: "planning")
        case .decision: LocalizedText(th: "ร่วมตัดสินใจ", en: "decision")
        case .implementation: LocalizedText(th: "ร่วมดำเนินการ", en: "implementation")
        case .evaluation: LocalizedText(th: "ร่วมติดตามประเมินผล", en: "evaluation")
        case .benefit: LocalizedText(th: "ร่วมรับผลประโยชน์", en: "benefit")
        }
    }
}

extension ParticipationLevel {
    /// The level on the IAP2 spectrum, by its first Thai name.
    package var label: LocalizedText { LocalizedText(th: thaiName, en: rawValue) }
}

extension ScoringMode {
    /// Who scores a criterion, as a rubric page, a score sheet and a feedback report name it.
    package var label: LocalizedText {
        switch self {
        case .judged: LocalizedText(th: "กรรมการให้คะแนน", en: "judged")
        case .auto: LocalizedText(th: "คำนวณอัตโนมัติ", en: "automatic")
        case .hybrid: LocalizedText(th: "คำนวณเบื้องต้นแล้วกรรมการปรับได้", en: "hybrid (computed, judges may adjust)")
        }
    }
}

extension Direction {
    package var label: LocalizedText {
        switch self {
        case .increase: LocalizedText(th: "ยิ่งมากยิ่งดี", en: "higher is better")
        case .decrease: LocalizedText(th: "ยิ่งน้อยยิ่งดี", en: "lower is better")
        }
    }
}

extension EvidenceKind {
    package var label: LocalizedText {
        switch self {
        case .document: LocalizedText(th: "เอกสาร", en: "document")
        case .photo: LocalizedText(th: "ภาพถ่าย", en: "photo")
        case .video: LocalizedText(th: "วีดิทัศน์", en: "video")
        case .dataset: LocalizedText(th: "ชุดข้อมูล", en: "dataset")
        case .web: LocalizedText(th: "เว็บไซต์", en: "web page")
        case .other: LocalizedText(th: "อื่น ๆ", en: "other")
        }
    }
}

extension LocalDate {
    /// The abbreviated Thai month names, January first.
    private static let thaiMonths = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]

    /// The date as a Thai official writes it: day, abbreviated month, Buddhist Era year (`30 ก.ย. 2567`).
    package var thai: String { "\(day) \(Self.thaiMonths[month - 1]) \(year + Thai.buddhistEraOffset)" }

    /// The date in `language`: the Thai way in Thai, ISO 8601 (`2024-09-30`) in English.
    package func text(_ language: Language) -> String { language == .th ? thai : description }
}

/// The format's closed lists with the names people read for their keys, so that a message listing the keys a value
/// may take can name each in Thai and English.
package enum FormatLists {
    /// Every closed list of the format: its keys, in order, each with its label.
    package static let all: [[(key: String, label: LocalizedText)]] = [
        AgencyKind.allCases.map { ($0.rawValue, $0.label) },
        StakeholderKind.allCases.map { ($0.rawValue, $0.label) },
        Stage.allCases.map { ($0.rawValue, $0.label) },
        ParticipationLevel.allCases.map { ($0.rawValue, $0.label) },
        Direction.allCases.map { ($0.rawValue, $0.label) },
        EvidenceKind.allCases.map { ($0.rawValue, $0.label) },
        [(Application.category, LocalizedText(th: "สาขาการบริหารราชการแบบมีส่วนร่วม", en: "participatory governance"))],
    ]

    /// The values a field may take, as a message lists them in `language`: each key with its name where the keys
    /// are one of the format's lists (`central-department (ส่วนราชการระดับกรม)`; in English only where the name
    /// differs from the key), then a note when Thai names are accepted too (the spectrum levels). Both readers list
    /// allowed values this way, so an XML and a JSON file get the same words.
    package static func listing(_ keys: [String], thaiAccepted: Bool, _ language: Language) -> String {
        let labels = FormatLists.labels(of: keys)
        let named = keys.enumerated().map { index, key -> String in
            guard let label = labels?[index] else { return key }
            if language == .th { return "\(key) (\(label.th))" }
            return label.en == key ? key : "\(key) (\(label.en))"
        }
        let list = named.joined(separator: ", ")
        guard thaiAccepted else { return list }
        return list + (language == .th ? " (หรือชื่อภาษาไทยของระดับ)" : " (or their Thai names)")
    }

    /// The labels of `keys` when they are exactly the keys of one list (a schema names the allowed keys, not the
    /// list); nil otherwise.
    package static func labels(of keys: [String]) -> [LocalizedText]? {
        guard let list = all.first(where: { Set($0.map(\.key)) == Set(keys) }) else { return nil }
        let byKey = Dictionary(uniqueKeysWithValues: list.map { ($0.key, $0.label) })
        return keys.compactMap { byKey[$0] }
    }
}
