import Foundation
import Model
import PSEATestSupport
import Panel
import Scoring
import Testing

@testable import Store

/// `CanonicalJSON` (behind `Ledger.canonicalJSON`) against Foundation's `JSONEncoder`, which it must match byte for
/// byte: every ledger payload and projection row is hashed or compared as these bytes.
@Suite("Store: the canonical JSON writer gives JSONEncoder's bytes")
struct CanonicalJSONTests {
    /// Texts that take every path of the writer: plain, Thai, slashes, quotes, backslashes, every control
    /// character, DEL and the C1 controls, line and paragraph separators, a byte order mark, emoji and
    /// combining marks, escapes written out, and text long enough to grow the buffer.
    static let texts: [String] =
        [
            "", "ดีมาก", "a/b//c", "say \"hi\"", #"back\slash\\"#, "line\nbreak\r\n", "\u{7F}\u{80}\u{85}\u{9F}\u{A0}", "\u{2028}\u{2029}",
            "\u{FEFF}bom", "🙂 e\u{301} 👩‍👩‍👧 🇹🇭", #"\u0041 \n"#, "</script>", String(repeating: "ก/\"\\\t", count: 3000),
        ]
        + (0..<0x20).map { "x\(Character(Unicode.Scalar(UInt8($0))))y" }

    static let doubles: [Double] = [
        0, -0.0, 0.1, 1, -1, 2.5, -3.25, 82.5, 100, 1e15, 1e16, 1e20, 1e21, 1e-4, 1e-5, 1.5e-7, 12_345_678.9, 123_456_789_012,
        1.0 / 3, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.1 + 0.2,
    ]

    static let integers: [Int] = [0, 1, -1, 42, 2568, Int(Int32.max), Int.max, Int.min]

    private func expectSame<T: Encodable>(_ value: T, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let reference = try Ledger.foundationJSON(value)
        let written = CanonicalJSON.encode(value)
        #expect(written == reference, sourceLocation: sourceLocation)
        #expect(try Ledger.canonicalJSON(value) == reference, sourceLocation: sourceLocation)
    }

    /// An application whose every text, number and optional member is chosen by `seed`.
    static func application(_ seed: Int) throws -> Application {
        func text(_ offset: Int) -> String { texts[(seed + offset) % texts.count] }
        func optional(_ offset: Int) -> String? { (seed + offset) % 4 == 0 ? nil : text(offset) }
        func number(_ offset: Int) -> Double { doubles[(seed + offset) % doubles.count] }
        func integer(_ offset: Int) -> Int { integers[(seed + offset) % integers.count] }
        func list(_ offset: Int) -> [String]? {
            switch (seed + offset) % 3 {
            case 0: nil
            case 1: []
            default: [text(offset), text(offset + 1)]
            }
        }
        let date = try #require(LocalDate(iso: "2024-0\(seed % 9 + 1)-1\(seed % 10)"))
        let count = seed % 3
        return Application(
            schemaVersion: seed % 2 + 1, id: "PG-2568-\(seed)", awardYear: integer(0), type: text(1),
            submittedAt: seed % 3 == 0 ? nil : Timestamp(iso: "2025-02-20T10:30:0\(seed % 10)+07:00"),
            agency: Agency(
                kind: AgencyKind.allCases[seed % AgencyKind.allCases.count], name: text(2), nameEn: optional(3), ministry: optional(4),
                province: optional(5)),
            contact: Contact(name: text(6), position: optional(7), email: text(8), phone: optional(9)),
            previousAward: seed % 2 == 0 ? nil : PreviousAward(year: integer(1), type: text(10), title: text(11)),
            work: Work(
                title: text(12), summary: text(13), background: text(14),
                objectives: (0..<count).map { Objective(id: "O\($0)", text: text(15 + $0)) },
                period: Period(start: date, end: seed % 2 == 0 ? nil : date), areas: list(16)),
            stakeholders: (0..<count).map {
                Stakeholder(
                    id: text(17 + $0), name: text(18), kind: StakeholderKind.allCases[(seed + $0) % StakeholderKind.allCases.count],
                    count: $0 == 0 ? nil : integer(2 + $0))
            },
            activities: (0..<count + 1).map {
                Activity(
                    id: "A\($0)", title: text(19 + $0), stage: Stage.allCases[(seed + $0) % Stage.allCases.count],
                    level: ParticipationLevel.allCases[(seed + $0) % ParticipationLevel.allCases.count], technique: optional(20 + $0),
                    date: date, participants: $0 == 1 ? nil : integer(3 + $0), stakeholderRefs: list(21 + $0) ?? [],
                    influence: optional(22 + $0), evidenceRefs: list(23 + $0))
            },
            indicators: (0..<count).map {
                Indicator(
                    id: "I\($0)", name: text(24), unit: text(25), direction: $0 == 0 ? .increase : .decrease, objectiveRef: optional(26),
                    baseline: YearValue(year: integer(4), value: number($0)), target: $0 == 1 ? nil : number(5 + $0),
                    measurements: (0..<(seed % 4)).map { YearValue(year: 2560 + $0, value: number(6 + $0)) },
                    comparisons: seed % 3 == 0 ? nil : (0..<(seed % 3)).map { Comparison(label: text(27 + $0), value: number(9 + $0)) },
                    evidenceRefs: list(28))
            },
            sustainability: optional(29), lessons: optional(30),
            evidence: (0..<count).map {
                Evidence(
                    id: "E\($0)", kind: EvidenceKind.allCases[(seed + $0) % EvidenceKind.allCases.count], title: text(31), uri: optional(32),
                    sha256: optional(33))
            },
            declaration: Declaration(signedBy: text(34), position: text(35), date: date),
            responses: seed % 3 == 0 ? nil : (0..<(seed % 3)).map { Response(criterion: "C\($0)", text: text(36 + $0), evidenceRefs: list(37)) }
        )
    }

