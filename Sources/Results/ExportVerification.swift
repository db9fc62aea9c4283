import Export
import Foundation
import Intake
import Model
import Round
import Rubric
import Store

/// `psea verify --against DIR`: recomputes the export from the ledger's events alone and compares it byte by byte.
package enum ExportVerification {
    /// The export files a folder may hold, in the order they are compared.
    package static let formats: [ExportFormat] = [.csv, .json, .html]

    /// The outcome of checking an export folder against the ledger.
    package struct Outcome: Sendable {
        /// The export files found in the folder and compared, in comparison order.
        package var compared: [String]
        /// The first difference of each file that differs (`name: where and how`); empty when all match.
        package var differences: [String]
    }

    /// Recomputes the export of the database at `databasePath` from its events alone and compares it with the
    /// files in `directory`. Throws when the folder holds no export file.
    package static func check(databasePath: String, catalog: RubricCatalog, directory: String) throws -> Outcome {
        let (compared, differences) = try compare(recompute(databasePath: databasePath, catalog: catalog), directory: directory)
        return Outcome(compared: compared, differences: differences)
    }

    /// The bundle recomputed from the events: the database files are copied to a temporary folder, the copy's
    /// projections are rebuilt from its ledger, and the ranking is computed from the copy without recording anything.
    package static func recompute(databasePath: String, catalog: RubricCatalog) throws -> ExportBundle {
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("psea-verify-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: folder) }
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw PSEAError.unwritable(folder.path, reason: error.localizedDescription)
        }
        let copy = folder.appendingPathComponent("copy.sqlite").path
        for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: databasePath + suffix) {
            do {
                try manager.copyItem(atPath: databasePath + suffix, toPath: copy + suffix)
            } catch {
                throw PSEAError.unreadable(databasePath + suffix, reason: error.localizedDescription)
            }
        }
        let store = try CompetitionStore(path: copy, applicationDecoder: StoredApplicationDecoder.decode)
        try store.rebuildProjections()
        // Nothing is recorded: the actor and the clock of this context are never read.
        let context = RoundContext(store: store, catalog: catalog, actor: "psea-verify", clock: .fixed(Date(timeIntervalSince1970: 0)))
        return try RankingRun.load(context, record: false, keep: .scores).bundle
    }

    /// The differences between the files in `directory` and the recomputed ones: empty when every export file
    /// present matches; the first difference of each file otherwise. Throws when the folder holds no export file.
    package static func compare(_ bundle: ExportBundle, directory: String) throws -> (compared: [String], differences: [String]) {
        // Each file name with the bytes it may hold: one version per header language for the CSV files.
        var names: [String] = []
        var candidates: [String: [Data]] = [:]
        for audience in ExportAudience.allCases {
            for format in formats {
                for header in HeaderLanguage.allCases {
                    for file in Exporter.files(bundle, format: format, audience: audience, header: header) {
                        if candidates[file.name] == nil { names.append(file.name) }
                        if candidates[file.name, default: []].contains(file.data) { continue }
                        candidates[file.name, default: []].append(file.data)
                    }
                }
            }
        }
        var compared: [String] = []
        var differences: [String] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            // A missing file is not compared; a FIFO, socket, device or symbolic link in its place is refused, never
            // opened or followed (its target is never read, so never quoted).
            guard RegularFile.entryExists(path), let versions = candidates[name] else { continue }
            let found = try RegularFile.read(path, followingLinks: false)
            compared.append(name)
            guard !versions.contains(found) else { continue }
            let closest = versions.first { firstLine($0) == firstLine(found) } ?? versions[0]
            if let difference = firstDifference(expected: closest, found: found) {
                differences.append("\(name): \(difference)")
            }
        }
        guard !compared.isEmpty else {
            throw PSEAError.unreadable(directory, reason: "no export file (\(names.joined(separator: ", "))) in it")
        }
        return (compared, differences)
    }

    /// The bytes up to the first LF: a CSV file's header row.
    static func firstLine(_ data: Data) -> Data { data.prefix { $0 != 0x0A } }

    /// Where two files first differ: the line (from 1, lines split at LF) and the text around the first differing
    /// character of both versions, or the extra or missing end.
    package static func firstDifference(expected: Data, found: Data) -> String? {
        guard expected != found else { return nil }
        let a = expected.split(separator: 0x0A, omittingEmptySubsequences: false)
        let b = found.split(separator: 0x0A, omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? a[index] : nil
            let right = index < b.count ? b[index] : nil
            guard left != right else { continue }
            switch (left, right) {
            case (let l?, let r?):
                let (x, y) = around(Array(String(decoding: l, as: UTF8.self)), Array(String(decoding: r, as: UTF8.self)))
                return "line \(index + 1) differs: the ledger gives \"\(x)\", the file has \"\(y)\""
            case (nil, let r?):
                return "line \(index + 1) is extra: \"\(shorten(String(decoding: r, as: UTF8.self)))\""
            case (let l?, nil):
                return "line \(index + 1) is missing: \"\(shorten(String(decoding: l, as: UTF8.self)))\""
            case (nil, nil):
                break
            }
        }
        return "the bytes differ"
    }

    /// Both lines cut to the 60 characters around their first difference.
    static func around(_ a: [Character], _ b: [Character]) -> (String, String) {
        var first = 0
        while first < a.count, first < b.count, a[first] == b[first] { first += 1 }
        let start = max(0, first - 30)
        func cut(_ line: [Character]) -> String {
            let end = min(line.count, first + 30)
            let text = start < end ? String(line[start..<end]) : ""
            return (start > 0 ? "…" : "") + shorten(text) + (end < line.count ? "…" : "")
        }
        return (cut(a), cut(b))
    }

    /// The line without CR and byte-order marks, cut to 100 characters.
    static func shorten(_ line: String) -> String {
        let clean = line.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\u{FEFF}", with: "")
        return clean.count > 100 ? String(clean.prefix(100)) + "…" : clean
    }
}
