import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import PSEATestSupport
import Round
import Store
import Testing

@testable import Web

/// Point 1: invite links, sessions, expiry, revocation, the rate limit and the role checks.
@Suite struct SignInTests {
    @Test func anInviteLinkSignsAJudgeInWithAStrictCookieAndIsKeptOnlyAsAHash() async throws {
        let web = try WebRound()
        let token = try web.invite(.judge, "J01")
        #expect(token.count >= 22)  // at least 128 bits in URL-safe base64
        let invites = try web.round.store.invites()
        #expect(invites.map(\.invite.tokenHash) == [RoundAccess.hash(token)])
        #expect(try web.round.store.events().allSatisfy { !$0.payload.contains(token) })
        #expect(try web.events(.inviteIssued).map(\.actor) == ["tester"])
        try await web.application.test(.router) { client in
            var judge = Visitor()
            let response = try await judge.signIn(client, token: token)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/judge")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("psea_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
            let list = try await judge.get(client, "/judge")
            #expect(list.status == .ok)
            #expect(String(buffer: list.body).contains("/judge/entries/PG-2568-0406"))
        }
        let signIns = try web.events(.signedIn)
        #expect(signIns.map(\.actor) == ["judge:J01"])
        #expect(signIns.first?.payload.contains(RoundAccess.hash(token)) == true)
    }

    @Test func overTLSTheCookieIsSecure() async throws {
        let web = try WebRound()
        let server = try WebServer(round: web.round.context, secure: true)
        let token = try web.invite(.staff, "สมศรี")
        try await Application(router: server.router()).test(.router) { client in
            var staff = Visitor()
            let response = try await staff.signIn(client, token: token)
            #expect(response.headers[.location] == "/staff")
            #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("psea_session=") && $0.contains("Secure") })
        }
    }

    @Test func anExpiredLinkIsRefusedAndEndsItsSession() async throws {
        let web = try WebRound()
        let token = try web.invite(.judge, "J01", days: 1)
        let later = RoundContext(
            store: web.round.store, catalog: web.round.context.catalog, actor: "tester",
            clock: .fixed(TemporaryRound.when.addingTimeInterval(2 * 86_400)))
        try await Application(router: try WebServer(round: later).router()).test(.router) { client in
            var judge = Visitor()
            let response = try await judge.signIn(client, token: token)
            #expect(response.status == .unauthorized)
            #expect(String(buffer: response.body).contains(ProblemCode.signInExpired.code))
            #expect(judge.cookies["psea_session"] == nil)
        }
        #expect(try web.events(.signedIn).isEmpty)
    }

    @Test func aRevokedLinkEndsTheSessionAndSignsNoOneIn() async throws {
        let web = try WebRound()
        let token = try web.invite(.judge, "J01")
        try await web.application.test(.router) { client in
            var judge = Visitor()
            _ = try await judge.signIn(client, token: token)
            #expect(try await judge.get(client, "/judge").status == .ok)
            #expect(try RoundAccess(context: web.round.context).revoke(.judge, "J01"))
            let after = try await judge.get(client, "/judge")
            #expect(after.status == .seeOther && after.headers[.location] == "/signin")
            let again = try await Visitor().signInFresh(client, token: token)
            #expect(again.status == .unauthorized)
            #expect(String(buffer: again.body).contains(ProblemCode.signInRevoked.code))
        }
        #expect(try web.events(.inviteRevoked).count == 1)
        // Revoking again records nothing: no link is in force.
        #expect(try !RoundAccess(context: web.round.context).revoke(.judge, "J01"))
        #expect(try web.events(.inviteRevoked).count == 1)
    }

    @Test func anUnknownJudgeGetsNoLink() throws {
        let web = try WebRound()
        #expect(errorCode { _ = try web.invite(.judge, "J99") } == ProblemCode.unknownReference.code)
        #expect(try web.round.store.invites().isEmpty)
    }

    @Test func failedSignInsFromOneAddressAreLimited() async throws {
        let web = try WebRound()
        let token = try web.invite(.judge, "J01")
        try await web.application.test(.router) { client in
            for attempt in 0..<WebLimits.signInFailures {
                let response = try await Visitor().signInFresh(client, token: "wrong-\(attempt)-aaaaaaaaaaaaaaaaaaaaaaaa")
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains(ProblemCode.signInUnknown.code))
            }
            let limited = try await Visitor().signInFresh(client, token: token)
            #expect(limited.status == .tooManyRequests)
            #expect(String(buffer: limited.body).contains(ProblemCode.signInRateLimited.code))
        }
        #expect(try web.events(.signedIn).isEmpty)
    }

    @Test func eachRoleSeesOnlyItsOwnPages() async throws {
        let web = try WebRound()
        let judgeToken = try web.invite(.judge, "J01")
        let staffToken = try web.invite(.staff, "สมศรี")
        try await web.application.test(.router) { client in
            var judge = Visitor()
            _ = try await judge.signIn(client, token: judgeToken)
            #expect(try await judge.get(client, "/staff").status == .forbidden)
            var staff = Visitor()
            _ = try await staff.signIn(client, token: staffToken)
            #expect(try await staff.get(client, "/staff").status == .ok)
            #expect(try await staff.get(client, "/judge").status == .forbidden)
            #expect(try await staff.get(client, "/judge/entries/PG-2568-0406").status == .forbidden)
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        let web = try WebRound()
        let token = try web.invite(.judge, "J01")
        try await web.application.test(.router) { client in
            var judge = Visitor()
            _ = try await judge.signIn(client, token: token)
            _ = try await judge.get(client, "/judge")
            let stale = judge.cookies
            let out = try await judge.post(client, "/signout", [])
            #expect(out.status == .seeOther)
            var replay = Visitor(cookies: stale)
            #expect(try await replay.get(client, "/judge").headers[.location] == "/signin")
        }
    }
}

extension Visitor {
    /// A sign-in by a new visitor (no cookies).
    func signInFresh(_ client: some TestClientProtocol, token: String) async throws -> TestResponse {
        var visitor = Visitor()
        return try await visitor.signIn(client, token: token)
    }
}
