import Foundation
import Hummingbird
import Model
import Round
import Rubric
import Store

/// The web workspace (`psea serve`) over one competition database: judges score their entries, staff run the
/// round, applicants check a file. Every page and action goes through the same library functions as the
/// command line, with the signed-in person as the ledger's actor.
package struct WebServer: Sendable {
    /// The database, rubrics and clock of the round; each request acts through `round(actor:)`.
    package let base: RoundContext
    package let pages: Pages
    package let sessions: SessionStore
    /// Failed sign-ins per address, for the sign-in rate limit.
    package let signInLimiter: SignInLimiter
    /// Whether the server is reached over TLS (cookies marked Secure); behind a TLS proxy, set by the command.
    package let secure: Bool

    /// The server for a panel that reaches it at `publicURL` (`psea serve --public-url`): an `https` address
    /// means a TLS proxy in front of this plain-HTTP server, so cookies are marked Secure.
    package init(round: RoundContext, publicURL: URL?) throws {
        try self.init(round: round, secure: Self.isSecure(publicURL: publicURL))
    }

    /// Whether the workspace reached at `publicURL` is served over TLS: its scheme is `https`. Without a public
    /// address the server is reached over plain HTTP (loopback).
    package static func isSecure(publicURL: URL?) -> Bool {
        publicURL?.scheme?.lowercased() == "https"
    }

    package init(round: RoundContext, secure: Bool = false) throws {
        base = round
        pages = try Pages()
        sessions = SessionStore(clock: round.clock.now)
        signInLimiter = SignInLimiter(clock: round.clock.now)
        self.secure = secure
    }

    /// The round as `actor` acts on it: the same database, rubrics, clock and signing key.
    package func round(actor: String) -> RoundContext {
        RoundContext(store: base.store, catalog: base.catalog, actor: actor, clock: base.clock, signer: base.signer)
    }

    /// Every route, behind the security headers, the session and the CSRF check.
    package func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeadersMiddleware(pages: pages))
        router.add(middleware: SessionMiddleware(sessions: sessions, access: RoundAccess(context: base)))
        router.add(middleware: CSRFMiddleware(secure: secure))
        let style = pages.styleSheet
        router.get("/static/style.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: style)))
        }
        router.get("/") { [pages] _, context in
            try pages.response("home", ["frame": PageFrame(title: "หน้าแรก", context: context)])
        }
        addSignInRoutes(to: router)
        addJudgeRoutes(to: router.group("judge").add(middleware: RequireRole(role: .judge)))
        addStaffRoutes(to: router.group("staff").add(middleware: RequireRole(role: .staff)))
        addCheckRoutes(to: router.group("check"))
        return router
    }

    /// The server application listening on `host`:`port`.
    package func application(host: String, port: Int) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: nil)
        )
    }

    /// Serves until the process is stopped (SIGINT or SIGTERM).
    package func serve(host: String, port: Int) async throws {
        try await application(host: host, port: port).runService()
    }
}
