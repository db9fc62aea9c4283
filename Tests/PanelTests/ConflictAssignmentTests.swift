import Model
import Testing

@testable import Panel

@Suite struct ConflictRulesTests {
    let judges = [
        Judge(id: "J1", name: "ก", ministry: "กระทรวงมหาดไทย", province: "เชียงใหม่", agency: "กรมการปกครอง"),
        Judge(id: "J2", name: "ข", ministry: " กระทรวงสาธารณสุข ", province: "จ. ขอนแก่น", agency: ""),
        Judge(id: "J3", name: "ค", ministry: "", province: "จังหวัดเชียงใหม่", agency: ""),
    ]
    let entries = [
        // A central department in Chiang Mai: J1 by agency and ministry; J3 shares the province but a
        // central department is not judged by province.
        EntryProfile(application: "E1", agency: "กรมการปกครอง", kind: .centralDepartment, ministry: "กระทรวงมหาดไทย", province: "เชียงใหม่"),
        EntryProfile(
            application: "E2", agency: "สำนักงานสาธารณสุขจังหวัดขอนแก่น", kind: .provincialOffice, ministry: "กระทรวงสาธารณสุข", province: "จังหวัดขอนแก่น"),
        EntryProfile(application: "E3", agency: "จังหวัดเชียงใหม่", kind: .province, province: " เชียงใหม่ "),
        EntryProfile(application: "E4", agency: "เทศบาลนครขอนแก่น", kind: .localAdministration, province: "ขอนแก่น"),
        EntryProfile(application: "E5", agency: "สถาบันพระปกเกล้า", kind: .publicOrganization, province: "ขอนแก่น"),
    ]

