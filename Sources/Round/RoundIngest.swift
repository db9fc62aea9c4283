import Foundation
import Intake
import Model
import Store

/// What happened to one file of an ingest.
package enum IngestOutcome: Sendable {
    /// Valid and stored (or found unchanged); `warnings` are the file's non-blocking findings.
    case stored(file: String, receipt: IngestReceipt, warnings: [Diagnostic])
    /// Invalid: reported and skipped, nothing stored.
    case invalid(IntakeResult)
    /// The file could not be read.
    case unreadable(file: String, error: PSEAError)
    /// Valid, but received after its round's application window closed and no `--late` reason was given: refused,
    /// nothing stored (`error` is `PSEA-RND105`).
    case late(file: String, id: String, error: PSEAError)
}

/// Counts of an ingest run.
package struct IngestSummary: Sendable, Equatable, Codable {
    package var stored = 0
    package var unchanged = 0
    package var newVersions = 0
    package var invalid = 0
    package var unreadable = 0
    /// Refused because they arrived after the window closed (see `IngestOutcome.late`).
    package var late = 0
    /// Stored after the window closed with the staff's `--late` reason (counted in `stored` or `newVersions` too).
    package var acceptedLate = 0

    package init() {}

    /// Files looked at.
    package var files: Int { stored + unchanged + newVersions + invalid + unreadable + late }
}

