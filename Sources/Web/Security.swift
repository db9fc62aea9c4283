import Foundation
import Hummingbird
import Model

/// The name of an HTTP header (HTTPTypes' `HTTPField.Name`, which Hummingbird does not re-export by that name).
package typealias HeaderName = HTTPFields.Element.Name

/// A request the workspace refuses with a problem code of the registry: answered with the notice page, the code
/// and its message in Thai and English.
package struct WebProblem: Error, Sendable {
    package var code: ProblemCode
    package var status: HTTPResponse.Status
    package var message: LocalizedText?

    package init(_ code: ProblemCode, _ status: HTTPResponse.Status, message: LocalizedText? = nil) {
        (self.code, self.status, self.message) = (code, status, message)
    }
}

/// The security headers of every response: no script or style from anywhere but the server itself and no inline
/// script (Content-Security-Policy), no framing, no MIME sniffing, no referrer sent to other sites. Refusals
/// (`WebProblem`, a body over the upload limit) become notice pages here, so they carry the headers too.
package struct SecurityHeadersMiddleware: RouterMiddleware {
    package typealias Context = WebContext
    let pages: Pages

    /// The Content-Security-Policy: the server's own files only, no inline script, no framing, forms post to it only.
    package static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// Two headers HTTPTypes does not name.
    package static let frameOptions = HeaderName("X-Frame-Options")!
    package static let referrerPolicy = HeaderName("Referrer-Policy")!

    package func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response: Response
        let frame = PageFrame(title: "ทำรายการไม่ได้", context: context)
        do {
            response = try await next(request, context)
        } catch let problem as WebProblem {
            response = try pages.problem(problem.code, message: problem.message, frame: frame, status: problem.status)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            response = try pages.problem(.requestTooLarge, frame: frame, status: .contentTooLarge)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.frameOptions] = "DENY"
        response.headers[Self.referrerPolicy] = "same-origin"
        response.headers[.cacheControl] = response.headers[.cacheControl] ?? "no-store"
        return response
    }
}