    @Test func findsAgencyMinistryAndProvinceConflicts() {
        let conflicts = ConflictRules.automatic(judges: judges, entries: entries)
        let found = conflicts.map { "\($0.pair.application)-\($0.pair.judge):" + $0.reasons.map(\.ground.rawValue).joined(separator: "+") }
        #expect(
            found == [
                "E1-J1:agency+ministry",
                "E2-J2:ministry+province",
                "E3-J1:province",
                "E3-J3:province",
                "E4-J2:province",
            ])
    }

    @Test func centralDepartmentsAndPublicOrganisationsAreNotJudgedByProvince() {
        let pairs = ConflictRules.pairs(ConflictRules.automatic(judges: judges, entries: entries))
        #expect(!pairs.contains(JudgeEntryPair(judge: "J3", application: "E1")))
        #expect(!pairs.contains(JudgeEntryPair(judge: "J2", application: "E5")))
    }

    @Test func emptyValuesNeverMatch() {
        let blank = [Judge(id: "J", name: "x")]
        let entry = [EntryProfile(application: "E", agency: "", kind: .province)]
        #expect(ConflictRules.automatic(judges: blank, entries: entry).isEmpty)
    }

    @Test func reasonsAreInThaiAndEnglish() throws {
        let first = try #require(ConflictRules.automatic(judges: judges, entries: entries).first)
        #expect(first.reasons[0].message.th == "กรรมการสังกัดหน่วยงานเดียวกับผู้สมัคร (กรมการปกครอง)")
        #expect(first.reasons[0].message.en == "the judge works for the applying agency (กรมการปกครอง)")
    }

    @Test(arguments: [("จ. เชียงใหม่", "เชียงใหม่"), ("จังหวัดเชียงใหม่", "เชียงใหม่"), (" จ.เชียงใหม่ ", "เชียงใหม่"), ("เชียงใหม่", "เชียงใหม่")])
    func normalisesProvincePrefixes(_ name: String, _ expected: String) {
        #expect(ConflictRules.normalizedProvince(name) == expected)
    }

    @Test("provinces are compared by their official name, whatever spelling intake accepts")
    func comparesCanonicalProvinces() {
        #expect(ConflictRules.normalizedProvince("Chiang Mai") == "เชียงใหม่")
        #expect(ConflictRules.normalizedProvince("กทม.") == "กรุงเทพมหานคร")
        #expect(ConflictRules.normalizedProvince(" จ.ไม่มีจริง ") == "ไม่มีจริง")
        let judge = [Judge(id: "J", name: "x", province: "Chiang Mai")]
        let entry = [EntryProfile(application: "E", agency: "จังหวัดเชียงใหม่", kind: .province, province: "จ.เชียงใหม่")]
        #expect(ConflictRules.automatic(judges: judge, entries: entry).map(\.pair) == [JudgeEntryPair(judge: "J", application: "E")])
    }

    @Test func mergesDeclaredConflicts() {
        let automatic = ConflictRules.automatic(judges: judges, entries: entries)
        let declared = [
            Conflict(judge: "J3", application: "E2", reason: "เคยเป็นที่ปรึกษาโครงการ"),
            Conflict(judge: "J1", application: "E1", reason: ""),
            Conflict(judge: "J1", application: "E1", reason: ""),
        ]
        let merged = ConflictRules.merge(automatic: automatic, recorded: declared)
        #expect(
            merged.map(\.pair) == [
                JudgeEntryPair(judge: "J1", application: "E1"),
                JudgeEntryPair(judge: "J2", application: "E2"),
                JudgeEntryPair(judge: "J3", application: "E2"),
                JudgeEntryPair(judge: "J1", application: "E3"),
                JudgeEntryPair(judge: "J3", application: "E3"),
                JudgeEntryPair(judge: "J2", application: "E4"),
            ])
        #expect(merged[0].reasons.map(\.ground) == [.agency, .ministry, .declared])
        #expect(merged[2].reasons.map(\.message.th) == ["กรรมการแจ้งว่ามีส่วนได้ส่วนเสีย: เคยเป็นที่ปรึกษาโครงการ"])
    }

    @Test("merging does not depend on the order of the automatic conflicts; a pair given twice is merged once")
    func mergeTakesAutomaticConflictsInAnyOrder() {
        let automatic = ConflictRules.automatic(judges: judges, entries: entries)
        let recorded = [Conflict(judge: "J3", application: "E2", reason: "ที่ปรึกษา"), Conflict(judge: "J1", application: "E3", reason: "")]
        let merged = ConflictRules.merge(automatic: automatic, recorded: recorded)
        #expect(ConflictRules.merge(automatic: automatic.reversed(), recorded: recorded) == merged)
        #expect(ConflictRules.merge(automatic: automatic + [automatic[0], automatic[2]], recorded: recorded) == merged)
        #expect(merged.map(\.pair) == merged.map(\.pair).sorted())
        let twice = ConflictRules.merge(automatic: [automatic[2], automatic[2]], recorded: [])
        #expect(twice == [automatic[2]])
    }

    @Test func mergesRecordedAutomaticConflictsOnce() throws {
        let automatic = ConflictRules.automatic(judges: judges, entries: entries)
        // E1–J1 is found now and was recorded at assignment; E5–J1 was recorded at assignment but the rules no
        // longer find it (the judge's data changed); E4–J3 was declared.
        let recorded = [
            ConflictRules.record(automatic[0]),
            Conflict(judge: "J1", application: "E5", reason: "automatic: province"),
            Conflict(judge: "J3", application: "E4", reason: " เป็นญาติผู้บริหาร "),
        ]
        #expect(recorded[0] == Conflict(judge: "J1", application: "E1", reason: "automatic: agency, ministry"))
        let merged = ConflictRules.merge(automatic: automatic, recorded: recorded)
        #expect(merged.count == automatic.count + 2)
        #expect(ConflictRules.all(judges: judges, entries: entries, recorded: recorded) == merged)

        let found = try #require(merged.first { $0.pair == JudgeEntryPair(judge: "J1", application: "E1") })
        #expect(found.reasons.map(\.ground) == [.agency, .ministry])
        #expect(found.automatic && !found.declared)
        let kept = try #require(merged.first { $0.pair == JudgeEntryPair(judge: "J1", application: "E5") })
        #expect(kept.reasons.map(\.ground) == [.recorded])
        #expect(kept.reasons.map(\.message.en) == ["automatic conflict recorded at assignment (province)"])
        #expect(kept.automatic && !kept.declared)
        let declared = try #require(merged.first { $0.pair == JudgeEntryPair(judge: "J3", application: "E4") })
        #expect(declared.reasons.map(\.message.en) == ["the judge declared a conflict of interest: เป็นญาติผู้บริหาร"])
        #expect(declared.declared && !declared.automatic)
    }
}

