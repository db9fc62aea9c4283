import Model
import Panel
import Rubric

/// Final scores, gates, award levels, site-visit flags and ranks: a pure, deterministic function of its input.
///
/// - Final score: the points of every criterion of the rubric, automatic ones from the score sheet, judged and
///   hybrid ones from the panel's official aggregate (or a recorded consensus), each `points × percent / 100`.
/// - Incomplete: an entry with fewer assigned judges than the rubric's `minJudges`, a panel criterion scored by
///   fewer judges than `minJudges` or than were assigned, a wide range still awaiting consensus, or an automatic
///   criterion without a result. Incomplete entries get no score, level or rank.
/// - Gates: a failed gate means no award (level `none`, status `gate-failed`, no rank).
/// - Site visit: an entry whose score reaches the outstanding cut-off is flagged `pending` until a result is
///   recorded; `not-confirmed` means it cannot be outstanding or best of the best and is awarded good.
/// - Ranks: per `year/type`, score first, then the rubric's tie-break cascade, always ending in a seeded lottery.
package enum Ranker {
    /// Entries evaluated together on every core before their inputs are let go of.
    static let evaluationPage = 1024

    /// Ranks `entries`; `seeds` gives the lottery seed per scope (`year/type`); a scope without one draws with 0.
    /// Entries are evaluated on every core; orders are found on indices, so the large entries are moved only once.
    package static func rank(_ entries: consuming [RankingEntry], seeds: [String: UInt64] = [:]) -> RankingResult {
        // Each rubric's criteria and their headings, made once and shared by the outcomes of its entries.
        var plans: [String: RubricPlan] = [:]
        for index in entries.indices where plans[entries[index].rubric.key] == nil {
            plans[entries[index].rubric.key] = RubricPlan(entries[index].rubric)
        }
        let shared = plans
        // Entries are evaluated a page at a time and each page's inputs let go of once evaluated (when the caller
        // handed them over): each ranked entry holds its own, and the round's inputs and outcomes are never all held.
        var evaluated: [RankedEntry] = []
        evaluated.reserveCapacity(entries.count)
        var start = 0
        while start < entries.count {
            let end = min(start + evaluationPage, entries.count)
            evaluated += Array(entries[start..<end]).concurrentMap { entry in
                // A plan serves only the rubric it was made from (two rubrics may share a key in tests and fixtures).
                evaluate(entry, plan: shared[entry.rubric.key].flatMap { $0.rubric == entry.rubric ? $0 : nil })
            }
            for index in start..<end { entries[index].criteria = [] }
            start = end
        }
        _ = consume entries
        var byScope: [String: [Int]] = [:]
        for (index, entry) in evaluated.enumerated() { byScope[entry.scope, default: []].append(index) }
        var result: [RankedEntry] = []
        result.reserveCapacity(evaluated.count)
        var used: [String: UInt64] = [:]
        for scope in byScope.keys.sorted() {
            let members = byScope[scope] ?? []
            let seed = seeds[scope] ?? 0
            var drew = false
            result += order(members.filter { evaluated[$0].status == .ranked }.map { evaluated[$0] }, seed: seed, drew: &drew)
            if drew { used[scope] = seed }
            let failed = members.filter { evaluated[$0].status == .gateFailed }.sorted { a, b in
                let (x, y) = (evaluated[a].score ?? 0, evaluated[b].score ?? 0)
                return x != y ? x > y : evaluated[a].application < evaluated[b].application
            }
            let incomplete = members.filter { evaluated[$0].status == .incomplete }.sorted { evaluated[$0].application < evaluated[$1].application }
            for index in failed + incomplete { result.append(evaluated[index]) }
        }
        return RankingResult(entries: result, seedsUsed: used)
    }

    /// A rubric's criteria in rubric order with their headings, and whether any needs the panel.
    struct RubricPlan: Sendable {
        var rubric: Rubric
        var criteria: [(dimension: String, criterion: Criterion, heading: CriterionHeading)]
        var needsPanel: Bool

        init(_ rubric: Rubric) {
            self.rubric = rubric
            criteria = rubric.allCriteria.map { dimension, criterion in
                (
                    dimension, criterion,
                    CriterionHeading(
                        criterion: criterion.id, dimension: dimension, title: criterion.title, mode: criterion.mode.rawValue,
                        lens: criterion.lens.rawValue, maxPoints: criterion.points)
                )
            }
            needsPanel = criteria.contains { $0.criterion.mode != .auto }
        }
    }

    /// Score, gates, level and site-visit state of one entry, without its rank; `plan` is its rubric's, made here when
    /// not given.
    static func evaluate(_ entry: RankingEntry, plan given: RubricPlan? = nil) -> RankedEntry {
        let rubric = entry.rubric
        let plan = given ?? RubricPlan(rubric)
        let inputs = Dictionary(entry.criteria.map { ($0.criterion, $0) }, uniquingKeysWith: { first, _ in first })
        let minJudges = max(1, rubric.panel.minJudges)
        var missing: [MissingItem] = []
        var outcomes: [CriterionOutcome] = []
        outcomes.reserveCapacity(plan.criteria.count)
        let needsPanel = plan.needsPanel
        if needsPanel, entry.assignedJudges.count < minJudges {
            missing.append(
                MissingItem(
                    criterion: "",
                    reason: LocalizedText(
                        th: "มีกรรมการที่ได้รับมอบหมาย \(entry.assignedJudges.count) คน เกณฑ์กำหนดอย่างน้อย \(minJudges) คน",
                        en: "\(entry.assignedJudges.count) judges assigned; the rubric requires at least \(minJudges)")))
        }
        for (_, criterion, heading) in plan.criteria {
            let input =
                inputs[criterion.id]
                ?? CriterionInput(criterion: criterion.id, source: .missing, percent: nil)
            let problem = completeness(input, criterion: criterion, assigned: entry.assignedJudges.count, minJudges: minJudges)
            if let problem { missing.append(MissingItem(criterion: criterion.id, reason: problem)) }
            let points = problem == nil ? input.percent.map { round2(criterion.points * clampPercent($0) / 100) } : nil
            outcomes.append(CriterionOutcome(heading: heading, input: input, points: points))
        }
        // Each input now lives in its outcome: the entry keeps no second copy of them (a round holds a million).
        var held = entry
        held.criteria = []
        var ranked = RankedEntry(
            entry: held, score: nil, scoreLevel: nil, level: nil, rank: nil, tieBreak: nil, status: .incomplete,
            gatesFailed: [], siteVisit: nil, missing: missing, criteria: outcomes)
        guard missing.isEmpty else { return ranked }
        let score = round2(outcomes.compactMap(\.points).reduce(0, +))
        ranked.score = score
        ranked.gatesFailed = gates(rubric, outcomes: outcomes)
        let byScore = level(score, levels: rubric.levels)
        ranked.scoreLevel = byScore
        if !ranked.gatesFailed.isEmpty {
            ranked.status = .gateFailed
            ranked.level = AwardLevel.none
            return ranked
        }
        ranked.status = .ranked
        ranked.level = byScore
        if byScore == .outstanding || byScore == .bestOfBest {
            switch entry.siteVisit?.confirmed {
            case nil: ranked.siteVisit = .pending
            case true?: ranked.siteVisit = .confirmed
            case false?:
                ranked.siteVisit = .notConfirmed
                ranked.level = .good
            }
        }
        return ranked
    }

    /// The award level a score reaches under the rubric's cut-offs.
    package static func level(_ score: Double, levels: Levels) -> AwardLevel {
        let epsilon = 1e-9
        if let best = levels.bestOfBest, score + epsilon >= best { return .bestOfBest }
        if score + epsilon >= levels.outstanding { return .outstanding }
        if score + epsilon >= levels.good { return .good }
        return AwardLevel.none
    }

    /// The gates the entry fails, in rubric order; gates naming nothing are skipped (the rubric checker reports them).
    static func gates(_ rubric: Rubric, outcomes: [CriterionOutcome]) -> [GateFailure] {
        var failed: [GateFailure] = []
        for gate in rubric.gates {
            let percent: Double
            let name: String
            if let dimension = gate.dimension, gate.criterion == nil {
                guard let d = rubric.dimensions.first(where: { $0.id == dimension }), d.points > 0 else { continue }
                let points = outcomes.filter { $0.dimension == dimension }.compactMap(\.points).reduce(0, +)
                percent = round2(points / d.points * 100)
                name = "dimension:\(dimension)"
            } else if let criterion = gate.criterion, gate.dimension == nil {
                guard let outcome = outcomes.first(where: { $0.criterion == criterion }) else { continue }
                percent = round2(clampPercent(outcome.input.percent ?? 0))
                name = "criterion:\(criterion)"
            } else {
                continue
            }
            if percent + 1e-9 < gate.minPercent {
                var failure = GateFailure(gate: name, percent: percent, minPercent: gate.minPercent)
                failure.dimensionTitles = dimensionTitles(rubric, keys: [name])
                failed.append(failure)
            }
        }
        return failed
    }

    /// Why a criterion cannot count yet, or nil when it can.
    static func completeness(_ input: CriterionInput, criterion: Criterion, assigned: Int, minJudges: Int) -> LocalizedText? {
        let mode = criterion.mode
        if mode == .auto {
            guard input.source != .missing, input.percent != nil else {
                return LocalizedText(
                    th: "ประเด็น \(criterion.id) ยังไม่มีผลคำนวณอัตโนมัติ", en: "criterion \(criterion.id) has no automatic result")
            }
            return nil
        }
        switch input.source {
        case .consensus where input.percent != nil:
            return nil
        case .panel where input.percent != nil:
            let n = input.panel?.n ?? 0
            if n < minJudges {
                return LocalizedText(
                    th: "ประเด็น \(criterion.id) มีคะแนนจากกรรมการ \(n) คน เกณฑ์กำหนดอย่างน้อย \(minJudges) คน",
                    en: "criterion \(criterion.id) has scores from \(n) judges; the rubric requires at least \(minJudges)")
            }
            if n < assigned {
                return LocalizedText(
                    th: "ประเด็น \(criterion.id) ยังขาดคะแนนจากกรรมการ \(assigned - n) คน จาก \(assigned) คนที่ได้รับมอบหมาย",
                    en: "criterion \(criterion.id) still lacks scores from \(assigned - n) of the \(assigned) assigned judges")
            }
            if input.panel?.wideRange == true {
                return LocalizedText(
                    th: "ประเด็น \(criterion.id) คะแนนกรรมการต่างกันมาก รอการประชุมหาฉันทามติ",
                    en: "criterion \(criterion.id) has a wide range between judges and awaits a consensus")
            }
            return nil
        default:
            return LocalizedText(
                th: "ประเด็น \(criterion.id) ยังไม่มีคะแนนจากกรรมการ", en: "criterion \(criterion.id) has no panel scores yet")
        }
    }

    // MARK: - Ranks and the tie-break cascade

    /// The ranked entries in rank order, with ranks and tie-break notes set.
    static func order(_ entries: [RankedEntry], seed: UInt64, drew: inout Bool) -> [RankedEntry] {
        let keys = entries.map { (score: $0.score ?? 0, application: $0.application) }
        let sorted = keys.indices.sorted { a, b in
            keys[a].score != keys[b].score ? keys[a].score > keys[b].score : keys[a].application < keys[b].application
        }
        var groups: [[Int]] = []
        for index in sorted {
            if let last = groups.last?.last, entries[last].score == entries[index].score {
                groups[groups.count - 1].append(index)
            } else {
                groups.append([index])
            }
        }
        var result: [RankedEntry] = []
        result.reserveCapacity(entries.count)
        for members in groups {
            if members.count == 1 {
                result.append(entries[members[0]])
                continue
            }
            let group = members.map { entries[$0] }
            let keys = cascade(group[0].entry.rubric)
            let placed = separate(group, keys: keys, from: 0, equalOn: [], seed: seed, drew: &drew)
            for (position, (entry, note)) in placed.enumerated() {
                var e = entry
                var n = note
                n.tiedCount = placed.count - 1
                n.tiedWith = nearest(position, in: placed.count).map { placed[$0].0.application }.sorted()
                n.dimensionTitles = dimensionTitles(group[0].entry.rubric, keys: n.equalOn + [n.decidedBy])
                e.tieBreak = n
                result.append(e)
            }
        }
        for index in result.indices { result[index].rank = index + 1 }
        return result
    }

    /// How many other entries, and their values, a tie-break note names at most. A larger tie names the entries
    /// placed nearest, so that each note stays short and the whole ranking linear however many entries share a score.
    package static let tieListLimit = 10

    /// The positions a note about the entry at `index` of `count` names: every other one when there are at most
    /// `tieListLimit`, else the `tieListLimit` nearest (as many before as after where the ends allow), in order.
    static func nearest(_ index: Int, in count: Int) -> [Int] {
        guard count - 1 > tieListLimit else { return (0..<count).filter { $0 != index } }
        let start = min(max(0, index - tieListLimit / 2), count - tieListLimit - 1)
        return (start...(start + tieListLimit)).filter { $0 != index }
    }

    /// The rubric's tie-break keys as written (duplicates dropped), always ending in `lottery`.
    package static func cascade(_ rubric: Rubric) -> [String] {
        var keys: [String] = []
        for key in rubric.tieBreak where key != .lottery && !keys.contains(key.text) {
            keys.append(key.text)
        }
        return keys + [TieBreakKey.lottery.text]
    }

    /// Orders a tied group key by key; each entry gets the note of the key that separated it.
    static func separate(
        _ group: [RankedEntry], keys: [String], from index: Int, equalOn: [String], seed: UInt64, drew: inout Bool
    ) -> [(RankedEntry, TieBreakNote)] {
        let key = keys[index]
        if key == "lottery" || index == keys.count - 1 {
            drew = true
            let draws = group.map { (entry: $0, draw: lotteryDraw(seed: seed, application: $0.application)) }
                .sorted { $0.draw != $1.draw ? $0.draw < $1.draw : $0.entry.application < $1.entry.application }
            return draws.enumerated().map { position, item in
                let others = nearest(position, in: draws.count).map { "\(hex(draws[$0].draw)) (\(draws[$0].entry.application))" }
                return (
                    item.entry,
                    TieBreakNote(
                        tiedCount: 0, tiedWith: [], equalOn: equalOn, decidedBy: "lottery", value: hex(item.draw),
                        othersCount: draws.count - 1, others: others, seed: seed)
                )
            }
        }
        let values = group.map { (entry: $0, value: tieValue(key, $0)) }
        let ordered = values.sorted { better($0.value, $1.value) || (!better($1.value, $0.value) && $0.entry.application < $1.entry.application) }
        var buckets: [(value: TieValue, entries: [RankedEntry], start: Int)] = []
        for (position, item) in ordered.enumerated() {
            if let last = buckets.last, !better(last.value, item.value), !better(item.value, last.value) {
                buckets[buckets.count - 1].entries.append(item.entry)
            } else {
                buckets.append((item.value, [item.entry], position))
            }
        }
        if buckets.count == 1 {
            return separate(group, keys: keys, from: index + 1, equalOn: equalOn + [key], seed: seed, drew: &drew)
        }
        var placed: [(RankedEntry, TieBreakNote)] = []
        for bucket in buckets {
            if bucket.entries.count == 1, let only = bucket.entries.first {
                // A small tie lists the others in id order; a large one the nearest on the deciding key.
                let others =
                    values.count - 1 <= tieListLimit
                    ? values.filter { $0.entry.application != only.application }
                    : nearest(bucket.start, in: ordered.count).map { ordered[$0] }
                placed.append(
                    (
                        only,
                        TieBreakNote(
                            tiedCount: 0, tiedWith: [], equalOn: equalOn, decidedBy: key, value: bucket.value.text,
                            othersCount: values.count - 1, others: others.map { "\($0.value.text) (\($0.entry.application))" }, seed: nil)
                    ))
            } else {
                placed += separate(bucket.entries, keys: keys, from: index + 1, equalOn: equalOn + [key], seed: seed, drew: &drew)
            }
        }
        return placed
    }

    /// A value compared by one tie-break key: higher first, or lower first for `submitted-at`.
    struct TieValue {
        var number: Double
        var higherFirst: Bool
        var text: String
    }

    /// Whether `a` places before `b`.
    static func better(_ a: TieValue, _ b: TieValue) -> Bool {
        a.higherFirst ? a.number > b.number + 1e-9 : a.number + 1e-9 < b.number
    }

    static func tieValue(_ key: String, _ entry: RankedEntry) -> TieValue {
        switch TieBreakKey(key) {
        case .resultsDimension?:
            let points = round2(entry.criteria.filter { $0.lens == Lens.letci.rawValue }.compactMap(\.points).reduce(0, +))
            return TieValue(number: points, higherFirst: true, text: format(points))
        case .dimension(let id)?:
            let points = round2(entry.criteria.filter { $0.dimension == id }.compactMap(\.points).reduce(0, +))
            return TieValue(number: points, higherFirst: true, text: format(points))
        case .criterion(let id)?:
            let points = entry.criteria.first { $0.criterion == id }?.points ?? 0
            return TieValue(number: points, higherFirst: true, text: format(points))
        case .spectrum?:
            let rank = entry.entry.spectrumRank
            let name = ParticipationLevel.allCases.first { $0.rank == rank }?.rawValue ?? "none"
            return TieValue(number: Double(rank), higherFirst: true, text: name)
        case .evidenceCoverage?:
            let share = (entry.entry.evidenceCoverage * 10000).rounded() / 10000
            return TieValue(number: share, higherFirst: true, text: format(share * 100) + "%")
        case .submittedAt?:
            guard let stamp = entry.entry.submittedAt, let instant = SubmissionTime.instant(stamp.text) else {
                return TieValue(number: .greatestFiniteMagnitude, higherFirst: false, text: "-")
            }
            return TieValue(number: instant, higherFirst: false, text: stamp.text)
        case .lottery?, nil:
            return TieValue(number: 0, higherFirst: true, text: "")
        }
    }

    /// The lottery draw of one entry: the first output of SplitMix64 seeded with the scope's seed XOR the FNV-1a
    /// hash of the application id, so a draw depends only on the seed and the entry. Lower draws place first.
    package static func lotteryDraw(seed: UInt64, application: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in application.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        var generator = SplitMix64(seed: seed ^ hash)
        return generator.next()
    }

    // MARK: - Formatting helpers

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    /// Rounds to 2 decimals so that totals carry no floating-point noise.
    package static func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    static func clampPercent(_ value: Double) -> Double { value.isFinite ? min(100, max(0, value)) : 0 }

    /// A number with at most 2 decimals and no trailing zeros: `7.5`, `10`, `66.67`.
    package static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = round2(value)
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        let cents = Int((abs(rounded) * 100).rounded())
        let sign = rounded < 0 ? "-" : ""
        var fraction = String(cents % 100)
        if fraction.count < 2 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(sign)\(cents / 100).\(fraction)"
    }

    /// A tie-break key or gate (`dimension:<id>`, `criterion:<id>`, …) named in Thai.
    /// The Thai titles of the rubric's dimensions named by `keys` (`dimension:<id>`), by id: Thai text names a
    /// dimension by its title, never by its id.
    static func dimensionTitles(_ rubric: Rubric, keys: [String]) -> [String: String] {
        var titles: [String: String] = [:]
        for key in keys {
            guard case .dimension(let id)? = TieBreakKey(key), let found = rubric.dimensions.first(where: { $0.id == id }) else { continue }
            titles[id] = found.title.th
        }
        return titles
    }

    package static func thaiKeyName(_ key: String, dimensionTitles: [String: String] = [:]) -> String {
        switch TieBreakKey(key) {
        case .resultsDimension?: return "คะแนนรวมประเด็นผลลัพธ์ (LeTCI)"
        case .dimension(let id)?: return dimensionTitles[id].map { "คะแนนมิติ\($0)" } ?? "คะแนนมิติ \(id)"
        case .criterion(let id)?: return "คะแนนประเด็น \(id)"
        case .spectrum?: return "ระดับการมีส่วนร่วมสูงสุดตามกรอบ IAP2"
        case .evidenceCoverage?: return "สัดส่วนกิจกรรมและตัวชี้วัดที่มีหลักฐาน"
        case .submittedAt?: return "เวลายื่นใบสมัคร (ยื่นก่อนได้ลำดับก่อน)"
        case .lottery?: return "การจับสลาก"
        case nil: return key
        }
    }
}

