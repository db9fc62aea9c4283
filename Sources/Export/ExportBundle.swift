import Foundation
import Model
import Panel
import Ranking
import Rubric
import Scoring

extension Score {
    /// The band as the individual-scores export writes it: the recorded one, or the PMQA band of the percent
    /// snapped to 5-point steps.
    package var bandLabel: String {
        if let band, !band.isEmpty { return band }
        return BandSet.pmqaRanges.label(for: Scorer.snap(percent)) ?? ""
    }
}

/// Everything an export is made from. Identical bundles give byte-identical files: nothing here reads the clock.
package struct ExportBundle: Sendable, Equatable {
    package var ranking: RankingResult
    /// Every individual score of the round.
    package var scores: [Score]
    /// SHA-256 (hex) of each rubric file, keyed by rubric key (`year/type`).
    package var rubricHashes: [String: String]
    /// The hash of the last ledger event when the export was made.
    package var ledgerHead: String?
    /// The last signed checkpoint of the ledger (its event count, head, public key and signature), when one was made.
    package var checkpoint: Checkpoint?
    /// A time stamp to print, only when the caller passes one as data.
    package var generatedAt: String?
    /// Whether the committee has approved these results; until then every public file is marked ร่าง / DRAFT.
    package var approved: Bool = false
    /// The judging body of each sub-type (`year/type`), from the year's round file; a sub-type without one is
    /// published without it.
    package var judgingBodies: [String: LocalizedText] = [:]

    package init(
        ranking: RankingResult, scores: [Score], rubricHashes: [String: String] = [:], ledgerHead: String? = nil,
        generatedAt: String? = nil
    ) {
        self.ranking = ranking
        self.scores = scores
        self.rubricHashes = rubricHashes
        self.ledgerHead = ledgerHead
        self.generatedAt = generatedAt
    }

    /// Entries in publication order: by scope, then agency name in Thai collation, then application id. Collation
    /// is costly, so each distinct name is collated once and entries are sorted by its place.
    package var entriesByAgency: [RankedEntry] {
        let names = Set(ranking.entries.map(\.entry.agency.name)).sorted { Thai.collates($0, before: $1) }
        let place = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let keys = ranking.entries.map { (scope: $0.scope, place: place[$0.entry.agency.name] ?? 0, application: $0.application) }
        return keys.indices.sorted { a, b in
            if keys[a].scope != keys[b].scope { return keys[a].scope < keys[b].scope }
            if keys[a].place != keys[b].place { return keys[a].place < keys[b].place }
            return keys[a].application < keys[b].application
        }.map { ranking.entries[$0] }
    }

    /// The rubrics of the ranked entries, one per key, sorted by key.
    package var rubrics: [Rubric] {
        var seen: [String: Rubric] = [:]
        for entry in ranking.entries where seen[entry.entry.rubric.key] == nil { seen[entry.entry.rubric.key] = entry.entry.rubric }
        return seen.keys.sorted().compactMap { seen[$0] }
    }

    /// Individual scores sorted by application, criterion, judge, then percent.
    package var sortedScores: [Score] {
        scores.sorted { a, b in
            if a.application != b.application { return a.application < b.application }
            if a.criterion != b.criterion { return a.criterion < b.criterion }
            if a.judge != b.judge { return a.judge < b.judge }
            return a.percent < b.percent
        }
    }
}

/// One file of an export: its name inside the output folder and its bytes.
@MemberwiseInit
package struct ExportFile: Sendable, Equatable {
    package var name: String
    package var data: Data
}

/// The export formats of `psea export`.
package enum ExportFormat: String, Sendable, CaseIterable {
    case csv, json, html
}

/// Who an export is for. `public`: winners by sub-type and level as OPDC announces them, with no score, rank or
/// tie note. `staff`: the panel's working sheets with scores, ranks, tie notes and per-criterion columns.
package enum ExportAudience: String, Sendable, CaseIterable {
    case `public`, staff
}

/// The language of a CSV header row: Thai (the default for staff) or English column keys.
package enum HeaderLanguage: String, Sendable, CaseIterable {
    case th, en
}

