import Foundation
import Model
import Ranking
import Rubric

/// What a published file says apart from its sub-types: whether the results are approved, where they come from
/// (ledger head, checkpoint, rubric files with their hashes and seeds) and the years they cover. A whole bundle has
/// one; a round written a sub-type at a time has it made before its first sub-type is ranked.
@MemberwiseInit
package struct PublicationHeading: Sendable {
    /// Whether the committee has approved the results (else every public file says ร่าง / DRAFT).
    package var approved: Bool
    package var ledgerHead: String?
    package var checkpoint: Checkpoint?
    package var generatedAt: String?
    /// The rubrics of the sub-types published, one per key, sorted by key.
    package var rubrics: [Rubric]
    /// SHA-256 (hex) of each rubric file, by rubric key.
    package var rubricHashes: [String: String]
    /// The lottery seed of each sub-type whose ranking drew lots, by rubric key (only the staff page prints them).
    package var seeds: [String: UInt64]
    /// The award years of the entries, ascending.
    package var years: [Int]
}

extension PublicationHeading {
    /// The heading of a whole bundle.
    package init(_ bundle: ExportBundle) {
        self.init(
            approved: bundle.approved, ledgerHead: bundle.ledgerHead, checkpoint: bundle.checkpoint, generatedAt: bundle.generatedAt,
            rubrics: bundle.rubrics, rubricHashes: bundle.rubricHashes, seeds: bundle.ranking.seedsUsed,
            years: Set(bundle.ranking.entries.map(\.entry.year)).sorted())
    }
}

/// A public file (`results.csv`, `results.json`, `index.html`) or the staff page, written a sub-type at a time: made
/// with the heading, handed each sub-type's bundle in key order with `add`, closed with `finish`; what it writes goes
/// to the sink in pieces of about `chunkBytes`. Given one bundle of the whole round it writes what
/// `Exporter.files` returns, which is this writer: a round of any size is published holding one sub-type.
package final class PublicationWriter {
    /// The file written.
    package enum Kind: Sendable {
        case csv(HeaderLanguage), json
        case html(ExportAudience)
    }

    private let kind: Kind
    /// The heading; the seeds of the lotteries drawn are added as each sub-type is (the page lists them at its end).
    private var heading: PublicationHeading
    private var csv: CSVExport.Encoder?
    private var json: JSONExport.Writer?
    private var html: ChunkedOutput?
    private var sections = 0

    package init(
        _ kind: Kind, heading: PublicationHeading, chunkBytes: Int = 1 << 20, sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        self.kind = kind
        self.heading = heading
        switch kind {
        case .csv(let header):
            var encoder = CSVExport.Encoder(chunkBytes: chunkBytes, sink: sink)
            encoder.row(header == .th ? PublicResults.columnsTh : PublicResults.columns)
            csv = encoder
        case .json:
            let writer = JSONExport.Writer(chunkBytes: chunkBytes, sink: sink)
            PublicResults.writeHead(heading, into: writer)
            json = writer
        case .html:
            var out = ChunkedOutput(chunkBytes: chunkBytes, sink: sink)
            out.append(contentsOf: PublicationPage.top(heading).utf8)
            html = out
        }
    }

    /// Writes the part of `bundle`'s sub-types (a bundle of one sub-type, or of several in key order).
    package func add(_ bundle: ExportBundle) {
        heading.seeds.merge(bundle.ranking.seedsUsed) { first, _ in first }
        switch kind {
        case .csv:
            let mark = PublicResults.mark(approved: heading.approved)
            for winner in PublicResults.winners(bundle) { csv?.row(PublicResults.row(winner, mark: mark, bundle: bundle)) }
        case .json:
            guard let json else { return }
            for winner in PublicResults.winners(bundle) { PublicResults.write(winner, bundle: bundle, into: json) }
        case .html(let audience):
            for section in PublicationPage.sections(bundle, audience: audience) {
                html?.append(contentsOf: PublicationPage.render(section).utf8)
                html?.flushIfFull()
                sections += 1
            }
        }
    }

    /// Writes what follows the last sub-type and hands over the rest.
    package func finish() {
        switch kind {
        case .csv: csv?.finish()
        case .json:
            guard let json else { return }
            PublicResults.writeTail(into: json)
        case .html(let audience):
            html?.append(contentsOf: PublicationPage.bottom(heading, audience: audience, empty: sections == 0).utf8)
            html?.flush()
        }
    }

    /// The file of a whole bundle, in memory.
    package static func data(_ kind: Kind, _ bundle: ExportBundle) -> Data {
        Exporter.collect { sink in
            withoutActuallyEscaping(sink) { sink in
                let writer = PublicationWriter(kind, heading: PublicationHeading(bundle), sink: sink)
                writer.add(bundle)
                writer.finish()
            }
        }
    }
}
