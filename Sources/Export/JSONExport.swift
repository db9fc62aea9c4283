import Foundation
import Model
import Ranking
import Rubric

/// The JSON export: the content of both CSV files plus the SHA-256 of each rubric file, the lottery seeds used and
/// the ledger head. Keys are written in a fixed order; numbers have at most 2 decimals.
package enum JSONExport {
    /// The value of the `format` key, bumped when the layout changes.
    package static let formatName = "psea-results/1"

    /// `results.json` in memory.
    package static func data(_ bundle: ExportBundle) -> Data {
        Exporter.collect { write(bundle, to: $0) }
    }

    /// `results.json` handed to `sink` in pieces of about `chunkBytes` (in order; their concatenation is `data`), so
    /// that a large round is written to its file without the whole document ever being held in memory.
    package static func write(_ bundle: ExportBundle, chunkBytes: Int = 1 << 20, to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        withoutActuallyEscaping(sink) { sink in write(bundle, into: Writer(chunkBytes: chunkBytes, sink: sink)) }
    }

    private static func write(_ bundle: ExportBundle, into w: Writer) {
        w.object {
            w.key("format", string: formatName)
            let heading = PublicationHeading(bundle)
            w.provenance(heading) { rubric in
                w.key("title") { w.localized(rubric.title) }
                w.key("lotterySeed", raw: heading.seeds[rubric.key].map(String.init) ?? "null")
            }
            w.key("entries") {
                w.array(bundle.entriesByAgency) { e in entry(e, into: w) }
            }
            w.key("scores", objects: bundle.sortedScores) { s in
                w.key("judge", string: s.judge)
                w.key("application", string: s.application)
                w.key("criterion", string: s.criterion)
                w.key("percent", raw: Text.number(s.percent))
                w.key("band", string: s.bandLabel)
                w.key("comment", optional: s.comment)
                w.key("strength", optional: s.strength)
                w.key("opportunity", optional: s.opportunity)
            }
        }
        w.out.append(0x0A)
        w.out.flush()
    }

    static func entry(_ e: RankedEntry, into w: Writer) {
        w.object {
            w.key("application", string: e.application)
            w.key("year", raw: String(e.entry.year))
            w.key("type", string: e.entry.type)
            w.key("agency", string: e.entry.agency.name)
            w.key("agencyEn", optional: e.entry.agency.nameEn)
            w.key("agencyKind", string: e.entry.agency.kind.rawValue)
            w.key("workTitle", string: e.entry.workTitle)
            w.key("status", string: e.status.rawValue)
            w.key("score", raw: e.score.map(Ranker.format) ?? "null")
            w.key("level", optional: e.level?.rawValue)
            w.key("scoreLevel", optional: e.scoreLevel?.rawValue)
            w.key("siteVisit", optional: e.siteVisit?.rawValue)
            w.key("rank", raw: e.rank.map(String.init) ?? "null")
            if let note = e.tieBreak {
                w.key("tieBreak") { w.localized(note.reason) }
            } else {
                w.key("tieBreak", raw: "null")
            }
            w.key("gatesFailed", objects: e.gatesFailed) { gate in
                w.key("gate", string: gate.gate)
                w.key("percent", raw: Ranker.format(gate.percent))
                w.key("minPercent", raw: Ranker.format(gate.minPercent))
            }
            w.key("missing", objects: e.missing) { item in
                w.key("criterion", string: item.criterion)
                w.key("reason") { w.localized(item.reason) }
            }
            w.key("criteria", objects: e.criteria) { c in
                w.key("criterion", string: c.criterion)
                w.key("dimension", string: c.dimension)
                w.key("mode", string: c.mode)
                w.key("source", string: c.input.source.rawValue)
                w.key("percent", raw: c.input.percent.map(Ranker.format) ?? "null")
                w.key("band", optional: c.input.band)
                w.key("points", raw: c.points.map(Ranker.format) ?? "null")
                w.key("maxPoints", raw: Ranker.format(c.maxPoints))
                w.key("n", raw: c.input.panel.map { String($0.n) } ?? "null")
                w.key("median", raw: c.input.panel.map { Ranker.format($0.median) } ?? "null")
                w.key("spread", raw: c.input.panel.map { Ranker.format($0.spread) } ?? "null")
                w.key("consensusReason", optional: c.input.consensusReason)
            }
        }
    }

    /// A small pretty-printing JSON writer with a fixed key order (two-space indent), handing its bytes on in pieces.
    final class Writer {
        /// The UTF-8 bytes written, on their way to the sink.
        var out: ChunkedOutput
        var depth = 0
        var needsComma: [Bool] = []

        init(chunkBytes: Int, sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
            out = ChunkedOutput(chunkBytes: chunkBytes, sink: sink)
        }

        func write(_ text: String) { out.append(contentsOf: text.utf8) }

        func newline() {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: 2 * depth))
        }

        func open(_ bracket: String) {
            write(bracket)
            depth += 1
            needsComma.append(false)
        }

        func close(_ bracket: String) {
            let hadItems = needsComma.removeLast()
            depth -= 1
            if hadItems { newline() }
            write(bracket)
        }

        func item() {
            out.flushIfFull()
            if needsComma.last == true { out.append(UInt8(ascii: ",")) }
            if !needsComma.isEmpty { needsComma[needsComma.count - 1] = true }
            newline()
        }

        func object(_ body: () -> Void) {
            open("{")
            body()
            close("}")
        }

        func array<T>(_ items: [T], _ body: (T) -> Void) {
            open("[")
            for element in items {
                item()
                body(element)
            }
            close("]")
        }

        func key(_ name: String, _ body: () -> Void) {
            item()
            write(JSONText.quoted(name))
            write(": ")
            body()
        }

        /// `"name": [...]` with one object per item, its keys written by `body`.
        func key<T>(_ name: String, objects items: [T], _ body: (T) -> Void) {
            key(name) { array(items) { item in object { body(item) } } }
        }

        /// `"name": ` and `bracket`, left open: what follows is written item by item, then closed with `close`.
        func openKey(_ name: String, _ bracket: String) {
            key(name) { open(bracket) }
        }

        func key(_ name: String, raw: String) {
            item()
            write(JSONText.quoted(name))
            write(": ")
            write(raw)
        }

        func key(_ name: String, string: String) { key(name, raw: JSONText.quoted(string)) }

        func key(_ name: String, optional: String?) { key(name, raw: optional.map(JSONText.quoted) ?? "null") }

        func localized(_ text: LocalizedText) {
            object {
                key("th", string: text.th)
                key("en", string: text.en)
            }
        }

        /// What every JSON export says of where its results come from, in one place: `generatedAt`, `ledgerHead`,
        /// `checkpoint` (the ledger's last signed checkpoint, or null) and `rubrics`, each with its key and SHA-256
        /// followed by what `rubricFields` adds.
        func provenance(_ heading: PublicationHeading, rubricFields: (Rubric) -> Void = { _ in }) {
            key("generatedAt", optional: heading.generatedAt)
            key("ledgerHead", optional: heading.ledgerHead)
            if let checkpoint = heading.checkpoint {
                key("checkpoint") {
                    object {
                        key("events", raw: String(checkpoint.events))
                        key("head", string: checkpoint.head)
                        key("publicKey", string: checkpoint.publicKey)
                        key("signature", string: checkpoint.signature)
                    }
                }
            } else {
                key("checkpoint", raw: "null")
            }
            key("rubrics", objects: heading.rubrics) { rubric in
                key("key", string: rubric.key)
                key("sha256", optional: heading.rubricHashes[rubric.key])
                rubricFields(rubric)
            }
        }
    }
}
