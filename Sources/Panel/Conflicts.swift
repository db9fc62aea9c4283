import Model

/// A judge and an application: the key of assignments and conflicts.
public struct JudgeEntryPair: Sendable, Hashable, Codable, Comparable {
    public var judge: String
    public var application: String

    public init(judge: String, application: String) {
        self.judge = judge
        self.application = application
    }

    public static func < (a: JudgeEntryPair, b: JudgeEntryPair) -> Bool {
        (a.application, a.judge) < (b.application, b.judge)
    }
}

/// What the conflict rules need to know about an entry: its id and its applying agency.
public struct EntryProfile: Sendable, Hashable, Codable {
    public var application: String
    public var agency: String
    public var kind: AgencyKind
    public var ministry: String
    public var province: String

    public init(application: String, agency: String, kind: AgencyKind, ministry: String = "", province: String = "") {
        self.application = application
        self.agency = agency
        self.kind = kind
        self.ministry = ministry
        self.province = province
    }
}

/// A conflict of interest between a judge and an entry, with every reason found (automatic and declared).
public struct ConflictOfInterest: Sendable, Hashable, Codable {
    /// Why the pair conflicts.
    public enum Ground: String, Sendable, Hashable, Codable, Comparable {
        case agency, ministry, province, declared

        public static func < (a: Ground, b: Ground) -> Bool { a.order < b.order }
        private var order: Int {
            switch self {
            case .agency: 0
            case .ministry: 1
            case .province: 2
            case .declared: 3
            }
        }
    }

    /// One reason, in Thai and English.
    public struct Reason: Sendable, Hashable, Codable {
        public var ground: Ground
        public var message: LocalizedText
    }

    public var pair: JudgeEntryPair
    /// The reasons in ground order: agency, ministry, province, declared.
    public var reasons: [Reason]
}

/// The conflict-of-interest rules. A judge conflicts with an entry when they share its agency, its ministry,
/// or — for province, provincial-office and local-administration entries — its province. Names are compared after
/// trimming white space; provinces also ignore a leading "จังหวัด" or "จ.". Empty values never match.
public enum ConflictRules {
    /// The automatic conflicts of every judge with every entry, sorted by application then judge.
    public static func automatic(judges: [JudgeProfile], entries: [EntryProfile]) -> [ConflictOfInterest] {
        // Each name is normalised once and judges are indexed by it, so the cost grows with judges + entries +
        // conflicts rather than with judges × entries.
        func index(_ key: (JudgeProfile) -> String) -> [String: [String]] {
            var table: [String: [String]] = [:]
            for judge in judges {
                let value = key(judge)
                if !value.isEmpty { table[value, default: []].append(judge.id) }
            }
            return table
        }
        let byAgency = index { $0.agency.trimmingWhitespace }
        let byMinistry = index { $0.ministry.trimmingWhitespace }
        let byProvince = index { normalizedProvince($0.province) }
        var conflicts: [ConflictOfInterest] = []
        for entry in entries {
            var reasons: [String: [ConflictOfInterest.Reason]] = [:]
            let agency = entry.agency.trimmingWhitespace
            for judge in agency.isEmpty ? [] : byAgency[agency] ?? [] {
                reasons[judge, default: []].append(ConflictOfInterest.Reason(ground: .agency, message: LocalizedText(
                    th: "กรรมการสังกัดหน่วยงานเดียวกับผู้สมัคร (\(agency))",
                    en: "the judge works for the applying agency (\(agency))"
                )))
            }
            let ministry = entry.ministry.trimmingWhitespace
            for judge in ministry.isEmpty ? [] : byMinistry[ministry] ?? [] {
                reasons[judge, default: []].append(ConflictOfInterest.Reason(ground: .ministry, message: LocalizedText(
                    th: "กรรมการสังกัดกระทรวงเดียวกับผู้สมัคร (\(ministry))",
                    en: "the judge belongs to the applicant's ministry (\(ministry))"
                )))
            }
            let province = normalizedProvince(entry.province)
            for judge in entry.kind.requiresProvince && !province.isEmpty ? byProvince[province] ?? [] : [] {
                reasons[judge, default: []].append(ConflictOfInterest.Reason(ground: .province, message: LocalizedText(
                    th: "กรรมการอยู่ในจังหวัดเดียวกับผู้สมัคร (\(province))",
                    en: "the judge is from the applicant's province (\(province))"
                )))
            }
            for (judge, found) in reasons {
                conflicts.append(ConflictOfInterest(pair: JudgeEntryPair(judge: judge, application: entry.application), reasons: found))
            }
        }
        return conflicts.sorted { $0.pair < $1.pair }
    }

    /// The automatic conflicts merged with the declared ones: one conflict per pair holding every reason,
    /// sorted by application then judge.
    public static func merge(automatic: [ConflictOfInterest], declared: [DeclaredConflict]) -> [ConflictOfInterest] {
        var byPair: [JudgeEntryPair: [ConflictOfInterest.Reason]] = [:]
        for conflict in automatic { byPair[conflict.pair, default: []] += conflict.reasons }
        for declaration in declared {
            let pair = JudgeEntryPair(judge: declaration.judge.trimmingWhitespace, application: declaration.application.trimmingWhitespace)
            let reason = declaration.reason.trimmingWhitespace
            let message = reason.isEmpty
                ? LocalizedText(th: "กรรมการแจ้งว่ามีส่วนได้ส่วนเสีย", en: "the judge declared a conflict of interest")
                : LocalizedText(th: "กรรมการแจ้งว่ามีส่วนได้ส่วนเสีย: \(reason)", en: "the judge declared a conflict of interest: \(reason)")
            byPair[pair, default: []].append(ConflictOfInterest.Reason(ground: .declared, message: message))
        }
        return byPair.keys.sorted().map { pair in
            var seen = Set<ConflictOfInterest.Reason>()
            let reasons = (byPair[pair] ?? []).filter { seen.insert($0).inserted }
            let ordered = reasons.enumerated().sorted { ($0.element.ground, $0.offset) < ($1.element.ground, $1.offset) }.map(\.element)
            return ConflictOfInterest(pair: pair, reasons: ordered)
        }
    }

    /// The pairs of a list of conflicts, as the assigner and the score checks take them.
    public static func pairs(_ conflicts: [ConflictOfInterest]) -> Set<JudgeEntryPair> { Set(conflicts.map(\.pair)) }

    /// A province name trimmed, without a leading "จังหวัด" or "จ." (e.g. "จ. เชียงใหม่" → "เชียงใหม่").
    public static func normalizedProvince(_ name: String) -> String {
        var text = name.trimmingWhitespace
        for prefix in ["จังหวัด", "จ."] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count)).trimmingWhitespace
            break
        }
        return text
    }
}