/// Builds export files and writes them to a folder.
package enum Exporter {
    /// Public CSV: `results.csv` (winners by level). Staff CSV: `results-<type>.csv` per sub-type and `scores.csv`.
    package static let resultsCSV = "results.csv"
    package static let scoresCSV = "scores.csv"
    /// JSON: `results.json` (public) and `results-staff.json` (staff).
    package static let resultsJSON = "results.json"
    package static let staffJSON = "results-staff.json"
    /// HTML: `index.html` (public) and `staff.html` (staff).
    package static let publicationHTML = "index.html"
    package static let staffHTML = "staff.html"

    /// The files of one format for one audience; `header` is the language of the CSV header rows.
    package static func files(
        _ bundle: ExportBundle, format: ExportFormat, audience: ExportAudience, header: HeaderLanguage = .th
    ) -> [ExportFile] {
        if let publication = publication(format, audience: audience, header: header) {
            return [ExportFile(name: publication.name, data: PublicationWriter.data(publication.kind, bundle))]
        }
        return format == .csv ? CSVExport.staffFiles(bundle, header: header) : [ExportFile(name: staffJSON, data: JSONExport.data(bundle))]
    }

    /// The file `PublicationWriter` writes for `format` and `audience` (each public file and the staff page), or nil
    /// for the staff sheets and the staff JSON.
    package static func publication(
        _ format: ExportFormat, audience: ExportAudience, header: HeaderLanguage
    ) -> (name: String, kind: PublicationWriter.Kind)? {
        switch (format, audience) {
        case (.csv, .public): return (resultsCSV, .csv(header))
        case (.json, .public): return (resultsJSON, .json)
        case (.html, .public): return (publicationHTML, .html(.public))
        case (.html, .staff): return (staffHTML, .html(.staff))
        case (.csv, .staff), (.json, .staff): return nil
        }
    }

    /// Writes the files of one format for one audience into `directory` (created when needed) and returns their
    /// names. Staff JSON and `scores.csv` are streamed to their files; every file replaces an existing one of its
    /// name only once it is complete.
    package static func export(
        _ bundle: ExportBundle, format: ExportFormat, audience: ExportAudience, header: HeaderLanguage = .th, to directory: URL
    ) throws -> [String] {
        switch (format, audience) {
        case (.json, .staff):
            try makeDirectory(directory)
            try stream(staffJSON, into: directory) { JSONExport.write(bundle, to: $0) }
            return [staffJSON]
        case (.csv, .staff):
            let sheets = CSVExport.staffSheets(bundle, header: header)
            try write(sheets, to: directory)
            try stream(scoresCSV, into: directory) { CSVExport.writeScores(bundle, to: $0) }
            return sheets.map(\.name) + [scoresCSV]
        default:
            let files = files(bundle, format: format, audience: audience, header: header)
            try write(files, to: directory)
            return files.map(\.name)
        }
    }

    /// The pieces a streaming writer hands to its sink, joined: the file's bytes in memory.
    static func collect(_ produce: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) -> Data {
        var data = Data()
        produce { data.append($0) }
        return data
    }

    /// Writes a public file or the staff page (`name`, made by a `PublicationWriter` of `kind`) into `directory`
    /// (created when needed) as it is made, a sub-type at a time: `feed` starts the writer with the heading (`start`)
    /// and adds each sub-type; the writer is finished here. An existing file of the name is replaced only once the
    /// new one is complete; an error `feed` throws leaves it as it was and is thrown as it is, and a folder made for
    /// the file is taken away again when it is still empty (a refused database leaves nothing behind).
    package static func publish(
        _ name: String, kind: PublicationWriter.Kind, to directory: URL,
        _ feed: (_ start: (PublicationHeading) -> PublicationWriter) throws -> Void
    ) throws {
        let existed = FileManager.default.fileExists(atPath: directory.path)
        try makeDirectory(directory)
        do {
            try publish(name, kind: kind, into: directory, feed)
        } catch {
            // rmdir removes only an empty folder.
            if !existed { _ = rmdir(directory.path) }
            throw error
        }
    }

    private static func publish(
        _ name: String, kind: PublicationWriter.Kind, into directory: URL,
        _ feed: (_ start: (PublicationHeading) -> PublicationWriter) throws -> Void
    ) throws {
        try stream(name, into: directory) { sink in
            try withoutActuallyEscaping(sink) { sink in
                var writer: PublicationWriter?
                try feed { heading in
                    let started = PublicationWriter(kind, heading: heading, sink: sink)
                    writer = started
                    return started
                }
                writer?.finish()
            }
        }
    }

    /// Writes the pieces `produce` hands over to `.NAME.partial` beside the file, then renames it over `name`. An
    /// error `produce` throws is thrown as it is, the partial file removed.
    private static func stream(
        _ name: String, into directory: URL,
        _ produce: ((UnsafeBufferPointer<UInt8>) -> Void) throws -> Void
    ) throws {
        let url = directory.appendingPathComponent(name)
        let partial = directory.appendingPathComponent(".\(name).partial")
        var producing: (any Error)?
        do {
            guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
                throw PSEAError.unwritable(partial.path, reason: "the file could not be created")
            }
            let handle = try FileHandle(forWritingTo: partial)
            var failure: (any Error)?
            do {
                try produce { bytes in
                    guard failure == nil else { return }
                    do { try handle.write(contentsOf: bytes) } catch { failure = error }
                }
            } catch {
                producing = error
                try? handle.close()
                throw error
            }
            try handle.close()
            if let failure { throw failure }
            guard rename(partial.path, url.path) == 0 else {
                throw PSEAError.unwritable(url.path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            if let producing { throw producing }
            if let error = error as? PSEAError { throw error }
            throw PSEAError.unwritable(url.path, reason: error.localizedDescription)
        }
    }

    private static func makeDirectory(_ directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PSEAError.unwritable(directory.path, reason: error.localizedDescription)
        }
    }

    /// Writes the files into `directory`, creating it when needed; existing files of the same names are replaced.
    package static func write(_ files: [ExportFile], to directory: URL) throws {
        try makeDirectory(directory)
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            do {
                try file.data.write(to: url, options: .atomic)
            } catch {
                throw PSEAError.unwritable(url.path, reason: error.localizedDescription)
            }
        }
    }
}

