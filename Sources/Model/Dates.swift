/// A calendar date in the Gregorian calendar (CE), written `YYYY-MM-DD` in both formats.
/// Kept as plain numbers so that reading and writing never depends on the clock or a time zone.
package struct LocalDate: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    package let year: Int
    package let month: Int
    package let day: Int

    /// A date, or nil when the day does not exist in the Gregorian calendar.
    package init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...LocalDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits).
    package init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let y = LocalDate.number(bytes[0..<4]), let m = LocalDate.number(bytes[5..<7]),
            let d = LocalDate.number(bytes[8..<10])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    package var description: String {
        "\(LocalDate.pad(year, 4))-\(LocalDate.pad(month, 2))-\(LocalDate.pad(day, 2))"
    }

    package static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    package init(from decoder: any Decoder) throws {
        self = try decoder.decodeParsed({ LocalDate(iso: $0.trimmingWhitespace) }, refusal: { "'\($0)' is not a YYYY-MM-DD date" })
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// An ISO 8601 date-time such as `2025-02-20T10:30:00+07:00`, kept as written so conversion is lossless.
package struct Timestamp: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The text as written (trimmed).
    package let text: String
    /// The calendar date part, as written (local to the stated offset).
    package let date: LocalDate

    /// Parses `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]` (seconds required, as in RFC 3339 and xs:dateTime).
    package init?(iso text: String) {
        let trimmed = text.trimmingWhitespace
        let bytes = Array(trimmed.utf8)
        guard bytes.count >= 16, let date = LocalDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            Timestamp.validTime(bytes[11...])
        else { return nil }
        self.text = trimmed
        self.date = date
    }

    package var description: String { text }

    package init(from decoder: any Decoder) throws {
        self = try decoder.decodeParsed({ Timestamp(iso: $0) }, refusal: { "'\($0)' is not an ISO 8601 date-time" })
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// hh:mm:ss[.f+] followed by nothing, `Z`, or ±hh:mm.
    private static func validTime(_ rest: ArraySlice<UInt8>) -> Bool {
        var bytes = Array(rest)
        func two(_ at: Int, max: Int) -> Bool {
            guard at + 1 < bytes.count, let n = LocalDate.number(bytes[at...at + 1]) else { return false }
            return n <= max
        }
        guard two(0, max: 23), bytes.count >= 8, bytes[2] == UInt8(ascii: ":"), two(3, max: 59),
            bytes[5] == UInt8(ascii: ":"), two(6, max: 60)
        else { return false }
        var i = 8
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
            guard i > start else { return false }
        }
        bytes = Array(bytes[i...])
        if bytes.isEmpty || bytes == [UInt8(ascii: "Z")] || bytes == [UInt8(ascii: "z")] { return true }
        guard bytes.count == 6, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
            bytes[3] == UInt8(ascii: ":")
        else { return false }
        return two(1, max: 14) && two(4, max: 59)
    }
}

extension Decoder {
    /// Decodes a value that files write as one string (a date, a time stamp, a key), parsed by `parse`: the one
    /// home of that pattern, so every such refusal is the same data-corruption error, described by `refusal` from
    /// the text found.
    package func decodeParsed<T>(_ parse: (String) -> T?, refusal: (String) -> String) throws -> T {
        let container = try singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = parse(text) else { throw DecodingError.dataCorruptedError(in: container, debugDescription: refusal(text)) }
        return value
    }
}
