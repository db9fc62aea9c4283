import Foundation

/// Thai data conventions: Buddhist Era years, Thai digits and Thai collation.
package enum Thai {
    /// Years are Buddhist Era: พ.ศ. = CE + 543.
    package static let buddhistEraOffset = 543
    /// The accepted range of Buddhist Era years in applications.
    package static let buddhistYears = 2500...2700
    /// Values in this range look like CE years given where BE was expected.
    package static let commonEraYears = 1900...2200
    /// A date whose year is above this looks like a BE year given where CE was expected.
    package static let maxCommonEraDateYear = 2400

    /// Whether the text holds any Thai digit (๐–๙).
    package static func containsThaiDigits(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { (0x0E50...0x0E59).contains($0.value) }
    }

    /// The text with Thai digits (๐–๙) replaced by ASCII digits.
    package static func asciiDigits(_ text: some StringProtocol) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    (0x0E50...0x0E59).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0x0E50 + 0x30)! : scalar
                }))
    }

    private static let locale = Locale(identifier: "th_TH")

    /// Thai collation order (leading vowels เ แ โ ใ ไ sort by the consonant after them); ties broken by code points
    /// so that the order is total and deterministic.
    package static func collates(_ a: String, before b: String) -> Bool {
        switch a.compare(b, locale: locale) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return Array(a.unicodeScalars.map(\.value)).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
        }
    }

    /// Characters as a reader counts them (grapheme clusters); narrative limits use this count.
    ///
    /// Splitting Thai into grapheme clusters is the slowest step of checking a narrative, so text made only of
    /// printable ASCII, line feeds and assigned Thai letters is counted in one pass over its bytes: there, a
    /// character starts at every scalar except a Thai combining mark (which joins the scalar before it unless that
    /// is a line feed or nothing). Which Thai scalars are marks is asked of the standard library's own grapheme
    /// breaking, once; any other text is counted by the standard library.
    /// With `limit`, counting may stop as soon as the count reaches it (the result is then `limit` or more), for
    /// checks that only need to know whether a text reaches a bound.
    package static func characterCount(_ text: String, upTo limit: Int = .max) -> Int {
        guard let marks = thaiMarks else { return limit == .max ? text.count : text.prefix(limit).count }
        var copy = text
        let counted: Int? = copy.withUTF8 { bytes in
            var count = 0
            var index = 0
            var joins = false
            while index < bytes.count, count < limit {
                let byte = bytes[index]
                if byte < 0x80 {
                    guard byte == 0x0A || (0x20...0x7E).contains(byte) else { return nil }
                    count += 1
                    joins = byte != 0x0A
                    index += 1
                } else if byte == 0xE0, index + 2 < bytes.count, bytes[index + 1] == 0xB8 || bytes[index + 1] == 0xB9 {
                    let offset = Int(bytes[index + 1] - 0xB8) << 6 | Int(bytes[index + 2] & 0x3F)
                    guard (0x01...0x3A).contains(offset) || (0x3F...0x5B).contains(offset) else { return nil }
                    if !(marks[offset] && joins) { count += 1 }
                    joins = true
                    index += 3
                } else {
                    return nil
                }
            }
            return count
        }
        return counted ?? (limit == .max ? text.count : text.prefix(limit).count)
    }

    /// Unicode scalars in `text` (its UTF-8 lead bytes): a quick upper bound on its characters.
    package static func scalarCount(_ text: String) -> Int {
        var copy = text
        return copy.withUTF8 { bytes in
            // Eight bytes at a time: a continuation byte is 10xxxxxx, so bit 7 set and bit 6 clear.
            guard let base = bytes.baseAddress else { return 0 }
            let words = bytes.count / 8
            var continuations = 0
            for index in 0..<words {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index * 8).loadUnaligned(as: UInt64.self))
                continuations &+= (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            }
            for byte in bytes[(words * 8)...] where byte & 0xC0 == 0x80 { continuations &+= 1 }
            return bytes.count - continuations
        }
    }

    /// For each scalar U+0E00 + i, whether it joins the character before it, as the standard library breaks
    /// graphemes; nil (count everything the slow way) if the library treats Thai in a way the fast count does not
    /// model: a scalar that joins the one after it, or a mark that joins a line feed.
    static let thaiMarks: [Bool]? = {
        var marks = [Bool](repeating: false, count: 0x80)
        for offset in 0x01...0x5B {
            guard let scalar = Unicode.Scalar(0x0E00 + offset) else { continue }
            let letter = String(scalar)
            marks[offset] = ("ก" + letter).count == 1
            if (letter + "ก").count != 2 || (marks[offset] && ("\n" + letter).count != 2) { return nil }
        }
        return marks
    }()
}
