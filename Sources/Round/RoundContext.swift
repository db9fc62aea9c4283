import Foundation
import Model
import Rubric
import Store

/// The one place round operations read the time they record in the ledger. A recorded timestamp is data, so
/// tests inject a fixed clock; the command line uses `.system`.
package struct RoundClock: Sendable {
    /// Returns the time to record.
    package let now: @Sendable () -> Date

    package init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// The real clock.
    package static let system = RoundClock { Date() }

    /// A clock that always says `date`.
    package static func fixed(_ date: Date) -> RoundClock { RoundClock { date } }
}

/// What every round operation needs: the database, the rubrics, who acts, the clock and the key that signs
/// checkpoints.
package struct RoundContext: Sendable {
    package let store: CompetitionStore
    /// The rubric catalogue, checked; an entry whose year and type it lacks stops the command (`PSEA-R024`).
    package let catalog: RubricCatalog
    /// The name recorded as the actor of every event.
    package let actor: String
    package let clock: RoundClock
    /// The key that signs a checkpoint after events are appended; nil when the round has none (not anchored).
    package let signer: CheckpointSigner?
    /// The check of the database a publishing command started as it opened the round, still running while the round
    /// is read (`CompetitionStore.verifying`); nil when there is none to wait for.
    package let verification: PendingVerification?

    package init(
        store: CompetitionStore, catalog: RubricCatalog, actor: String, clock: RoundClock = .system, signer: CheckpointSigner? = nil,
        verification: PendingVerification? = nil
    ) {
        self.store = store
        self.catalog = catalog
        self.actor = actor
        self.clock = clock
        self.signer = signer
        self.verification = verification
    }

    /// Waits for the context's pending check of the database, if any, and throws when the database does not verify:
    /// called before anything is recorded, written or handed out for publishing.
    package func requireVerified() throws {
        try verification?.wait()
    }

    /// Signs and records a checkpoint of the ledger as it is now, unless the last one already covers it; nil
    /// without a signing key.
    @discardableResult
    package func anchor() throws -> Checkpoint? {
        try requireVerified()
        guard let signer else { return nil }
        return try store.recordCheckpoint(signer)
    }
}

/// The round's codes are the registry's Round entries (`ProblemCode.rubricChanged` … `.invalidValue`, module
/// `.round`); this is their name in the round's code.
package typealias RoundCode = ProblemCode

extension PSEAError {
    static func rubricChanged(year: Int, type: String, frozen: String, current: String) -> PSEAError {
        PSEAError(
            code: RoundCode.rubricChanged,
            message: LocalizedText(
                th:
                    "ไฟล์เกณฑ์ \(year)/\(type) ถูกแก้ไขหลังจากตรึงไว้เมื่อมอบหมายกรรมการ (ตรึงไว้ \(frozen.prefix(12))… ปัจจุบัน \(current.prefix(12))…) จึงไม่รับคะแนน",
                en:
                    "the rubric \(year)/\(type) changed after it was frozen at assignment (frozen \(frozen.prefix(12))…, now \(current.prefix(12))…); scores are refused"
            ),
            context: ["year": String(year), "type": type],
            isInvalidInput: true
        )
    }

    static func roundInvalid(_ code: ProblemCode, th: String, en: String) -> PSEAError {
        PSEAError(code: code, message: LocalizedText(th: th, en: en), isInvalidInput: true)
    }
}

/// An application id the round does not hold (`PSEA-RND005`), named with the nearest id the round holds, so a
/// typo never records a fact about an entry that does not exist.
package enum UnknownEntry {
    /// Distinct unknown ids of one file that get a "did you mean": beyond that the rows are only named.
    static let suggestedPerFile = 20

    /// "no entry ID in the database", with "did you mean …?" when an id of `known` is close.
    package static func message(_ id: String, known: [String]) -> LocalizedText {
        let base = LocalizedText(th: "ไม่พบผลงาน \(id) ในฐานข้อมูล", en: "no entry \(id) in the database")
        guard let near = NearestName.nearest(to: id, in: known) else { return base }
        return LocalizedText(th: base.th + " (หมายถึง \(near) หรือไม่)", en: base.en + " (did you mean \(near)?)")
    }

    /// The invalid-input error (exit 1) for an id given on the command line.
    package static func error(_ id: String, known: [String]) -> PSEAError {
        PSEAError(code: RoundCode.unknownEntry, message: message(id, known: known), context: ["application": id], isInvalidInput: true)
    }

    /// The issues of the rows whose application `known` lacks, in row order; suggestions for the first
    /// `suggestedPerFile` distinct ids.
    static func issues<Row>(_ rows: [Row], line: (Row) -> Int, application: (Row) -> String, known: [String]) -> [RoundIssue] {
        var finder = Finder(known: known)
        return rows.compactMap { finder.issue(line: line($0), application: application($0)) }
    }

    /// `issues(…)` one row at a time, for a file read as it arrives.
    struct Finder {
        private let known: [String]
        private let held: Set<String>
        private var messages: [String: LocalizedText] = [:]

        init(known: [String]) {
            self.known = known
            held = Set(known)
        }

        /// The issue of a row naming `application`, nil when the round holds it.
        mutating func issue(line: Int, application id: String) -> RoundIssue? {
            guard !held.contains(id) else { return nil }
            if messages[id] == nil {
                messages[id] =
                    messages.count < UnknownEntry.suggestedPerFile
                    ? UnknownEntry.message(id, known: known) : LocalizedText(th: "ไม่พบผลงาน \(id) ในฐานข้อมูล", en: "no entry \(id) in the database")
            }
            let text = messages[id] ?? UnknownEntry.message(id, known: [])
            return RoundIssue(RoundCode.unknownEntry, line: line, column: "application", th: text.th, en: text.en)
        }
    }
}

/// SHA-256 of rubric files, computed once per catalogue entry.
enum RubricHashes {
    /// The hash of the text a rubric was read from (the file's bytes, built in or not); nil for a rubric built in code.
    static func sha256(of rubric: Rubric) -> String? {
        rubric.sourceText.map { Ledger.sha256Hex(Data($0.utf8)) }
    }
}
