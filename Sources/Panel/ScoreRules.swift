import Model

/// The checks a scores file must pass before anything from it is stored.
package enum ScoreRules {
    /// Percent values must be multiples of this step (DOMAIN.md §2: a value in 5-point steps inside a band).
    package static let step = 5.0

    /// Every problem of every row, sorted by line then code. A row is refused when its judge has a conflict with
    /// the application (reported instead of "unassigned"), is not assigned to it, its criterion is unknown for the
    /// application or automatic, its percent is outside 0–100 or not a multiple of 5, or it repeats an earlier
    /// judge/application/criterion of the same file. The caller stores nothing when the result is not empty.
    package static func check(
        rows: [FileRow<Score>], assignments: Set<JudgeEntryPair>, conflicts: Set<JudgeEntryPair>,
        criteria: (_ application: String, _ criterion: String) -> ScoringMode?
    ) -> [PanelIssue] {
        var checker = Checker(expectedRows: rows.count)
        let pairs = PairBook(assignments: assignments, conflicts: conflicts)
        let issues = rows.flatMap { checker.check($0, pairs: pairs, criteria: criteria) }
        return issues.sorted(by: PanelIssue.sourceOrder)
    }

    /// The assignments in force and the conflicts a scores file is checked against, each pair held as one number
    /// made of its judge's and its entry's: a round's 500,000 assignments take 8 bytes each rather than the 32 of a
    /// `JudgeEntryPair` (two strings).
    package struct PairBook: Sendable {
        private var judges: [String: UInt32] = [:]
        private var applications: [String: UInt32] = [:]
        private var assigned: Set<UInt64> = []
        private var conflicted: Set<UInt64> = []

        package init(assignments: some Collection<JudgeEntryPair>, conflicts: some Collection<JudgeEntryPair>) {
            assigned.reserveCapacity(assignments.count)
            conflicted.reserveCapacity(conflicts.count)
            for pair in assignments { assigned.insert(number(pair)) }
            for pair in conflicts { conflicted.insert(number(pair)) }
        }

        /// Whether `judge` has a conflict of interest with `application`.
        package func isConflicted(judge: String, application: String) -> Bool {
            known(judge: judge, application: application).map(conflicted.contains) ?? false
        }

        /// Whether `judge` is assigned to `application`.
        package func isAssigned(judge: String, application: String) -> Bool {
            known(judge: judge, application: application).map(assigned.contains) ?? false
        }

        private func known(judge: String, application: String) -> UInt64? {
            guard let judge = judges[judge], let application = applications[application] else { return nil }
            return UInt64(judge) << 32 | UInt64(application)
        }

        private mutating func number(_ pair: JudgeEntryPair) -> UInt64 {
            UInt64(ScoreRules.number(pair.judge, in: &judges)) << 32 | UInt64(ScoreRules.number(pair.application, in: &applications))
        }
    }

    /// The number standing for `text` among the values seen in one column, given in the order first seen.
    private static func number(_ text: String, in numbers: inout [String: UInt32]) -> UInt32 {
        if let known = numbers[text] { return known }
        let next = UInt32(numbers.count)
        numbers[text] = next
        return next
    }

    /// The checks of `check(rows:…)` one row at a time, for a file read as it arrives: what it holds is the line of
    /// each judge/application/criterion key seen, as one 64-bit number made of three small ones, not the rows.
    package struct Checker {
        private var judges: [String: UInt32] = [:]
        private var applications: [String: UInt32] = [:]
        private var criteria: [String: UInt32] = [:]
        /// The first line of each key whose judge and criterion numbers fit in 16 bits (every real file's).
        private var firstLine: [UInt64: Int32] = [:]
        /// The first line of any other key.
        private var otherFirstLine: [Key: Int32] = [:]

        /// `expectedRows`, when known (the pairs assigned times their criteria), sizes the table of keys once,
        /// instead of its being copied as it grows: a round's 2 million keys take 50 MB, 75 MB while copied.
        package init(expectedRows: Int = 0) {
            firstLine.reserveCapacity(max(0, expectedRows))
        }

        /// The problems of one row (unsorted), the rows checked before it counting for repeats.
        package mutating func check(
            _ row: FileRow<Score>, pairs: PairBook, criteria mode: (_ application: String, _ criterion: String) -> ScoringMode?
        ) -> [PanelIssue] {
            var issues: [PanelIssue] = []
            if let issue = assignmentIssue(row, pairs: pairs) { issues.append(issue) }
            switch mode(row.application, row.criterion) {
            case nil:
                issues.append(
                    PanelIssue(
                        .unknownCriterion, line: row.line, column: "criterion",
                        th: "ไม่มีประเด็นการพิจารณา \(row.criterion) ในเกณฑ์การให้คะแนนของผลงาน \(row.application)",
                        en: "criterion \(row.criterion) is not in the rubric of entry \(row.application)"
                    ))
            case .auto:
                issues.append(
                    PanelIssue(
                        .automaticCriterion, line: row.line, column: "criterion",
                        th: "ประเด็น \(row.criterion) คำนวณคะแนนโดยอัตโนมัติ กรรมการจึงให้คะแนนเองไม่ได้",
                        en: "criterion \(row.criterion) is computed automatically; judges cannot score it"
                    ))
            case .judged, .hybrid:
                break
            }
            if !(0...100).contains(row.percent) {
                issues.append(
                    PanelIssue(
                        .percentOutOfRange, line: row.line, column: "percent",
                        th: "ค่าร้อยละ \(format(row.percent)) อยู่นอกช่วง 0–100",
                        en: "percent \(format(row.percent)) is outside 0–100"
                    ))
            } else if (row.percent / step).rounded() * step != row.percent {
                issues.append(
                    PanelIssue(
                        .percentOffStep, line: row.line, column: "percent",
                        th: "ค่าร้อยละ \(format(row.percent)) ต้องเป็นค่าที่เพิ่มทีละ 5 (0, 5, 10, …, 100)",
                        en: "percent \(format(row.percent)) must be in steps of 5 (0, 5, 10, …, 100)"
                    ))
            }
            let key = Key(
                judge: ScoreRules.number(row.judge, in: &judges), application: ScoreRules.number(row.application, in: &applications),
                criterion: ScoreRules.number(row.criterion, in: &self.criteria))
            if let first = firstLine(of: key, line: row.line) {
                issues.append(
                    PanelIssue(
                        .duplicateScore, line: row.line,
                        th: "คะแนนของกรรมการ \(row.judge) สำหรับผลงาน \(row.application) ประเด็น \(row.criterion) ซ้ำกับบรรทัดที่ \(first)",
                        en: "judge \(row.judge) already scored entry \(row.application), criterion \(row.criterion) on line \(first)"
                    ))
            }
            return issues
        }

        /// The line `key` was first seen on; nil when it is new, and `line` is then kept as its first.
        private mutating func firstLine(of key: Key, line: Int) -> Int32? {
            let line = Int32(clamping: line)
            guard key.judge < 1 << 16, key.criterion < 1 << 16 else {
                if let first = otherFirstLine[key] { return first }
                otherFirstLine[key] = line
                return nil
            }
            let packed = UInt64(key.judge) << 48 | UInt64(key.criterion) << 32 | UInt64(key.application)
            if let first = firstLine[packed] { return first }
            firstLine[packed] = line
            return nil
        }

        /// One judge's score of one criterion of one entry, by the numbers of its three values: what may appear
        /// once in a scores file.
        private struct Key: Hashable {
            var judge: UInt32
            var application: UInt32
            var criterion: UInt32
        }
    }

    /// Why the row's judge may not score its entry: a conflict of interest (reported instead of "unassigned"), or
    /// no assignment in force; nil when the judge is assigned.
    package static func assignmentIssue(_ row: FileRow<Score>, pairs: PairBook) -> PanelIssue? {
        if pairs.isConflicted(judge: row.judge, application: row.application) {
            return PanelIssue(
                .conflictedJudge, line: row.line, column: "judge",
                th: "กรรมการ \(row.judge) มีส่วนได้ส่วนเสียกับผลงาน \(row.application) จึงให้คะแนนไม่ได้",
                en: "judge \(row.judge) has a conflict of interest with entry \(row.application) and cannot score it"
            )
        }
        if !pairs.isAssigned(judge: row.judge, application: row.application) {
            return PanelIssue(
                .unassignedJudge, line: row.line, column: "judge",
                th: "กรรมการ \(row.judge) ไม่ได้รับมอบหมายให้พิจารณาผลงาน \(row.application)",
                en: "judge \(row.judge) is not assigned to entry \(row.application)"
            )
        }
        return nil
    }

    /// A percent as people write it: no trailing `.0`.
    package static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
