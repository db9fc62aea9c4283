import Foundation
import Hummingbird
import Round
import Store

/// What one request carries through the middleware to its route: the signed-in session (nil for a visitor),
/// the visitor's CSRF token and the client's address (for the sign-in rate limit).
package struct WebContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The session of a signed-in judge or staff member, set by `SessionMiddleware`.
    package var session: WebSession?
    /// The token every form of the page must send back: the session's, else the visitor's cookie (set by
    /// `CSRFMiddleware`).
    package var csrfToken: String = ""
    /// The client's IP address, nil when the transport has none (the router test client).
    package let remoteAddress: String?

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The largest request body read (`WebLimits.uploadBytes`); a larger one answers 413.
    package var maxUploadSize: Int { WebLimits.uploadBytes }
}

/// The limits of the web workspace, in one place.
package enum WebLimits {
    /// The largest request body (2 MiB): far above any real application (5–40 KB) or score form.
    package static let uploadBytes = 2 * 1024 * 1024
    /// How long a session lasts after sign-in.
    package static let sessionSeconds: TimeInterval = 12 * 3600
    /// Failed sign-ins one address may make per `signInWindow` before every sign-in from it answers 429.
    package static let signInFailures = 10
    /// The window of the sign-in rate limit.
    package static let signInWindow: TimeInterval = 10 * 60
}

/// A signed-in person: role and subject (judge id or staff name), the CSRF token of their forms, and when the
/// session ends.
package struct WebSession: Sendable, Equatable {
    package var role: AccessRole
    package var subject: String
    /// The hash of the invite link the session was opened with: the session ends when that link stops working.
    package var inviteHash: String
    package var csrfToken: String
    package var expires: Date

    /// The actor recorded with this person's ledger events (`judge:J01`, `staff:Somchai`).
    package var actor: String { RoundAccess.actor(role, subject) }
}
