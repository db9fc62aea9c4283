import Foundation
import Model

/// The six PMQA score bands with their ADLI (process) and LeTCI (results) descriptors (DOMAIN.md §2).
@MemberwiseInit
package struct BandSet: Codable, Sendable, Equatable {
    package var bands: [Band]
    /// The file the bands were read from; nil for the built-in ranges.
    package var sourceURL: URL?
    /// Lines in the source file, keyed by dotted path (`bands.2.max`).
    package var lines: [String: Int] = [:]

    enum CodingKeys: String, CodingKey, CaseIterable { case bands }

    package init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        bands = try c.decode([Band].self, forKey: .bands)
        sourceURL = nil
        lines = [:]
    }

    /// The band a percent falls in (the last band whose minimum it reaches), or nil for a percent below all bands.
    package func band(for percent: Int) -> Band? {
        index(for: percent).map { bands[$0] }
    }

    /// The label (`min–max`) of the band a percent falls in, nil below all bands: what sheets and scores print,
    /// found without copying the band's descriptors (every criterion of every entry asks).
    package func label(for percent: Int) -> String? {
        index(for: percent).map { bands[$0].label }
    }

    /// Where in `bands` the band of a percent is: of the bands whose minimum it reaches, the one with the highest
    /// minimum, and of those the last in file order (what a stable sort by minimum puts last). One pass, no copy.
    private func index(for percent: Int) -> Int? {
        var found: Int?
        for index in bands.indices where percent >= bands[index].min {
            if let best = found, bands[best].min > bands[index].min { continue }
            found = index
        }
        return found
    }

    /// The six PMQA ranges without descriptors, used when no band file is given.
    package static let pmqaRanges = BandSet(
        bands: [(0, 5), (10, 25), (30, 45), (50, 65), (70, 85), (90, 100)].map {
            Band(min: $0.0, max: $0.1, adli: LocalizedText(th: "", en: ""), letci: LocalizedText(th: "", en: ""))
        })
}

/// One score band: a percent range and what a process (ADLI) or a result (LeTCI) looks like in it.
@MemberwiseInit
package struct Band: Codable, Sendable, Equatable, PercentBand {
    /// Lowest percent of the band (inclusive).
    package var min: Int
    /// Highest percent of the band (inclusive).
    package var max: Int
    /// What a process (ADLI) looks like in this band.
    package var adli: LocalizedText
    /// What a result (LeTCI) looks like in this band.
    package var letci: LocalizedText
    /// True when the descriptors are not confirmed by a public source (the bands above 50%).
    package var assumed: Bool = false

    enum CodingKeys: String, CodingKey, CaseIterable { case min, max, adli, letci, assumed }

    package init(from decoder: any Decoder) throws {
        let c = try strictContainer(decoder, CodingKeys.self)
        min = try c.decode(Int.self, forKey: .min)
        max = try c.decode(Int.self, forKey: .max)
        adli = try c.decode(StrictText.self, forKey: .adli).text
        letci = try c.decode(StrictText.self, forKey: .letci).text
        assumed = try c.decodeIfPresent(Bool.self, forKey: .assumed) ?? false
    }
}

/// A band of percents with both ends included: a PMQA score band, or a judging band a criterion describes.
package protocol PercentBand {
    /// Lowest percent of the band (inclusive).
    var min: Int { get }
    /// Highest percent of the band (inclusive).
    var max: Int { get }
}

extension PercentBand {
    /// The band as score sheets and messages print it, e.g. `50–65`.
    package var label: String { "\(min)–\(max)" }
}