/// Bytes on their way to a sink: gathered in a buffer that is handed over, and emptied, once it holds `chunkBytes`
/// at a point the writer chooses (after a row, before an item), so a streamed file never sits whole in memory.
struct ChunkedOutput {
    private var buffer: [UInt8] = []
    private let chunkBytes: Int
    private let sink: (UnsafeBufferPointer<UInt8>) -> Void

    init(chunkBytes: Int, sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.chunkBytes = max(1, chunkBytes)
        self.sink = sink
        buffer.reserveCapacity(min(self.chunkBytes, 1 << 20) + 4096)
    }

    mutating func append(_ byte: UInt8) { buffer.append(byte) }

    mutating func append<Bytes: Sequence>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
    }

    /// Hands the buffer over if it holds at least `chunkBytes`.
    mutating func flushIfFull() {
        if buffer.count >= chunkBytes { flush() }
    }

    /// Hands over whatever the buffer holds.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer(sink)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Text helpers shared by the export formats.
enum Text {
    /// Two decimals at most, no trailing zeros.
    static func number(_ value: Double?) -> String { value.map(Ranker.format) ?? "" }

    /// Escapes text for HTML element content: a value with a bidirectional control is isolated in `<bdi>`, so an
    /// override inside it cannot reorder the page around it.
    static func html(_ text: String) -> String {
        guard UnicodeText.needsCare(text) else { return markup(text) }
        let escaped = markup(UnicodeText.withoutForbidden(text))
        return UnicodeText.hasBidiControl(text) ? "<bdi>" + escaped + "</bdi>" : escaped
    }

    /// Escapes text for attribute values and `<title>`, where no tag can go: markup characters as references,
    /// a control character other than tab, LF and CR as its escape (`\u001B`), a value with a bidirectional
    /// control between FSI and PDI.
    static func plainHTML(_ text: String) -> String {
        markup(UnicodeText.needsCare(text) ? UnicodeText.isolated(UnicodeText.withoutForbidden(text)) : text)
    }

    /// The markup characters of `text` as character references and nothing else: for a form field's value
    /// (`<textarea>`, `value="…"`), which the browser shows apart and sends back, so it must come back unchanged.
    static func markup(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
