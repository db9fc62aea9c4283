import Foundation

/// Thai data conventions: Buddhist Era years, Thai digits and Thai collation.
public enum Thai {
    /// Years are Buddhist Era: พ.ศ. = CE + 543.
    public static let buddhistEraOffset = 543
    /// The accepted range of Buddhist Era years in applications.
    public static let buddhistYears = 2500...2700
    /// Values in this range look like CE years given where BE was expected.
    public static let commonEraYears = 1900...2200
    /// A date whose year is above this looks like a BE year given where CE was expected.
    public static let maxCommonEraDateYear = 2400

    /// Whether the text holds any Thai digit (๐–๙).
    public static func containsThaiDigits(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { (0x0E50...0x0E59).contains($0.value) }
    }

    /// The text with Thai digits (๐–๙) replaced by ASCII digits.
    public static func asciiDigits(_ text: some StringProtocol) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (0x0E50...0x0E59).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0x0E50 + 0x30)! : scalar
        }))
    }

    private static let locale = Locale(identifier: "th_TH")

    /// Thai collation order (leading vowels เ แ โ ใ ไ sort by the consonant after them); ties broken by code points
    /// so that the order is total and deterministic.
    public static func collates(_ a: String, before b: String) -> Bool {
        switch a.compare(b, locale: locale) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return Array(a.unicodeScalars.map(\.value)).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
        }
    }

    /// Characters as a reader counts them (grapheme clusters); narrative limits use this count.
    public static func characterCount(_ text: String) -> Int { text.count }
}
