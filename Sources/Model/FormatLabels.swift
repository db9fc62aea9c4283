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

extension LocalDate {
    /// The abbreviated Thai month names, January first.
    private static let thaiMonths = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]

    /// The date as a Thai official writes it: day, abbreviated month, Buddhist Era year (`30 ก.ย. 2567`).
    package var thai: String { "\(day) \(Self.thaiMonths[month - 1]) \(year + Thai.buddhistEraOffset)" }

    /// The date in `language`: the Thai way in Thai, ISO 8601 (`2024-09-30`) in English.
    package func text(_ language: Language) -> String { language == .th ? thai : description }
}
