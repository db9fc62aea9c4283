import Model

/// What the conflict rules need to know about an entry: its id and its applying agency.
@MemberwiseInit
package struct EntryProfile: Sendable, Hashable, Codable {
    package var application: String
    package var agency: String
    package var kind: AgencyKind
    package var ministry: String = ""
    package var province: String = ""

    /// The applying agency of an application, as the conflict rules see it.
    package init(_ application: Application) {
        self.init(
            application: application.id, agency: application.agency.name, kind: application.agency.kind,
            ministry: application.agency.ministry ?? "", province: application.agency.province ?? ""
        )
    }
}

/// A conflict of interest between a judge and an entry, with every reason found (automatic and declared): the
/// merge of what the rules find now and the conflicts recorded (`ConflictRules.merge`).
package struct ConflictOfInterest: Sendable, Hashable, Codable {
    /// Why the pair conflicts.
    package enum Ground: String, Sendable, Hashable, Codable, Comparable {
        case agency, ministry, province
        /// An automatic conflict recorded at assignment that today's judges and entries no longer show.
        case recorded
        case declared

        package static func < (a: Ground, b: Ground) -> Bool { a.order < b.order }
        private var order: Int {
            switch self {
            case .agency: 0
            case .ministry: 1
            case .province: 2
            case .recorded: 3
            case .declared: 4
            }
        }
    }

    /// One reason, in Thai and English.
    package struct Reason: Sendable, Hashable, Codable {
        package var ground: Ground
        package var message: LocalizedText
    }

    package var pair: JudgeEntryPair
    /// The reasons in ground order: agency, ministry, province, recorded, declared.
    package var reasons: [Reason]

    /// Whether the conflict follows from the judge's and the entry's agency, ministry or province (found now, or
    /// recorded at assignment).
    package var automatic: Bool { reasons.contains { $0.ground != .declared } }
    /// Whether it was declared (conflicts file).
    package var declared: Bool { reasons.contains { $0.ground == .declared } }
}