/// Reads submission times as instants so that times written with different UTC offsets compare correctly.
package enum SubmissionTime {
    /// Seconds since 1970-01-01T00:00Z of `YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh:mm]`; a time without an offset is read
    /// as Thai time (UTC+07:00). Nil when the text is not such a time.
    package static func instant(_ text: String) -> Double? {
        let chars = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count, !range.isEmpty else { return nil }
            var value = 0
            for i in range {
                guard (48...57).contains(chars[i]) else { return nil }
                value = value * 10 + Int(chars[i] - 48)
            }
            return value
        }
        guard chars.count >= 16, let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var index = 16
        var seconds = 0.0
        if index < chars.count, chars[index] == UInt8(ascii: ":") {
            guard let s = number(17..<19) else { return nil }
            seconds = Double(s)
            index = 19
            if index < chars.count, chars[index] == UInt8(ascii: ".") {
                var scale = 0.1
                index += 1
                while index < chars.count, (48...57).contains(chars[index]) {
                    seconds += Double(chars[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
            }
        }
        var offset = 7 * 3600
        if index < chars.count {
            let sign = chars[index]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                offset = 0
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
                let h = number(index + 1..<index + 3), let m = number(index + 4..<index + 6)
            {
                offset = (h * 3600 + m * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Double(days * 86400 + hour * 3600 + minute * 60 - offset) + seconds
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
