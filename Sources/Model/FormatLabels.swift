import Foundation

/// A closed list whose keys people never read in place of names: each case's name in Thai (OPDC's terms,
/// DOMAIN.md) and English is kept in `Data/labels.json` under `labelSection`, the one place every report, page and
/// message takes them from, so Thai text never shows an English key. A test checks every case of every list.
package protocol Labelled: RawRepresentable<String>, CaseIterable {
    /// The list's section in `labels.json`.
    static var labelSection: String { get }
}

extension Labelled {
    /// The case's name in Thai and English; the key itself in both for a case `labels.json` lacks (a test makes
    /// sure none does).
    package var label: LocalizedText { Labels.sections[Self.labelSection]?[rawValue] ?? LocalizedText(th: rawValue, en: rawValue) }
}

/// The names of `Data/labels.json` (embedded by the plugin) by section and key, decoded once.
package enum Labels {
    package static let sections: [String: [String: LocalizedText]] = {
        guard let text = EmbeddedModelData.files["Data/labels.json"],
            let sections = try? JSONDecoder().decode([String: [String: LocalizedText]].self, from: Data(text.utf8))
        else { return [:] }
        return sections
    }()
}

extension AgencyKind: Labelled { package static let labelSection = "agency-kind" }

extension StakeholderKind: Labelled { package static let labelSection = "stakeholder-kind" }

/// The stages of participation as taught in Thailand (Cohen & Uphoff).
extension Stage: Labelled { package static let labelSection = "stage" }

extension Direction: Labelled { package static let labelSection = "direction" }

extension EvidenceKind: Labelled { package static let labelSection = "evidence-kind" }

extension ParticipationLevel {
    /// The level on the IAP2 spectrum, by its first Thai name.
    package var label: LocalizedText { LocalizedText(th: thaiName, en: rawValue) }
}

/// Who scores a criterion, as a rubric page, a score sheet and a feedback report name it.
extension ScoringMode: Labelled { package static let labelSection = "scoring-mode" }

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
