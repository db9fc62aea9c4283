import Foundation
import Model
import Panel
import Rubric
import Store

/// The judging-panel operations of a round: judges, conflicts, assignment, scores and consensus. Every file is
/// checked completely against the database first and then stored in one transaction, or not at all.
@MemberwiseInit
package struct RoundPanel: Sendable {
    package let context: RoundContext

    // MARK: - Judges and conflicts

    /// Reads a judges CSV (`id,name,ministry,province,agency`) and registers every judge. A judge already
    /// registered with the same data is unchanged; with other data the row is refused.
    package func importJudges(csv bytes: [UInt8]) throws -> ImportResult {
        let text: String
        do { text = try CSV.decode(bytes) } catch { return ImportResult(issues: [RoundIssue(error)]) }
        let parsed = PanelFiles.judges(text)
        var issues = parsed.issues.map(RoundIssue.init)
        let existing = Dictionary(try context.store.judges().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var judges: [Judge] = []
        for row in parsed.rows {
            let judge = row.value
            if let known = existing[judge.id], known != judge {
                issues.append(
                    RoundIssue(
                        RoundCode.contradicts, line: row.line, column: "id",
                        th: "กรรมการ \(judge.id) ลงทะเบียนไว้แล้วด้วยข้อมูลอื่น แก้ไขข้อมูลที่บันทึกแล้วไม่ได้",
                        en: "judge \(judge.id) is already registered with other data, which cannot change"))
            }
            judges.append(judge)
        }
        guard issues.isEmpty else { return ImportResult(issues: issues) }
        let (actor, now) = (context.actor, context.clock.now())
        let records = judges
        let results = try context.store.batch { batch in try records.map { try batch.registerJudge($0, actor: actor, at: now) } }
        return Self.counted(results)
    }

    /// Reads a conflicts CSV (`judge,application,reason`) and records each declaration. The judge must be
    /// registered and the application ingested (an unknown id is refused naming the nearest one held). A pair
    /// already in conflict is unchanged.
    package func importConflicts(csv bytes: [UInt8]) throws -> ImportResult {
        let text: String
        do { text = try CSV.decode(bytes) } catch { return ImportResult(issues: [RoundIssue(error)]) }
        let parsed = PanelFiles.conflicts(text)
        var issues = parsed.issues.map(RoundIssue.init)
        let judges = Set(try context.store.judges().map(\.id))
        let entryIDs = try context.store.entryIDs()
        issues += UnknownEntry.issues(parsed.rows, line: \.line, application: { $0.application.trimmingWhitespace }, known: entryIDs)
        let stored = Dictionary(try context.store.conflicts().map { ($0.pair, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: [JudgeEntryPair: FileRow<Conflict>] = [:]
        var declarations: [Conflict] = []
        var unchanged = 0
        for row in parsed.rows {
            let judge = row.judge.trimmingWhitespace, application = row.application.trimmingWhitespace
            let reason = row.reason.trimmingWhitespace
            let pair = JudgeEntryPair(judge: judge, application: application)
            if !judges.contains(judge) {
                issues.append(
                    RoundIssue(
                        RoundCode.unknownJudge, line: row.line, column: "judge",
                        th: "ไม่พบกรรมการ \(judge) ในฐานข้อมูล (นำเข้ารายชื่อกรรมการก่อน)",
                        en: "no judge \(judge) in the database (import the judges first)"))
                continue
            }
            if let first = seen[pair] {
                if first.reason.trimmingWhitespace != reason {
                    issues.append(
                        RoundIssue(
                            RoundCode.contradicts, line: row.line, column: "reason",
                            th: "กรรมการ \(judge) กับผลงาน \(application) ซ้ำกับบรรทัดที่ \(first.line) แต่เหตุผลต่างกัน",
                            en: "judge \(judge) and entry \(application) repeat line \(first.line) with another reason"))
                }
                continue
            }
            seen[pair] = row
            if let existing = stored[pair] {
                if existing.reason == reason || existing.reason.hasPrefix(ConflictRules.automaticPrefix) {
                    unchanged += 1
                } else {
                    issues.append(
                        RoundIssue(
                            RoundCode.contradicts, line: row.line, column: "reason",
                            th: "มีการแจ้งส่วนได้ส่วนเสียของกรรมการ \(judge) กับผลงาน \(application) ไว้แล้วด้วยเหตุผลอื่น",
                            en: "a conflict of judge \(judge) with entry \(application) is already recorded with another reason"))
                }
                continue
            }
            declarations.append(Conflict(judge: judge, application: application, reason: reason))
        }
        guard issues.isEmpty else { return ImportResult(issues: issues) }
        let (actor, now) = (context.actor, context.clock.now())
        let records = declarations
        let results = try context.store.batch { batch in try records.map { try batch.declareConflict($0, actor: actor, at: now) } }
        var result = Self.counted(results)
        result.unchanged += unchanged
        return result
    }

    // MARK: - Assignment

    /// Assigns `perEntry` conflict-free judges to every current entry.
    ///
    /// First it freezes the rubric of every year and type in use (refused when a frozen rubric's file changed)
    /// and records the automatic conflicts. Then Panel's `Assigner` plans: with no assignment in force yet, the
    /// whole round (balanced loads, deterministic for the seed); on a later run it only tops up: entries with fewer
    /// than `perEntry` judges get more, least-loaded judges first (ties in seeded order), and existing assignments
    /// never move. The seed is recorded under scope `assignment-<n>` (n = 1, 2, … per run that assigns). All of it
    /// is one transaction.
    package func assign(perEntry: Int, seed: UInt64) throws -> AssignOutcome {
        let round = try RoundSnapshot.loadPanel(store: context.store, catalog: context.catalog)
        let snapshot = round.facts
        let (actor, now) = (context.actor, context.clock.now())

        var freezes: [RubricFreeze] = []
        var seenRubrics = Set<String>()
        for entry in round.entries {
            guard let rubric = entry.rubric, let sha = entry.rubricSHA256, seenRubrics.insert(rubric.key).inserted else { continue }
            if let frozen = snapshot.frozenRubrics.first(where: { $0.year == rubric.year && $0.type == rubric.type }) {
                guard frozen.sha256 == sha else {
                    throw PSEAError.rubricChanged(year: rubric.year, type: rubric.type, frozen: frozen.sha256, current: sha)
                }
            } else {
                freezes.append(RubricFreeze(year: rubric.year, type: rubric.type, sha256: sha, text: rubric.sourceText))
            }
        }

        let storedPairs = Set(try context.store.conflicts().map(\.pair))
        let automatic = ConflictRules.automatic(judges: snapshot.judges, entries: round.entries.map(\.profile))
            .filter { !storedPairs.contains($0.pair) }
            .map(ConflictRules.record)

        let judgeIDs = snapshot.judges.map(\.id)
        let entryIDs = round.entries.map(\.id)
        let plan = Assigner.assign(
            entries: entryIDs, judges: judgeIDs, conflicts: snapshot.conflictPairs, perEntry: perEntry, seed: seed,
            assigned: snapshot.assignments)
        var held: [String: Int] = [:]
        for assignment in snapshot.assignments { held[assignment.application, default: 0] += 1 }
        let needsJudges = entryIDs.contains { (held[$0] ?? 0) < perEntry }

        let runs = snapshot.lotterySeeds.filter { $0.scope.hasPrefix("assignment-") }.count
        let seedRecord = needsJudges ? LotterySeed(scope: "assignment-\(runs + 1)", seed: seed) : nil
        let frozenNow = freezes
        let records = automatic
        let assignments = plan.added
        try context.store.batch { batch in
            for freeze in frozenNow { try batch.freezeRubric(freeze, actor: actor, at: now) }
            for conflict in records { try batch.declareConflict(conflict, actor: actor, at: now) }
            if let seedRecord { try batch.recordLotterySeed(seedRecord, actor: actor, at: now) }
            for assignment in assignments { try batch.assign(assignment, actor: actor, at: now) }
        }
        return AssignOutcome(
            added: plan.added, automaticConflicts: automatic.count, frozen: freezes, seedScope: seedRecord?.scope,
            shortfalls: plan.shortfalls, loads: plan.loads
        )
    }

    // MARK: - Scores and consensus

    /// Reads a scores CSV (`judge,application,criterion,percent,comment`), checks every row (Panel's
    /// `ScoreRules` against the assignments in force, the conflicts and each entry's rubric) and records all of
    /// them with the band chosen, or none. Throws `PSEA-RND001` when a rubric changed since it was frozen.
    package func importScores(csv bytes: [UInt8]) throws -> ImportResult {
        let text: String
        do { text = try CSV.decode(bytes) } catch { return ImportResult(issues: [RoundIssue(error)]) }
        let parsed = PanelFiles.scores(text)
        return try record(rows: parsed.rows, parseIssues: parsed.issues.map(RoundIssue.init))
    }

    /// Checks and records one score given on the command line (issues have line 0); its band is set from the percent.
    package func addScore(_ score: Score) throws -> ImportResult {
        try record(rows: [FileRow(score)], parseIssues: [])
    }

    private func record(rows: [FileRow<Score>], parseIssues: [RoundIssue]) throws -> ImportResult {
        let round = try RoundSnapshot.loadPanel(store: context.store, catalog: context.catalog)
        let snapshot = round.facts
        var issues = parseIssues
        let entries = Dictionary(uniqueKeysWithValues: round.entries.map { ($0.id, $0) })
        for row in rows where !Judge.isSafeID(row.judge) {
            issues.append(RoundIssue(Judge.unsafeIDIssue(row.judge, line: row.line, column: "judge")))
        }
        issues += UnknownEntry.issues(rows, line: \.line, application: \.application, known: round.entries.map(\.id))
        // The rubric key of each entry named, looked up once per entry (not copied out once per row).
        let rubricKeys = Set(Set(rows.map(\.application)).compactMap { entries[$0]?.rubric?.key })
        for key in rubricKeys.sorted() {
            guard let entry = round.entries.first(where: { $0.rubric?.key == key }) else { continue }
            try Self.requireFrozen(entry, snapshot.frozenRubrics)
        }
        issues += ScoreRules.check(rows: rows, assignments: Set(snapshot.assignments), conflicts: snapshot.conflictPairs) { application, criterion in
            guard let rubric = entries[application]?.rubric, let found = rubric.criterion(criterion) else { return nil }
            return found.mode
        }.map(RoundIssue.init)
        guard issues.isEmpty else { return ImportResult(issues: issues) }
        let bands = context.catalog.bands ?? .pmqaRanges
        let scores = rows.map { row in
            var score = row.value
            let comment = (score.comment ?? "").trimmingWhitespace
            score.comment = comment.isEmpty ? nil : comment
            score.band = bands.band(for: Int(score.percent))?.label
            return score
        }
        let (actor, now) = (context.actor, context.clock.now())
        try context.store.batch { batch in for score in scores { try batch.recordScore(score, actor: actor, at: now) } }
        return ImportResult(issues: [], recorded: scores.count)
    }

    /// Records the panel's agreed percent for one judged or hybrid criterion of an entry, with the reason.
    package func recordConsensus(application: String, criterion: String, percent: Double, reason: String) throws {
        let round = try RoundSnapshot.loadPanel(store: context.store, catalog: context.catalog)
        guard let entry = round.entry(application) else { throw UnknownEntry.error(application, known: round.entries.map(\.id)) }
        guard let rubric = entry.rubric else {
            throw PSEAError.roundInvalid(
                RoundCode.noRubric, th: "ผลงาน \(application) ไม่มีเกณฑ์การให้คะแนนของปีและประเภทนี้",
                en: "entry \(application) has no rubric for its year and type")
        }
        guard let found = rubric.criterion(criterion), found.mode != .auto else {
            throw PSEAError.roundInvalid(
                RoundCode.invalidValue,
                th: "ประเด็น \(criterion) ไม่ใช่ประเด็นที่กรรมการให้คะแนนในเกณฑ์ \(rubric.key)",
                en: "criterion \(criterion) is not a judged or hybrid criterion of rubric \(rubric.key)")
        }
        guard percent.isFinite, (0...100).contains(percent), (percent / ScoreRules.step).rounded() * ScoreRules.step == percent else {
            throw PSEAError.roundInvalid(
                RoundCode.invalidValue, th: "ค่าร้อยละที่ตกลงกันต้องอยู่ในช่วง 0–100 และเพิ่มทีละ 5",
                en: "the agreed percent must be within 0–100 in steps of 5")
        }
        let text = reason.trimmingWhitespace
        guard !text.isEmpty else {
            throw PSEAError.roundInvalid(RoundCode.invalidValue, th: "ต้องระบุเหตุผลของคะแนนที่ตกลงกัน", en: "a consensus needs a reason")
        }
        try Self.requireFrozen(entry, round.facts.frozenRubrics)
        _ = try context.store.recordConsensus(
            Consensus(application: application, criterion: criterion, percent: percent, reason: text),
            actor: context.actor, at: context.clock.now())
    }

    /// Refuses when the entry's rubric file differs from its frozen hash.
    static func requireFrozen(_ entry: PanelEntry, _ frozenRubrics: [RubricFreeze]) throws {
        guard let rubric = entry.rubric, let sha = entry.rubricSHA256,
            let frozen = frozenRubrics.first(where: { $0.year == rubric.year && $0.type == rubric.type })
        else { return }
        if frozen.sha256 != sha {
            throw PSEAError.rubricChanged(year: rubric.year, type: rubric.type, frozen: frozen.sha256, current: sha)
        }
    }

    static func counted(_ results: [AppendResult]) -> ImportResult {
        let recorded = results.filter { if case .appended = $0 { true } else { false } }.count
        return ImportResult(issues: [], recorded: recorded, unchanged: results.count - recorded)
    }
}

/// What `RoundPanel.assign` did.
package struct AssignOutcome: Sendable, Equatable {
    /// New assignments, sorted by application then judge.
    package var added: [Assignment]
    /// Automatic conflicts newly recorded.
    package var automaticConflicts: Int
    /// Rubrics frozen by this run.
    package var frozen: [RubricFreeze]
    /// The scope the seed was recorded under; nil when nothing needed assigning.
    package var seedScope: String?
    /// Entries that still have fewer judges than asked, with why.
    package var shortfalls: [Shortfall]
    /// Each judge's number of entries after the run.
    package var loads: [String: Int]
}