    @Test("generated applications, their facts, profiles and entry payloads: every text, number and nil or empty member")
    func applications() throws {
        for seed in 0..<(Self.texts.count * 3) {
            let application = try Self.application(seed)
            try expectSame(application)
            try expectSame(ApplicationFacts(application))
            try expectSame(EntryProfile(application))
            let payload = EntryIngested(
                id: application.id, version: seed, sha256: Ledger.sha256Hex(Data()), source: Self.texts[seed % Self.texts.count],
                application: application)
            try expectSame(payload)
            let prepared = try PreparedEntry(application: application, canonical: Data(), source: payload.source)
            #expect(try prepared.payload(version: seed) == Ledger.foundationJSON(payload))
        }
    }

    @Test("numbers: every integer width at its ends, doubles and floats as the encoder writes them")
    func numbers() throws {
        try expectSame(Self.doubles)
        try expectSame(Self.doubles.map { YearValue(year: 1, value: $0) })
        try expectSame(Self.doubles.map { [$0] as [Double?] })
        try expectSame(Self.doubles.map { Float($0) }.filter(\.isFinite))
        try expectSame([Float(0.1), 16_777_216, 1e-7, -0.0])
        try expectSame(Self.integers)
        try expectSame(Widths())
        try expectSame([Int8.min, Int8.max])
        try expectSame([UInt64.max, 0])
        try expectSame([true, false])
        try expectSame(2568)
        try expectSame(-0.0)
    }

    @Test("texts as values and as keys, in any order: keys sort by their UTF-8 bytes")
    func textsAndKeys() throws {
        try expectSame(Self.texts)
        for text in Self.texts { try expectSame(text) }
        var keyed: [String: Int] = [:]
        for (index, key) in (Self.texts + ["B", "a", "a10", "a2", "_x", "Z", "é", "e", "ab", "ｂ", "10", "9", "ก", "😀"]).enumerated() {
            keyed[key] = index
        }
        try expectSame(keyed)
        try expectSame([keyed, [:]])
        try expectSame([3: "c", 10: "b", 1: "a", -2: "d"])
        try expectSame(["x": [["y": [1, 2]], [:]], "a": [[:]]])
        try expectSame(Unsorted(zulu: "z", alpha: nil, mike: [], bravo: "b"))
        try expectSame([Unsorted(zulu: "z", alpha: "a", mike: ["m/"], bravo: nil)])
    }

    @Test("nil and empty: optionals, empty containers, a nested value that encodes nothing, null written")
    func nilAndEmpty() throws {
        try expectSame([Int?.none, 1])
        try expectSame(Int?.none)
        try expectSame([[String]]())
        try expectSame([[String]()])
        try expectSame([Nothing()])
        try expectSame(Holder(nothing: Nothing(), wrapped: Wrapped(inner: Unsorted(zulu: "z", alpha: "a", mike: nil, bravo: "b"))))
        try expectSame(ListingNulls(first: nil, second: "2"))
        try expectSame(Wrapped(inner: Unsorted(zulu: "", alpha: nil, mike: nil, bravo: nil)))
    }

