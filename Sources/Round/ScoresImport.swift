import Foundation
import Model
import Panel
import Rubric
import Store

/// One scores file (or one score) checked and recorded a row at a time, as `RoundPanel.importScores` reads it: the
/// checks of the whole-file import, each row recorded inside the caller's transaction as long as nothing was refused
/// (after that, rows are only checked, and the transaction is rolled back). It holds the round's panel facts, the
/// problems found and the key of each row seen (`ScoreRules.Checker`), never the rows. Of each entry it keeps the
/// number of its rubric; of each rubric, its criteria's modes and whether its file changed since it was frozen.
struct ScoresImport {
    /// The number of each current entry's rubric in `rubricKeys` (-1 without a rubric).
    private let rubricOf: [String: Int32]
    private let rubricKeys: [String]
    private let modes: [[String: ScoringMode]]
    /// Why each rubric may not be used (`RoundPanel.requireFrozen`); nil when it may.
    private let changed: [(any Error)?]
    private let pairs: ScoreRules.PairBook
    private let bands: BandSet
    private let skipUnassigned: Bool
    private var unknownEntries: UnknownEntry.Finder
    private var checker: ScoreRules.Checker
    private var parseIssues: [PanelIssue] = []
    private var unsafeIssues: [RoundIssue] = []
    private var unknownIssues: [RoundIssue] = []
    private var ruleIssues: [PanelIssue] = []
    private var skipped: [RoundIssue] = []
    /// Each rubric named by a row, with the error when its file changed since it was frozen.
    private var rubrics: [String: (any Error)?] = [:]
    /// What was recorded; `RoundPanel.importScores` sets it from the thread that wrote the rows.
    var tally = Tally()

    init(round: PanelRound, bands: BandSet, skipUnassigned: Bool) {
        var rubricOf: [String: Int32] = [:]
        var numbers: [String: Int32] = [:]
        var (keys, modes, changed): ([String], [[String: ScoringMode]], [(any Error)?]) = ([], [], [])
        for entry in round.entries where rubricOf[entry.id] == nil {
            guard let rubric = entry.rubric else {
                rubricOf[entry.id] = -1
                continue
            }
            if numbers[rubric.key] == nil {
                numbers[rubric.key] = Int32(keys.count)
                keys.append(rubric.key)
                modes.append(Dictionary(rubric.allCriteria.map { ($0.criterion.id, $0.criterion.mode) }, uniquingKeysWith: { first, _ in first }))
                do {
                    try RoundPanel.requireFrozen(entry, round.facts.frozenRubrics)
                    changed.append(nil)
                } catch {
                    changed.append(error)
                }
            }
            rubricOf[entry.id] = numbers[rubric.key]
        }
        (self.rubricOf, rubricKeys, self.modes, self.changed) = (rubricOf, keys, modes, changed)
        pairs = ScoreRules.PairBook(assignments: round.facts.assignments, conflicts: round.facts.conflictPairs)
        // A complete file has a row for each judged criterion of each assignment.
        let judged = modes.map { $0.values.count { $0 != .auto } }
        checker = ScoreRules.Checker(
            expectedRows: round.facts.assignments.reduce(0) { rows, pair in
                guard let number = rubricOf[pair.application], number >= 0 else { return rows }
                return rows + judged[Int(number)]
            })
        self.bands = bands
        self.skipUnassigned = skipUnassigned
        unknownEntries = UnknownEntry.Finder(known: round.entries.map(\.id))
    }

    /// What the import ends with; the transaction commits only when `commits`.
    struct Outcome {
        var result: ImportResult
        /// The error the command stops with (a rubric changed since it was frozen); nothing is stored.
        var error: (any Error)?

        var commits: Bool { error == nil && result.isValid }
    }

    /// Whether anything refuses the file so far: from then on rows are checked, not recorded.
    private var refusing: Bool {
        !parseIssues.isEmpty || !unsafeIssues.isEmpty || !unknownIssues.isEmpty || !ruleIssues.isEmpty
            || rubrics.values.contains { $0 != nil }
    }

