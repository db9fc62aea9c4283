import Foundation
import PSEATestSupport
import Panel
import Testing

@testable import Store

@Suite("Store: payloads written directly are the encoder's bytes")
struct CanonicalPayloadTests {
    /// Texts that take every path of the writer: plain, Thai, slashes, quotes, backslashes, every control
    /// character, DEL and the C1 controls, line and paragraph separators, emoji.
    static let texts: [String?] =
        [nil, "", "ดีมาก", "a/b", "say \"hi\"", #"back\slash"#, "line\nbreak", "\u{7F}\u{85}\u{9F}", "\u{2028}\u{2029}", "🙂 e\u{301}"]
        + (0..<0x20).map { "x\(Character(Unicode.Scalar(UInt8($0))))y" }

    @Test("a score's payload equals Ledger.canonicalJSON for every kind of text, number and evidence")
    func scores() throws {
        let percents: [Double] = [0, 5, 50, 85, 100, 82.5, 0.1, -0.0, -5, 1e15, 1e20, 12_345_678_901]
        let evidence: [[String]?] = [nil, [], ["E1"], ["E1", "E/2", "ห\"3"]]
        var checked = 0
        for (index, text) in Self.texts.enumerated() {
            for percent in percents {
                let score = Score(
                    judge: "J\(index)", application: "PG-2568-0001", criterion: text ?? "C1", percent: percent, comment: text,
                    band: index.isMultiple(of: 2) ? text : "ดี", strength: text, opportunity: index.isMultiple(of: 3) ? nil : text,
                    evidence: evidence[index % evidence.count])
                #expect(try score.canonicalText == Ledger.canonicalJSON(score), "\(score)")
                checked += 1
            }
        }
        #expect(checked == Self.texts.count * percents.count)
    }

    @Test("an assignment's payload equals Ledger.canonicalJSON")
    func assignments() throws {
        for text in Self.texts.compactMap({ $0 }) {
            let assignment = Assignment(judge: "J/" + text, application: text)
            #expect(try assignment.canonicalText == Ledger.canonicalJSON(assignment))
        }
    }

    @Test("the ledger a store writes holds the encoder's payload bytes for every score and assignment, and verifies")
    func storedEvents() throws {
        let temp = try Fixture.populated()
        for (index, text) in Self.texts.enumerated() {
            try temp.store.recordScore(
                Score(
                    judge: "J1", application: "PG-1", criterion: "C\(index)", percent: Double(index % 21) * 5, comment: text, strength: text,
                    evidence: index.isMultiple(of: 2) ? ["E1"] : nil), actor: "J1", at: Fixture.at(20 + index))
        }
        var checked = 0
        for event in try temp.store.events() {
            switch event.kind {
            case EventKind.scoreGiven.rawValue:
                #expect(event.payload == (try Ledger.canonicalJSON(JSONDecoder().decode(Score.self, from: Data(event.payload.utf8)))))
                checked += 1
            case EventKind.assignmentMade.rawValue:
                #expect(event.payload == (try Ledger.canonicalJSON(JSONDecoder().decode(Assignment.self, from: Data(event.payload.utf8)))))
                checked += 1
            default: break
            }
        }
        #expect(checked == Self.texts.count + 4)
        #expect(try temp.store.verify().ok)
    }

    @Test("the writer leaves to the encoder what it does not write exactly: escapes and numbers with a fraction")
    func fallsBack() {
        var object = CanonicalObject()
        object.add("a", "plain/ไทย")
        object.add("b", 85)
        #expect(object.text == #"{"a":"plain/ไทย","b":85}"#)
        for escaped in ["q\"", #"b\"#, "t\t", "n\u{0}"] {
            var object = CanonicalObject()
            object.add("a", escaped)
            #expect(object.text == nil)
        }
        for number in [82.5, -0.0, 1e15, .infinity, .nan] {
            var object = CanonicalObject()
            object.add("a", number)
            #expect(object.text == nil)
        }
    }
}
