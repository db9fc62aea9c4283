import Foundation
import Model
import PSEATestSupport
import Testing
import Yams

@testable import Rubric

/// A decoding's outcome as the loader reads it: the value, or the error's kind, coding path and description.
private enum Outcome<T: Equatable>: Equatable {
    case value(T)
    case failure(String)
}

/// What `decode` gives for `yaml`, through the loader's decoder or through Yams's own.
private func outcome<T: Decodable & Equatable>(_ type: T.Type, _ yaml: String, yams: Bool) throws -> Outcome<T> {
    let root = try #require(try Yams.compose(yaml: yaml, RubricLoader.resolver))
    let unknown = UnknownWords()
    let userInfo: [CodingUserInfoKey: Any] = UnknownWords.key.map { [$0: unknown] } ?? [:]
    do {
        let value =
            yams
            ? try YAMLDecoder().decode(type, from: root, userInfo: userInfo)
            : try NodeDecoder.decode(type, from: root, resolver: RubricLoader.resolver, userInfo: userInfo)
        let words = unknown.words.map { "\(RubricLoader.dotted($0.path)) \($0.code.code) \($0.message.en)" }
        return words.isEmpty ? .value(value) : .failure(words.joined(separator: "\n"))
    } catch let error as UnknownKeyError {
        return .failure("unknown key \(error.key) at \(RubricLoader.dotted(error.path))")
    } catch let error as DecodingError {
        return .failure(describe(error))
    }
}

private func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case let .keyNotFound(key, context): return "keyNotFound \(key.stringValue) at \(path(context)): \(context.debugDescription)"
    case let .typeMismatch(type, context): return "typeMismatch \(type) at \(path(context)): \(context.debugDescription)"
    case let .valueNotFound(type, context): return "valueNotFound \(type) at \(path(context)): \(context.debugDescription)"
    case let .dataCorrupted(context): return "dataCorrupted at \(path(context)): \(context.debugDescription)"
    @unknown default: return "\(error)"
    }
}

/// A change to a shipped rubric that its decoding must refuse.
struct DecodingBreakage: CustomStringConvertible, Sendable {
    let description: String
    let old: String
    let new: String
}

@Suite("The rubric decoder gives what Yams's decoder gives")
struct NodeDecoderTests {
    static let types = ["open-governance", "effective-change", "participation-expanded", "poverty-integration"]

    @Test("every shipped rubric and the bands decode to the same values", arguments: types)
    func shippedRubrics(type: String) throws {
        let text = try shippedText(type)
        let ours = try outcome(Rubric.self, text, yams: false)
        #expect(ours == (try outcome(Rubric.self, text, yams: true)))
        guard case .value(let rubric) = ours else {
            Issue.record("\(type) did not decode: \(ours)")
            return
        }
        #expect(rubric.dimensions.count > 1)
        let bands = try String(contentsOf: TestPaths.rubrics.appendingPathComponent("bands.yaml"), encoding: .utf8)
        #expect(try outcome(BandSet.self, bands, yams: false) == (try outcome(BandSet.self, bands, yams: true)))
    }

    static let breakages: [DecodingBreakage] = [
        DecodingBreakage(description: "a word for a number", old: "  minJudges: 3", new: "  minJudges: three"),
        DecodingBreakage(description: "a missing key", old: "totalPoints: 100\n", new: ""),
        DecodingBreakage(description: "an unknown key", old: "totalPoints: 100\n", new: "totalPoints: 100\ncolour: blue\n"),
        DecodingBreakage(description: "a list for a text", old: "type: open-governance", new: "type: [open-governance]"),
        DecodingBreakage(description: "a text for a mapping", old: "panel:\n", new: "panel: none\nunused:\n"),
        DecodingBreakage(description: "a quoted number", old: "totalPoints: 100", new: "totalPoints: \"100\""),
        DecodingBreakage(description: "an unknown word", old: "  aggregation: mean\n", new: "  aggregation: average\n"),
        DecodingBreakage(description: "a null year", old: "year: 2568", new: "year: null"),
        DecodingBreakage(description: "a key written as a boolean", old: "tieBreak: [", new: "yes: 1\ntieBreak: ["),
    ]

    @Test("a broken rubric fails the same way: same error, path and description", arguments: breakages)
    func brokenRubrics(breakage: DecodingBreakage) throws {
        let original = try shippedText("open-governance")
        #expect(original.contains(breakage.old))
        let text = original.replacingOccurrences(of: breakage.old, with: breakage.new)
        let ours = try outcome(Rubric.self, text, yams: false)
        guard case .failure = ours else {
            Issue.record("\(breakage) decoded")
            return
        }
        #expect(ours == (try outcome(Rubric.self, text, yams: true)))
    }

    @Test("a document with merge keys is decoded by Yams itself, which flattens them")
    func mergeKeys() throws {
        let text = """
            common: &text {th: ก, en: a}
            bands:
              - min: 0
                max: 100
                adli: {<<: *text}
                letci: {th: ข, en: b}
            """
        let root = try #require(try Yams.compose(yaml: text, RubricLoader.resolver))
        #expect(NodeDecoder.needsFlattening(root))
        #expect(!NodeDecoder.needsFlattening(try #require(try Yams.compose(yaml: try shippedText("open-governance"), RubricLoader.resolver))))
        #expect(try outcome(BandSet.self, text, yams: false) == (try outcome(BandSet.self, text, yams: true)))
    }
}
