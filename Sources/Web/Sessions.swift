import Foundation
import Hummingbird
import Round
import Store

/// The sessions of signed-in judges and staff, kept in the server's memory only (a restart signs everyone out;
/// their invite link signs them in again). The cookie carries a random id of 256 bits; the store keeps its hash.
package actor SessionStore {
    private var sessions: [String: WebSession] = [:]
    private let clock: @Sendable () -> Date

    package init(clock: @escaping @Sendable () -> Date) {
        self.clock = clock
    }

    /// Starts a session for the person of a sign-in and returns the cookie value that names it.
    package func start(_ signIn: SignIn) -> (id: String, session: WebSession) {
        let id = RandomToken.make()
        let session = WebSession(
            role: signIn.role, subject: signIn.subject, inviteHash: signIn.tokenHash, csrfToken: RandomToken.make(),
            expires: clock().addingTimeInterval(WebLimits.sessionSeconds))
        sessions[Self.key(id)] = session
        return (id, session)
    }

    /// The live session the cookie value `id` names; nil when unknown or expired (an expired one is forgotten).
    package func session(_ id: String) -> WebSession? {
        let key = Self.key(id)
        guard let session = sessions[key] else { return nil }
        guard session.expires > clock() else {
            sessions[key] = nil
            return nil
        }
        return session
    }

    /// Ends the session `id`.
    package func end(_ id: String) {
        sessions[Self.key(id)] = nil
    }

    private static func key(_ id: String) -> String {
        Ledger.sha256Hex(Data(id.utf8))
    }
}

/// Cookie names and attributes, in one place.
package enum WebCookies {
    /// The session cookie.
    package static let session = "psea_session"
    /// A visitor's CSRF token (pages without sign-in, such as `/check`).
    package static let csrf = "psea_csrf"

    /// A cookie of the workspace: HttpOnly, SameSite=Strict, path `/`, Secure when the server is behind TLS.
    package static func make(_ name: String, _ value: String, secure: Bool, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}

/// Reads the session cookie and puts the live session it names, if any, in the request's context. A session
/// whose invite link was revoked or has expired since (`psea judges revoke`, from another process) ends here.
package struct SessionMiddleware: RouterMiddleware {
    package typealias Context = WebContext
    let sessions: SessionStore
    let access: RoundAccess

    package func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if let id = request.cookies[WebCookies.session]?.value, let session = await sessions.session(id) {
            if try access.isLive(tokenHash: session.inviteHash) {
                context.session = session
            } else {
                await sessions.end(id)
            }
        }
        return try await next(request, context)
    }
}

/// Every form carries a CSRF token (`<input name="csrf">`): a signed-in person's is their session's, a visitor's
/// is the `psea_csrf` cookie, set on the first page. A POST (or any method but GET and HEAD) whose token is
/// missing or differs answers 403. The token is read from the form field `csrf` (URL-encoded forms), the query's
/// `csrf` (multipart uploads) or the `X-CSRF-Token` header.
package struct CSRFMiddleware: RouterMiddleware {
    package typealias Context = WebContext
    /// Whether cookies are marked Secure (served over TLS).
    let secure: Bool
    static let header = HeaderName("X-CSRF-Token")!

    package func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        var visitorToken: String?
        if let session = context.session {
            context.csrfToken = session.csrfToken
        } else if let cookie = request.cookies[WebCookies.csrf]?.value, cookie.count >= 22 {
            context.csrfToken = cookie
        } else {
            visitorToken = RandomToken.make()
            context.csrfToken = visitorToken ?? ""
        }
        var request = request
        if request.method != .get, request.method != .head {
            let sent = try await Self.sentToken(&request, context: context)
            guard visitorToken == nil, let sent, Self.same(sent, context.csrfToken) else {
                throw WebProblem(.csrfRefused, .forbidden)
            }
        }
        var response = try await next(request, context)
        if let visitorToken { response.setCookie(WebCookies.make(WebCookies.csrf, visitorToken, secure: secure)) }
        return response
    }

    /// The token the request sends: header, query, or the URL-encoded form's `csrf` field (the body is collected
    /// up to the upload limit and stays readable by the route).
    static func sentToken(_ request: inout Request, context: WebContext) async throws -> String? {
        if let header = request.headers[header] { return header }
        if let query = request.uri.queryParameters.get("csrf") { return query }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else { return nil }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return FormFields(String(buffer: body))["csrf"]
    }

    /// Compares two tokens in time independent of where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count, !x.isEmpty else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Only a signed-in person of `role` passes: without a session, a page request answers 303 to the sign-in notice
/// and a request that asks for JSON 401; another role answers 403.
package struct RequireRole: RouterMiddleware {
    package typealias Context = WebContext
    let role: AccessRole

    package func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard let session = context.session else {
            if request.headers[.accept]?.contains("application/json") == true {
                throw HTTPError(.unauthorized, message: "sign in with your invite link")
            }
            return Pages.redirect("/signin")
        }
        guard session.role == role else { throw HTTPError(.forbidden, message: "this page is not for your role") }
        return try await next(request, context)
    }
}

/// The fields of a URL-encoded form (`a=1&b=x+y`), the last value of a repeated name winning; `values(name)`
/// keeps every value.
package struct FormFields: Sendable {
    package let pairs: [(String, String)]

    package init(_ text: String) {
        pairs = text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ value: Substring?) -> String {
                guard let value else { return "" }
                let spaced = value.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(pieces.first), decode(pieces.count > 1 ? pieces[1] : nil))
        }
    }

    package subscript(_ name: String) -> String? {
        pairs.last(where: { $0.0 == name })?.1
    }

    package func values(_ name: String) -> [String] {
        pairs.filter { $0.0 == name }.map(\.1)
    }
}
