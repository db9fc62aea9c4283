import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import PSEATestSupport
import Round
import Store
import Testing

@testable import Web

/// Point 5: CSRF tokens, escaping of every text from an application, and the upload limit.
@Suite struct SafetyTests {
    static let entry = WebRound.hostile

    @Test func aFormWithoutItsCSRFTokenOrWithAnotherOneIsRefused() async throws {
        let web = try WebRound()
        let criterion = try web.criteria(Self.entry)[0]
        try await web.asJudge(opening: Self.entry) { client, judge in
            #expect(judge.csrf.count >= 22)
            let fields = [("criterion", criterion), ("percent", "70")]
            let without = try await judge.post(client, "/judge/entries/\(Self.entry)", fields, csrf: false)
            #expect(without.status == .forbidden)
            #expect(String(buffer: without.body).contains(ProblemCode.csrfRefused.code))
            var forged = judge
            forged.csrf = RandomToken.make()
            #expect(try await forged.post(client, "/judge/entries/\(Self.entry)", fields).status == .forbidden)
            // Another visitor's token (a page fetched without the session) is not this session's.
            var stranger = Visitor()
            _ = try await stranger.get(client, "/check")
            forged.csrf = stranger.csrf
            #expect(try await forged.post(client, "/judge/entries/\(Self.entry)", fields).status == .forbidden)
            #expect(try await judge.post(client, "/judge/entries/\(Self.entry)", fields).status == .seeOther)
        }
        #expect(try web.events(.scoreGiven).count == 1)
    }

    @Test func aVisitorsFormCarriesTheTokenOfItsCookie() async throws {
        let web = try WebRound()
        try await web.application.test(.router) { client in
            var visitor = Visitor()
            let page = try await visitor.get(client, "/check")
            let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("psea_csrf=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let token = try #require(visitor.cookies["psea_csrf"])
            #expect(token.count >= 22)
            // A POST with the cookie but without the token in the form is refused; with it, it passes.
            #expect(try await visitor.post(client, "/signout", [], csrf: false).status == .forbidden)
            visitor.csrf = token
            #expect(try await visitor.post(client, "/signout", []).status == .seeOther)
        }
    }

    @Test func markupInAnApplicationIsShownAsText() async throws {
        let web = try WebRound()
        try await web.asJudge { client, judge in
            for path in ["/judge", "/judge/entries/\(Self.entry)"] {
                let page = String(buffer: try await judge.get(client, path).body)
                #expect(!page.contains("<script>"), "\(path)")
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; สำนักงาน &amp; &quot;ทดสอบ&quot;"), "\(path)")
            }
        }
    }

    /// A comment goes back into its text box as it was saved (no isolation added), so saving again keeps it.
    @Test func aJudgesTextComesBackUnchangedInItsTextBox() async throws {
        let web = try WebRound()
        let criterion = try web.criteria(Self.entry)[0]
        try await web.asJudge(opening: Self.entry) { client, judge in
            let fields = [("criterion", criterion), ("percent", "70"), ("comment", "ดี & <ชัดเจน>")]
            #expect(try await judge.post(client, "/judge/entries/\(Self.entry)", fields).status == .seeOther)
            let page = String(buffer: try await judge.get(client, "/judge/entries/\(Self.entry)").body)
            #expect(page.contains("name=\"comment\">ดี &amp; &lt;ชัดเจน&gt;</textarea>"))
        }
    }

    @Test func aJudgesTextIsEscapedWhenShownAgain() async throws {
        let web = try WebRound()
        let criterion = try web.criteria(Self.entry)[0]
        try await web.asJudge(opening: Self.entry) { client, judge in
            let fields = [("criterion", criterion), ("percent", "70"), ("comment", "</textarea><img src=x onerror=alert(1)>")]
            #expect(try await judge.post(client, "/judge/entries/\(Self.entry)", fields).status == .seeOther)
            let page = String(buffer: try await judge.get(client, "/judge/entries/\(Self.entry)").body)
            #expect(!page.contains("<img src=x"))
            #expect(page.contains("&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;"))
        }
    }

    @Test func aBodyOverTheUploadLimitIsRefused() async throws {
        let web = try WebRound()
        let criterion = try web.criteria(Self.entry)[0]
        try await web.asJudge(opening: Self.entry) { client, judge in
            let big = String(repeating: "ก", count: WebLimits.uploadBytes / 3 + 10)
            let response = try await judge.post(
                client, "/judge/entries/\(Self.entry)", [("criterion", criterion), ("percent", "70"), ("comment", big)])
            #expect(response.status == .contentTooLarge)
        }
        #expect(try web.events(.scoreGiven).isEmpty)
    }
}
