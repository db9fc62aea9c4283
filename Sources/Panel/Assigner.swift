import Model

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator, so that assignments replay exactly from
/// their seed on every platform and Swift version.
package struct SplitMix64: Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (rejection sampling, no modulo bias); 0 when `bound` is not positive.
    package mutating func next(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let limit = UInt64(bound)
        let threshold = (0 &- limit) % limit
        while true {
            let value = next()
            if value >= threshold { return Int(value % limit) }
        }
    }

    /// The elements in a random order (Fisher–Yates, from the last position down).
    package mutating func shuffled<T>(_ elements: [T]) -> [T] {
        var result = elements
        var i = result.count - 1
        while i > 0 {
            result.swapAt(i, next(below: i + 1))
            i -= 1
        }
        return result
    }
}

/// The judges of one entry.
package struct EntryAssignment: Sendable, Hashable, Codable {
    package var application: String
    /// Sorted judge ids.
    package var judges: [String]
}

/// An entry that could not get the requested number of judges: every conflict-free judge is already on it.
package struct Shortfall: Sendable, Hashable, Codable {
    package var application: String
    package var wanted: Int
    /// How many judges were free of conflict with the entry (all of them are assigned).
    package var eligible: Int

    /// The explanation in Thai and English.
    package var message: LocalizedText {
        LocalizedText(
            th: "ผลงาน \(application) ต้องการกรรมการ \(wanted) คน แต่มีกรรมการที่ไม่มีส่วนได้ส่วนเสียเพียง \(eligible) คน",
            en: "entry \(application) needs \(wanted) judges but only \(eligible) are free of conflict"
        )
    }
}

/// The result of an assignment: every entry's judges, each judge's load and the entries left short.
package struct AssignmentPlan: Sendable, Hashable, Codable {
    package var seed: UInt64
    package var perEntry: Int
    /// One element per entry, sorted by application id: the judges it already had and those added.
    package var entries: [EntryAssignment]
    /// The pairs this plan adds to the assignments it was given, sorted by application then judge.
    package var added: [Assignment]
    /// Entries that got fewer than `perEntry` judges, sorted by application id.
    package var shortfalls: [Shortfall]
    /// The number of entries of every judge (including judges with none), given assignments included.
    package var loads: [String: Int]

    /// Every assigned judge–entry pair.
    package var pairs: Set<JudgeEntryPair> {
        Set(entries.flatMap { entry in entry.judges.map { JudgeEntryPair(judge: $0, application: entry.application) } })
    }

    /// Whether every entry got `perEntry` judges.
    package var isComplete: Bool { shortfalls.isEmpty }
}

