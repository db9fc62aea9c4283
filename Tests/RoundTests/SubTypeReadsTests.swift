import Foundation
import Model
import PSEATestSupport
import Panel
import Store
import Testing

@testable import Round

/// What a sub-type ranked on its own reads: its assignments, scores and conflicts, exactly those the round's lists hold for
/// its entries and in the same order, and its judged scores without a second copy of them.
@Suite("Round: a sub-type's reads")
struct SubTypeReadsTests {
    @Test("each sub-type's assignments, scores and conflicts are the round's for its entries, in the round's order")
    func scopedReadsAreTheRoundsFiltered() throws {
        let round = try TemporaryRound.withSampleScores()
        var scopes: [String: (year: Int, type: String)] = [:]
        var members: [String: Set<String>] = [:]
        try round.store.forEachProfile { chunk in
            for profile in chunk {
                scopes["\(profile.year)/\(profile.type)"] = (profile.year, profile.type)
                members["\(profile.year)/\(profile.type)", default: []].insert(profile.id)
            }
        }
        #expect(scopes.count > 1, "the samples span several sub-types")
        let assignments = try round.store.assignments()
        let scores = try round.store.scores(texts: false)
        let conflicts = try round.store.conflicts()
        #expect(!assignments.isEmpty && !scores.isEmpty && !conflicts.isEmpty)
        var seen = 0
        for (key, scope) in scopes {
            let ids = members[key] ?? []
            let scoped = try round.store.assignments(of: scope)
            #expect(scoped == assignments.filter { ids.contains($0.application) }, "\(key)")
            let scopedScores = try round.store.scores(year: scope.year, type: scope.type, texts: false)
            #expect(scopedScores == scores.filter { ids.contains($0.application) }, "\(key)")
            let scopedConflicts = try round.store.conflicts { ids.contains($0.application.trimmingWhitespace) }
            #expect(scopedConflicts == conflicts.filter { ids.contains($0.application.trimmingWhitespace) }, "\(key)")
            seen += scoped.count
        }
        #expect(seen == assignments.count)
    }

    @Test("a sub-type's scores come in the order SQLite sorts text (by bytes), whatever order they were recorded in")
    func scopedScoresFollowTheBytesOrder() throws {
        let round = try TemporaryRound.withSampleScores()
        let at = Date(timeIntervalSince1970: 1_750_000_000)
        // Ids whose order by bytes is not their order as numbers or in either case: J10 < J2 < j1, C10 < C2 < c1.
        for judge in ["j1", "J2", "J10"] { _ = try round.store.registerJudge(Judge(id: judge, name: judge), actor: "opdc", at: at) }
        var firsts: [String: String] = [:]
        var members: [String: Set<String>] = [:]
        try round.store.forEachProfile { chunk in
            for profile in chunk {
                let key = "\(profile.year)/\(profile.type)"
                if firsts[key] == nil { firsts[key] = profile.id }
                members[key, default: []].insert(profile.id)
            }
        }
        var percent = 0.0
        for application in firsts.values.sorted().reversed() {
            for (judge, criterion) in [("j1", "C2"), ("J10", "c1"), ("J2", "C10"), ("J10", "C2"), ("j1", "C10"), ("J2", "c1")] {
                percent = percent >= 95 ? 5 : percent + 5
                _ = try round.store.recordScore(Self.score(judge, application, criterion, percent), actor: "opdc", at: at)
            }
        }
        let scores = try round.store.scores(texts: false)
        var checked = 0
        for (key, application) in firsts {
            let parts = key.split(separator: "/")
            let scoped = try round.store.scores(year: Int(parts[0]) ?? 0, type: String(parts[1]), texts: false)
            let ids = members[key] ?? []
            #expect(scoped == scores.filter { ids.contains($0.application) }, "\(key)")
            let mine = scoped.filter { $0.application == application && ["j1", "J2", "J10"].contains($0.judge) }
            #expect(mine.map { "\($0.criterion) \($0.judge)" } == ["C10 J2", "C10 j1", "C2 J10", "C2 j1", "c1 J10", "c1 J2"])
            checked += 1
        }
        #expect(checked > 1)
    }

    static func score(_ judge: String, _ application: String, _ criterion: String, _ percent: Double) -> Score {
        Score(judge: judge, application: application, criterion: criterion, percent: percent)
    }

    /// Each entry's scores are a run of the list: where they are, by entry.
    static func runs(_ scores: [Score]) -> [String: Range<Int>] {
        var runs: [String: Range<Int>] = [:]
        for (index, score) in scores.enumerated() {
            runs[score.application] = (runs[score.application]?.lowerBound ?? index)..<(index + 1)
        }
        return runs
    }

    @Test("when every score is a judged one of a member, in the members' order, the list itself is used, not a copy")
    func judgeScoresShareTheListWhenTheyAreAllOfIt() throws {
        let scores = [
            Self.score("J1", "A", "C1", 60), Self.score("J2", "A", "C1", 70), Self.score("J1", "A", "C2", 80),
            Self.score("J1", "B", "C1", 50),
        ]
        let result = RoundSnapshot.Facts.judgeScores(scores, runs: Self.runs(scores), members: ["A", "B", "Z"], judged: ["C1", "C2"])
        #expect(result == scores)
        let shared = result.withUnsafeBufferPointer { mine in scores.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress } }
        #expect(shared, "the same storage")
    }

    @Test("an automatic criterion's score, a non-member's scores or another order: the judged scores in the members' order")
    func judgeScoresFilterAndFollowTheMembers() throws {
        let scores = [
            Self.score("J1", "A", "AUTO", 90), Self.score("J1", "A", "C1", 60), Self.score("J1", "B", "C1", 50),
            Self.score("J2", "B", "C1", 55), Self.score("J1", "X", "C1", 40),
        ]
        let runs = Self.runs(scores)
        let judged: Set<String> = ["C1"]
        #expect(
            RoundSnapshot.Facts.judgeScores(scores, runs: runs, members: ["A", "B", "X"], judged: judged)
                == [scores[1], scores[2], scores[3], scores[4]])
        #expect(
            RoundSnapshot.Facts.judgeScores(
                Array(scores.dropFirst()), runs: Self.runs(Array(scores.dropFirst())), members: ["B", "A"], judged: judged)
                == [scores[2], scores[3], scores[1]])
        #expect(RoundSnapshot.Facts.judgeScores(scores, runs: runs, members: ["A", "B"], judged: judged) == [scores[1], scores[2], scores[3]])
    }
}
