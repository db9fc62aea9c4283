import Export
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import PSEATestSupport
import Panel
import Ranking
import Results
import Round
import Store
import Testing

@testable import Web

/// Point 3: the staff pages: access, stages, progress, the disagreement queue, the stage forms, the ranking
/// preview and the downloads, over the same library functions as the command line.
@Suite struct StaffTests {
    static let staff = "สมศรี"
    static var actor: String { "staff:\(staff)" }

    @Test func onlyStaffReachTheStaffPages() async throws {
        let web = try WebRound(judgeCount: 2)
        let judgeToken = try web.invite(.judge, "J01")
        try await web.application.test(.router) { client in
            var visitor = Visitor()
            let anonymous = try await visitor.get(client, "/staff")
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/signin")
            #expect(try await visitor.get(client, "/staff/ranking", headers: [.accept: "application/json"]).status == .unauthorized)
            var judge = Visitor()
            _ = try await judge.signIn(client, token: judgeToken)
            for path in ["/staff", "/staff/ranking", "/staff/exports/staff/csv"] {
                #expect(try await judge.get(client, path).status == .forbidden)
            }
            let posted = try await judge.post(client, "/staff/screen", [])
            #expect(posted.status == .forbidden)
        }
        #expect(try web.events(.entryScreened).allSatisfy { $0.actor == "tester" })
    }

    @Test func aPostWithoutTheCSRFTokenIsRefused() async throws {
        let web = try WebRound(judgeCount: 2)
        let before = try web.events(.entryScreened).count
        try await web.asStaff { client, staff in
            let response = try await staff.post(client, "/staff/screen", [], csrf: false)
            #expect(response.status == .forbidden)
            #expect(String(buffer: response.body).contains(ProblemCode.csrfRefused.code))
            let forged = try await staff.post(client, "/staff/screen", [("csrf", "a-token-of-another-page-aaaaaaaa")], csrf: false)
            #expect(forged.status == .forbidden)
        }
        #expect(try web.events(.entryScreened).count == before)
    }

    @Test func theStatusShowsWhatBlocksEachStage() async throws {
        let web = try WebRound(judgeCount: 2)
        let stage = try #require(try RoundResults.progress(web.round.context).types.first)
        let blocker = try #require(stage.blocker)
        #expect(blocker.en.hasPrefix("desk review"))
        try await web.asStaff { client, staff in
            let page = String(buffer: try await staff.get(client, "/staff").body)
            #expect(page.contains(stage.line(language: .th)))
            #expect(page.contains("ถัดไป: \(blocker.th)"))
            #expect(page.contains("next: \(blocker.en)"))
            // The sub-type forms name each sub-type by its Thai title, never by its key alone.
            let type = String(stage.scope.split(separator: "/")[1])
            #expect(page.contains("<option value=\"\(type)\">\(try #require(stage.thaiName))</option>"))
        }
    }

