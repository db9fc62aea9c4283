import Export
import Foundation
import Model
import Panel
import Ranking
import Round
import Rubric
import Scoring
import Store

/// The ranking of a round as read from the database: the ranking and the export bundle. Each entry is turned into
/// its ranking input as it is read, so that a round of any size is ranked without holding every application.
package struct RankingRun: Sendable {
    package let ranking: RankingResult
    package var bundle: ExportBundle
    /// Entries that cannot be ranked at all because no rubric exists for their year and type.
    package let withoutRubric: [String]
    /// Entries screened as not eligible: never ranked, exported or published, listed apart with their reasons.
    package let notEligible: [NotEligibleEntry]

    /// An entry screened as not eligible, with its sub-type.
    package struct NotEligibleEntry: Sendable, Equatable {
        /// `year/type`.
        package var scope: String
        package var screening: Screening
    }

    /// Which entry a draft or a piece of the run is: its id, award year and sub-type.
    struct Which: Sendable {
        var id: String
        var year: Int
        var type: String
    }

    /// What ranking keeps of one entry of the round.
    struct Piece: Sendable {
        var which: Which
        /// The ranking input; nil without a rubric or a score sheet.
        var entry: RankingEntry?
        var rubricSHA256: String?
        var scores: [Score]
        /// The screening that found the entry not eligible; such an entry has no ranking input.
        var ineligible: Screening?
    }

    /// What a run keeps beyond the ranking itself: each caller asks only for what it prints.
    package struct Keep: OptionSet, Sendable {
        package let rawValue: Int
        package init(rawValue: Int) { self.rawValue = rawValue }
        /// Every individual score (`bundle.scores`): the CSV and JSON exports and feedback reports list them.
        package static let scores = Keep(rawValue: 1)
        /// The trail of every automatic criterion (`CriterionInput.trail`): only feedback reports print it.
        package static let trails = Keep(rawValue: 2)
        package static let all: Keep = [.scores, .trails]
    }

    /// A seed derived from the ledger head and the sub-type, used when none is given and none is recorded.
    package static func derivedSeed(head: String?, scope: LotteryScope) -> UInt64 {
        UInt64(Ledger.sha256Hex(Data("\(head ?? "")|\(scope.key)".utf8)).prefix(16), radix: 16) ?? 0
    }

    /// Reads the round and ranks it (only sub-type `type` when given). Every sub-type ranked gets a lottery seed:
    /// the recorded one, else `seed`, else one derived from the ledger head; with `record` set, new seeds are
    /// recorded in the ledger first, as the context's actor at the context's clock (so every later run reuses
    /// them), otherwise they are only used. `keep` says what is kept beyond the ranking: the ranking and the exports
    /// are the same whatever it is, but without `.scores` the bundle has no individual scores and without
    /// `.trails` no criterion has a trail.
    package static func load(
        _ context: RoundContext, type: String? = nil, seed: UInt64? = nil, record: Bool, keep: Keep = .all, fromDocuments: Bool = false
    ) throws -> RankingRun {
        try context.requireVerified()
        let store = context.store
        let bands = context.catalog.bands ?? .pmqaRanges
        let trails = keep.contains(.trails), scores = keep.contains(.scores)
        var (snapshot, pieces) = try RoundSnapshot.load(
            store: store, catalog: context.catalog, explain: { _ in trails }, trails: trails, fromDocuments: fromDocuments, scoreTexts: scores,
            reading: { Draft($0, sheet: $1) },
            keeping: { piece($0, $1, bands: bands, scores: scores) })
        var scopes: [String: LotteryScope] = [:]
        for piece in pieces {
            guard let entry = piece.entry, type == nil || entry.type == type else { continue }
            scopes[entry.rubric.key] = LotteryScope(year: entry.rubric.year, type: entry.rubric.type)
        }
        let (seeds, recorded) = try lotterySeeds(
            context, scopes: scopes, recorded: snapshot.lotterySeeds, head: snapshot.ledgerHead, seed: seed, record: record)
        if recorded {
            // Recording seeds changes nothing else the ranking reads: only the seeds and the ledger head are read again.
            snapshot.lotterySeeds = try store.lotterySeeds()
            snapshot.ledgerHead = try store.ledgerHead()
        }
        let approved = Set(try store.approvals().map { "\($0.year)/\($0.type)" })
        // The pieces are handed over: ranking holds each entry once more, not twice.
        var run = build(consume pieces, ledgerHead: snapshot.ledgerHead, type: type, seeds: seeds, approved: approved)
        run.bundle.judgingBodies = judgingBodies(context.catalog, scopes: run.ranking.scopes)
        run.bundle.checkpoint = try store.lastCheckpoint()
        return run
    }

    /// Ranks the round one sub-type (award year and type) at a time, each exactly as `load` ranks it, handing each
    /// sub-type's run to `body` in key order and letting it go before the next is read: what is held is one
    /// sub-type's ranking, not the round's. Every sub-type's seed is found first, and with `record` new seeds are
    /// recorded and signed before any is ranked, as `load` does; every read is of one moment of the ledger. Returns
    /// the entries screened as not eligible, in entry order (each run's own list is empty). Throws as `load` does for
    /// an entry whose year and type have no rubric. With `heading`, what a publication of the whole ranking says apart
    /// from its sub-types is handed to it before the first sub-type (its seeds empty: the runs' rankings have them).
    ///
    /// A check of the database still running (`RoundContext.verification`) goes on while the first sub-type is read:
    /// nothing is recorded and nothing handed to `heading` or `body` before it has passed, and when this fails, a
    /// database that does not verify is refused as such rather than by whatever the reading met.
    package static func forEachScope(
        _ context: RoundContext, type: String? = nil, seed: UInt64? = nil, record: Bool, keep: Keep = .all,
        heading: ((PublicationHeading) throws -> Void)? = nil, _ body: (RankingRun) throws -> Void
    ) throws -> [NotEligibleEntry] {
        do {
            let notEligible = try forEachScopeRead(context, type: type, seed: seed, record: record, keep: keep, heading: heading, body)
            try context.requireVerified()
            return notEligible
        } catch {
            try context.requireVerified()
            throw error
        }
    }

    /// `forEachScope`'s work, waiting for the context's check before it records, or hands anything on.
    private static func forEachScopeRead(
        _ context: RoundContext, type: String?, seed: UInt64?, record: Bool, keep: Keep,
        heading: ((PublicationHeading) throws -> Void)?, _ body: (RankingRun) throws -> Void
    ) throws -> [NotEligibleEntry] {
        let store = context.store
        let before = try store.snapshot()
        let catalog = try FrozenRubrics.catalog(context.catalog, store: before)
        let screenings = Dictionary(try before.screenings().map { ($0.application, $0) }, uniquingKeysWith: { _, last in last })
        var notEligible: [NotEligibleEntry] = []
        var scopes: [String: LotteryScope] = [:]
        try before.forEachProfile { chunk in
            for profile in chunk {
                _ = try catalog.required(year: profile.year, type: profile.type)
                guard type == nil || profile.type == type else { continue }
                if let screening = screenings[profile.id], !screening.eligible {
                    notEligible.append(NotEligibleEntry(scope: "\(profile.year)/\(profile.type)", screening: screening))
                    continue
                }
                let scope = LotteryScope(year: profile.year, type: profile.type)
                scopes[scope.key] = scope
            }
        }
        let (seeds, recorded) = try lotterySeeds(
            context, scopes: scopes, recorded: try before.lotterySeeds(), head: try before.ledgerHead(), seed: seed, record: record)
        // Recording seeds changes nothing else the ranking reads; the moment read is the one after them.
        let moment = recorded ? try store.snapshot() : before
        let ledgerHead = try moment.ledgerHead()
        let approved = Set(try moment.approvals().map { "\($0.year)/\($0.type)" })
        let checkpoint = try moment.lastCheckpoint()
        let bands = context.catalog.bands ?? .pmqaRanges
        let trails = keep.contains(.trails), scores = keep.contains(.scores)
        func run(_ scope: LotteryScope) throws -> RankingRun {
            let (_, pieces) = try RoundSnapshot.load(
                store: moment, catalog: context.catalog, explain: { _ in trails }, trails: trails, scoreTexts: scores,
                only: (scope.year, scope.type), reading: { Draft($0, sheet: $1) },
                keeping: { piece($0, $1, bands: bands, scores: scores) })
            var run = build(consume pieces, ledgerHead: ledgerHead, type: type, seeds: seeds, approved: approved)
            run.bundle.judgingBodies = judgingBodies(context.catalog, scopes: run.ranking.scopes)
            run.bundle.checkpoint = checkpoint
            return RankingRun(ranking: run.ranking, bundle: run.bundle, withoutRubric: [], notEligible: [])
        }
        let ordered = scopes.keys.sorted().compactMap { scopes[$0] }
        if let heading {
            // Approved when every sub-type is, and no entry waits for scores or a site visit: once every sub-type's
            // approval is recorded, that is known only by ranking each (a first pass, writing nothing).
            var allApproved = !ordered.isEmpty && ordered.allSatisfy { approved.contains($0.key) }
            for scope in ordered where allApproved { allApproved = try run(scope).bundle.approved }
            let rubrics = try ordered.map { try catalog.required(year: $0.year, type: $0.type) }
            try context.requireVerified()
            try heading(
                PublicationHeading(
                    approved: allApproved, ledgerHead: ledgerHead, checkpoint: checkpoint, generatedAt: nil, rubrics: rubrics,
                    rubricHashes: RoundSnapshot.rubricHashes(rubrics), seeds: [:], years: Set(ordered.map(\.year)).sorted()))
        }
        for scope in ordered {
            let run = try run(scope)
            try context.requireVerified()
            try body(run)
        }
        return notEligible
    }

    /// The lottery seed of each of `scopes` (by key): the one `recorded` in the ledger, else `seed`, else one derived
    /// from the ledger `head`. With `record`, the new seeds are recorded in key order, as the context's actor at the
    /// context's clock, and signed before anything quotes the last checkpoint; `recorded` (returned) says whether any
    /// was. Without it they are only used.
    static func lotterySeeds(
        _ context: RoundContext, scopes: [String: LotteryScope], recorded: [LotterySeed], head: String?, seed: UInt64?, record: Bool
    ) throws -> (seeds: [String: UInt64], recorded: Bool) {
        var seeds = recordedSeeds(recorded)
        let fresh = scopes.keys.sorted().compactMap { scopes[$0] }.filter { seeds[$0.key] == nil }.map { scope in
            (scope: scope, seed: seed ?? derivedSeed(head: head, scope: scope))
        }
        for lottery in fresh { seeds[lottery.scope.key] = lottery.seed }
        guard record, !fresh.isEmpty else { return (seeds, false) }
        try context.requireVerified()
        let now = context.clock.now()
        for lottery in fresh {
            _ = try context.store.recordLotterySeed(
                LotterySeed(scope: lottery.scope.ledgerScope, seed: lottery.seed), actor: context.actor, at: now)
        }
        try context.anchor()
        // What the ledger holds now counts (a seed another run recorded meanwhile included).
        return (recordedSeeds(try context.store.lotterySeeds()), true)
    }

    /// The judging body of each scope (`year/type`) whose year has a round file naming one.
    static func judgingBodies(_ catalog: RubricCatalog, scopes: [String]) -> [String: LocalizedText] {
        var bodies: [String: LocalizedText] = [:]
        for scope in scopes {
            let parts = scope.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let year = Int(parts[0]), let rules = catalog.round(year: year)?.rules(type: parts[1]) else { continue }
            bodies[scope] = rules.judgingBody
        }
        return bodies
    }

    /// What ranking keeps of an entry as it is read: what it needs of the application (its stored facts) and the
    /// score sheet.
    struct Draft: Sendable {
        var which: Which
        /// Nil without a rubric (no sheet).
        var subject: RankingSubject?
        var sheet: ScoreSheet?

        init(_ facts: ApplicationFacts, sheet: ScoreSheet?) {
            which = Which(id: facts.application, year: facts.year, type: facts.type)
            subject = sheet == nil ? nil : facts.subject
            self.sheet = sheet
        }
    }

    /// What ranking keeps of one entry: its ranking input and its individual scores, not its application.
    static func piece(_ draft: Draft, _ panel: EntryPanel, bands: BandSet, scores: Bool = true) -> Piece {
        var piece = Piece(which: draft.which, entry: nil, rubricSHA256: panel.rubricSHA256, scores: [])
        if let screening = panel.screening, !screening.eligible {
            piece.ineligible = screening
            return piece
        }
        guard let rubric = panel.rubric, let subject = draft.subject, let sheet = draft.sheet else { return piece }
        let reasons = Dictionary(panel.consensus.map { ($0.criterion, $0.reason) }, uniquingKeysWith: { _, last in last })
        piece.entry = RankingEntry(
            subject: subject, rubric: rubric, sheet: sheet, aggregates: panel.aggregates,
            consensusReasons: reasons, assignedJudges: panel.judges,
            siteVisit: panel.siteVisit, bands: bands)
        guard scores else { return piece }
        piece.scores = panel.scores
        return piece
    }

    /// The lottery seeds recorded in the ledger, by sub-type key (`year/type`); other scopes are not lotteries.
    package static func recordedSeeds(_ records: [LotterySeed]) -> [String: UInt64] {
        var seeds: [String: UInt64] = [:]
        for record in records {
            guard let scope = LotteryScope(ledgerScope: record.scope), seeds[scope.key] == nil else { continue }
            seeds[scope.key] = record.seed
        }
        return seeds
    }

    /// Ranks the entries (only sub-type `type` when given) with the given seeds; the bundle is approved when every
    /// sub-type ranked is in `approved` (`year/type` keys) and no entry waits for scores or a site visit (an entry
    /// ingested after the approval makes the results a draft again).
    static func build(
        _ pieces: consuming [Piece], ledgerHead: String?, type: String?, seeds: [String: UInt64], approved: Set<String> = []
    ) -> RankingRun {
        var entries: [RankingEntry] = []
        var withoutRubric: [String] = []
        var hashes: [String: String] = [:]
        var scores: [Score] = []
        var notEligible: [NotEligibleEntry] = []
        for piece in pieces {
            if let screening = piece.ineligible {
                if type == nil || piece.which.type == type {
                    notEligible.append(NotEligibleEntry(scope: "\(piece.which.year)/\(piece.which.type)", screening: screening))
                }
                continue
            }
            guard let entry = piece.entry else {
                if type == nil || piece.which.type == type { withoutRubric.append(piece.which.id) }
                continue
            }
            guard type == nil || entry.rubric.type == type else { continue }
            if let sha = piece.rubricSHA256 { hashes[entry.rubric.key] = sha }
            entries.append(entry)
            scores += piece.scores
        }
        // The pieces are let go of (the inputs live on only in `entries`), and the inputs are handed over too.
        pieces = []
        let ranking = Ranker.rank(consume entries, seeds: seeds)
        var bundle = ExportBundle(ranking: ranking, scores: scores, rubricHashes: hashes, ledgerHead: ledgerHead)
        let waiting = ranking.entries.contains { $0.status == .incomplete || $0.siteVisit == .pending }
        bundle.approved = !ranking.scopes.isEmpty && !waiting && Set(ranking.scopes).isSubset(of: approved)
        return RankingRun(ranking: ranking, bundle: bundle, withoutRubric: withoutRubric, notEligible: notEligible)
    }

    /// Entries without a rubric named one by one before the rest are counted: a round whose rubric files are
    /// missing would otherwise print a line for each of its thousands of entries.
    package static let namedWithoutRubric = 5

    /// The warning lines for the entries without a rubric: one per entry up to `namedWithoutRubric`, then one that
    /// counts the others; empty when every entry has one.
    package func withoutRubricLines(language: Language) -> [String] {
        Self.withoutRubricLines(withoutRubric, language: language)
    }

    /// The lines that list the entries not eligible apart from the ranking, each with its reasons' codes and
    /// messages; empty when every entry ranked is eligible.
    package func notEligibleLines(language: Language) -> [String] {
        guard !notEligible.isEmpty else { return [] }
        var lines = [language == .th ? "ไม่มีคุณสมบัติ (ไม่จัดอันดับและไม่เผยแพร่):" : "not eligible (never ranked or published):"]
        for screening in notEligible.map(\.screening) {
            let reasons = screening.reasons.map { "\($0.code) \($0.message.text(language))" }.joined(separator: "; ")
            lines.append("  \(screening.application)\t\(reasons)")
        }
        return lines
    }

    /// The warning lines for `ids` (see the instance method).
    package static func withoutRubricLines(_ ids: [String], language: Language) -> [String] {
        var lines = ids.prefix(namedWithoutRubric).map { id in
            language == .th
                ? "psea: ใบสมัคร \(id) ไม่มีเกณฑ์สำหรับปีและประเภทของตน จึงจัดอันดับไม่ได้"
                : "psea: entry \(id) has no rubric for its year and type, so it cannot be ranked"
        }
        if ids.count > namedWithoutRubric {
            let more = ids.count - namedWithoutRubric
            lines.append(
                language == .th
                    ? "psea: และใบสมัครอีก \(more) รายการที่ไม่มีเกณฑ์สำหรับปีและประเภทของตน (รวม \(ids.count) รายการ) ให้ตรวจสอบโฟลเดอร์เกณฑ์ (--rubrics)"
                    : "psea: and \(more) more entries have no rubric for their year and type (\(ids.count) in all); check the rubric folder (--rubrics)"
            )
        }
        return lines
    }
}