@Suite struct AssignerTests {
    let entries = (1...12).map { "E\($0 < 10 ? "0" : "")\($0)" }
    let judges = ["A", "B", "C", "D", "E"]
    let conflicts: Set<JudgeEntryPair> = [
        JudgeEntryPair(judge: "A", application: "E01"), JudgeEntryPair(judge: "B", application: "E01"),
        JudgeEntryPair(judge: "A", application: "E02"), JudgeEntryPair(judge: "C", application: "E05"),
        JudgeEntryPair(judge: "D", application: "E05"), JudgeEntryPair(judge: "E", application: "E09"),
    ]

    @Test func givesEveryEntryDistinctJudgesWithoutConflict() {
        let plan = Assigner.assign(entries: entries, judges: judges, conflicts: conflicts, perEntry: 3, seed: 42)
        #expect(plan.isComplete)
        #expect(plan.entries.map(\.application) == entries)
        for entry in plan.entries {
            #expect(Set(entry.judges).count == 3)
        }
        #expect(plan.pairs.isDisjoint(with: conflicts))
        #expect(plan.pairs.count == 36)
    }

    @Test func balancesLoad() {
        // 12 entries × 3 judges = 36 seats over 5 judges: loads must be 7 or 8.
        for seed in UInt64(0)..<20 {
            let plan = Assigner.assign(entries: entries, judges: judges, conflicts: conflicts, perEntry: 3, seed: seed)
            let loads = judges.map { plan.loads[$0] ?? -1 }
            #expect(loads.reduce(0, +) == 36)
            #expect(loads.max()! - loads.min()! <= 1, "seed \(seed): \(loads)")
        }
    }

    @Test func isDeterministicWhateverTheInputOrder() {
        let a = Assigner.assign(entries: entries, judges: judges, conflicts: conflicts, perEntry: 2, seed: 7)
        let b = Assigner.assign(entries: entries.reversed() + ["E03"], judges: ["E", "C", "A", "D", "B"], conflicts: conflicts, perEntry: 2, seed: 7)
        #expect(a == b)
    }

    @Test func differsAcrossSeeds() {
        let plans = (UInt64(1)...3).map { Assigner.assign(entries: entries, judges: judges, conflicts: conflicts, perEntry: 2, seed: $0) }
        #expect(plans[0].entries != plans[1].entries)
        #expect(plans[1].entries != plans[2].entries)
    }

