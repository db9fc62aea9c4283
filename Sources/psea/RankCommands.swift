import ArgumentParser
import Export
import Foundation
import Model
import Ranking
import Round
import Scoring
import Rubric
import Store

/// The ranking of a round as read from the database: the ranking and the export bundle. Each entry is turned into
/// its ranking input as it is read, so that a round of any size is ranked without holding every application.
struct RankingRun {
    let ranking: RankingResult
    let bundle: ExportBundle
    /// Entries that cannot be ranked at all because no rubric exists for their year and type.
    let withoutRubric: [String]

    /// What ranking keeps of one entry of the round.
    struct Piece: Sendable {
        var id: String
        var type: String
        /// The ranking input; nil without a rubric or a score sheet.
        var entry: RankingEntry?
        var rubricSHA256: String?
        var scores: [IndividualScore]
    }

    /// What a run keeps beyond the ranking itself: each caller asks only for what it prints.
    struct Keep: OptionSet, Sendable {
        let rawValue: Int
        /// Every individual score (`bundle.scores`): the CSV and JSON exports and feedback reports list them.
        static let scores = Keep(rawValue: 1)
        /// The trail of every automatic criterion (`CriterionInput.trail`): only feedback reports print it.
        static let trails = Keep(rawValue: 2)
        static let all: Keep = [.scores, .trails]
    }

    /// The ledger scope of the lottery seed of one sub-type scope (`year/type`).
    static func seedScope(_ scope: String) -> String { "lottery:" + scope }

    /// A seed derived from the ledger head and the scope, used when none is given and none is recorded.
    static func derivedSeed(head: String?, scope: String) -> UInt64 {
        UInt64(Ledger.sha256Hex(Data("\(head ?? "")|\(scope)".utf8)).prefix(16), radix: 16) ?? 0
    }

    /// Reads the round and ranks it. Every scope ranked gets a lottery seed: the recorded one, else `seed`, else one
    /// derived from the ledger head; with `record` set, new seeds are recorded in the ledger first (so every later
    /// run reuses them), otherwise they are only used. `keep` says what is kept beyond the ranking: the ranking and
    /// the exports are the same whatever it is, but without `.scores` the bundle has no individual scores and
    /// without `.trails` no criterion has a trail.
    static func load(
        store: CompetitionStore, catalog: RubricCatalog?, type: String? = nil, seed: UInt64? = nil,
        record: (actor: String, at: Date)?, keep: Keep = .all
    ) throws -> RankingRun {
        let bands = catalog?.bands ?? .pmqaRanges
        let trails = keep.contains(.trails), scores = keep.contains(.scores)
        var (snapshot, pieces) = try RoundSnapshot.load(
            store: store, catalog: catalog, explain: { _ in trails }, reading: { Draft($0, sheet: $1) },
            keeping: { piece($0, $1, bands: bands, scores: scores) })
        var seeds = recordedSeeds(snapshot)
        let scopes = Array(Set(pieces.compactMap { piece -> String? in
            guard let entry = piece.entry, type == nil || entry.type == type else { return nil }
            return entry.rubric.key
        })).sorted()
        let head = snapshot.ledgerHead
        let fresh = scopes.filter { seeds[$0] == nil }.map { scope in
            LotterySeed(scope: seedScope(scope), seed: seed ?? derivedSeed(head: head, scope: scope))
        }
        if !fresh.isEmpty {
            if let record {
                for lottery in fresh { _ = try store.recordLotterySeed(lottery, actor: record.actor, at: record.at) }
                // Recording seeds changes nothing else the ranking reads: only the seeds and the ledger head are read again.
                snapshot.lotterySeeds = try store.lotterySeeds()
                snapshot.ledgerHead = try store.ledgerHead()
                seeds = recordedSeeds(snapshot)
            } else {
                for lottery in fresh { seeds[String(lottery.scope.dropFirst(8))] = lottery.seed }
            }
        }
        return build(pieces, ledgerHead: snapshot.ledgerHead, type: type, seeds: seeds)
    }

