import Export
import Foundation
import Model
import PSEATestSupport
import Results
import Round
import Testing

/// `RoundResults.export` writes the public files and the staff page a sub-type at a time; the web workspace's
/// downloads (`exportFiles`) are made from the whole ranking at once. They must be the same bytes, approved or not.
@Suite("Results: the public files and the staff page written a sub-type at a time", .serialized)
struct PublicationStreamTests {
    static let publications: [(format: ExportFormat, audience: ExportAudience)] = [
        (.csv, .public), (.json, .public), (.html, .public), (.html, .staff),
    ]

    /// Writes every publication into `folder` and compares each with the whole ranking's file; returns the public
    /// page.
    func writeAndCompare(_ context: RoundContext, in folder: URL) throws -> String {
        var page = ""
        for (format, audience) in Self.publications {
            for header in HeaderLanguage.allCases where format == .csv || header == .th {
                let out = folder.appendingPathComponent("\(format)-\(audience)-\(header)")
                let exported = try RoundResults.export(context, format: format, audience: audience, header: header, to: out)
                let whole = try RoundResults.exportFiles(context, format: format, audience: audience, header: header)
                #expect(exported.files == whole.map(\.name) && exported.withoutRubric.isEmpty)
                for file in whole {
                    let written = try Data(contentsOf: out.appendingPathComponent(file.name))
                    #expect(written == file.data, "\(format) \(audience) \(header): \(file.name)")
                    if format == .html && audience == .public { page = String(decoding: written, as: UTF8.self) }
                }
                // The file and nothing else: no partial file is left behind.
                #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == exported.files)
            }
        }
        return page
    }

    @Test("an approved round (the demo, every sub-type approved): the same bytes as the whole ranking's, not marked draft")
    func approvedRound() throws {
        let folder = try ResultsFolder()
        _ = try folder.demo()
        let context = try folder.context(.fixed(DemoRound.time), actor: DemoRound.actor)
        let page = try writeAndCompare(context, in: folder.url.appendingPathComponent("stream"))
        #expect(!page.contains("DRAFT") && page.contains("<section"))
    }

    @Test("a round under way (scores in, nothing approved): the same bytes as the whole ranking's, marked draft")
    func draftRound() throws {
        let round = try TemporaryRound.withSampleScores()
        let page = try writeAndCompare(round.context, in: round.folder.appendingPathComponent("stream"))
        #expect(page.contains("DRAFT") && page.contains("<section"))
    }

    @Test("an empty round: the page says there are no entries yet, the CSV has its header, the same bytes")
    func emptyRound() throws {
        let round = try TemporaryRound()
        let page = try writeAndCompare(round.context, in: round.folder.appendingPathComponent("stream"))
        #expect(page.contains("No entries in this round yet.") && !page.contains("<section"))
    }
}
