import Export
import Foundation
import Hummingbird
import Model
import Results
import Round

extension WebServer {
    /// The staff pages, under `/staff` (signed-in staff only): the round's stages and progress, the disagreement
    /// queue, the stage actions, the ranking preview and the exports. Every action goes through the function its
    /// command calls and is recorded as `staff:NAME`; a refusal shows the library's problem on the page.
    func addStaffRoutes(to group: RouterGroup<WebContext>) {
        group.get { request, context in
            let desk = try staffDesk(context)
            let done = request.uri.queryParameters.get("done").flatMap { StaffPage.doneMessages[String($0)] }
            return try pages.response("staff", try StaffPage(desk, context: context, done: done))
        }
        staffAction("consensus", on: group) { form, round in
            try RoundPanel(context: round).recordConsensus(
                application: form.text("application"), criterion: form.text("criterion"), percent: form.number("percent"),
                reason: form.text("reason"), force: form["force"] != nil)
        }
        staffAction("screen", on: group) { form, round in
            let screener = RoundScreener(context: round)
            let application = form.text("application")
            guard !application.isEmpty else { return _ = try screener.screen() }
            _ = try screener.override(
                application: application, eligible: try form.choice("decision", yes: "eligible", no: "ineligible", th: "ผลการวินิจฉัยคุณสมบัติ"),
                reason: form.text("reason"))
        }
        staffAction("shortlist", on: group, verified: true) { form, round in
            _ = try RoundResults.shortlist(round, type: form.optional("type"))
        }
        staffAction("sitevisit", on: group) { form, round in
            let details = RoundResults.VisitDetails(
                mode: form.optional("mode"), date: form.optional("date"), team: form.optional("team").map(RoundResults.VisitDetails.members),
                notes: form.optional("notes"))
            _ = try RoundResults.recordSiteVisit(
                round, application: form.text("application"),
                confirmed: try form.choice("outcome", yes: "confirmed", no: "not-confirmed", th: "ผลการตรวจประเมิน"),
                reason: form.text("reason"), details: details, force: form["force"] != nil)
        }
        staffAction("approve", on: group, verified: true) { form, round in
            _ = try RoundResults.approve(round, type: form.text("type"), meeting: form.text("meeting"), date: form.text("date"))
        }
        group.get("ranking") { _, context in
            let desk = try staffDesk(context)
            return try pages.response("staff-ranking", StaffRankingPage(try desk.preview(), frame: PageFrame(title: "ผลการจัดอันดับ", context: context)))
        }
        group.get("exports/:audience/:format") { request, context in
            let desk = try staffDesk(context)
            guard let audience = ExportAudience(rawValue: try context.parameters.require("audience")),
                let format = ExportFormat(rawValue: try context.parameters.require("format"))
            else { throw HTTPError(.notFound) }
            let header = request.uri.queryParameters.get("header").flatMap { HeaderLanguage(rawValue: String($0)) } ?? .th
            let files = try desk.act { try RoundResults.exportFiles($0, format: format, audience: audience, header: header) }
            let name: String? = request.uri.queryParameters.get("file").map { String($0) }
            if let file = files.count == 1 && name == nil ? files.first : files.first(where: { $0.name == name }) {
                return Self.download(file)
            }
            guard name == nil else { throw HTTPError(.notFound) }
            let page = StaffFilesPage(
                frame: PageFrame(title: "ดาวน์โหลด", context: context), audience: audience.rawValue, format: format.rawValue,
                header: header.rawValue, files: files.map(\.name))
            return try pages.response("staff-files", page)
        }
    }

    /// A POST route `/staff/NAME` that reads the form and runs `action` as the signed-in staff member, then
    /// answers 303 to the staff page; a refusal of the library shows the staff page with the problem (422).
    func staffAction(
        _ name: String, on group: RouterGroup<WebContext>, verified: Bool = false,
        _ action: @escaping @Sendable (FormFields, RoundContext) throws -> Void
    ) {
        group.post(RouterPath(name)) { request, context in
            var request = request
            let desk = try staffDesk(context)
            let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
            do {
                try desk.act(verified: verified) { try action(form, $0) }
            } catch let error as PSEAError {
                return try pages.response("staff", try StaffPage(desk, context: context, refusal: error), status: .unprocessableContent)
            }
            return Pages.redirect("/staff?done=\(name)#\(name)")
        }
    }

    /// The desk of the signed-in staff member, acting as them.
    func staffDesk(_ context: WebContext) throws -> StaffDesk {
        guard let session = context.session, session.role == .staff else { throw HTTPError(.forbidden) }
        return StaffDesk(round: round(actor: session.actor))
    }

    /// An export file as a download: its media type and an attachment under its name.
    static func download(_ file: ExportFile) -> Response {
        let type: String
        switch (file.name as NSString).pathExtension {
        case "csv": type = "text/csv; charset=utf-8"
        case "json": type = "application/json; charset=utf-8"
        default: type = "text/html; charset=utf-8"
        }
        return Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(file.name)\""],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.data)))
    }
}

extension FormFields {
    /// The field `name`, trimmed; empty when missing.
    func text(_ name: String) -> String {
        (self[name] ?? "").trimmingWhitespace
    }

    /// The field `name`, trimmed; nil when missing or empty.
    func optional(_ name: String) -> String? {
        let value = text(name)
        return value.isEmpty ? nil : value
    }

    /// The field `name` as a number; NaN when missing or not a number (the library refuses it).
    func number(_ name: String) -> Double {
        Double(text(name)) ?? .nan
    }

    /// Whether the field `name` says `yes` rather than `no`; refused (PSEA-RND007, naming the field by its Thai
    /// label `th`) when it says neither.
    func choice(_ name: String, yes: String, no: String, th: String) throws -> Bool {
        switch text(name) {
        case yes: return true
        case no: return false
        default:
            throw PSEAError(
                code: .invalidValue, message: LocalizedText(th: "เลือก\(th)ก่อนบันทึก", en: "choose \(yes) or \(no) first"),
                isInvalidInput: true)
        }
    }
}