    @Test func progressCountsCriteriaScoredPerEntryAndPerJudge() async throws {
        let web = try WebRound(judgeCount: 2)
        let entry = try #require(try web.round.store.entryIDs().first { $0 != WebRound.hostile })
        let criteria = try web.criteria(entry)
        for criterion in criteria { try web.score("J02", entry, criterion, 60) }
        try web.score("J01", entry, criteria[0], 60)
        try web.score("J01", entry, criteria[1], 65)
        let all = try web.round.store.entryIDs().map { try web.criteria($0).count }.reduce(0, +)
        try await web.asStaff { client, staff in
            let page = String(buffer: try await staff.get(client, "/staff").body)
            #expect(Self.row(page, entry)?.contains("progress\">\(criteria.count + 2)/\(2 * criteria.count)<") == true)
            #expect(Self.row(page, "J01")?.contains("progress\">2/\(all)<") == true)
            #expect(Self.row(page, "J02")?.contains("progress\">\(criteria.count)/\(all)<") == true)
            #expect(Self.row(page, WebRound.hostile)?.contains("progress\">0/") == true)
            #expect(!page.contains(WebRound.hostileAgency) && page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test func theConsensusFormRecordsAConsensusAndTheQueueShrinks() async throws {
        let web = try WebRound(judgeCount: 2)
        let entry = WebRound.hostile
        let criterion = try web.criteria(entry)[0]
        try web.score("J01", entry, criterion, 10)
        try web.score("J02", entry, criterion, 90)
        let form = "name=\"criterion\" value=\"\(criterion)\""
        try await web.asStaff { client, staff in
            let page = String(buffer: try await staff.get(client, "/staff").body)
            #expect(page.contains("ต่ำสุด 10% · สูงสุด 90%") && page.contains(form))
            let refused = try await staff.post(
                client, "/staff/consensus", [("application", entry), ("criterion", criterion), ("percent", "52"), ("reason", "ตกลงกัน")])
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains(ProblemCode.invalidValue.code))
            let saved = try await staff.post(
                client, "/staff/consensus", [("application", entry), ("criterion", criterion), ("percent", "50"), ("reason", "ตกลงกันในที่ประชุม")])
            #expect(saved.status == .seeOther && saved.headers[.location] == "/staff?done=consensus#consensus")
            let after = String(buffer: try await staff.get(client, "/staff?done=consensus").body)
            #expect(!after.contains(form) && after.contains("บันทึกฉันทามติแล้ว"))
        }
        #expect(try web.events(.consensusRecorded).map(\.actor) == [Self.actor])
        #expect(try web.round.store.consensus().map(\.percent) == [50])
    }

    @Test func aRefusalShowsTheLibrarysProblemInThaiAndEnglish() async throws {
        let web = try WebRound(judgeCount: 2)
        let entry = WebRound.hostile
        let criterion = try web.criteria(entry)[0]
        try await web.asStaff { client, staff in
            let unflagged = try await staff.post(
                client, "/staff/consensus", [("application", entry), ("criterion", criterion), ("percent", "50"), ("reason", "x")])
            #expect(unflagged.status == .unprocessableContent)
            #expect(String(buffer: unflagged.body).contains(ProblemCode.consensusNotFlagged.code))
            let unknown = try await staff.post(
                client, "/staff/sitevisit", [("application", "PG-2568-9999"), ("outcome", "confirmed"), ("reason", "พบจริง")])
            #expect(unknown.status == .unprocessableContent && String(buffer: unknown.body).contains(ProblemCode.unknownEntry.code))
            let date = try await staff.post(client, "/staff/approve", [("type", "open-governance"), ("meeting", "ครั้งที่ 1"), ("date", "15/8/2568")])
            let page = String(buffer: date.body)
            #expect(date.status == .unprocessableContent && page.contains(ProblemCode.recordIncomplete.code))
            #expect(page.contains("วันที่ต้องอยู่ในรูป") && page.contains("the date must be YYYY-MM-DD"))
            let early = try await staff.post(client, "/staff/shortlist", [])
            #expect(early.status == .unprocessableContent && String(buffer: early.body).contains(ProblemCode.shortlistBlocked.code))
        }
        #expect(try web.events(.consensusRecorded).isEmpty && web.events(.resultsApproved).isEmpty)
    }

