import Foundation
import GRDB
import Model
import PSEATestSupport
import Panel
import Store
import Testing

@Suite("Store: judges, scores and other records")
struct RecordTests {
    @Test("every kind of record reads back as appended")
    func roundTrips() throws {
        let temp = try Fixture.populated()
        let store = temp.store
        let approval = Approval(
            year: 2568, type: "effective-change", meeting: "อ.ก.พ.ร. ครั้งที่ 1/2568", date: "2025-08-20", ledgerHead: try store.ledgerHead() ?? "")
        try store.recordApproval(approval, actor: "opdc", at: Fixture.at(14))
        let override = GuardOverride(code: "PSEA-RND020", command: "assign", subject: "per-entry 3", reason: "สามคนพอ")
        try store.recordOverride(override, actor: "opdc", at: Fixture.at(15))
        #expect(try store.overrides() == [override])
        let reason = ScreeningReason(code: "PSEA-RND102", message: LocalizedText(th: "หน่วยงานประเภทนี้สมัครไม่ได้", en: "not admitted"))
        let screening = Screening(application: "PG-2", version: 1, eligible: false, reasons: [reason])
        try store.recordScreening(screening, actor: "opdc", at: Fixture.at(16))
        let late = LateEntry(application: "PG-1", version: 1, reason: "ระบบรับสมัครขัดข้อง")
        _ = try store.batch { batch in try batch.recordLateEntry(late, actor: "opdc", at: Fixture.at(17)) }
        let shortlist = Shortlist(year: 2568, type: "effective-change", applications: ["PG-1"], ledgerHead: try store.ledgerHead() ?? "")
        try store.recordShortlist(shortlist, actor: "opdc", at: Fixture.at(18))
        #expect(try store.screenings() == [screening])
        #expect(try store.lateEntries() == [late])
        #expect(try store.shortlists() == [shortlist])
        // A screening of a version that is not the current one is refused.
        #expect(throws: PSEAError.self) {
            try store.recordScreening(Screening(application: "PG-1", version: 2, eligible: true, reasons: []), actor: "opdc", at: Fixture.at(19))
        }
        #expect(
            try store.judges() == [
                Judge(id: "J1", name: "กรรมการ หนึ่ง", ministry: "กระทรวงมหาดไทย", agency: "กรมการปกครอง"),
                Judge(id: "J2", name: "กรรมการ สอง", province: "เชียงใหม่"),
            ])
        #expect(try store.conflicts() == [Conflict(judge: "J2", application: "PG-2", reason: "เคยเป็นที่ปรึกษา")])
        #expect(try store.assignments() == [Assignment(judge: "J1", application: "PG-1"), Assignment(judge: "J2", application: "PG-1")])
        #expect(
            try store.scores() == [
                Score(judge: "J1", application: "PG-1", criterion: "C1", percent: 80, comment: "ดี"),
                Score(judge: "J2", application: "PG-1", criterion: "C1", percent: 62.5, band: "B2"),
            ])
        #expect(try store.scores(judge: "J2") == [Score(judge: "J2", application: "PG-1", criterion: "C1", percent: 62.5, band: "B2")])
        #expect(try store.scores(application: "PG-2").isEmpty)
        #expect(try store.consensus() == [Consensus(application: "PG-1", criterion: "C1", percent: 70, reason: "ประชุมแล้ว")])
        let freeze = RubricFreeze(year: 2568, type: "effective-change", sha256: String(repeating: "ab", count: 32))
        #expect(try store.frozenRubrics() == [freeze])
        #expect(try store.frozenRubric(year: 2568, type: "effective-change") == freeze)
        #expect(try store.frozenRubric(year: 2567, type: "effective-change") == nil)
        #expect(try store.siteVisits() == [SiteVisit(application: "PG-1", confirmed: true, reason: "ตรงตามที่เสนอ")])
        #expect(try store.lotterySeeds() == [LotterySeed(scope: "2568/tie-break", seed: UInt64.max - 7)])
        // Sign-in links: kept by hash, signed in with, revoked; a judge's link needs a registered judge.
        let invite = Invite(role: .judge, subject: "J1", tokenHash: String(repeating: "cd", count: 32), expiresAt: "2025-03-01T00:00:00Z")
        _ = try store.batch { batch in
            try batch.recordInvite(invite, actor: "opdc", at: Fixture.at(20))
            try batch.recordSignIn(SignIn(role: .judge, subject: "J1", tokenHash: invite.tokenHash), actor: "judge:J1", at: Fixture.at(21))
            try batch.revokeInvites(InviteRevocation(role: .judge, subject: "J1"), actor: "opdc", at: Fixture.at(22))
        }
        #expect(try store.invites() == [InviteRecord(invite: invite, revoked: true)])
        #expect(try store.invite(tokenHash: invite.tokenHash)?.revoked == true)
        #expect(throws: PSEAError.self) {
            _ = try store.batch { batch in
                try batch.recordInvite(
                    Invite(role: .judge, subject: "J9", tokenHash: "ef", expiresAt: "2025-03-01T00:00:00Z"), actor: "opdc", at: Fixture.at(23))
            }
        }
        #expect(
            try store.events().map(\.kind) == [
                "entry-ingested", "entry-ingested", "judge-registered", "judge-registered", "conflict-declared",
                "assignment-made", "assignment-made", "score-given", "score-given", "consensus-recorded",
                "rubric-frozen", "site-visit-recorded", "lottery-seed-recorded", "results-approved", "guard-overridden",
                "entry-screened", "late-entry-accepted", "shortlist-proposed", "invite-issued", "signed-in", "invite-revoked",
            ])
        #expect(try store.approvals() == [approval])
        let before = try Snapshot(store)
        try store.rebuildProjections()
        #expect(try Snapshot(store) == before)
        #expect(try store.verify().problem == nil)
        #expect(Set(try store.events().map(\.kind)) == Set(EventKind.allCases.map(\.rawValue)))
    }

    @Test("a score's strength and opportunity are stored, revised and rebuilt; a payload without them reads as empty")
    func strengthAndOpportunity() throws {
        let temp = try Fixture.populated()
        let store = temp.store
        // A score recorded without the fields has a payload as before they existed: old ledgers keep their hashes.
        let first = try #require(try store.events().first { $0.kind == "score-given" })
        #expect(first.payload == #"{"application":"PG-1","comment":"ดี","criterion":"C1","judge":"J1","percent":80}"#)
        let given = Score(
            judge: "J1", application: "PG-1", criterion: "C1", percent: 85, strength: "มีหลักฐานครบ", opportunity: "ควรวัดผลต่อเนื่อง")
        try store.recordScore(given, actor: "J1", at: Fixture.at(30))
        #expect(try store.scores(judge: "J1") == [given])
        #expect(try store.scoreRevisions(judge: "J1").map(\.score.strength) == [nil, "มีหลักฐานครบ"])
        let before = try Snapshot(store)
        try store.rebuildProjections()
        #expect(try Snapshot(store) == before)
        #expect(try store.verify().ok)
    }

    @Test("a database from before strengths and overrides is migrated on open: its scores read with empty fields and it verifies")
    func migratesAnOlderDatabase() throws {
        let temp = try Fixture.populated()
        // Make it what the previous psea wrote: no strength or opportunity columns, no overrides table.
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in
            try db.dropSealTriggers()
            for table in ["scores", "score_revisions"] {
                try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN strength; ALTER TABLE \(table) DROP COLUMN opportunity")
            }
            try db.execute(sql: "DROP TABLE overrides; DELETE FROM grdb_migrations WHERE identifier = 'v4-guards-and-feedback'")
        }
        try queue.close()
        let reopened = try CompetitionStore(path: temp.path, mode: .readWrite)
        #expect(try reopened.scores().map(\.strength) == [nil, nil])
        #expect(try reopened.overrides().isEmpty)
        #expect(try reopened.verify().ok)
    }

    @Test("later consensus and site visits replace the current one; the ledger keeps both")
    func latestWins() throws {
        let temp = try Fixture.populated()
        try temp.store.recordConsensus(
            Consensus(application: "PG-1", criterion: "C1", percent: 75, reason: "ทบทวน"), actor: "panel", at: Fixture.at(20))
        try temp.store.recordSiteVisit(SiteVisit(application: "PG-1", confirmed: false), actor: "J1", at: Fixture.at(21))
        #expect(try temp.store.consensus() == [Consensus(application: "PG-1", criterion: "C1", percent: 75, reason: "ทบทวน")])
        #expect(try temp.store.siteVisits() == [SiteVisit(application: "PG-1", confirmed: false)])
        #expect(try temp.store.events().filter { $0.kind == "consensus-recorded" }.count == 2)
    }

    @Test("score revisions keep every earlier value; the last is current")
    func scoreRevisions() throws {
        let temp = try Fixture.populated()
        let store = temp.store
        try store.recordScore(
            Score(judge: "J1", application: "PG-1", criterion: "C1", percent: 85, comment: "แก้ไข", band: "B3"), actor: "J1", at: Fixture.at(30))
        let last = try store.recordScore(Score(judge: "J1", application: "PG-1", criterion: "C1", percent: 90), actor: "J1", at: Fixture.at(31))
        #expect(try store.scores(judge: "J1") == [Score(judge: "J1", application: "PG-1", criterion: "C1", percent: 90)])
        let revisions = try store.scoreRevisions(judge: "J1", application: "PG-1", criterion: "C1")
        #expect(revisions.map(\.revision) == [1, 2, 3])
        #expect(revisions.map(\.score.percent) == [80, 85, 90])
        #expect(revisions.map(\.score.comment) == ["ดี", "แก้ไข", nil])
        #expect(revisions.map(\.score.band) == [nil, "B3", nil])
        #expect(revisions.last?.seq == last)
        #expect(revisions.last?.recordedAt == "2025-02-19T21:51:00Z")
        #expect(try store.scoreRevisions().count == 4)
        #expect(try store.status().scores == 2)
    }

    @Test("the same fact again is unchanged and appends nothing")
    func idempotentRecords() throws {
        let temp = try Fixture.populated()
        let store = temp.store
        let before = try store.events().count
        #expect(try store.registerJudge(Judge(id: "J2", name: "กรรมการ สอง", province: "เชียงใหม่"), actor: "opdc", at: Fixture.at(40)) == .unchanged)
        #expect(
            try store.declareConflict(Conflict(judge: "J2", application: "PG-2", reason: "เคยเป็นที่ปรึกษา"), actor: "J2", at: Fixture.at(40))
                == .unchanged)
        #expect(try store.assign(Assignment(judge: "J1", application: "PG-1"), actor: "opdc", at: Fixture.at(40)) == .unchanged)
        #expect(
            try store.freezeRubric(
                RubricFreeze(year: 2568, type: "effective-change", sha256: String(repeating: "ab", count: 32)), actor: "opdc", at: Fixture.at(40))
                == .unchanged)
        #expect(
            try store.recordLotterySeed(LotterySeed(scope: "2568/tie-break", seed: UInt64.max - 7), actor: "opdc", at: Fixture.at(40)) == .unchanged)
        #expect(try store.events().count == before)
        #expect(try store.assign(Assignment(judge: "J1", application: "PG-2"), actor: "opdc", at: Fixture.at(41)) == .appended(seq: before + 1))
    }

    @Test("a key recorded with different data cannot change")
    func conflictingRecords() throws {
        let temp = try Fixture.populated()
        let store = temp.store
        let before = try store.events().count
        #expect(errorCode { try store.registerJudge(Judge(id: "J1", name: "คนอื่น"), actor: "opdc", at: Fixture.at(50)) } == "PSEA-DB003")
        #expect(
            errorCode { try store.declareConflict(Conflict(judge: "J2", application: "PG-2", reason: "อื่น"), actor: "J2", at: Fixture.at(50)) }
                == "PSEA-DB003")
        #expect(
            errorCode {
                try store.freezeRubric(
                    RubricFreeze(year: 2568, type: "effective-change", sha256: String(repeating: "cd", count: 32)), actor: "opdc", at: Fixture.at(50))
            } == "PSEA-DB003")
        #expect(
            errorCode { try store.recordLotterySeed(LotterySeed(scope: "2568/tie-break", seed: 1), actor: "opdc", at: Fixture.at(50)) }
                == "PSEA-DB003")
        #expect(try store.events().count == before)
        #expect(try store.judges().first?.name == "กรรมการ หนึ่ง")
    }

    @Test("references must exist, conflicted judges cannot be assigned or score, percent stays in 0–100")
    func databaseGuarantees() throws {
        let temp = try Fixture.populated()
        let store = temp.store
        let before = try store.events().count
        #expect(errorCode { try store.assign(Assignment(judge: "J9", application: "PG-1"), actor: "opdc", at: Fixture.at(60)) } == "PSEA-DB004")
        #expect(errorCode { try store.assign(Assignment(judge: "J1", application: "PG-9"), actor: "opdc", at: Fixture.at(60)) } == "PSEA-DB004")
        #expect(
            errorCode { try store.declareConflict(Conflict(judge: "J9", application: "PG-1", reason: "x"), actor: "J9", at: Fixture.at(60)) }
                == "PSEA-DB004")
        #expect(
            errorCode { try store.recordScore(Score(judge: "J1", application: "PG-9", criterion: "C1", percent: 1), actor: "J1", at: Fixture.at(60)) }
                == "PSEA-DB004")
        #expect(
            errorCode {
                try store.recordConsensus(
                    Consensus(application: "PG-9", criterion: "C1", percent: 1, reason: "x"), actor: "panel", at: Fixture.at(60))
            } == "PSEA-DB004")
        #expect(
            errorCode { try store.recordSiteVisit(SiteVisit(application: "PG-9", confirmed: true), actor: "J1", at: Fixture.at(60)) } == "PSEA-DB004")
        #expect(errorCode { try store.assign(Assignment(judge: "J2", application: "PG-2"), actor: "opdc", at: Fixture.at(60)) } == "PSEA-DB005")
        #expect(
            errorCode {
                try store.recordScore(Score(judge: "J2", application: "PG-2", criterion: "C1", percent: 50), actor: "J2", at: Fixture.at(60))
            } == "PSEA-DB005")
        for bad in [-0.5, 100.5, Double.nan, Double.infinity] {
            #expect(
                errorCode {
                    try store.recordScore(Score(judge: "J1", application: "PG-1", criterion: "C2", percent: bad), actor: "J1", at: Fixture.at(60))
                } == "PSEA-DB006")
            #expect(
                errorCode {
                    try store.recordConsensus(
                        Consensus(application: "PG-1", criterion: "C2", percent: bad, reason: "x"), actor: "panel", at: Fixture.at(60))
                } == "PSEA-DB006")
        }
        #expect(try store.events().count == before)
        #expect(try store.verify().ok)
    }

    @Test("in one batch, a conflict declared after a judge scored an entry refuses the judge's next score of it")
    func conflictDeclaredWithinABatch() throws {
        let temp = try Fixture.populated()
        let store = temp.store
        let before = try store.events().count
        let code = errorCode {
            try store.batch { batch in
                try batch.recordScore(Score(judge: "J1", application: "PG-1", criterion: "C2", percent: 50), actor: "J1", at: Fixture.at(60))
                try batch.declareConflict(Conflict(judge: "J1", application: "PG-1", reason: "ญาติ"), actor: "opdc", at: Fixture.at(61))
                try batch.recordScore(Score(judge: "J1", application: "PG-1", criterion: "C3", percent: 55), actor: "J1", at: Fixture.at(62))
            }
        }
        #expect(code == "PSEA-DB005")
        #expect(try store.events().count == before)
    }

    @Test("status counts each table and encodes with exactly the agreed keys")
    func statusCounts() throws {
        let temp = try Fixture.populated()
        let second = try Fixture.application("PG-1", title: "ฉบับแก้ไข")
        _ = try temp.store.ingest(
            application: second, canonical: try Fixture.canonical(second), source: "v2.xml", actor: "intake", at: Fixture.at(70))
        try temp.store.recordScore(Score(judge: "J1", application: "PG-1", criterion: "C1", percent: 10), actor: "J1", at: Fixture.at(71))
        let status = try temp.store.status()
        #expect(status == StoreStatus(entries: 2, versions: 3, judges: 2, conflicts: 1, assignments: 2, scores: 2, events: 15, ledgerOK: true))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(status)) as? [String: Any]
        #expect(Set((json ?? [:]).keys) == ["entries", "versions", "judges", "conflicts", "assignments", "scores", "events", "ledgerOK"])
        #expect(json?["ledgerOK"] as? Bool == true)
        let empty = try TemporaryStore()
        #expect(
            try empty.store.status()
                == StoreStatus(entries: 0, versions: 0, judges: 0, conflicts: 0, assignments: 0, scores: 0, events: 0, ledgerOK: true))
    }

    @Test("lottery seeds above 2^53 survive as decimal strings in the payload")
    func seedPrecision() throws {
        let temp = try Fixture.populated()
        let payload = try #require(temp.store.events().last?.payload)
        #expect(payload == #"{"scope":"2568/tie-break","seed":"18446744073709551608"}"#)
    }
}