/// The conflict-of-interest rules. A judge conflicts with an entry when they share its agency, its ministry,
/// or — for province, provincial-office and local-administration entries — its province. Names are compared after
/// trimming white space; provinces by their official name (any spelling `Provinces` accepts). Empty values never match.
package enum ConflictRules {
    /// The prefix of the reason recorded for an automatic conflict, followed by its grounds (e.g. `automatic: agency, ministry`).
    package static let automaticPrefix = "automatic:"

    /// Every conflict of a round, one per pair, sorted by application then judge: the automatic ones of the judges
    /// with the entries merged with the recorded ones.
    package static func all(judges: [Judge], entries: [EntryProfile], recorded: [Conflict]) -> [ConflictOfInterest] {
        merge(automatic: automatic(judges: judges, entries: entries), recorded: recorded)
    }

    /// An automatic conflict as it is recorded at assignment: its grounds after `automaticPrefix`.
    package static func record(_ conflict: ConflictOfInterest) -> Conflict {
        Conflict(
            judge: conflict.pair.judge, application: conflict.pair.application,
            reason: automaticPrefix + " " + conflict.reasons.map(\.ground.rawValue).joined(separator: ", ")
        )
    }

    /// The automatic conflicts of every judge with every entry, sorted by application then judge.
    package static func automatic(judges: [Judge], entries: [EntryProfile]) -> [ConflictOfInterest] {
        // Each name is normalised once and judges are indexed by it, so the cost grows with judges + entries +
        // conflicts rather than with judges × entries.
        func index(_ key: (Judge) -> String) -> [String: [String]] {
            var table: [String: [String]] = [:]
            for judge in judges {
                let value = key(judge)
                if !value.isEmpty { table[value, default: []].append(judge.id) }
            }
            return table
        }
        let byAgency = index { ($0.agency ?? "").trimmingWhitespace }
        let byMinistry = index { ($0.ministry ?? "").trimmingWhitespace }
        let byProvince = index { normalizedProvince($0.province ?? "") }
        // One message per ground and name, shared by every conflict it explains: a round's many conflicts on the
        // same ministry or province hold one copy of its text.
        var messages: [ConflictOfInterest.Ground: [String: LocalizedText]] = [:]
        func message(_ ground: ConflictOfInterest.Ground, _ name: String, th: () -> String, en: () -> String) -> LocalizedText {
            if let known = messages[ground]?[name] { return known }
            let text = LocalizedText(th: th(), en: en())
            messages[ground, default: [:]][name] = text
            return text
        }
        /// Which grounds a judge shares with an entry (agency 1, ministry 2, province 4) and the names they name.
        struct Shape: Hashable {
            var grounds: UInt8
            var agency: String
            var ministry: String
            var province: String
        }
        // The reasons of every judge sharing the same grounds with entries of the same names are one array.
        var shared: [Shape: [ConflictOfInterest.Reason]] = [:]
        var conflicts: [ConflictOfInterest] = []
        for entry in entries {
            let agency = entry.agency.trimmingWhitespace
            let ministry = entry.ministry.trimmingWhitespace
            let province = normalizedProvince(entry.province)
            var grounds: [String: UInt8] = [:]
            for judge in agency.isEmpty ? [] : byAgency[agency] ?? [] { grounds[judge, default: 0] |= 1 }
            for judge in ministry.isEmpty ? [] : byMinistry[ministry] ?? [] { grounds[judge, default: 0] |= 2 }
            for judge in entry.kind.requiresProvince && !province.isEmpty ? byProvince[province] ?? [] : [] { grounds[judge, default: 0] |= 4 }
            var byGrounds: [UInt8: [ConflictOfInterest.Reason]] = [:]
            func reasons(_ found: UInt8) -> [ConflictOfInterest.Reason] {
                if let known = byGrounds[found] { return known }
                let shape = Shape(
                    grounds: found, agency: found & 1 != 0 ? agency : "", ministry: found & 2 != 0 ? ministry : "",
                    province: found & 4 != 0 ? province : "")
                var list = shared[shape] ?? []
                if list.isEmpty {
                    if found & 1 != 0 {
                        list.append(
                            ConflictOfInterest.Reason(
                                ground: .agency,
                                message: message(
                                    .agency, agency, th: { "กรรมการสังกัดหน่วยงานเดียวกับผู้สมัคร (\(agency))" },
                                    en: { "the judge works for the applying agency (\(agency))" })))
                    }
                    if found & 2 != 0 {
                        list.append(
                            ConflictOfInterest.Reason(
                                ground: .ministry,
                                message: message(
                                    .ministry, ministry, th: { "กรรมการสังกัดกระทรวงเดียวกับผู้สมัคร (\(ministry))" },
                                    en: { "the judge belongs to the applicant's ministry (\(ministry))" })))
                    }
                    if found & 4 != 0 {
                        list.append(
                            ConflictOfInterest.Reason(
                                ground: .province,
                                message: message(
                                    .province, province, th: { "กรรมการอยู่ในจังหวัดเดียวกับผู้สมัคร (\(province))" },
                                    en: { "the judge is from the applicant's province (\(province))" })))
                    }
                    shared[shape] = list
                }
                byGrounds[found] = list
                return list
            }
            for (judge, found) in grounds {
                conflicts.append(ConflictOfInterest(pair: JudgeEntryPair(judge: judge, application: entry.application), reasons: reasons(found)))
            }
        }
        conflicts.sort { $0.pair < $1.pair }
        return conflicts
    }

    /// The automatic conflicts merged with the recorded ones: one conflict per pair holding every reason, in
    /// ground order, sorted by application then judge. A recorded automatic conflict (reason starting
    /// `automaticPrefix`) adds a reason only when the rules no longer find the pair; any other is declared.
    package static func merge(automatic: [ConflictOfInterest], recorded: [Conflict]) -> [ConflictOfInterest] {
        // Both lists are walked in pair order (a round records every automatic conflict at assignment, so both are
        // long): no table of either is built, and an automatic conflict whose reasons nothing changes is kept as it
        // is, its reasons not copied. A recorded reason's message is made only when it is kept.
        let recordedPairs = recorded.map { JudgeEntryPair(judge: $0.judge.trimmingWhitespace, application: $0.application.trimmingWhitespace) }
        func order(_ count: Int, _ pair: (Int) -> JudgeEntryPair) -> [Int] {
            let inOrder = (0..<max(count - 1, 0)).allSatisfy { !(pair($0 + 1) < pair($0)) }
            return inOrder ? Array(0..<count) : (0..<count).sorted { (pair($0), $0) < (pair($1), $1) }
        }
        let automaticOrder = order(automatic.count) { automatic[$0].pair }
        let recordedOrder = order(recorded.count) { recordedPairs[$0] }
        /// The reason of a recorded conflict; nil for a recorded automatic one when the rules still find its pair.
        func reason(_ conflict: Conflict, found: Bool) -> ConflictOfInterest.Reason? {
            let reason = conflict.reason.trimmingWhitespace
            if reason.hasPrefix(automaticPrefix) {
                guard !found else { return nil }
                let grounds = String(reason.dropFirst(automaticPrefix.count)).trimmingWhitespace
                return ConflictOfInterest.Reason(
                    ground: .recorded,
                    message: LocalizedText(
                        th: "มีส่วนได้ส่วนเสียโดยอัตโนมัติ บันทึกไว้เมื่อมอบหมายกรรมการ (\(grounds))",
                        en: "automatic conflict recorded at assignment (\(grounds))"))
            }
            let message =
                reason.isEmpty
                ? LocalizedText(th: "กรรมการแจ้งว่ามีส่วนได้ส่วนเสีย", en: "the judge declared a conflict of interest")
                : LocalizedText(th: "กรรมการแจ้งว่ามีส่วนได้ส่วนเสีย: \(reason)", en: "the judge declared a conflict of interest: \(reason)")
            return ConflictOfInterest.Reason(ground: .declared, message: message)
        }
        /// Every reason once, in ground order (stable).
        func ordered(_ reasons: [ConflictOfInterest.Reason]) -> [ConflictOfInterest.Reason] {
            var seen = Set<ConflictOfInterest.Reason>()
            let unique = reasons.filter { seen.insert($0).inserted }
            return unique.enumerated().sorted { ($0.element.ground, $0.offset) < ($1.element.ground, $1.offset) }.map(\.element)
        }
        var merged: [ConflictOfInterest] = []
        merged.reserveCapacity(automatic.count)
        var (nextAutomatic, nextRecorded) = (0, 0)
        while nextAutomatic < automaticOrder.count || nextRecorded < recordedOrder.count {
            let pair: JudgeEntryPair
            if nextRecorded == recordedOrder.count {
                pair = automatic[automaticOrder[nextAutomatic]].pair
            } else if nextAutomatic == automaticOrder.count {
                pair = recordedPairs[recordedOrder[nextRecorded]]
            } else {
                pair = min(automatic[automaticOrder[nextAutomatic]].pair, recordedPairs[recordedOrder[nextRecorded]])
            }
            let automaticStart = nextAutomatic
            while nextAutomatic < automaticOrder.count, automatic[automaticOrder[nextAutomatic]].pair == pair { nextAutomatic += 1 }
            let found = automaticOrder[automaticStart..<nextAutomatic]
            var added: [ConflictOfInterest.Reason] = []
            while nextRecorded < recordedOrder.count, recordedPairs[recordedOrder[nextRecorded]] == pair {
                if let reason = reason(recorded[recordedOrder[nextRecorded]], found: !found.isEmpty) { added.append(reason) }
                nextRecorded += 1
            }
            if found.count == 1, added.isEmpty, let only = found.first, automatic[only].reasons.count == 1 {
                merged.append(automatic[only])
            } else {
                let reasons = found.flatMap { automatic[$0].reasons } + added
                merged.append(ConflictOfInterest(pair: pair, reasons: ordered(reasons)))
            }
        }
        return merged
    }

    /// The pairs of a list of conflicts, as the assigner and the score checks take them.
    package static func pairs(_ conflicts: [ConflictOfInterest]) -> Set<JudgeEntryPair> { Set(conflicts.map(\.pair)) }

    /// The official name of the province `name` denotes (`Provinces.canonical`: "จ. เชียงใหม่", "Chiang Mai" →
    /// "เชียงใหม่"); a name no province has is only trimmed and loses a leading "จังหวัด" or "จ.".
    package static func normalizedProvince(_ name: String) -> String {
        if let canonical = Provinces.canonical(name) { return canonical }
        var text = name.trimmingWhitespace
        for prefix in ["จังหวัด", "จ."] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count)).trimmingWhitespace
            break
        }
        return text
    }
}
