import Foundation
import Hummingbird
import Model
import Round
import Store

extension WebServer {
    /// `/signin` (the notice a signed-out person is sent to), `/signin/TOKEN` (an invite link) and `/signout`.
    func addSignInRoutes(to router: Router<WebContext>) {
        router.get("/signin") { [pages] _, context in
            try pages.response(
                "notice",
                NoticePage(
                    frame: PageFrame(title: "เข้าสู่ระบบ", context: context), heading: "เข้าสู่ระบบ",
                    message: "เข้าสู่ระบบด้วยลิงก์ส่วนตัวที่ได้รับจากสำนักงาน ก.พ.ร. หากลิงก์หมดอายุ ขอลิงก์ใหม่จากเจ้าหน้าที่",
                    english: "Sign in with the personal link OPDC sent you; if it has expired, ask the staff for a new one."))
        }
        router.get("/signin/:token") { request, context in
            try await signIn(request, context: context)
        }
        router.post("/signout") { [sessions, secure] request, _ in
            if let id = request.cookies[WebCookies.session]?.value { await sessions.end(id) }
            var response = Pages.redirect("/signin")
            response.setCookie(WebCookies.make(WebCookies.session, "", secure: secure, maxAge: 0))
            return response
        }
    }

    /// Signs in with an invite link: a new session (cookie HttpOnly, SameSite=Strict, Secure over TLS) and a 303
    /// to the person's workspace. A refused link (unknown, expired, revoked) answers 401 with the reason and counts
    /// against the address's sign-in limit; past the limit every sign-in from it answers 429 (PSEA-WEB002).
    func signIn(_ request: Request, context: WebContext) async throws -> Response {
        let address = context.remoteAddress ?? "-"
        let frame = PageFrame(title: "เข้าสู่ระบบ", context: context)
        guard await signInLimiter.allows(address) else {
            return try pages.problem(.signInRateLimited, frame: frame, status: .tooManyRequests)
        }
        let token = context.parameters.get("token") ?? ""
        let outcome: SignIn
        do {
            outcome = try RoundAccess(context: round(actor: "web")).signIn(token: token)
        } catch let error as PSEAError where error.isInvalidInput {
            await signInLimiter.failed(address)
            return try pages.problem(ProblemCode.named(error.code) ?? .signInUnknown, message: error.message, frame: frame, status: .unauthorized)
        }
        let (id, _) = await sessions.start(outcome)
        var response = Pages.redirect(outcome.role == .judge ? "/judge" : "/staff")
        response.setCookie(WebCookies.make(WebCookies.session, id, secure: secure))
        return response
    }
}

/// Counts failed sign-ins per client address: past `WebLimits.signInFailures` within `WebLimits.signInWindow`,
/// the address may not sign in until the window has passed.
package actor SignInLimiter {
    private var failures: [String: [Date]] = [:]
    private let clock: @Sendable () -> Date

    package init(clock: @escaping @Sendable () -> Date) {
        self.clock = clock
    }

    /// Whether `address` may try to sign in now.
    package func allows(_ address: String) -> Bool {
        let since = clock().addingTimeInterval(-WebLimits.signInWindow)
        failures[address] = failures[address]?.filter { $0 > since }
        return (failures[address]?.count ?? 0) < WebLimits.signInFailures
    }

    /// Counts one failed sign-in of `address`.
    package func failed(_ address: String) {
        failures[address, default: []].append(clock())
    }
}