/// Assigns judges to entries: a round's first run, and every later run, which only tops up.
///
/// Algorithm (deterministic for the same inputs and seed, whatever the input order):
/// 1. Entry and judge ids are de-duplicated and sorted; the seed drives a SplitMix64 generator. Each judge's load
///    starts at the number of assignments given (`assigned`), which never move.
/// 2. The entries with fewer than `perEntry` judges are visited most-constrained first (fewest eligible judges),
///    ties in a seeded random order.
/// 3. Greedy: each entry tops up to `perEntry` with the least-loaded eligible judges not already on it, load ties
///    broken by a seeded random rank of the judges (drawn once per entry). An entry with too few eligible judges
///    takes them all and is reported as a shortfall. Since judges have no capacity limit, a shortfall happens only then.
/// 4. Repair, on a first run only (nothing `assigned`): while some judge carries at least two entries more than
///    another, look (breadth first, judges and entries in sorted order) for a chain of moves h → … → t where each
///    step hands one of a judge's entries to a judge eligible for it and not yet on it, and t carries at least two
///    less than h. Applying the chain lowers h by one and raises t by one; the sum of squared loads falls, so
///    repair ends. When no chain exists the load cannot be balanced further by such moves (conflicts prevent it)
///    and the plan is returned as it is.
package enum Assigner {
    package static func assign(
        entries: [String], judges: [String], conflicts: Set<JudgeEntryPair>, perEntry: Int, seed: UInt64,
        assigned: [Assignment] = []
    ) -> AssignmentPlan {
        let entryIDs = Array(Set(entries)).sorted()
        let judgeIDs = Array(Set(judges)).sorted()
        let wanted = max(0, perEntry)
        var random = SplitMix64(seed: seed)

        var panel: [String: Set<String>] = [:]
        var load = Dictionary(uniqueKeysWithValues: judgeIDs.map { ($0, 0) })
        for assignment in assigned {
            panel[assignment.application, default: []].insert(assignment.judge)
            load[assignment.judge, default: 0] += 1
        }

        // Each entry's eligible judges are counted here and listed only when it is visited: a round of 100,000
        // entries would otherwise hold a list of judges per entry (about 100 MB).
        let judgeSet = Set(judgeIDs)
        var conflicted: [String: Int] = [:]
        for pair in conflicts where judgeSet.contains(pair.judge) { conflicted[pair.application, default: 0] += 1 }
        func eligibleCount(_ entry: String) -> Int { judgeIDs.count - (conflicted[entry] ?? 0) }
        let needy = entryIDs.filter { (panel[$0]?.count ?? 0) < wanted }

        let visitRank = Dictionary(uniqueKeysWithValues: random.shuffled(needy).enumerated().map { ($1, $0) })
        let order = needy.sorted { a, b in
            let ea = eligibleCount(a), eb = eligibleCount(b)
            if ea != eb { return ea < eb }
            return (visitRank[a] ?? 0) < (visitRank[b] ?? 0)
        }

        var shortfalls: [Shortfall] = []
        for entry in order {
            let have = panel[entry] ?? []
            let candidates = judgeIDs.filter { !conflicts.contains(JudgeEntryPair(judge: $0, application: entry)) }
            let tieRank = Dictionary(uniqueKeysWithValues: random.shuffled(judgeIDs).enumerated().map { ($1, $0) })
            let ranked = candidates.filter { !have.contains($0) }.sorted { a, b in
                let la = load[a] ?? 0, lb = load[b] ?? 0
                if la != lb { return la < lb }
                return (tieRank[a] ?? 0) < (tieRank[b] ?? 0)
            }
            let chosen = ranked.prefix(wanted - have.count)
            panel[entry] = have.union(chosen)
            for judge in chosen { load[judge, default: 0] += 1 }
            if have.count + chosen.count < wanted {
                shortfalls.append(Shortfall(application: entry, wanted: wanted, eligible: candidates.count))
            }
        }

        if assigned.isEmpty {
            repair(panel: &panel, load: &load, judges: judgeIDs, entries: entryIDs, conflicts: conflicts)
        }

        let given = Set(assigned)
        return AssignmentPlan(
            seed: seed, perEntry: wanted,
            entries: entryIDs.map { EntryAssignment(application: $0, judges: (panel[$0] ?? []).sorted()) },
            added: entryIDs.flatMap { entry in
                (panel[entry] ?? []).map { JudgeEntryPair(judge: $0, application: entry) }.filter { !given.contains($0) }
            }.sorted(),
            shortfalls: shortfalls.sorted { $0.application < $1.application },
            loads: load
        )
    }

    /// Moves entries along chains of judges until no judge carries two more than a judge it can hand work to.
    static func repair(
        panel: inout [String: Set<String>], load: inout [String: Int],
        judges: [String], entries: [String], conflicts: Set<JudgeEntryPair>
    ) {
        while true {
            var improved = false
            let byLoad = judges.sorted { (load[$0] ?? 0, $0) > (load[$1] ?? 0, $1) }
            let lowest = judges.map { load[$0] ?? 0 }.min() ?? 0
            var entriesOf: [String: [String]] = [:]
            for entry in entries {
                for judge in (panel[entry] ?? []).sorted() { entriesOf[judge, default: []].append(entry) }
            }
            for source in byLoad where (load[source] ?? 0) - lowest >= 2 {
                guard let path = chain(from: source, entriesOf: entriesOf, panel: panel, load: load, judges: judges, conflicts: conflicts) else {
                    continue
                }
                for step in path {
                    panel[step.entry]?.remove(step.from)
                    panel[step.entry]?.insert(step.to)
                }
                load[source, default: 0] -= 1
                if let last = path.last { load[last.to, default: 0] += 1 }
                improved = true
                break
            }
            if !improved { return }
        }
    }

    private struct Move {
        let entry: String
        let from: String
        let to: String
    }

    /// A breadth-first chain of moves from `source` to a judge carrying at least two entries less.
    private static func chain(
        from source: String, entriesOf: [String: [String]], panel: [String: Set<String>], load: [String: Int],
        judges: [String], conflicts: Set<JudgeEntryPair>
    ) -> [Move]? {
        let target = (load[source] ?? 0) - 2
        guard target >= 0 else { return nil }
        var previous: [String: Move] = [:]
        var visited: Set<String> = [source]
        var queue = [source]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for entry in entriesOf[current] ?? [] {
                for next in judges where !visited.contains(next) {
                    guard panel[entry]?.contains(next) != true,
                        !conflicts.contains(JudgeEntryPair(judge: next, application: entry))
                    else { continue }
                    visited.insert(next)
                    previous[next] = Move(entry: entry, from: current, to: next)
                    if (load[next] ?? 0) <= target {
                        var path: [Move] = []
                        var node = next
                        while let move = previous[node] {
                            path.append(move)
                            node = move.from
                        }
                        return path.reversed()
                    }
                    queue.append(next)
                }
            }
        }
        return nil
    }
}
