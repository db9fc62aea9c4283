import Foundation

/// One of Thailand's 77 province-level units (76 provinces and Bangkok), as shipped in `Data/provinces.json`.
package struct Province: Sendable, Hashable, Codable {
    /// The official Thai name, e.g. `น่าน`, `กรุงเทพมหานคร`.
    package let name: String
    /// The official English (RTGS) name, e.g. `Nan`, `Bangkok`.
    package let nameEn: String
    /// Other spellings in common use (short forms, abbreviations), tolerated with a warning.
    package let aliases: [String]

    package init(name: String, nameEn: String, aliases: [String] = []) {
        self.name = name
        self.nameEn = nameEn
        self.aliases = aliases
    }
}

/// The result of looking up a province name.
package enum ProvinceMatch: Sendable, Hashable {
    /// The name is the official Thai name, exactly.
    case exact(Province)
    /// The name denotes this province but is not written as the official Thai name; `reason` says how it differs.
    case tolerated(Province, reason: LocalizedText)
    /// No province has this name.
    case unknown
}

/// The 77 province-level units and the one lookup of a province name: the business rules use it for
/// `agency.province` and `work.areas`, `judges import` for a judge's province, the conflict rules to compare them.
package enum Provinces {
    /// The 77 units, Bangkok first and then the provinces in Thai collation order (as official lists give them);
    /// loaded once (thread-safe) from the bundled `Data/provinces.json`.
    package static let all: [Province] = load()

    /// Matches a province name: the official Thai name is `.exact`; a `จ.`/`จังหวัด` prefix, surrounding spaces,
    /// a common alias (กทม., กรุงเทพฯ, …) or the English name (any case, spaces and hyphens ignored) is `.tolerated`.
    package static func match(_ name: String) -> ProvinceMatch {
        if let province = officialSpelledAs(name) ?? byName[name] { return .exact(province) }
        var reasonsTH: [String] = []
        var reasonsEN: [String] = []
        var text = name.trimmingWhitespace
        if text != name {
            reasonsTH.append("มีช่องว่างหน้าหรือหลังชื่อ")
            reasonsEN.append("it has surrounding spaces")
        }
        for prefix in ["จังหวัด", "จ."] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count)).trimmingWhitespace
            reasonsTH.append("มีคำนำหน้า \"\(prefix)\"")
            reasonsEN.append("it has the prefix \"\(prefix)\"")
            break
        }
        guard !text.isEmpty else { return .unknown }
        let province: Province
        if let found = byName[text] {
            province = found
        } else if let found = byAlias[text] {
            province = found
            reasonsTH.append("ใช้ชื่อย่อหรือชื่อเรียกอื่น \"\(text)\"")
            reasonsEN.append("it uses the short or informal name \"\(text)\"")
        } else if let found = byEnglish[englishKey(text)] {
            province = found
            reasonsTH.append("ใช้ชื่อภาษาอังกฤษ \"\(text)\"")
            reasonsEN.append("it uses the English name \"\(text)\"")
        } else {
            return .unknown
        }
        return .tolerated(
            province,
            reason: LocalizedText(
                th: reasonsTH.joined(separator: " และ"),
                en: reasonsEN.joined(separator: " and ")
            ))
    }

    /// The official name `name` denotes (`จ.เชียงใหม่`, `Chiang Mai` → `เชียงใหม่`); nil for no province.
    package static func canonical(_ name: String) -> String? {
        switch match(name) {
        case .exact(let province), .tolerated(let province, _): province.name
        case .unknown: nil
        }
    }

    /// The warning for a name that denotes `province` but is not its official spelling (`PSEA-W051`), naming
    /// `field`; the same words for an application's field and a judge's province.
    package static func spellingMessage(field: String, name: String, province: Province, reason: LocalizedText) -> LocalizedText {
        LocalizedText(
            th: "\(field) \"\(name)\" ไม่ใช่ชื่อทางการ (\(reason.th)) ให้เขียนว่า \"\(province.name)\"",
            en: "\(field) \"\(name)\" is not the official spelling (\(reason.en)); write \"\(province.name)\" (\(province.nameEn))")
    }

    /// The error for a name no province has (`PSEA-E050`), naming `field`.
    package static func unknownMessage(field: String, name: String) -> LocalizedText {
        LocalizedText(
            th: "\(field) \"\(name)\" ไม่ตรงกับชื่อจังหวัดใดใน 77 จังหวัด ให้ใช้ชื่อจังหวัดภาษาไทยตามชื่อทางการ เช่น \"น่าน\" หรือ \"กรุงเทพมหานคร\"",
            en: "\(field) \"\(name)\" is not one of the 77 provinces; use the official Thai name, e.g. \"น่าน\" or \"กรุงเทพมหานคร\"")
    }

    /// The province whose official name has exactly the bytes of `name`, found by comparing UTF-8 (the usual
    /// case: no Thai text hashed through Unicode normalisation); nil otherwise, when `byName` decides, so that a
    /// canonically equivalent spelling with other bytes is still exact.
    package static func officialSpelledAs(_ name: String) -> Province? {
        var name = name
        return name.withUTF8 { bytes in
            guard bytes.count < officialByLength.count else { return nil }
            for index in officialByLength[bytes.count] {
                let official = officialUTF8[index]
                if official.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
                    return all[index]
                }
            }
            return nil
        }
    }

    /// Loads now the tables an official name is looked up in (`officialSpelledAs`), which otherwise load when the
    /// first name is matched: a command can have it done on another core before its first application needs them.
    package static func loadTables() {
        _ = officialByLength
    }

    /// The official names' UTF-8 bytes, in the order of `all`.
    private static let officialUTF8: [[UInt8]] = all.map { Array($0.name.utf8) }

    /// The indices in `all` of the official names of each length in bytes, in the order of `all` (the first of
    /// equal names wins, as in `byName`).
    private static let officialByLength: [[Int]] = {
        var lengths = [[Int]](repeating: [], count: (officialUTF8.map(\.count).max() ?? 0) + 1)
        for (index, bytes) in officialUTF8.enumerated() { lengths[bytes.count].append(index) }
        return lengths
    }()

    private static let byName: [String: Province] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    private static let byAlias: [String: Province] = Dictionary(
        all.flatMap { province in province.aliases.map { ($0, province) } }, uniquingKeysWith: { first, _ in first }
    )

    private static let byEnglish: [String: Province] = Dictionary(
        all.flatMap { province in ([province.nameEn] + province.aliases).map { (englishKey($0), province) } },
        uniquingKeysWith: { first, _ in first }
    )

    /// Lowercased with spaces, hyphens and dots removed, so `Chonburi`, `chon buri` and `Chon-Buri` meet.
    private static func englishKey(_ text: String) -> String {
        String(
            text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "-" && $0 != "." }
                .map(Character.init))
    }

    /// Reads the embedded list; a missing or broken one yields an empty list, which the province tests catch.
    private static func load() -> [Province] {
        guard let text = EmbeddedModelData.files["Data/provinces.json"],
            let provinces = try? JSONDecoder().decode([Province].self, from: Data(text.utf8))
        else { return [] }
        return provinces
    }
}
