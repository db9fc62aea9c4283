import Foundation
import GRDB
import Model
import Panel
import Store
import Testing

/// A store in its own temporary folder, removed when the test ends.
package final class TemporaryStore {
    package let folder: URL
    package let path: String
    package let store: CompetitionStore

    package init() throws {
        folder = try makeTemporaryFolder("psea-store")
        path = folder.appendingPathComponent("competition.sqlite").path
        store = try CompetitionStore(path: path)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Changes the file behind the store's back, as someone with sqlite3 would. The append-only triggers are
    /// dropped first, as a tamperer would.
    package func tamper(_ sql: String, arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete")
            try db.dropSealTriggers()
            try db.execute(sql: sql, arguments: arguments)
        }
    }
}

/// A sample application and a populated store, for the store's and the round's tests.
package enum Fixture {
    /// 2025-02-19T21:20:00Z.
    package static let t0 = Date(timeIntervalSince1970: 1_740_000_000)

    package static func at(_ minutes: Int) -> Date { t0.addingTimeInterval(Double(minutes) * 60) }

    package static func date(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }

    package static func application(_ id: String, title: String = "สภาพลเมืองน่าน") throws -> Application {
        Application(
            id: id, awardYear: 2568, type: "effective-change",
            agency: Agency(kind: .province, name: "จังหวัดน่าน", province: "น่าน"),
            contact: Contact(name: "สมชาย ใจดี", email: "somchai@example.go.th"),
            work: Work(
                title: title, summary: "สรุป", background: "ที่มา",
                objectives: [Objective(id: "O1", text: "ลดปัญหาหมอกควัน")],
                period: Period(start: try date("2023-01-01"))
            ),
            stakeholders: [Stakeholder(id: "S1", name: "ชาวบ้าน", kind: .citizens, count: 120)],
            activities: [
                Activity(
                    id: "A1", title: "เวทีประชาคม", stage: .planning, level: .involve,
                    date: try date("2023-03-01"), stakeholderRefs: ["S1"])
            ],
            indicators: [
                Indicator(
                    id: "I1", name: "จุดความร้อน", unit: "จุด", direction: .decrease,
                    baseline: YearValue(year: 2565, value: 812.5), measurements: [YearValue(year: 2566, value: 301)])
            ],
            evidence: [Evidence(id: "E1", kind: .document, title: "รายงาน")],
            declaration: Declaration(signedBy: "ผู้ว่าราชการจังหวัดน่าน", position: "ผู้ว่าราชการจังหวัด", date: try date("2024-12-01"))
        )
    }

    /// A canonical serialization stand-in: the caller's bytes, whatever they are.
    package static func canonical(_ application: Application) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(application)
    }

    /// A store holding two entries, two judges (one conflicted on PG-2) and one of each other fact.
    package static func populated() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        let store = temp.store
        for (n, id) in ["PG-1", "PG-2"].enumerated() {
            let app = try application(id)
            _ = try store.ingest(application: app, canonical: try canonical(app), source: "\(id).xml", actor: "intake", at: at(n))
        }
        try store.registerJudge(Judge(id: "J1", name: "กรรมการ หนึ่ง", ministry: "กระทรวงมหาดไทย", agency: "กรมการปกครอง"), actor: "opdc", at: at(3))
        try store.registerJudge(Judge(id: "J2", name: "กรรมการ สอง", province: "เชียงใหม่"), actor: "opdc", at: at(4))
        try store.declareConflict(Conflict(judge: "J2", application: "PG-2", reason: "เคยเป็นที่ปรึกษา"), actor: "J2", at: at(5))
        try store.assign(Assignment(judge: "J1", application: "PG-1"), actor: "opdc", at: at(6))
        try store.assign(Assignment(judge: "J2", application: "PG-1"), actor: "opdc", at: at(7))
        try store.recordScore(Score(judge: "J1", application: "PG-1", criterion: "C1", percent: 80, comment: "ดี"), actor: "J1", at: at(8))
        try store.recordScore(Score(judge: "J2", application: "PG-1", criterion: "C1", percent: 62.5, band: "B2"), actor: "J2", at: at(9))
        try store.recordConsensus(Consensus(application: "PG-1", criterion: "C1", percent: 70, reason: "ประชุมแล้ว"), actor: "panel", at: at(10))
        try store.freezeRubric(
            RubricFreeze(year: 2568, type: "effective-change", sha256: String(repeating: "ab", count: 32)), actor: "opdc", at: at(11))
        try store.recordSiteVisit(SiteVisit(application: "PG-1", confirmed: true, reason: "ตรงตามที่เสนอ"), actor: "J1", at: at(12))
        try store.recordLotterySeed(LotterySeed(scope: "2568/tie-break", seed: UInt64.max - 7), actor: "opdc", at: at(13))
        return temp
    }
}

/// The whole readable state of a store, for comparing before and after a rebuild.
package struct Snapshot: Equatable {
    package var entries: [StoredEntry]
    package var versions: [StoredEntry]
    package var judges: [Judge]
    package var conflicts: [Conflict]
    package var assignments: [Assignment]
    package var scores: [Score]
    package var revisions: [ScoreRevision]
    package var consensus: [Consensus]
    package var rubrics: [RubricFreeze]
    package var visits: [SiteVisit]
    package var seeds: [LotterySeed]
    package var approvals: [Approval]

    package init(_ store: CompetitionStore) throws {
        entries = try store.entries()
        versions = try entries.flatMap { try store.versions(of: $0.application.id) }
        judges = try store.judges()
        conflicts = try store.conflicts()
        assignments = try store.assignments()
        scores = try store.scores()
        revisions = try store.scoreRevisions()
        consensus = try store.consensus()
        rubrics = try store.frozenRubrics()
        visits = try store.siteVisits()
        approvals = try store.approvals()
        seeds = try store.lotterySeeds()
    }
}

/// Runs `body` and returns the PSEAError code it threw, nil when it did not throw one.
package func errorCode(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as PSEAError {
        return error.code
    } catch {
        return "not a PSEAError: \(error)"
    }
}

extension Database {
    /// Drops psea's seal triggers, as anyone changing the file with sqlite3 must: the functions they call are
    /// registered by psea's own connections only.
    package func dropSealTriggers() throws {
        let names = try String.fetchAll(self, sql: #"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'seal\_%' ESCAPE '\'"#)
        for name in names { try execute(sql: "DROP TRIGGER \(name)") }
    }
}