    @Test("what the encoder writes by its own rules or refuses is left to it, with the same bytes or the same failure")
    func leftToTheEncoder() throws {
        let date = Date(timeIntervalSince1970: 1_740_000_000.5)
        let leftOut: [any Encodable] = [
            date, [date], Data([1, 2, 3]), ["d": Data()], URL(string: "https://example.go.th/a b")!, Decimal(string: "12.50")!,
            [Decimal(1)], Twice(), Nested(), Super(), Deep(level: 300),
        ]
        for value in leftOut {
            #expect(CanonicalJSON.encode(value) == nil, "\(value)")
            #expect(try Ledger.canonicalJSON(value) == Ledger.foundationJSON(value), "\(value)")
        }
        try expectSame(Deep(level: 200))
        for value: any Encodable in [Double.nan, [Double.infinity], YearValue(year: 1, value: -.infinity), Float.nan, Nothing()] {
            #expect(CanonicalJSON.encode(value) == nil)
            #expect(throws: EncodingError.self) { try Ledger.canonicalJSON(value) }
        }
    }

    @Test("a writer is freed once the value is written: its spare encoders do not keep it")
    func writerIsFreed() throws {
        weak var freed: CanonicalJSONWriter?
        do {
            let writer = CanonicalJSONWriter()
            freed = writer
            #expect(CanonicalJSON.encode(try Self.application(5), writer: writer) == (try Ledger.foundationJSON(try Self.application(5))))
        }
        #expect(freed == nil)
    }

    @Test("an encoder is reused only when nothing holds it")
    func reuse() throws {
        let box = EncoderBox()
        let pair = KeeperPair(a: Keeper(box: box), b: Checker(box: box), c: [Checker(box: box)])
        let written = CanonicalJSON.encode(pair)
        #expect(written == #"{"a":"kept","b":["a"],"c":[["a"]]}"#)
        #expect(try Ledger.foundationJSON(pair) == written)
    }
}

private struct Widths: Encodable {
    var int8 = Int8.min, int16 = Int16.min, int32 = Int32.min, int64 = Int64.min
    var uint = UInt.max, uint8 = UInt8.max, uint16 = UInt16.max, uint32 = UInt32.max, uint64 = UInt64.max
    var float = Float.greatestFiniteMagnitude, double = Double.leastNonzeroMagnitude, bool = true
}

/// Members declared out of key order, some nil.
private struct Unsorted: Encodable {
    var zulu: String
    var alpha: String?
    var mike: [String]?
    var bravo: String?
}

private struct Nothing: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

/// A value encoded through a single-value container: the inner value is written in its place.
private struct Wrapped: Encodable {
    var inner: Unsorted
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(inner)
    }
}

private struct Holder: Encodable {
    var nothing: Nothing
    var wrapped: Wrapped
}

private struct ListingNulls: Encodable {
    var first: String?
    var second: String?
    enum CodingKeys: String, CodingKey { case first, second }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeListingNulls([.second: second, .first: first])
    }
}

/// A key encoded twice: the encoder keeps the last value.
private struct Twice: Encodable {
    enum CodingKeys: String, CodingKey { case a, b }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(1, forKey: .b)
        try container.encode(2, forKey: .a)
        try container.encode(3, forKey: .b)
    }
}

private struct Nested: Encodable {
    enum CodingKeys: String, CodingKey { case a, b }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var inner = container.nestedContainer(keyedBy: CodingKeys.self, forKey: .b)
        try container.encode(1, forKey: .a)
        try inner.encode(2, forKey: .a)
    }
}

private struct Super: Encodable {
    enum CodingKeys: String, CodingKey { case a }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(1, forKey: .a)
        try "x".encode(to: container.superEncoder())
    }
}

/// Arrays nested `level` deep.
private struct Deep: Encodable {
    var level: Int
    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        if level > 0 { try container.encode(Deep(level: level - 1)) }
    }
}

/// Where `Keeper` leaves its encoder, for `Checker` to read after it.
private final class EncoderBox: @unchecked Sendable {
    var encoder: (any Encoder)?
}

/// Keeps its encoder past `encode(to:)`, so that encoder must not be handed to the next value.
private struct Keeper: Encodable {
    let box: EncoderBox
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("kept")
        box.encoder = encoder
    }
}

/// Writes the coding path of the encoder `Keeper` kept: still the keeper's own.
private struct Checker: Encodable {
    let box: EncoderBox
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(box.encoder?.codingPath.map(\.stringValue) ?? [])
    }
}

private struct KeeperPair: Encodable {
    let a: Keeper
    let b: Checker
    let c: [Checker]
}
