import Export
import Foundation
import Hummingbird
import Model

/// The page templates (`Templates/*.mustache`, embedded in the binary by the EmbedFiles plugin) and the one way a
/// route answers with a page. Every `{{value}}` is escaped as the exports escape it (`HTMLTemplates`), so a text from
/// an application or a judge is shown as text; the templates never use the unescaped `{{{value}}}`.
package struct Pages: Sendable {
    let templates: HTMLTemplates
    /// The style sheet, served at `/static/style.css`.
    package let styleSheet: String

    /// Every page template embedded in the binary, by its file name without `.mustache` (`layout`, `judge`, …),
    /// in psea's one template system beside the export templates (so a page can show an application as
    /// `psea show` does).
    package init() throws {
        templates = try HTMLTemplates(adding: EmbeddedTemplates.files)
        styleSheet = EmbeddedTemplates.files["Templates/style.css"] ?? ""
    }

    /// The page `template` rendered with `values`, as text; a missing template is a programming error (500).
    package func render(_ template: String, _ values: Any) throws -> String {
        guard let text = templates.render(template, values) else {
            throw HTTPError(.internalServerError, message: "no template \(template)")
        }
        return text
    }

    /// The page `template` as an HTML response with `status`.
    package func response(_ template: String, _ values: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        Self.html(try render(template, values), status: status)
    }

    /// `text` as an HTML response.
    package static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A 303 redirect to `location` (a path of this server).
    package static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// What the base layout shows on every page: the title, the signed-in person and the CSRF token of its forms.
package struct PageFrame: Sendable {
    package var title: String
    package var signedIn: String?
    package var csrf: String
    /// The page's language (`<html lang>`): Thai unless a page offers English.
    package var lang = "th"

    package init(title: String, context: WebContext) {
        self.title = title
        signedIn = context.session.map { "\($0.role == .judge ? "กรรมการ" : "เจ้าหน้าที่") \($0.subject)" }
        csrf = context.csrfToken
    }
}

/// A page with one message, in Thai with an English line, and the problem code when it reports one.
struct NoticePage: Sendable {
    var frame: PageFrame
    var heading, message, english: String
    var code: String?
    var isError = false
}

extension Pages {
    /// The notice page of a problem: its code, the message (the code's summary unless given) in Thai and English.
    func problem(
        _ code: ProblemCode, message: LocalizedText? = nil, frame: PageFrame, status: HTTPResponse.Status
    ) throws -> Response {
        let text = message ?? code.summary
        return try response(
            "notice",
            NoticePage(frame: frame, heading: "ทำรายการไม่ได้", message: text.th, english: text.en, code: code.code, isError: true),
            status: status)
    }
}
