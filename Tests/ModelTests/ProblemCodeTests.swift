import Foundation
import PSEATestSupport
import Testing

@testable import Model

/// The codes written anywhere under `Sources/`, found by their shape `PSEA-<letters><digits>`.
private func codesInSources() throws -> [String: [String]] {
    let root = TestPaths.packageRoot.appendingPathComponent("Sources")
    let pattern = try NSRegularExpression(pattern: "PSEA-[A-Z]+[0-9]+")
    var found: [String: [String]] = [:]
    let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
    for case let url as URL in files {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
        let range = NSRange(text.startIndex..., in: text)
        for match in pattern.matches(in: text, range: range) {
            let code = String(text[Range(match.range, in: text)!])
            found[code, default: []].append(url.lastPathComponent)
        }
    }
    return found
}

@Suite struct ProblemCodeRegistryTests {
    @Test("every code written in Sources/ is in the registry")
    func everyCodeInSourcesIsRegistered() throws {
        let found = try codesInSources()
        #expect(found.count >= 105)
        let registered = Set(ProblemCode.all.map(\.code))
        for (code, files) in found.sorted(by: { $0.key < $1.key }) {
            #expect(registered.contains(code), "\(code) (in \(Set(files).sorted())) is missing from ProblemCode.all")
        }
    }

    @Test("every registry entry is listed once and written only in the registry file")
    func entriesAreListedOnce() throws {
        let codes = ProblemCode.all.map(\.code)
        let twice = Dictionary(grouping: codes, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(twice.isEmpty, "listed twice: \(twice)")
        #expect(Set(ProblemCode.all).count == ProblemCode.all.count)
        // Other files may name a code in a comment; the registry file writes each exactly once, in its entry.
        for (code, files) in try codesInSources() {
            #expect(files.filter { $0 == "ProblemCode.swift" }.count == 1, "\(code) is not written once in the registry")
        }
    }

    @Test("codes are well-formed; E/W codes match their severity; both summaries are written")
    func entriesAreWellFormed() {
        let thai = { (text: String) in text.unicodeScalars.contains { (0x0E01...0x0E5B).contains($0.value) } }
        for entry in ProblemCode.all {
            #expect(entry.code.wholeMatch(of: /PSEA-(E|W|C|R|RND|DB|IO|RES|WEB)[0-9]{3}/) != nil, "\(entry.code)")
            if entry.module == .intake {
                #expect(entry.code.dropFirst(5).first == (entry.severity == .warning ? "W" : "E"), "\(entry.code)")
            } else {
                // Outside intake, a warning is a round fact reported while the command goes on (a rubric file that
                // differs from the frozen one); every other code stops or refuses.
                #expect(entry.severity != .warning || entry == .rubricDiffersFromFrozen, "\(entry.code)")
            }
            #expect(thai(entry.summary.th) && !entry.summary.en.isEmpty, "\(entry.code)")
            #expect(ProblemCode.named(entry.code) == entry)
        }
        #expect(ProblemCode.named("PSEA-E099") == nil)
    }

    @Test("each module's codes share one prefix")
    func modulesOwnTheirPrefixes() {
        let prefixes: [ProblemCode.Module: Set<String>] = [
            .model: ["PSEA-IO"], .intake: ["PSEA-E", "PSEA-W"], .rubric: ["PSEA-R0", "PSEA-R1"],
            .panel: ["PSEA-C"], .round: ["PSEA-RND"], .store: ["PSEA-DB"], .results: ["PSEA-RES"], .web: ["PSEA-WEB"],
        ]
        for entry in ProblemCode.all {
            let allowed = prefixes[entry.module] ?? []
            #expect(allowed.contains { entry.code.hasPrefix($0) }, "\(entry.code) is not a \(entry.module) code")
        }
    }

    @Test func severitiesAreOrdered() {
        #expect(Severity.warning < .error && Severity.error < .fatal)
        #expect(Severity.allCases.sorted() == [.warning, .error, .fatal])
    }
}

@Suite struct ProblemProtocolTests {
    @Test("a diagnostic made from a registry entry carries its code and severity, and prints its place")
    func diagnosticFromEntry() {
        let unlocated = ProblemCode.evidenceUnused.diagnostic(th: "ไม่ใช้", en: "unused", at: "/evidence/1")
        #expect(unlocated.code == "PSEA-W062" && unlocated.severity == .warning && unlocated.pointer == "/evidence/1")
        #expect(unlocated.entry == .evidenceUnused)
        #expect(unlocated.formatted(.en) == "/evidence/1: warning PSEA-W062: unused")
        let located = ProblemCode.badURI.diagnostic(th: "ผิด", en: "bad", at: "/x", location: SourceLocation(line: 3, column: 7, path: "/x"))
        #expect(located.formatted(.th) == "3:7: error PSEA-E061: ผิด")
    }

    @Test("an error's severity follows whose fault it is; its place is the path it names")
    func errors() {
        let io = PSEAError.unreadable("/tmp/a.xml", reason: "gone")
        #expect(io.code == "PSEA-IO001" && io.severity == .fatal && io.place == "/tmp/a.xml")
        #expect(io.formatted(.en) == "/tmp/a.xml: fatal PSEA-IO001: cannot read /tmp/a.xml: gone")
        #expect(PSEAError.unwritable("/o", reason: "r").entry == .fileUnwritable)
        let invalid = PSEAError(code: .unknownEntry, message: LocalizedText(th: "ไม่พบ", en: "none"), isInvalidInput: true)
        #expect(invalid.severity == .error && invalid.place.isEmpty && invalid.formatted(.en) == "error PSEA-RND005: none")
    }

    @Test("problems of any module print the same way through the protocol")
    func anyProblem() {
        let problems: [any Problem] = [
            ProblemCode.emptyFile.diagnostic(th: "ว่าง", en: "empty"),
            PSEAError.unreadable("f", reason: "r"),
        ]
        #expect(problems.map { $0.formatted(.en) } == ["error PSEA-E001: empty", "f: fatal PSEA-IO001: cannot read f: r"])
    }
}

@Suite struct NearestNameTests {
    @Test("the nearest known name within half the length, ties to the first in sorted order, none when far")
    func nearest() {
        let known = ["PG-2568-0044", "PG-2568-0042", "PG-2568-0107"]
        #expect(NearestName.nearest(to: "PG-2568-0O44", in: known) == "PG-2568-0044")
        #expect(NearestName.nearest(to: "PG-2568-0045", in: known) == "PG-2568-0042")
        #expect(NearestName.nearest(to: "PG-2568-0045", in: known.reversed()) == "PG-2568-0042")
        #expect(NearestName.nearest(to: "X", in: known) == nil)
        #expect(NearestName.nearest(to: "anything", in: []) == nil)
        #expect(NearestName.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), atMost: 5) == 3)
        #expect(NearestName.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), atMost: 2) == nil)
    }
}
