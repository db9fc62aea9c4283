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

    /// Reads a judges CSV (`id,name,ministry,province,agency`) and registers every judge. A province is checked
    /// against the 77 as intake checks an application's: another accepted spelling (`จ.เชียงใหม่`, `Chiang Mai`) is
    /// stored as the official name with a warning (`PSEA-W051`), an unknown one refuses the row (`PSEA-E050`). A
    /// judge already registered with the same data (or as the file writes it) is unchanged; with other data the
    /// row is refused.
    package func importJudges(csv bytes: [UInt8]) throws -> ImportResult {
        let text: String
        do { text = try CSV.decode(bytes) } catch { return ImportResult(issues: [RoundIssue(error)]) }
        let parsed = PanelFiles.judges(text)
        var issues = parsed.issues.map(RoundIssue.init)
        var warnings: [RoundIssue] = []
        let existing = Dictionary(try context.store.judges().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var judges: [Judge] = []
        var unchanged = 0
        for row in parsed.rows {
            var judge = row.value
            if let name = judge.province {
                switch Provinces.match(name) {
                case .exact:
                    break
                case .tolerated(let province, let reason):
                    judge.province = province.name
                    let message = Provinces.spellingMessage(field: "province", name: name, province: province, reason: reason)
                    warnings.append(RoundIssue(.provinceSpelling, line: row.line, column: "province", th: message.th, en: message.en))
                case .unknown:
                    let message = Provinces.unknownMessage(field: "province", name: name)
                    issues.append(RoundIssue(.unknownProvince, line: row.line, column: "province", th: message.th, en: message.en))
                }
            }
            if let known = existing[judge.id], known == judge || known == row.value {
                unchanged += 1
                continue
            }
            if let known = existing[judge.id], known != judge {
                issues.append(
                    RoundIssue(
                        RoundCode.contradicts, line: row.line, column: "id",
                        th: "กรรมการ \(judge.id) ลงทะเบียนไว้แล้วด้วยข้อมูลอื่น แก้ไขข้อมูลที่บันทึกแล้วไม่ได้",
                        en: "judge \(judge.id) is already registered with other data, which cannot change"))
            }
            judges.append(judge)
        }
        guard issues.isEmpty else { return ImportResult(issues: issues, warnings: warnings) }
        let (actor, now) = (context.actor, context.clock.now())
        let records = judges
        let results = try context.store.batch { batch in try records.map { try batch.registerJudge($0, actor: actor, at: now) } }
        var result = Self.counted(results)
        result.unchanged += unchanged
        result.warnings = warnings
        return result
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
            // A pair given again, in the file or in the database, with another reason contradicts it.
            var otherReason: LocalizedText?
            if let first = seen[pair] {
                guard first.reason.trimmingWhitespace != reason else { continue }
                otherReason = LocalizedText(
                    th: "กรรมการ \(judge) กับผลงาน \(application) ซ้ำกับบรรทัดที่ \(first.line) แต่เหตุผลต่างกัน",
                    en: "judge \(judge) and entry \(application) repeat line \(first.line) with another reason")
            } else if let existing = stored[pair] {
                seen[pair] = row
                if existing.reason == reason || existing.reason.hasPrefix(ConflictRules.automaticPrefix) {
                    unchanged += 1
                    continue
                }
                otherReason = LocalizedText(
                    th: "มีการแจ้งส่วนได้ส่วนเสียของกรรมการ \(judge) กับผลงาน \(application) ไว้แล้วด้วยเหตุผลอื่น",
                    en: "a conflict of judge \(judge) with entry \(application) is already recorded with another reason")
            }
            if let otherReason {
                issues.append(RoundIssue(RoundCode.contradicts, line: row.line, column: "reason", th: otherReason.th, en: otherReason.en))
                continue
            }
            seen[pair] = row
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
    ///
    /// Two guards refuse the run before anything is written (`PSEA-RND020`, `PSEA-RND021`): `perEntry` below the
    /// largest `minJudges` of the rubrics in use, and adding judges once any score is recorded. `override` (the
    /// officer's reason for `--force`) lets the run go past them, each override recorded in the ledger with the
    /// reason. With `dryRun` the same checks and plan run and nothing is recorded.
    ///
    /// Only screened, eligible entries get judges: the run is refused (`PSEA-RND106`) while a current entry has not
    /// been screened (or a new version of it arrived since), and entries found not eligible are skipped.
    package func assign(perEntry: Int, seed: UInt64, override: String? = nil, dryRun: Bool = false) throws -> AssignOutcome {
        var round = try RoundSnapshot.loadPanel(store: context.store, catalog: context.catalog)
        let unscreened = round.entries.filter { $0.screening == nil }.map(\.id)
        guard unscreened.isEmpty else {
            let named = unscreened.prefix(5).joined(separator: ", ") + (unscreened.count > 5 ? ", …" : "")
            throw PSEAError(
                code: RoundCode.notScreened,
                message: LocalizedText(
                    th: "ยังมอบหมายกรรมการไม่ได้: ผลงาน \(unscreened.count) รายการยังไม่ได้ตรวจสอบคุณสมบัติ (\(named)) ให้สั่ง psea screen ก่อน",
                    en: "judges cannot be assigned yet: \(unscreened.count) entry(ies) not screened (\(named)); run psea screen first"),
                context: ["applications": unscreened.joined(separator: ",")], isInvalidInput: true)
        }
        let ineligible = round.entries.filter { $0.screening?.eligible == false }.map(\.id)
        round.entries.removeAll { $0.screening?.eligible == false }
        let snapshot = round.facts
        let (actor, now) = (context.actor, context.clock.now())
        // A blank reason is no override.
        let reason = Self.text(override)
        var overrides: [GuardOverride] = []

        var rubrics: [String: Rubric] = [:]
        for entry in round.entries { if let rubric = entry.rubric { rubrics[rubric.key] = rubric } }
        let short = rubrics.values.filter { $0.panel.minJudges > perEntry }.sorted { $0.key < $1.key }
        if !short.isEmpty {
            let th = short.map { "\($0.key) กำหนดกรรมการขั้นต่ำ \($0.panel.minJudges) คน" }.joined(separator: ", ")
            let en = short.map { "\($0.key) needs minJudges \($0.panel.minJudges)" }.joined(separator: ", ")
            guard let reason else {
                throw PSEAError.roundInvalid(
                    RoundCode.belowMinJudges,
                    th: "ขอกรรมการผลงานละ \(perEntry) คน น้อยกว่าที่เกณฑ์กำหนด (\(th)) ผลงานเหล่านั้นจะไม่ได้รับการจัดอันดับ ให้เพิ่มจำนวน หรือใช้ --force --reason เหตุผล",
                    en:
                        "--per-entry \(perEntry) is below what the rubrics in use require (\(en)); their entries could never be ranked. Raise it, or give --force --reason TEXT"
                )
            }
            overrides.append(
                GuardOverride(code: RoundCode.belowMinJudges.code, command: "assign", subject: "per-entry \(perEntry); \(en)", reason: reason))
        }

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

        if !plan.added.isEmpty, try context.store.hasScores() {
            let entries = Set(plan.added.map(\.application)).count
            guard let reason else {
                throw PSEAError.roundInvalid(
                    RoundCode.assignAfterScores,
                    th:
                        "มีการให้คะแนนแล้ว การมอบหมายนี้จะเพิ่มกรรมการอีก \(plan.added.count) คู่ใน \(entries) ผลงาน ซึ่งผลงานเหล่านั้นจะยังประเมินไม่ครบจนกว่ากรรมการที่เพิ่มจะให้คะแนน ไม่ได้บันทึกสิ่งใด ให้ใช้ --force --reason เหตุผล หากตั้งใจเพิ่ม",
                    en:
                        "scoring has begun: this run would add \(plan.added.count) judge–entry pairs to \(entries) entries, which stay incomplete until the new judges score; nothing was recorded. Give --force --reason TEXT to add them"
                )
            }
            overrides.append(
                GuardOverride(
                    code: RoundCode.assignAfterScores.code, command: "assign",
                    subject: "\(plan.added.count) pairs added to \(entries) entries after scoring began", reason: reason))
        }

        let runs = snapshot.lotterySeeds.filter { $0.scope.hasPrefix("assignment-") }.count
        let seedRecord = plan.added.isEmpty ? nil : LotterySeed(scope: "assignment-\(runs + 1)", seed: seed)
        let outcome = AssignOutcome(
            added: plan.added, automaticConflicts: automatic.count, frozen: freezes, seedScope: seedRecord?.scope,
            shortfalls: plan.shortfalls, loads: plan.loads, entries: plan.entries, overrides: overrides, dryRun: dryRun,
            skippedIneligible: ineligible)
        guard !dryRun else { return outcome }
        let (frozenNow, records, assignments, forced) = (freezes, automatic, plan.added, overrides)
        try context.store.batch { batch in
            for override in forced { try batch.recordOverride(override, actor: actor, at: now) }
            for freeze in frozenNow { try batch.freezeRubric(freeze, actor: actor, at: now) }
            for conflict in records { try batch.declareConflict(conflict, actor: actor, at: now) }
            if let seedRecord { try batch.recordLotterySeed(seedRecord, actor: actor, at: now) }
            for assignment in assignments { try batch.assign(assignment, actor: actor, at: now) }
        }
        return outcome
    }

    // MARK: - Scores and consensus

    /// Reads a scores CSV (`judge,application,criterion,percent,comment,strength,opportunity`, or the old shape
    /// without the last two columns), checks every row (Panel's `ScoreRules` against the assignments in force, the
    /// conflicts and each entry's rubric) and records all of them with the band chosen, or none. A row the
    /// database already holds with the same values records nothing (`unchanged`); a changed one is a revision.
    /// With `skipUnassigned`, rows of judges not assigned to their entry (conflicted judges included) are left out
    /// and listed in `skipped` instead of refusing the file. Throws `PSEA-RND001` when a rubric changed since it
    /// was frozen.
    package func importScores(csv bytes: [UInt8], skipUnassigned: Bool = false) throws -> ImportResult {
        try importScores(chunks: { each in try each(bytes) }, skipUnassigned: skipUnassigned)
    }

    /// `importScores(csv:…)` for a file read as it arrives: `chunks` hands the file's bytes, in order, to the
    /// function it is given (`RegularFile.Chunks.forEach`). Each row is checked as it is read and, while the file
    /// has no problem yet, recorded at once inside one transaction, which is rolled back when any row is refused:
    /// what is held is the round's panel facts and the key of each row seen, never the file or its rows.
    package func importScores(
        chunks: (_ each: ([UInt8]) throws -> Void) throws -> Void, skipUnassigned: Bool = false
    ) throws -> ImportResult {
        try recordScores(skipUnassigned: skipUnassigned) { importer, record in
            // The file is read, its rows checked and their payloads made on another core (`Handoff`), a few hundred
            // rows at a time, while this thread records the rows before: the importer goes to that thread and back.
            let batch = 512
            var tally = ScoresImport.Tally()
            let (checked, refused) = try Handoff.run { (send: ([PreparedScore]) throws -> Void) -> (ScoresImport, PanelIssue?) in
                var (checking, reader, scores) = (importer, PanelFiles.ScoresReader(), [PreparedScore]())
                return try withoutActuallyEscaping(send) { send in
                    func take(_ row: FileRow<Score>) throws {
                        guard let score = checking.check(row) else { return }
                        scores.append(try PreparedScore(score))
                        guard scores.count == batch else { return }
                        try send(scores)
                        scores.removeAll(keepingCapacity: true)
                    }
                    try chunks { bytes in try reader.feed(bytes, row: take, issue: { checking.parseIssue($0) }) }
                    let refused = try reader.finish(row: take, issue: { checking.parseIssue($0) })
                    if !scores.isEmpty { try send(scores) }
                    return (checking, refused)
                }
            } consume: { scores in
                for score in scores { try tally.record(score, record) }
            }
            importer = checked
            importer.tally = tally
            return refused
        }
    }

    /// Checks and records one score given on the command line or saved in the web workspace (issues have line 0);
    /// its band is set from the percent. An evidence id the application does not hold is refused (PSEA-RND204).
    package func addScore(_ score: Score) throws -> ImportResult {
        var issues: [RoundIssue] = []
        if let evidence = score.evidence, !evidence.isEmpty, let stored = try context.store.entry(id: score.application) {
            let known = Set(stored.application.evidence.map(\.id))
            for id in evidence where !known.contains(id) {
                issues.append(
                    RoundIssue(
                        RoundCode.evidenceUnknown, line: 0, column: "evidence", th: "ใบสมัคร \(score.application) ไม่มีหลักฐานรหัส \(id)",
                        en: "the application \(score.application) has no evidence item \(id)"))
            }
        }
        guard issues.isEmpty else { return ImportResult(issues: issues) }
        return try recordScores(skipUnassigned: false) { importer, record in
            try importer.take(FileRow(score), recording: record)
            return nil
        }
    }

    /// The one way scores are recorded: `read` hands each row to the importer (checked, and recorded through
    /// `record` while nothing is refused) and returns the problem that refuses the file as a whole; all of it
    /// inside one transaction, committed only when nothing was refused.
    private func recordScores(
        skipUnassigned: Bool, _ read: (_ importer: inout ScoresImport, _ record: ScoresImport.Recorder) throws -> PanelIssue?
    ) throws -> ImportResult {
        // The round is read for the importer and let go: it keeps only what its checks look up.
        var importer = ScoresImport(
            round: try RoundSnapshot.loadPanel(store: context.store, catalog: context.catalog), bands: context.catalog.bands ?? .pmqaRanges,
            skipUnassigned: skipUnassigned)
        let (actor, now) = (context.actor, context.clock.now())
        let outcome = try context.store.batch(committingIf: { $0.commits }) { batch in
            let refused = try read(&importer, ScoresImport.Recorder(batch: batch, actor: actor, at: now))
            return importer.outcome(refused: refused)
        }
        if let error = outcome.error { throw error }
        return outcome.result
    }

    /// A free-text value (a score's texts, an override's reason) trimmed; nil when empty.
    static func text(_ value: String?) -> String? {
        guard let text = value?.trimmingWhitespace, !text.isEmpty else { return nil }
        return text
    }

    /// Records the panel's agreed percent for one judged or hybrid criterion of an entry, with the reason.
    ///
    /// A consensus replaces the judges' aggregate, so it is meant for a criterion flagged for disagreement (the
    /// range of its judges' current scores above the rubric's `disagreementThreshold`); any other is refused
    /// (`PSEA-RND022`) unless `force`, and then the override is recorded in the ledger with the reason.
    package func recordConsensus(application: String, criterion: String, percent: Double, reason: String, force: Bool = false) throws {
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
        let conflicts = round.facts.conflictPairs
        let values = try context.store.scores(application: application)
            .filter { $0.criterion == criterion && !conflicts.contains(JudgeEntryPair(judge: $0.judge, application: application)) }
            .map(\.percent)
        let range = Statistics(values)?.range
        let threshold = rubric.panel.disagreementThreshold
        var override: GuardOverride?
        if !(range.map { $0 > threshold } ?? false) {
            let found = range.map { "range \(ScoreRules.format($0)) of \(values.count) score(s)" } ?? "no score yet"
            let foundTH = range.map { "พิสัยของคะแนน \(values.count) รายการเป็น \(ScoreRules.format($0))" } ?? "ยังไม่มีคะแนน"
            guard force else {
                throw PSEAError.roundInvalid(
                    RoundCode.consensusNotFlagged,
                    th:
                        "ประเด็น \(criterion) ของผลงาน \(application) ไม่ได้ถูกระบุว่ากรรมการให้คะแนนต่างกันมาก (\(foundTH) เกณฑ์ให้หาฉันทามติเมื่อพิสัยเกิน \(ScoreRules.format(threshold))) ฉันทามติจะแทนค่ารวมของกรรมการ จึงไม่ได้บันทึก ให้ใช้ --force พร้อม --reason หากตั้งใจ",
                    en:
                        "criterion \(criterion) of entry \(application) is not flagged for disagreement (\(found); consensus is for a range above \(ScoreRules.format(threshold))); a consensus would replace the judges' aggregate, so nothing was recorded. Give --force with --reason if intended"
                )
            }
            override = GuardOverride(
                code: RoundCode.consensusNotFlagged.code, command: "consensus",
                subject: "\(application) \(criterion) at \(ScoreRules.format(percent)) (\(found))", reason: text)
        }
        let forced = override
        let agreed = Consensus(application: application, criterion: criterion, percent: percent, reason: text)
        let (actor, now) = (context.actor, context.clock.now())
        try context.store.batch { batch in
            if let forced { try batch.recordOverride(forced, actor: actor, at: now) }
            try batch.recordConsensus(agreed, actor: actor, at: now)
        }
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
    /// Each entry's judges after the run, sorted by application.
    package var entries: [EntryAssignment]
    /// The guards overridden (recorded in the ledger unless `dryRun`).
    package var overrides: [GuardOverride]
    /// Whether this was a dry run: nothing was recorded.
    package var dryRun: Bool
    /// Entries not assigned because screening found them not eligible, sorted.
    package var skippedIneligible: [String] = []
}