    /// A problem the reader found in a row.
    mutating func parseIssue(_ issue: PanelIssue) {
        parseIssues.append(issue)
    }

    /// Where and as whom scores are recorded: the open transaction, the actor and the time of every event.
    struct Recorder {
        var batch: StoreBatch
        var actor: String
        var at: Date
    }

    /// Checks one row and, while nothing is refused, records its score (with the band of its percent) through
    /// `record` unless the database holds the same values already.
    mutating func take(_ row: FileRow<Score>, recording record: Recorder) throws {
        guard let score = check(row) else { return }
        try tally.record(PreparedScore(score), record)
    }

    /// Checks one row; returns its score as it is recorded (texts trimmed, the band of its percent) while nothing
    /// refuses the file, else nil. `take` without the recording: the rows of a file are checked on one core while
    /// `Tally.record` writes the ones before on another.
    mutating func check(_ row: FileRow<Score>) -> Score? {
        if !Judge.isSafeID(row.judge) { unsafeIssues.append(RoundIssue(Judge.unsafeIDIssue(row.judge, line: row.line, column: "judge"))) }
        if let issue = unknownEntries.issue(line: row.line, application: row.application) { unknownIssues.append(issue) }
        let number = rubricOf[row.application]
        if skipUnassigned, number != nil, let issue = ScoreRules.assignmentIssue(row, pairs: pairs) {
            skipped.append(RoundIssue(issue))
            return nil
        }
        if let number, number >= 0, rubrics[rubricKeys[Int(number)]] == nil {
            rubrics[rubricKeys[Int(number)]] = .some(changed[Int(number)])
        }
        let (rubricOf, modes) = (self.rubricOf, self.modes)
        ruleIssues += checker.check(row, pairs: pairs) { application, criterion in
            guard let number = rubricOf[application], number >= 0 else { return nil }
            return modes[Int(number)][criterion]
        }
        guard !refusing else { return nil }
        var score = row.value
        score.comment = RoundPanel.text(score.comment)
        score.strength = RoundPanel.text(score.strength)
        score.opportunity = RoundPanel.text(score.opportunity)
        score.evidence = score.evidence.flatMap { $0.isEmpty ? nil : $0 }
        score.band = bands.label(for: Int(score.percent))
        return score
    }

    /// The scores recorded, and those the database held already with the same values.
    struct Tally {
        var recorded = 0
        var unchanged = 0

        /// Records a checked score (`check`) through `record` unless the database holds the same values already.
        mutating func record(_ score: PreparedScore, _ record: Recorder) throws {
            if try record.batch.recordScoreIfChanged(score, actor: record.actor, at: record.at) {
                recorded += 1
            } else {
                unchanged += 1
            }
        }
    }

    /// The end of the file: `refused`, the problem that refuses it as a whole, voids everything else; then a rubric
    /// changed since it was frozen stops the command (the first by key); then the rows' problems refuse the file.
    func outcome(refused: PanelIssue?) -> Outcome {
        if let refused { return Outcome(result: ImportResult(issues: [RoundIssue(refused)])) }
        if let error = rubrics.filter({ $0.value != nil }).min(by: { $0.key < $1.key })?.value ?? nil {
            return Outcome(result: ImportResult(issues: []), error: error)
        }
        let issues =
            parseIssues.sorted(by: PanelIssue.sourceOrder).map(RoundIssue.init) + unsafeIssues + unknownIssues
            + ruleIssues.sorted(by: PanelIssue.sourceOrder).map(RoundIssue.init)
        guard issues.isEmpty else { return Outcome(result: ImportResult(issues: issues)) }
        return Outcome(result: ImportResult(issues: [], recorded: tally.recorded, unchanged: tally.unchanged, skipped: skipped))
    }
}