    @Test func theStageFormsMoveTheRoundToApproval() async throws {
        let web = try WebRound(judgeCount: 5)  // effective-change asks for five
        let ineligible = try #require(try web.round.store.entryIDs().first { $0 != WebRound.hostile })
        try await web.asStaff { client, staff in
            let screened = try await staff.post(
                client, "/staff/screen", [("application", ineligible), ("decision", "ineligible"), ("reason", "ผลงานดำเนินการไม่ถึงหนึ่งปี")])
            #expect(screened.status == .seeOther)
        }
        let decision = try #require(try web.events(.entryScreened).last)
        #expect(decision.actor == Self.actor && decision.payload.contains(ineligible))
        try web.scoreEverything(100)
        let types = try RoundResults.progress(web.round.context).types
        try await web.asStaff { client, staff in
            let shortlist = try await staff.post(client, "/staff/shortlist", [])
            #expect(shortlist.status == .seeOther, "\(String(buffer: shortlist.body).components(separatedBy: "alert").dropFirst().first ?? "")")
            let listed = try web.round.store.shortlists().flatMap(\.applications)
            #expect(!listed.isEmpty)
            for id in listed {
                let visit = try await staff.post(
                    client, "/staff/sitevisit",
                    [
                        ("application", id), ("outcome", "confirmed"), ("reason", "พบการดำเนินงานจริง"), ("mode", "online"), ("date", "2025-08-15"),
                        ("team", "ก; ข"),
                    ])
                #expect(visit.status == .seeOther)
            }
            for stage in types {
                let type = String(stage.scope.split(separator: "/")[1])
                let approved = try await staff.post(
                    client, "/staff/approve", [("type", type), ("meeting", "อ.ก.พ.ร. ครั้งที่ 3/2568"), ("date", "2025-09-01")])
                #expect(approved.status == .seeOther)
            }
            let page = String(buffer: try await staff.get(client, "/staff").body)
            #expect(page.contains("อนุมัติแล้ว อ.ก.พ.ร. ครั้งที่ 3/2568 2025-09-01"))
        }
        #expect(try RoundResults.progress(web.round.context).types.allSatisfy { $0.blocker == nil })
        #expect(try web.round.store.siteVisits().allSatisfy { $0.team == ["ก", "ข"] && $0.mode == "online" })
        for kind in [EventKind.shortlistProposed, .siteVisitRecorded, .resultsApproved] {
            #expect(try web.events(kind).allSatisfy { $0.actor == Self.actor } && !web.events(kind).isEmpty)
        }
    }

    @Test func theRankingPreviewIsWhatPseaRankComputes() async throws {
        let web = try WebRound(judgeCount: 5)
        try web.scoreEverything(100)
        let seeds = try web.events(.lotterySeedRecorded).count
        let preview = try StaffDesk(round: web.round.context).preview()
        #expect(try web.events(.lotterySeedRecorded).count == seeds)  // the preview records nothing
        #expect(preview.ranking.entries.contains { $0.tieBreak != nil })  // a lottery decides some places
        let cli = try CLI.run(["rank", "--db", web.databasePath, "--format", "json", "--lang", "th"])
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(cli.stdout == String(decoding: RankingReport.json(preview.ranking, language: .th), as: UTF8.self))
        try await web.asStaff { client, staff in
            let page = String(buffer: try await staff.get(client, "/staff/ranking").body)
            for entry in preview.ranking.entries {
                let rank = entry.rank.map(String.init) ?? "—"
                #expect(page.contains("<tr class=\"ranked\"><td>\(rank)</td><td>\(entry.application)</td>"))
            }
        }
    }

