import Foundation
import Hummingbird
import Intake
import Model
import Round

extension WebServer {
    /// The applicant's self-check, under `/check` (no sign-in): `GET` shows the form, `POST` checks the file sent
    /// (a multipart form, a URL-encoded form with `text`, or a raw body) with the same library functions as
    /// `psea validate` and `psea score`, and shows every finding with its lines and the score preview. The upload
    /// stays in memory: nothing is written to the database, the ledger, a file or the log. The limit is
    /// `WebLimits.checkBytes` (2 MiB), 413 beyond it.
    /// `?lang=en` answers in English, Thai otherwise; a request that asks for JSON gets `psea validate --format
    /// json`'s report.
    func addCheckRoutes(to group: RouterGroup<WebContext>) {
        group.get { [pages] request, context in
            let language = Self.language(request)
            return try pages.response("check", CheckPage(frame: Self.checkFrame(context, language), language: language))
        }
        group.post { [pages, base] request, context in
            var request = request
            let language = Self.language(request)
            let body = try await request.collectBody(upTo: WebLimits.checkBytes)
            let frame = Self.checkFrame(context, language)
            guard let upload = CheckUpload.read(Array(buffer: body), contentType: request.headers[.contentType]) else {
                var page = CheckPage(frame: frame, language: language)
                page.notScored = language == .th ? "เลือกไฟล์หรือวางข้อความก่อนกดตรวจ" : "Choose a file or paste its text first."
                return try pages.response("check", page, status: .unprocessableContent)
            }
            let name = upload.fileName ?? (upload.pasted != nil ? (language == .th ? "ข้อความที่วาง" : "pasted text") : "upload")
            let (result, preview) = ScorePreview.check(
                data: Data(upload.data), file: name, maxBytes: WebLimits.checkBytes, catalog: base.catalog)
            // What was checked, never what it holds: its size and the number of findings.
            context.logger.debug(
                "self-check", metadata: ["bytes": "\(upload.data.count)", "findings": "\(result.diagnostics.count)"])
            if request.headers[.accept]?.contains("application/json") == true {
                return Response(
                    status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(data: ValidationReport.json([result], language: language))))
            }
            return try pages.response(
                "check", CheckPage(frame: frame, language: language, upload: upload, result: result, preview: preview))
        }
    }

    /// The page's language: `?lang=en` is English, anything else Thai.
    static func language(_ request: Request) -> Language {
        request.uri.queryParameters.get("lang") == "en" ? .en : .th
    }

    static func checkFrame(_ context: WebContext, _ language: Language) -> PageFrame {
        var frame = PageFrame(title: language == .th ? "ตรวจใบสมัคร" : "Check an application", context: context)
        frame.lang = language.rawValue
        return frame
    }
}

extension WebLimits {
    /// The largest application `/check` reads: the smaller of the server's body limit and the intake's default
    /// (`psea validate --max-size`), which is the server's 2 MiB; the whole request body counts.
    package static var checkBytes: Int { min(uploadBytes, IntakeOptions.defaultMaxBytes) }
}