    @Test func reportsShortfallsWithTheEligibleCount() throws {
        // E01 conflicts with A and B, so only C, D and E are eligible: 3 < 4. E05 conflicts with C and D: A, B, E.
        let plan = Assigner.assign(entries: entries, judges: judges, conflicts: conflicts, perEntry: 4, seed: 1)
        #expect(
            plan.shortfalls == [
                Shortfall(application: "E01", wanted: 4, eligible: 3), Shortfall(application: "E05", wanted: 4, eligible: 3),
            ])
        #expect(plan.entries.first?.judges == ["C", "D", "E"])
        #expect(plan.entries.first { $0.application == "E05" }?.judges == ["A", "B", "E"])
        #expect(plan.entries.filter { $0.judges.count == 4 }.count == 10)
        let message = try #require(plan.shortfalls.first).message
        #expect(message.en == "entry E01 needs 4 judges but only 3 are free of conflict")
        #expect(message.th.contains("เพียง 3 คน"))
    }

    @Test("a conflict naming a judge or an entry outside the round changes neither the eligible counts nor the plan")
    func conflictsOutsideTheRoundAreIgnored() {
        let outside = conflicts.union([
            JudgeEntryPair(judge: "Z", application: "E01"), JudgeEntryPair(judge: "Y", application: "E01"),
            JudgeEntryPair(judge: "A", application: "E99"),
        ])
        let plan = Assigner.assign(entries: entries, judges: judges, conflicts: outside, perEntry: 4, seed: 1)
        #expect(plan == Assigner.assign(entries: entries, judges: judges, conflicts: conflicts, perEntry: 4, seed: 1))
        #expect(plan.shortfalls.map(\.eligible) == [3, 3])
    }

    @Test func handlesNoJudgesAndZeroPerEntry() {
        let none = Assigner.assign(entries: ["E1"], judges: [], conflicts: [], perEntry: 2, seed: 0)
        #expect(none.shortfalls == [Shortfall(application: "E1", wanted: 2, eligible: 0)])
        let zero = Assigner.assign(entries: ["E1"], judges: ["A"], conflicts: [], perEntry: -1, seed: 0)
        #expect(zero.isComplete && zero.pairs.isEmpty)
    }

    @Test func scalesToARoundOfThousandsOfEntries() {
        // 2,000 entries, 40 judges, 3 each: 6,000 seats, 150 per judge. Every judge conflicts with one entry in 40.
        let entries = (0..<2000).map { "PG-\($0)" }
        let judges = (0..<40).map { "J\($0)" }
        let conflicts = Set((0..<2000).map { JudgeEntryPair(judge: "J\($0 % 40)", application: "PG-\($0)") })
        let plan = Assigner.assign(entries: entries, judges: judges, conflicts: conflicts, perEntry: 3, seed: 2568)
        #expect(plan.isComplete)
        #expect(plan.pairs.count == 6000)
        #expect(plan.pairs.isDisjoint(with: conflicts))
        #expect(Set(plan.loads.values) == [150])
    }

    @Test func repairMovesWorkAlongAChain() {
        // A carries E1–E3, B carries E4–E5, C nothing; C conflicts with E1–E3, so A cannot hand work to C directly.
        // The chain A→B (E1) then B→C (E4) gives loads 2, 2, 1.
        var panel: [String: Set<String>] = ["E1": ["A"], "E2": ["A"], "E3": ["A"], "E4": ["B"], "E5": ["B"]]
        var load = ["A": 3, "B": 2, "C": 0]
        let blocked: Set<JudgeEntryPair> = ["E1", "E2", "E3"].reduce(into: []) { $0.insert(JudgeEntryPair(judge: "C", application: $1)) }
        Assigner.repair(panel: &panel, load: &load, judges: ["A", "B", "C"], entries: ["E1", "E2", "E3", "E4", "E5"], conflicts: blocked)
        #expect(load == ["A": 2, "B": 2, "C": 1])
        for (entry, judges) in panel {
            #expect(judges.count == 1)
            for judge in judges { #expect(!blocked.contains(JudgeEntryPair(judge: judge, application: entry))) }
        }
        let counted = panel.values.flatMap { $0 }.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        #expect(counted == ["A": 2, "B": 2, "C": 1])
    }

    @Test func leavesImbalanceThatConflictsForce() {
        // B and C conflict with every entry: A must take all three.
        let blocked: Set<JudgeEntryPair> = Set(
            ["E1", "E2", "E3"].flatMap { [JudgeEntryPair(judge: "B", application: $0), JudgeEntryPair(judge: "C", application: $0)] })
        let plan = Assigner.assign(entries: ["E1", "E2", "E3"], judges: ["A", "B", "C"], conflicts: blocked, perEntry: 1, seed: 3)
        #expect(plan.loads == ["A": 3, "B": 0, "C": 0])
        #expect(plan.isComplete)
    }

    @Test func aFirstRunAddsEveryPairInOrder() {
        let plan = Assigner.assign(entries: entries, judges: judges, conflicts: conflicts, perEntry: 3, seed: 42)
        #expect(plan.added == plan.pairs.sorted())
    }

    @Test func aLaterRunOnlyTopsUp() {
        let first = Assigner.assign(entries: entries, judges: judges, conflicts: conflicts, perEntry: 2, seed: 7)
        let given = first.pairs.sorted()
        let second = Assigner.assign(entries: entries, judges: judges, conflicts: conflicts, perEntry: 3, seed: 8, assigned: given)
        // Nothing given moves; every entry gets exactly one more judge, free of conflict.
        #expect(Set(given).isSubset(of: second.pairs))
        #expect(second.added.count == entries.count && Set(second.added).isDisjoint(with: given))
        #expect(second.added == second.added.sorted())
        #expect(second.pairs.isDisjoint(with: conflicts) && second.isComplete)
        // Loads count the given assignments too.
        for judge in judges {
            #expect(second.loads[judge] == second.pairs.filter { $0.judge == judge }.count)
        }
        // The same inputs in another order give the same top-up.
        let again = Assigner.assign(
            entries: entries.reversed(), judges: judges.reversed(), conflicts: conflicts, perEntry: 3, seed: 8, assigned: given.reversed())
        #expect(again == second)
        // When every entry is full a run adds nothing.
        let third = Assigner.assign(entries: entries, judges: judges, conflicts: conflicts, perEntry: 3, seed: 9, assigned: second.pairs.sorted())
        #expect(third.added.isEmpty && third.entries == second.entries && third.isComplete)
    }

    @Test func aTopUpTakesTheLeastLoadedJudgesAndNeverRebalances() {
        // A carries E1–E3 from an earlier run; B and C nothing. A first run with one judge each would balance to
        // 1, 1, 1; a top-up keeps what is given, and adds the least-loaded judges, never A again.
        let given = ["E1", "E2", "E3"].map { JudgeEntryPair(judge: "A", application: $0) }
        let kept = Assigner.assign(entries: ["E1", "E2", "E3"], judges: ["A", "B", "C"], conflicts: [], perEntry: 1, seed: 5, assigned: given)
        #expect(kept.added.isEmpty && kept.loads == ["A": 3, "B": 0, "C": 0])
        let topped = Assigner.assign(entries: ["E1", "E2", "E3"], judges: ["A", "B", "C"], conflicts: [], perEntry: 2, seed: 5, assigned: given)
        #expect(topped.added.count == 3 && topped.added.allSatisfy { $0.judge != "A" })
        #expect(topped.loads["A"] == 3 && Set([topped.loads["B"], topped.loads["C"]]) == [1, 2])
    }

    @Test func aTopUpReportsShortfallsWithTheEligibleCount() {
        // E01 conflicts with A and B; C and D are on it already, so a top-up to four finds only E.
        let given = [JudgeEntryPair(judge: "C", application: "E01"), JudgeEntryPair(judge: "D", application: "E01")]
        let plan = Assigner.assign(entries: ["E01"], judges: judges, conflicts: conflicts, perEntry: 4, seed: 1, assigned: given)
        #expect(plan.added == [JudgeEntryPair(judge: "E", application: "E01")])
        #expect(plan.shortfalls == [Shortfall(application: "E01", wanted: 4, eligible: 3)])
        #expect(plan.entries == [EntryAssignment(application: "E01", judges: ["C", "D", "E"])])
    }

    @Test func splitMixMatchesTheReferenceSequence() {
        // Reference values of SplitMix64 seeded with 0 (as in Vigna's splitmix64.c).
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        var bounded = SplitMix64(seed: 9)
        for _ in 0..<100 { #expect((0..<3).contains(bounded.next(below: 3))) }
        #expect(bounded.next(below: 0) == 0)
    }
}
