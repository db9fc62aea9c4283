import Foundation
import Hummingbird
import HummingbirdTesting
import PSEATestSupport
import Testing

@testable import Web

/// The frame every page shares: security headers, the layout, the role gates and the CSRF check.
@Suite struct SkeletonTests {
    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let round = try TemporaryRound()
        let app = Application(router: try WebServer(round: round.context).router())
        try await app.test(.router) { client in
            for path in ["/", "/check", "/signin", "/nowhere"] {
                try await client.execute(uri: path, method: .get) { response in
                    let policy = try #require(response.headers[.contentSecurityPolicy])
                    #expect(policy.contains("default-src 'self'"))
                    #expect(policy.contains("frame-ancestors 'none'"))
                    #expect(!policy.contains("unsafe-inline"))
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[SecurityHeadersMiddleware.referrerPolicy] == "same-origin")
                }
            }
        }
    }

    @Test func thePageIsThaiForAPhoneAndLoadsNothingFromElsewhere() async throws {
        let round = try TemporaryRound()
        let app = Application(router: try WebServer(round: round.context).router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(page.contains("<html lang=\"th\">"))
                #expect(page.contains("width=device-width"))
                #expect(!page.contains("http://") && !page.contains("https://"))
                #expect(!page.contains("<script"))
            }
            try await client.execute(uri: "/static/style.css", method: .get) { response in
                let css = String(buffer: response.body)
                #expect(css.contains("Noto Sans Thai"))
                #expect(!css.contains("url("))
            }
        }
    }

    @Test func signedOutPagesGoToTheSignInNoticeOrAnswer401ForJSON() async throws {
        let round = try TemporaryRound()
        let app = Application(router: try WebServer(round: round.context).router())
        try await app.test(.router) { client in
            for path in ["/judge", "/staff"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/signin")
                }
                try await client.execute(uri: path, method: .get, headers: [.accept: "application/json"]) { response in
                    #expect(response.status == .unauthorized)
                }
            }
        }
    }

    @Test func aPostWithoutItsCSRFTokenIsRefused() async throws {
        let round = try TemporaryRound()
        let app = Application(router: try WebServer(round: round.context).router())
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/signout", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "x=1")
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}