/// Ingests application files into the store, chunk by chunk: each chunk is validated on every core, then its
/// valid files are stored in one transaction. A killed run leaves whole chunks stored or not at all, and a
/// re-run finds the stored files unchanged; memory holds one chunk, not the corpus.
package struct Ingestor: Sendable {
    package let context: RoundContext
    package let options: IntakeOptions
    package let rules: (any RuleContextProvider)?
    /// Files validated and stored together.
    package let chunkSize: Int
    /// The staff's reason for accepting applications received after their round's window closed (`--late`); nil
    /// refuses them.
    package let lateReason: String?

    package init(
        context: RoundContext, options: IntakeOptions = IntakeOptions(), rules: (any RuleContextProvider)?, chunkSize: Int = 64,
        lateReason: String? = nil
    ) {
        self.context = context
        self.options = options
        self.rules = rules
        self.chunkSize = max(1, chunkSize)
        self.lateReason = lateReason
    }

    /// Ingests `paths` in order, calling `report` with the outcomes of each chunk in file order (after the chunk
    /// is committed) and returning the summary. Throws only when the database fails; the chunk then is not stored.
    /// The next chunk is validated while the current one is stored.
    package func run(paths: [String], report: (_ outcomes: [IngestOutcome], _ done: Int) -> Void) throws -> IngestSummary {
        var summary = IngestSummary()
        let chunks = stride(from: 0, to: paths.count, by: chunkSize).map { Array(paths[$0..<min($0 + chunkSize, paths.count)]) }
        guard !chunks.isEmpty else { return summary }
        let shared = sharedIDs(paths)
        var done = 0
        var checked = check(chunks[0], shared: shared)
        for index in chunks.indices {
            let current = checked
            let nextChunk = index + 1 < chunks.count ? chunks[index + 1] : nil
            let prefetch = nextChunk.map { chunk in Prefetch { self.check(chunk, shared: shared) } }
            let (outcomes, lateIDs) = try store(current)
            for outcome in outcomes {
                switch outcome {
                case .stored(_, let receipt, _):
                    switch receipt.status {
                    case .stored: summary.stored += 1
                    case .unchanged: summary.unchanged += 1
                    case .newVersion: summary.newVersions += 1
                    }
                case .invalid: summary.invalid += 1
                case .unreadable: summary.unreadable += 1
                case .late: summary.late += 1
                }
                if case .stored(_, let receipt, _) = outcome, receipt.seq != nil, lateIDs.contains(receipt.id) {
                    summary.acceptedLate += 1
                }
            }
            done += current.count
            report(outcomes, done)
            if let prefetch { checked = prefetch.value() }
        }
        return summary
    }

    /// The valid files of `paths` that hold an id another valid file of the run holds too, by id: two such files are
    /// both refused, whichever would come first, so a re-run never makes a new version of either. Each id is read
    /// cheaply on every core before anything is stored; only files whose id is read twice are checked in full here
    /// (an invalid file is refused for its own findings and makes no other file ambiguous).
    func sharedIDs(_ paths: [String]) -> [String: [String]] {
        let (options, rules) = (options, rules)
        let ids = paths.concurrentMap { ApplicationIntake.applicationID(fileAt: $0, options: options) }
        var files: [String: [String]] = [:]
        for (path, id) in zip(paths, ids) {
            if let id { files[id, default: []].append(path) }
        }
        // In the order of `paths`, so the files an error names come in the same order on every run.
        let repeated = Set(files.filter { $0.value.count > 1 }.flatMap(\.value))
        let candidates = paths.filter(repeated.contains)
        guard !candidates.isEmpty else { return [:] }
        let validIDs = candidates.concurrentMap { path -> String? in
            guard let result = try? ApplicationIntake.check(fileAt: path, options: options, rules: rules), result.isValid else { return nil }
            return result.application?.id
        }
        var valid: [String: [String]] = [:]
        for (path, id) in zip(candidates, validIDs) {
            if let id { valid[id, default: []].append(path) }
        }
        return valid.filter { $0.value.count > 1 }
    }

    /// The result of a valid file whose id other files of the run hold too (PSEA-RND008), naming them.
    static func refusedAsShared(_ result: IntakeResult, id: String, others: [String]) -> IntakeResult {
        let names = others.map { TerminalText.escaped($0) }.joined(separator: ", ")
        var refused = result
        refused.application = nil
        refused.diagnostics.append(
            ProblemCode.sameIDTwice.diagnostic(
                th: "รหัสใบสมัคร \(TerminalText.escaped(id)) อยู่ในไฟล์อื่นของการนำเข้าครั้งนี้ด้วย (\(names)) จึงไม่บันทึกไฟล์ใดเลย ให้เหลือไฟล์เดียวต่อรหัสแล้วนำเข้าใหม่",
                en:
                    "the application id \(TerminalText.escaped(id)) is also in \(names) in this ingest, so neither file is stored: keep one file per id and ingest again"
            ))
        return refused
    }

    /// Validates one chunk on every core and prepares each valid application for the ledger there too (hash and
    /// canonical JSON), so the single writer only chains and inserts. A valid file whose id is in `shared` is refused.
    func check(_ chunk: [String], shared: [String: [String]] = [:]) -> [Checked] {
        let (options, rules) = (options, rules)
        return chunk.concurrentMap { file -> Checked in
            let result: IntakeResult
            do throws(PSEAError) {
                result = try ApplicationIntake.check(fileAt: file, options: options, rules: rules)
            } catch {
                return Checked(file: file, result: nil, error: error, prepared: nil, year: nil)
            }
            guard result.isValid, let application = result.application else {
                return Checked(file: file, result: result, error: nil, prepared: nil, year: nil)
            }
            if let holders = shared[application.id] {
                let refused = Self.refusedAsShared(result, id: application.id, others: holders.filter { $0 != file })
                return Checked(file: file, result: refused, error: nil, prepared: nil, year: nil)
            }
            var kept = result
            kept.application = nil
            guard let prepared = try? PreparedEntry(application: application, canonical: JSONApplicationWriter.write(application), source: file)
            else {
                return Checked(
                    file: file, result: kept, error: .unreadable(file, reason: "the application cannot be encoded for storage"), prepared: nil,
                    year: nil)
            }
            return Checked(file: file, result: kept, error: nil, prepared: prepared, year: application.awardYear)
        }
    }

    /// Stores the valid files of one checked chunk in one transaction, with the ids of the entries stored after
    /// their window closed. A file received after its round's window closed (the round's clock against the round
    /// file's closing day) is refused unless `lateReason` is given; then each version it stores is recorded as a late
    /// entry with that reason. An unchanged re-ingest is never late: it records nothing.
    func store(_ chunk: [Checked]) throws -> (outcomes: [IngestOutcome], late: Set<String>) {
        let actor = context.actor
        let now = context.clock.now()
        let lateReason = lateReason
        let lateYears = Set(chunk.compactMap(\.year).filter { context.catalog.round(year: $0)?.window.isLate(now) == true })
        let (receipts, refused): ([Int: IngestReceipt], Set<Int>) = try context.store.batch { batch in
            var receipts: [Int: IngestReceipt] = [:]
            var refused: Set<Int> = []
            for (index, item) in chunk.enumerated() {
                guard let prepared = item.prepared else { continue }
                let late = item.year.map(lateYears.contains) ?? false
                if late, lateReason == nil, try batch.currentHash(of: prepared.id) != prepared.sha256 {
                    refused.insert(index)
                    continue
                }
                let receipt = try batch.ingest(prepared, actor: actor, at: now)
                if late, let reason = lateReason, receipt.seq != nil {
                    try batch.recordLateEntry(LateEntry(application: receipt.id, version: receipt.version, reason: reason), actor: actor, at: now)
                }
                receipts[index] = receipt
            }
            return (receipts, refused)
        }
        let lateIDs = Set(
            chunk.indices.compactMap { index -> String? in
                guard let year = chunk[index].year, lateYears.contains(year), let receipt = receipts[index] else { return nil }
                return receipt.id
            })
        let outcomes = chunk.enumerated().map { index, item -> IngestOutcome in
            if refused.contains(index), let prepared = item.prepared, let year = item.year {
                return .late(file: item.file, id: prepared.id, error: Self.lateError(file: item.file, id: prepared.id, year: year, context: context))
            }
            if let error = item.error { return .unreadable(file: item.file, error: error) }
            if let receipt = receipts[index], let result = item.result {
                return .stored(file: item.file, receipt: receipt, warnings: result.diagnostics)
            }
            if let result = item.result { return .invalid(result) }
            return .unreadable(file: item.file, error: .unreadable(item.file, reason: "no result"))
        }
        return (outcomes, lateIDs)
    }

    /// The refusal of an application received after its round's window closed (`PSEA-RND105`, invalid input).
    static func lateError(file: String, id: String, year: Int, context: RoundContext) -> PSEAError {
        let closes = context.catalog.round(year: year).map { "\($0.window.closes) (\($0.window.timeZone))" } ?? "-"
        return PSEAError(
            code: RoundCode.lateEntry,
            message: LocalizedText(
                th: "ใบสมัคร \(id) มาถึงหลังปิดรับสมัครรอบปี \(year) เมื่อ \(closes) จึงไม่ได้บันทึก (รับได้ด้วย --late --reason ข้อความ)",
                en:
                    "application \(id) arrived after the \(year) window closed on \(closes), so it was not stored (accept it with --late --reason TEXT)"
            ),
            context: ["path": file, "application": id], isInvalidInput: true)
    }

    /// One file after validation.
    struct Checked: Sendable {
        let file: String
        let result: IntakeResult?
        let error: PSEAError?
        let prepared: PreparedEntry?
        /// The application's award year, when it is valid.
        let year: Int?
    }
}