    /// What ranking keeps of an application as it is read: what it needs of the application and the score sheet.
    struct Draft: Sendable {
        var id: String
        var type: String
        /// Nil without a rubric (no sheet).
        var subject: RankingSubject?
        var sheet: ScoreSheet?

        init(_ stored: StoredEntry, sheet: ScoreSheet?) {
            id = stored.application.id
            type = stored.application.type
            subject = sheet == nil ? nil : RankingSubject(stored.application)
            self.sheet = sheet
        }
    }

    /// What ranking keeps of one entry: its ranking input and its individual scores, not its application.
    static func piece(_ draft: Draft, _ panel: EntryPanel, bands: BandSet, scores: Bool = true) -> Piece {
        var piece = Piece(id: draft.id, type: draft.type, entry: nil, rubricSHA256: panel.rubricSHA256, scores: [])
        guard let rubric = panel.rubric, let subject = draft.subject, let sheet = draft.sheet else { return piece }
        let reasons = Dictionary(panel.consensus.map { ($0.criterion, $0.reason) }, uniquingKeysWith: { _, last in last })
        piece.entry = RankingEntry(
            subject: subject, rubric: rubric, sheet: sheet, aggregates: panel.aggregates,
            consensusReasons: reasons, assignedJudges: panel.judges,
            siteVisit: panel.siteVisit.map { SiteVisitRecord(confirmed: $0.confirmed, reason: $0.reason) }, bands: bands)
        guard scores else { return piece }
        piece.scores = panel.scores.map {
            IndividualScore(judge: $0.judge, application: $0.application, criterion: $0.criterion, percent: $0.percent, band: $0.band, comment: $0.comment)
        }
        return piece
    }

    /// The lottery seeds recorded in the ledger, by sub-type scope.
    static func recordedSeeds(_ snapshot: RoundSnapshot) -> [String: UInt64] {
        var seeds: [String: UInt64] = [:]
        for record in snapshot.lotterySeeds where record.scope.hasPrefix("lottery:") && seeds[String(record.scope.dropFirst(8))] == nil {
            seeds[String(record.scope.dropFirst(8))] = record.seed
        }
        return seeds
    }

    /// Ranks the entries (only sub-type `type` when given) with the given seeds.
    static func build(_ pieces: [Piece], ledgerHead: String?, type: String?, seeds: [String: UInt64]) -> RankingRun {
        var entries: [RankingEntry] = []
        var withoutRubric: [String] = []
        var hashes: [String: String] = [:]
        var scores: [IndividualScore] = []
        for piece in pieces {
            guard let entry = piece.entry else {
                if type == nil || piece.type == type { withoutRubric.append(piece.id) }
                continue
            }
            guard type == nil || entry.rubric.type == type else { continue }
            if let sha = piece.rubricSHA256 { hashes[entry.rubric.key] = sha }
            entries.append(entry)
            scores += piece.scores
        }
        let ranking = Ranker.rank(entries, seeds: seeds)
        let bundle = ExportBundle(ranking: ranking, scores: scores, rubricHashes: hashes, ledgerHead: ledgerHead)
        return RankingRun(ranking: ranking, bundle: bundle, withoutRubric: withoutRubric)
    }

    /// Tells on standard error which entries have no rubric, so that none disappears silently.
    func warnWithoutRubric(_ language: Language) {
        for line in Self.withoutRubricLines(withoutRubric, language: language) { printError(line) }
    }

    /// Entries without a rubric named one by one before the rest are counted: a round whose rubric files are
    /// missing would otherwise print a line for each of its thousands of entries.
    static let namedWithoutRubric = 5