    @Test func everyDownloadHasTheBytesOfTheCommandLinesExport() async throws {
        let web = try WebRound(judgeCount: 3)
        try web.scoreEverything(80)
        let seeds = try web.events(.lotterySeedRecorded).count
        try await web.asStaff { client, staff in
            var downloaded: [String: Data] = [:]
            for audience in ExportAudience.allCases {
                for format in ExportFormat.allCases {
                    let path = "/staff/exports/\(audience.rawValue)/\(format.rawValue)"
                    let first = try await staff.get(client, path)
                    #expect(first.status == .ok)
                    var files: [(String, TestResponse)] = []
                    if let disposition = first.headers[.contentDisposition] {
                        files.append((String(disposition.split(separator: "\"")[1]), first))
                    } else {
                        let names = try Exporter.files(
                            RankingRun.load(web.round.context, record: false, keep: .scores).bundle, format: format, audience: audience
                        ).map(\.name)
                        #expect(names.count > 1)
                        for name in names {
                            #expect(String(buffer: first.body).contains("file=\(name)"))
                            files.append((name, try await staff.get(client, "\(path)?header=th&file=\(name)")))
                        }
                    }
                    for (name, response) in files {
                        #expect(response.headers[.contentDisposition] == "attachment; filename=\"\(name)\"")
                        let type = response.headers[.contentType] ?? ""
                        #expect(type.hasPrefix(["csv": "text/csv", "json": "application/json", "html": "text/html"][format.rawValue] ?? "-"))
                        downloaded["\(audience.rawValue)/\(name)"] = Data(response.body.readableBytesView)
                    }
                }
            }
            #expect(try web.events(.lotterySeedRecorded).dropFirst(seeds).allSatisfy { $0.actor == Self.actor })
            // The command line's export of the same database, after the downloads: the same bytes, file by file.
            let folder = try makeTemporaryFolder("psea-staff-export")
            for audience in ExportAudience.allCases {
                for format in ExportFormat.allCases {
                    let out = folder.appendingPathComponent("\(audience.rawValue)-\(format.rawValue)")
                    let run = try CLI.run(
                        ["export", "--db", web.databasePath, "--format", format.rawValue, "--audience", audience.rawValue, "-o", out.path])
                    #expect(run.status == 0, "\(run.stderr)")
                    for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
                        #expect(downloaded["\(audience.rawValue)/\(name)"] == (try Data(contentsOf: out.appendingPathComponent(name))), "\(name)")
                    }
                }
            }
            #expect(downloaded.count >= 7)
        }
    }

    @Test func behindAnHTTPSPublicURLTheSessionCookieIsSecure() async throws {
        let web = try WebRound(judgeCount: 2)
        for (url, secure) in [("https://psea.opdc.go.th/", true), ("http://192.168.1.20:8080/", false)] {
            let server = try WebServer(round: web.round.context, publicURL: URL(string: url))
            let token = try web.invite(.staff, Self.staff)
            try await Application(router: server.router()).test(.router) { client in
                var staff = Visitor()
                let response = try await staff.signIn(client, token: token)
                let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("psea_session=") })
                #expect(cookie.contains("; Secure") == secure, "\(url)")
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            }
        }
        #expect(!WebServer.isSecure(publicURL: nil))
        let refused = try CLI.run(["serve", "--db", web.databasePath, "--public-url", "ftp://psea.opdc.go.th/"])
        #expect(refused.status == 2 && refused.stderr.contains("--public-url"))
    }

    /// The table row of `page` that starts with the cell `id`.
    static func row(_ page: String, _ id: String) -> String? {
        guard let start = page.range(of: "<tr><td>\(id)</td>") else { return nil }
        return String(page[start.upperBound...].prefix { $0 != "\n" })
    }
}

extension WebRound {
    /// The database file of the round.
    var databasePath: String { round.folder.appendingPathComponent("round.sqlite").path }

    /// Records `judge`'s `percent` on `criterion` of `entry`, as `psea scores add` does.
    func score(_ judge: String, _ entry: String, _ criterion: String, _ percent: Double) throws {
        let result = try round.panel.addScore(Score(judge: judge, application: entry, criterion: criterion, percent: percent))
        #expect(result.isValid)
    }

    /// Every assigned judge scores every criterion of every entry at `percent`, in one `psea scores import`.
    func scoreEverything(_ percent: Int) throws {
        let panel = try RoundSnapshot.loadPanel(store: round.store, catalog: round.context.catalog)
        var rows = "judge,application,criterion,percent,comment\n"
        for entry in panel.entries where entry.rubric != nil {
            for judge in entry.judges {
                for criterion in try criteria(entry.id) { rows += "\(judge),\(entry.id),\(criterion),\(percent),\n" }
            }
        }
        let result = try round.panel.importScores(csv: csv(rows))
        #expect(result.isValid)
    }

    /// Runs `body` on the router-level server with staff member สมศรี signed in.
    func asStaff(_ body: @escaping @Sendable (any TestClientProtocol, inout Visitor) async throws -> Void) async throws {
        let token = try invite(.staff, StaffTests.staff)
        try await application.test(.router) { client in
            var visitor = Visitor()
            _ = try await visitor.signIn(client, token: token)
            _ = try await visitor.get(client, "/staff")
            try await body(client, &visitor)
        }
    }
}
