import Export
import Foundation
import Model
import PSEATestSupport
import Ranking
import Results
import Round
import Rubric
import Store
import Testing

/// 2025-09-01T00:00:00Z: after every stage of the 2568 round.
private let september = Date(timeIntervalSince1970: 1_756_684_800)

@Suite("Stages: screening, shortlist, site visits and status through the Results library", .serialized)
struct StageTests {
    @Test("an entry failing screening is neither assigned nor ranked nor published, and verify --against still matches")
    func ineligibleEntryIsLeftOut() throws {
        // Effective-change without state enterprises: the PWA entry (PG-2568-0522) is not eligible.
        let (copy, rubrics) = try rubricsCopy { text in
            editingRule(text, type: "effective-change", key: "agencyKinds") { $0.replacingOccurrences(of: " state-enterprise,", with: "") }
        }
        defer { try? FileManager.default.removeItem(at: copy) }
        let folder = try ResultsFolder()
        let catalog = try RubricCatalog(directory: rubrics)
        let context = RoundContext(
            store: try CompetitionStore(path: folder.database), catalog: catalog, actor: DemoRound.actor, clock: .fixed(DemoRound.time))
        let outcome = try DemoRound.run(
            context, applications: ResultsFolder.applications, rules: nil, samples: ResultsFolder.samples, folder: folder.url,
            language: .en, say: { _ in })
        let pwa = "PG-2568-0522"
        #expect(outcome.run.notEligible.map(\.screening.application) == [pwa])
        #expect(outcome.run.notEligible.first?.scope == "2568/effective-change")
        #expect(outcome.run.notEligible.first?.screening.reasons.map(\.code) == [RoundCode.agencyNotAdmitted.code])
        #expect(!outcome.run.ranking.entries.contains { $0.application == pwa })
        #expect(try !context.store.assignments().contains { $0.application == pwa })
        #expect(outcome.run.notEligibleLines(language: .en).joined().contains("\(pwa)\t\(RoundCode.agencyNotAdmitted.code)"))
        // No export file, public or staff, names the entry or its agency.
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.url.path) where !name.hasPrefix("round.sqlite") && name != "reports" {
            let text = String(decoding: try Data(contentsOf: folder.url.appendingPathComponent(name)), as: UTF8.self)
            #expect(!text.contains(pwa) && !text.contains("การประปาส่วนภูมิภาค"), "\(name)")
        }
        let checked = try ExportVerification.check(databasePath: folder.database, catalog: catalog, directory: folder.url.path)
        #expect(checked.differences.isEmpty && checked.compared.count >= 10)
    }

    @Test("the shortlist holds exactly the entries in the outstanding range; visits carry mode, date and team")
    func shortlistContents() throws {
        let folder = try ResultsFolder()
        let outcome = try folder.demo()
        let context = try folder.context(.fixed(september))
        let lists = try context.store.shortlists()
        #expect(lists.count == 4)
        for list in lists {
            let scope = "\(list.year)/\(list.type)"
            let outstanding = outcome.run.ranking.entries.filter { $0.scope == scope && $0.siteVisit != nil }.map(\.application).sorted()
            #expect(list.applications == outstanding && !outstanding.isEmpty, "\(scope)")
            #expect(try context.store.events().contains { $0.hash == list.ledgerHead })
        }
        // The same shortlist again records nothing.
        let head = try context.store.ledgerHead()
        #expect(try RoundResults.shortlist(context).allSatisfy { !$0.recorded })
        #expect(try context.store.ledgerHead() == head)
        let visits = try context.store.siteVisits()
        #expect(visits.map(\.application).sorted() == lists.flatMap(\.applications).sorted())
        #expect(visits.allSatisfy { ["on-site", "online"].contains($0.mode ?? "") && $0.team?.count == 2 && $0.date?.hasPrefix("2025-06") == true })
        #expect(visits.allSatisfy { $0.forced == nil })
        #expect(Set(visits.compactMap(\.mode)) == ["on-site", "online"])
    }

    @Test("the public results name each sub-type's judging body from the round file, in CSV, JSON and HTML")
    func judgingBodies() throws {
        let folder = try ResultsFolder()
        let outcome = try folder.demo()
        #expect(outcome.run.bundle.judgingBodies["2568/poverty-integration"]?.th == "สำนักงาน ป.ย.ป.")
        let rows = PublicResults.table(outcome.run.bundle, header: .en)
        #expect(rows[0].suffix(2) == ["judging_body", "judging_body_en"])
        for row in rows.dropFirst() {
            let body = row[2] == "poverty-integration" ? "สำนักงาน ป.ย.ป." : "คณะอนุกรรมการ (อ.ก.พ.ร.) สำนักงาน ก.พ.ร."
            #expect(row[8] == body && !row[9].isEmpty, "\(row)")
        }
        let json = String(decoding: PublicResults.json(outcome.run.bundle), as: UTF8.self)
        #expect(json.contains("\"judgingBody\"") && json.contains("สำนักงาน ป.ย.ป."))
        let page = String(decoding: try Data(contentsOf: folder.url.appendingPathComponent("index.html")), as: UTF8.self)
        #expect(page.contains("ผู้พิจารณาตัดสิน: สำนักงาน ป.ย.ป."))
    }

    @Test("a site visit to an entry not shortlisted is refused, and recorded as forced with --force")
    func siteVisitOffTheShortlist() throws {
        let folder = try ResultsFolder()
        let outcome = try folder.demo()
        let context = try folder.context(.fixed(september), actor: "officer")
        let good = try #require(outcome.run.ranking.entries.first { $0.siteVisit == nil }?.application)
        let refused = try #require(throws: PSEAError.self) {
            try RoundResults.recordSiteVisit(context, application: good, confirmed: true, reason: "ขอตรวจเพิ่ม")
        }
        #expect(refused.code == ResultsCode.notShortlisted.code && refused.isInvalidInput)
        #expect(try !context.store.siteVisits().contains { $0.application == good })
        let details = RoundResults.VisitDetails(mode: "online", date: "2025-09-01", team: ["ก", "ข"], notes: "ตรวจเพิ่มตามคำขอของคณะอนุกรรมการ")
        let seq = try RoundResults.recordSiteVisit(
            context, application: good, confirmed: true, reason: "คณะอนุกรรมการขอให้ตรวจเพิ่ม", details: details, force: true)
        let visit = try #require(context.store.siteVisits().first { $0.application == good })
        #expect(visit.forced == true && visit.mode == "online" && visit.team == ["ก", "ข"] && visit.notes == details.notes)
        let event = try #require(context.store.events(after: seq - 1).first)
        #expect(event.payload.contains("\"forced\":true") && event.payload.contains("คณะอนุกรรมการขอให้ตรวจเพิ่ม"))
        #expect(try context.store.verify().ok)
    }

    @Test("the shortlist waits for the desk review")
    func shortlistWaits() throws {
        let round = try TemporaryRound()
        _ = try round.ingestSamples()
        let error = try #require(throws: PSEAError.self) { try RoundResults.shortlist(round.context, type: "open-governance") }
        #expect(error.code == ResultsCode.shortlistBlocked.code && error.isInvalidInput)
        #expect(error.message.th.contains("เปิดใจใกล้ชิดประชาชน") && !error.message.th.contains("open-governance"))
        #expect(error.message.en.contains("open-governance") && error.context["waiting"]?.isEmpty == false)
        #expect(try round.store.shortlists().isEmpty)
        #expect(throws: PSEAError.self) { try RoundResults.shortlist(round.context, type: "no-such-type") }
    }

    @Test("the round's progress: the window by the clock, screening counts, each sub-type's stages and blockers")
    func progress() throws {
        let round = try TemporaryRound()
        _ = try round.ingestOnly()
        let fresh = try RoundResults.progress(round.context)
        #expect(fresh.windows.map(\.state) == ["open"])
        #expect(fresh.screening.notScreened == TemporaryRound.validSampleCount && fresh.screening.eligible == 0)
        #expect(fresh.types.allSatisfy { $0.blocker?.en.hasPrefix("screening:") == true && $0.shortlisted == nil })
        _ = try round.screen()
        #expect(try RoundResults.progress(round.context).types.allSatisfy { $0.blocker?.en.hasPrefix("desk review") == true })

        let folder = try ResultsFolder()
        _ = try folder.demo()
        let done = try RoundResults.progress(try folder.context(.fixed(september)))
        #expect(done.windows.map(\.state) == ["closed"] && done.windows.first?.acceptedLate == 0)
        #expect(done.screening == RoundResults.ScreeningCounts(entries: 12, eligible: 12, ineligible: 0, notScreened: 0))
        #expect(done.types.count == 4)
        #expect(done.types.allSatisfy { $0.blocker == nil && $0.shortlisted == $0.visited && $0.notShortlisted == 0 && $0.approval != nil })
    }
}
