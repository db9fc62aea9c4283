import Foundation
import PSEATestSupport
import Testing

@testable import psea

@Suite("validate: files named one by one")
struct NamedFilesTests {
    /// The shipped samples, sorted as a folder lists them.
    static func samples() throws -> [String] {
        let folder = CLI.packageRoot.appendingPathComponent("Samples/invalid")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }
            .sorted().map { "Samples/invalid/\($0)" }
    }

    @Test("naming every file of a folder gives what the folder gives, in text and JSON")
    func namedLikeTheFolder() throws {
        let files = try Self.samples()
        #expect(files.count > 20)
        for format in ["text", "json"] {
            let named = try CLI.run(["validate", "--format", format] + files)
            let folder = try CLI.run(["validate", "--format", format, "Samples/invalid"])
            #expect(named.status == 1)
            #expect(named.status == folder.status)
            #expect(named.stdout == folder.stdout)
        }
    }

    @Test("options among the files are read as options, the files kept in their order")
    func optionsAmongFiles() throws {
        let files = try Self.samples()
        let arguments = ["validate"] + files[0..<5] + ["--lang", "th"] + files[5..<9] + ["--format", "json"] + files[9...]
        let mixed = try CLI.run(Array(arguments))
        let plain = try CLI.run(["validate", "--lang", "th", "--format", "json"] + files)
        #expect(mixed.status == 1)
        #expect(mixed.stdout == plain.stdout)
    }

    @Test("ArgumentParser sees the first two words of each run; the rest go back in their place")
    func shortening() throws {
        let named = try #require(NamedFiles(["validate", "a", "b", "c", "--lang", "th", "d", "e", "--format=json", "f", "g", "h"]))
        #expect(named.shortened == ["validate", "a", "b", "--lang", "th", "d", "--format=json", "f", "g"])
        // `th` was --lang's value, so ArgumentParser found a, b, d, f and g.
        #expect(named.files(parsed: ["a", "b", "d", "f", "g"]) == ["a", "b", "c", "d", "e", "f", "g", "h"])
    }

    @Test("a command line that could be ambiguous, or needs no shortening, is parsed whole")
    func parsedWhole() {
        #expect(NamedFiles(["validate", "a", "b"]) == nil)
        #expect(NamedFiles(["validate", "a", "b", "c", "--", "-d"]) == nil)
        #expect(NamedFiles(["validate", "--rubrics", "a", "a", "b", "c"]) == nil)
        #expect(NamedFiles(["score", "a", "b", "c"]) == nil)
        #expect(NamedFiles(["help", "validate", "a", "b"]) == nil)
    }
}