    /// The warning lines for `ids`: one per entry up to `namedWithoutRubric`, then one that counts the others.
    static func withoutRubricLines(_ ids: [String], language: Language) -> [String] {
        var lines = ids.prefix(namedWithoutRubric).map { id in
            language == .th
                ? "psea: ใบสมัคร \(id) ไม่มีเกณฑ์สำหรับปีและประเภทของตน จึงจัดอันดับไม่ได้"
                : "psea: entry \(id) has no rubric for its year and type, so it cannot be ranked"
        }
        if ids.count > namedWithoutRubric {
            let more = ids.count - namedWithoutRubric
            lines.append(language == .th
                ? "psea: และใบสมัครอีก \(more) รายการที่ไม่มีเกณฑ์สำหรับปีและประเภทของตน (รวม \(ids.count) รายการ) ให้ตรวจสอบโฟลเดอร์เกณฑ์ (--rubrics)"
                : "psea: and \(more) more entries have no rubric for their year and type (\(ids.count) in all); check the rubric folder (--rubrics)")
        }
        return lines
    }
}

/// `psea rank`: final scores, gates, award levels, site-visit flags and ranks per sub-type.
struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank the entries of the round per sub-type, with gates, award levels and the tie-break cascade.",
        discussion: """
            Final score = automatic criteria + the panel's aggregates (consensus where recorded). Entries still missing
            judges or scores are listed as incomplete, never ranked. Ties follow the rubric's tie-break keys and end in
            a lottery whose seed is recorded in the ledger the first time a sub-type is ranked (from --seed, else derived
            from the ledger head) and reused after. JSON: an array of {application, type, agency, score, level, rank,
            tieBreak, status, gatesFailed, siteVisit}.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var rubricOptions: RubricOptions

    @Option(name: .customLong("type"), help: "Only this sub-type key (e.g. effective-change).")
    var type: String?

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Option(help: "Lottery seed for sub-types that have none recorded yet (a decimal number).")
    var seed: UInt64?

    func run() throws {
        let opened = try store.open()
        let run = try RankingRun.load(
            store: opened, catalog: try rubricOptions.catalog(), type: type, seed: seed, record: (store.actorName, Date()),
            keep: [])
        run.warnWithoutRubric(output.lang)
        switch format {
        case .text: writeOut(Data(RankingReport.text(run.ranking, language: output.lang).utf8))
        case .json: writeOut(RankingReport.json(run.ranking, language: output.lang))
        }
    }
}

/// The outcome of a site visit, as typed on the command line.
enum SiteVisitOutcome: String, ExpressibleByArgument, CaseIterable {
    case confirmed
    case notConfirmed = "not-confirmed"
}

/// `psea sitevisit`: records whether a site visit confirmed an entry in the outstanding range.
struct SiteVisitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitevisit",
        abstract: "Record the site-visit result of an entry: confirmed or not-confirmed, with the reason.",
        discussion: """
            Until a result is recorded, an entry whose score reaches the outstanding cut-off is flagged as pending
            (provisional). not-confirmed means the entry cannot be outstanding or best of the best: it is awarded good.
            A later record replaces an earlier one; both stay in the ledger.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The application id.")
    var application: String

    @Argument(help: "confirmed or not-confirmed.")
    var outcome: SiteVisitOutcome

    @Option(help: "What the visiting team found.")
    var reason: String

    func validate() throws {
        guard !reason.trimmingWhitespace.isEmpty else { throw ValidationError("--reason must not be empty") }
    }

    func run() throws {
        let opened = try store.open()
        guard try opened.entry(id: application) != nil else {
            throw PSEAError(
                code: RoundCode.unknownEntry,
                message: LocalizedText(th: "ไม่พบใบสมัคร \(application) ในฐานข้อมูล", en: "no entry \(application) in the database"),
                context: ["application": application], isInvalidInput: true)
        }
        let visit = SiteVisit(application: application, confirmed: outcome == .confirmed, reason: reason.trimmingWhitespace)
        let seq = try opened.recordSiteVisit(visit, actor: store.actorName, at: Date())
        print(output.lang == .th
            ? "บันทึกผลการตรวจเยี่ยมพื้นที่ของ \(application): \(outcome == .confirmed ? "ยืนยัน" : "ไม่ยืนยัน") (เหตุการณ์ที่ \(seq))"
            : "site visit recorded for \(application): \(outcome.rawValue) (event \(seq))")
    }
}
