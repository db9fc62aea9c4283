import Foundation
import Hummingbird
import HummingbirdTesting
import Intake
import Logging
import Model
import PSEATestSupport
import Round
import Store
import Testing

@testable import Web

/// Point 4: the applicant's self-check at `/check`, without sign-in.
@Suite struct CheckTests {
    static let invalidSample = TestPaths.samples.appendingPathComponent("invalid/unknown-province.xml")
    static let validSample = TestPaths.validSamples.appendingPathComponent("ec-local-admin-chiangrai.json")

    /// A first-time visitor: GET the form (which sets the CSRF cookie), then POST `body` with the page's token.
    static func check(
        _ client: some TestClientProtocol, _ body: ByteBuffer, contentType: String, lang: String = "th", accept: String? = nil
    ) async throws -> (TestResponse, String) {
        var visitor = Visitor()
        let form = try await visitor.get(client, "/check?lang=\(lang)")
        #expect(form.status == .ok)
        var headers = visitor.headers
        headers[.contentType] = contentType
        if let accept { headers[.accept] = accept }
        let response = try await client.execute(
            uri: "/check?lang=\(lang)&csrf=\(visitor.csrf)", method: .post, headers: headers, body: body)
        return (response, String(buffer: response.body))
    }

    /// A multipart form as a browser sends it: the file field (empty when `file` is nil) and the pasted text.
    static func multipart(file: (name: String, data: Data)?, text: String = "") -> (String, ByteBuffer) {
        let boundary = "----psea-test-\(UUID().uuidString)"
        var body = Data()
        func add(_ text: String) { body.append(Data(text.utf8)) }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nignored\r\n")
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file?.name ?? "")\"\r\n")
        add("Content-Type: application/octet-stream\r\n\r\n")
        body.append(file?.data ?? Data())
        add("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\(text)\r\n--\(boundary)--\r\n")
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(data: body))
    }

    @Test func aValidSampleGivesNoFindingAndTheScorePreviewWithCriterionNames() async throws {
        let round = try TemporaryRound()
        let data = try Data(contentsOf: Self.validSample)
        let (type, body) = Self.multipart(file: ("ec-local-admin-chiangrai.json", data))
        let rubric = try #require(round.context.catalog.rubric(year: 2568, type: "effective-change"))
        try await Application(router: try WebServer(round: round.context).router()).test(.router) { client in
            let (response, page) = try await Self.check(client, body, contentType: type)
            #expect(response.status == .ok)
            #expect(page.contains("ไม่พบข้อผิดพลาดหรือคำเตือน"))
            #expect(!page.contains("class=\"finding"))
            #expect(page.contains("ตรวจ 1 ไฟล์: ผ่าน 1 ไม่ผ่าน 0; ข้อผิดพลาด 0 คำเตือน 0"))
            #expect(page.contains("คะแนนอัตโนมัติเบื้องต้น"))
            // The criteria by id and title, from the rubric of the application's year and sub-type.
            for criterion in rubric.allCriteria.map(\.criterion) {
                #expect(page.contains("<td>\(criterion.id)</td><td>\(Self.escaped(criterion.title.th))"), "\(criterion.id)")
            }
            #expect(page.contains("id=\"totals\">คะแนนอัตโนมัติ "))
            #expect(page.contains("<pre class=\"sheet\">ใบคะแนนอัตโนมัติ: ใบสมัคร PG-2568-0215 ตามเกณฑ์"))
        }
    }

    @Test func aBrokenSampleGivesItsFindingsWithCodesAndTheLinesAroundThem() async throws {
        let round = try TemporaryRound()
        let data = try Data(contentsOf: Self.invalidSample)
        let (type, body) = Self.multipart(file: ("C:\\Users\\clerk\\unknown-province.xml", data))
        try await Application(router: try WebServer(round: round.context).router()).test(.router) { client in
            let (response, page) = try await Self.check(client, body, contentType: type)
            #expect(response.status == .ok)
            #expect(page.contains("สิ่งที่พบ: unknown-province.xml"))
            #expect(page.contains("<span class=\"code\">PSEA-E050</span> <span class=\"severity\">error</span> · บรรทัด 30, คอลัมน์ 7"))
            // The finding's line and two on each side, numbered, the place (line 30, column 7) marked on its line.
            for number in 28...32 { #expect(page.contains("<td class=\"ln\">\(number)</td>"), "line \(number)") }
            #expect(!page.contains("<td class=\"ln\">27</td>") && !page.contains("<td class=\"ln\">33</td>"))
            #expect(page.contains("<tr><td class=\"ln\">29</td><td class=\"src\">      &lt;area&gt;แพร่&lt;/area&gt;</td></tr>"))
            #expect(
                page.contains(
                    "<tr class=\"focus\"><td class=\"ln\">30</td><td class=\"src\">      <mark>&lt;</mark>area&gt;ศรีสัชนาลัย&lt;/area&gt;</td></tr>"))
            // The place in the notation psea's messages use for XML.
            #expect(page.contains("ตำแหน่ง: <code>/application/work/areas/area[2]</code>"))
            #expect(page.contains("ใบสมัครที่ยังมีข้อผิดพลาดจะไม่ถูกคำนวณคะแนน"))
            #expect(!page.contains("id=\"totals\""))
        }
    }

    @Test func aRawBodyIsCheckedAndAJSONClientGetsTheValidateReport() async throws {
        let round = try TemporaryRound()
        let data = try Data(contentsOf: Self.invalidSample)
        try await Application(router: try WebServer(round: round.context).router()).test(.router) { client in
            let (response, page) = try await Self.check(client, ByteBuffer(data: data), contentType: "application/xml")
            #expect(response.status == .ok)
            #expect(page.contains("PSEA-E050"))
            let (json, text) = try await Self.check(
                client, ByteBuffer(data: data), contentType: "application/xml", lang: "en", accept: "application/json")
            #expect(json.headers[.contentType]?.hasPrefix("application/json") == true)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
            #expect(report.first?["valid"] as? Bool == false)
            let codes = (report.first?["diagnostics"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(codes?.contains("PSEA-E050") == true)
        }
    }

    @Test func englishIsOneQueryAway() async throws {
        let round = try TemporaryRound()
        let data = try Data(contentsOf: Self.invalidSample)
        let (type, body) = Self.multipart(file: ("unknown-province.xml", data))
        try await Application(router: try WebServer(round: round.context).router()).test(.router) { client in
            let (response, page) = try await Self.check(client, body, contentType: type, lang: "en")
            #expect(response.status == .ok)
            #expect(page.contains("<html lang=\"en\">"))
            #expect(page.contains("<h2>Findings: unknown-province.xml</h2>"))
            #expect(page.contains("· line 30, column 7"))
            #expect(page.contains("checked 1 file: 0 valid, 1 invalid"))
            #expect(page.contains("An application with errors is not scored"))
            #expect(!page.contains("สิ่งที่พบ"))
            // Thai is the default, and the form offers the other language.
            var visitor = Visitor()
            let form = String(buffer: try await visitor.get(client, "/check").body)
            #expect(form.contains("<html lang=\"th\">") && form.contains("href=\"/check?lang=en\""))
            #expect(form.contains("enctype=\"multipart/form-data\"") && form.contains("<input id=\"file\" type=\"file\" name=\"file\""))
        }
    }

    @Test func markupInAPastedAgencyNameIsShownAsText() async throws {
        let round = try TemporaryRound()
        // A pasted application whose agency name holds markup, beside a province no list knows (a finding two
        // lines below it, so the name is among the lines shown).
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.validSample)) as? [String: Any])
        var agency = try #require(json["agency"] as? [String: Any])
        agency["name"] = "<script>alert(1)</script> อบต. & \"ทดสอบ\""
        agency["province"] = "เมืองที่ไม่มีจริง"
        json["agency"] = agency
        let text = String(
            decoding: try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]), as: UTF8.self
        )
        let (type, body) = Self.multipart(file: nil, text: text)
        try await Application(router: try WebServer(round: round.context).router()).test(.router) { client in
            let (response, page) = try await Self.check(client, body, contentType: type)
            #expect(response.status == .ok)
            #expect(page.contains("สิ่งที่พบ: ข้อความที่วาง"))
            #expect(page.contains("PSEA-E050"))
            #expect(!page.contains("<script>"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; อบต. &amp; \\&quot;ทดสอบ\\&quot;"))
            #expect(page.contains("<td class=\"src\">    &quot;name&quot; : &quot;&lt;script&gt;"))
        }
    }

    @Test func aBodyOverTheServersLimitAnswers413InThaiAndEnglish() async throws {
        let round = try TemporaryRound()
        let (type, body) = Self.multipart(file: ("big.json", Data(repeating: UInt8(ascii: " "), count: WebLimits.uploadBytes)))
        try await Application(router: try WebServer(round: round.context).router()).test(.router) { client in
            let (response, page) = try await Self.check(client, body, contentType: type)
            #expect(response.status == .contentTooLarge)
            #expect(page.contains(ProblemCode.requestTooLarge.code))
            #expect(page.contains(ProblemCode.requestTooLarge.summary.th) && page.contains(ProblemCode.requestTooLarge.summary.en))
        }
        // The limit is the smaller of the server's body limit and the intake's: the server's.
        #expect(WebLimits.checkBytes == min(WebLimits.uploadBytes, IntakeOptions.defaultMaxBytes))
        #expect(WebLimits.checkBytes == WebLimits.uploadBytes)
    }

    @Test func aPostWithoutTheVisitorsTokenIsRefused() async throws {
        let round = try TemporaryRound()
        let data = try Data(contentsOf: Self.invalidSample)
        try await Application(router: try WebServer(round: round.context).router()).test(.router) { client in
            // No cookie, no token: a cross-site form.
            let bare = try await client.execute(
                uri: "/check", method: .post, headers: [.contentType: "application/xml"], body: ByteBuffer(data: data))
            #expect(bare.status == .forbidden)
            #expect(String(buffer: bare.body).contains(ProblemCode.csrfRefused.code))
            // The cookie without the token, and the token of another visitor.
            var visitor = Visitor()
            _ = try await visitor.get(client, "/check")
            var headers = visitor.headers
            headers[.contentType] = "application/xml"
            #expect(try await client.execute(uri: "/check", method: .post, headers: headers, body: ByteBuffer(data: data)).status == .forbidden)
            var other = Visitor()
            _ = try await other.get(client, "/check")
            let forged = try await client.execute(
                uri: "/check?csrf=\(other.csrf)", method: .post, headers: headers, body: ByteBuffer(data: data))
            #expect(forged.status == .forbidden)
            let honest = try await client.execute(
                uri: "/check?csrf=\(visitor.csrf)", method: .post, headers: headers, body: ByteBuffer(data: data))
            #expect(honest.status == .ok)
        }
    }

    @Test func anEmptyFormAsksForAFile() async throws {
        let round = try TemporaryRound()
        let (type, body) = Self.multipart(file: nil, text: "  \n")
        try await Application(router: try WebServer(round: round.context).router()).test(.router) { client in
            let (response, page) = try await Self.check(client, body, contentType: type)
            #expect(response.status == .unprocessableContent)
            #expect(page.contains("เลือกไฟล์หรือวางข้อความก่อนกดตรวจ"))
        }
    }

    @Test func checkingStoresAndLogsNothing() async throws {
        let web = try WebRound(judgeCount: 2)
        let marker = "เครื่องหมาย-\(UUID().uuidString)"
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.validSample)) as? [String: Any])
        var agency = try #require(json["agency"] as? [String: Any])
        agency["name"] = marker
        json["agency"] = agency
        let data = try JSONSerialization.data(withJSONObject: json)
        let database = web.round.store.path
        func files() throws -> [String: Data] {
            // The shared-memory index (-shm) is left out: readers mark it, and nothing of a file can be in it.
            try FileManager.default.contentsOfDirectory(atPath: web.round.folder.path).filter { !$0.hasSuffix("-shm") }.reduce(into: [:]) {
                found, name in
                found[name] = try Data(contentsOf: web.round.folder.appendingPathComponent(name))
            }
        }
        let before = (files: try files(), events: try web.round.store.events(), temporary: TemporaryFiles.snapshot())
        #expect(before.files.keys.contains(URL(fileURLWithPath: database).lastPathComponent))
        let logs = CapturedLogs()
        var logger = Logger(label: "psea-check-test") { _ in CapturingLogHandler(logs: logs) }
        logger.logLevel = .trace
        let app = Application(router: web.server.router(), logger: logger)
        try await app.test(.router) { client in
            let (type, body) = Self.multipart(file: ("marked.json", data))
            let (response, page) = try await Self.check(client, body, contentType: type)
            #expect(response.status == .ok)
            #expect(page.contains("ไม่พบข้อผิดพลาดหรือคำเตือน"))
            let (raw, _) = try await Self.check(client, ByteBuffer(data: data), contentType: "application/json")
            #expect(raw.status == .ok)
        }
        #expect(try files() == before.files)
        #expect(try web.round.store.events() == before.events)
        #expect(TemporaryFiles.changed(since: before.temporary, containing: Data(marker.utf8)) == [])
        #expect(logs.lines.contains { $0.contains("self-check") }, "the capture works: the route's own line is there")
        #expect(!logs.lines.contains { $0.contains(marker) || $0.contains("agency") })
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// The temporary folder's files, to show that a check writes none holding what was uploaded. Other tests write
/// there at the same time, so a file new or changed since the snapshot counts only when it holds the marker.
enum TemporaryFiles {
    static func snapshot() -> [String: Date] {
        let root = FileManager.default.temporaryDirectory
        var found: [String: Date] = [:]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.contentModificationDateKey]) else { return [:] }
        for case let url as URL in walker {
            found[url.path] = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? .distantPast
        }
        return found
    }

    /// The files new or modified since `before` whose bytes contain `marker`.
    static func changed(since before: [String: Date], containing marker: Data) -> [String] {
        snapshot().filter { before[$0.key] != $0.value }.keys.filter { path in
            guard let data = FileManager.default.contents(atPath: path), data.count < 64 * 1024 * 1024 else { return false }
            return data.range(of: marker) != nil
        }.sorted()
    }
}

/// Every line a `CapturingLogHandler` receives, message and metadata.
final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ line: String) {
        lock.lock()
        stored.append(line)
        lock.unlock()
    }

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

/// A log handler that keeps every line in memory.
struct CapturingLogHandler: LogHandler {
    let logs: CapturedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String, line: UInt
    ) {
        let all = metadata.merging(extra ?? [:]) { $1 }
        logs.append("\(level) \(message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
    }
}
