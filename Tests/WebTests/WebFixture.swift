import Foundation
import Hummingbird
import HummingbirdTesting
import PSEATestSupport
import Panel
import Round
import Store
import Testing

@testable import Web

/// A round ready for the web workspace: the valid samples ingested and screened (one agency renamed with a
/// `<script>` in it), `judgeCount` judges without ministry or province (no automatic conflict), every judge
/// assigned to every entry unless `perEntry` says fewer, and the server over it. Unchecked Sendable: every
/// property is a constant, and `TemporaryRound` holds only constants of Sendable types.
final class WebRound: @unchecked Sendable {
    let round: TemporaryRound
    let server: WebServer
    /// The entry whose agency name holds markup.
    static let hostile = "PG-2568-0406"
    static let hostileAgency = "<script>alert(1)</script> สำนักงาน & \"ทดสอบ\""

    init(judgeCount: Int = 4, perEntry: Int? = nil, conflicts: String? = nil) throws {
        round = try TemporaryRound()
        let folder = try makeTemporaryFolder("psea-web")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = TestPaths.validSamples.appendingPathComponent("og-public-org-dga.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sample)) as? [String: Any])
        var agency = try #require(json["agency"] as? [String: Any])
        agency["name"] = Self.hostileAgency
        json["agency"] = agency
        let renamed = folder.appendingPathComponent("hostile.json")
        try JSONSerialization.data(withJSONObject: json).write(to: renamed)
        let paths = TestPaths.validSampleFiles.filter { !$0.hasSuffix("og-public-org-dga.json") } + [renamed.path]
        let summary = try Ingestor(context: round.context, rules: nil).run(paths: paths) { _, _ in }
        #expect(summary.invalid == 0)
        try round.screen()
        let judges = (1...judgeCount).map { String(format: "J%02d,กรรมการ %02d,,,", $0, $0) }.joined(separator: "\n")
        _ = try round.panel.importJudges(csv: csv("id,name,ministry,province,agency\n\(judges)\n"))
        if let conflicts { _ = try round.panel.importConflicts(csv: csv("judge,application,reason\n\(conflicts)\n")) }
        _ = try round.panel.assign(perEntry: perEntry ?? judgeCount, seed: 1, override: "a test panel")
        server = try WebServer(round: round.context)
    }

    /// The router-level application (no network).
    var application: some ApplicationProtocol { Application(router: server.router()) }

    /// A new invite link's token for `role`/`subject`.
    func invite(_ role: AccessRole = .judge, _ subject: String, days: Int = 14) throws -> String {
        try RoundAccess(context: round.context).invite(role, subject, days: days).token
    }

    /// Whether `judge` is assigned to `entry` (and not in conflict).
    func assigned(_ judge: String, _ entry: String) throws -> Bool {
        let panel = try RoundSnapshot.loadPanel(store: round.store, catalog: round.context.catalog)
        return panel.entry(entry)?.judges.contains(judge) == true
    }
}

/// A browser's state in a test: the cookies it holds and the CSRF token of the last page.
struct Visitor {
    var cookies: [String: String] = [:]
    var csrf = ""

    var headers: HTTPFields {
        var fields: HTTPFields = [:]
        if !cookies.isEmpty { fields[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        return fields
    }

    /// Keeps the cookies a response sets and the CSRF token of its page.
    mutating func read(_ response: TestResponse) {
        read(headers: response.headers, body: response.body)
    }

    /// Keeps the cookies `headers` set and the CSRF token of the page `body`.
    mutating func read(headers: HTTPFields, body: ByteBuffer) {
        for line in headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            cookies[String(pair[0])] = String(pair[1])
            if pair[1].isEmpty { cookies[String(pair[0])] = nil }
        }
        let page = String(buffer: body)
        if let range = page.range(of: "name=\"csrf\" value=\"") {
            csrf = String(page[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// GET `uri` with the cookies held.
    mutating func get(_ client: some TestClientProtocol, _ uri: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields.append(contentsOf: extra)
        let response = try await client.execute(uri: uri, method: .get, headers: fields)
        read(response)
        return response
    }

    /// POST a URL-encoded form to `uri` with the cookies held; `csrf` adds the page's token.
    mutating func post(_ client: some TestClientProtocol, _ uri: String, _ fields: [(String, String)], csrf: Bool = true) async throws
        -> TestResponse
    {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: form(fields, csrf: csrf))
        read(response)
        return response
    }

    /// A URL-encoded form of `fields`, the page's CSRF token first unless `csrf` is false.
    func form(_ fields: [(String, String)], csrf: Bool = true) -> ByteBuffer {
        let all = (csrf ? [("csrf", self.csrf)] : []) + fields
        return ByteBuffer(string: all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&"))
    }

    /// Signs in with an invite token; the response of `/signin/TOKEN`.
    mutating func signIn(_ client: some TestClientProtocol, token: String) async throws -> TestResponse {
        try await get(client, "/signin/\(token)")
    }

    static func encode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension WebRound {
    /// The judged and hybrid criteria of `entry`, in rubric order.
    func criteria(_ entry: String) throws -> [String] {
        let panel = try RoundSnapshot.loadPanel(store: round.store, catalog: round.context.catalog)
        let rubric = try #require(panel.entry(entry)?.rubric)
        return PanelSettingsMapping.judgedCriteria(rubric)
    }

    /// The ledger's events of `kind`.
    func events(_ kind: EventKind) throws -> [LedgerEvent] {
        try round.store.events().filter { $0.kind == kind.rawValue }
    }
}

extension WebRound {
    /// Runs `body` on the router-level server with `judge` signed in through a new invite link and, with
    /// `opening`, that entry's page fetched (so that the visitor holds its CSRF token).
    func asJudge(
        _ judge: String = "J01", opening entry: String? = nil,
        _ body: @escaping @Sendable (any TestClientProtocol, inout Visitor) async throws -> Void
    ) async throws {
        let token = try invite(.judge, judge)
        try await application.test(.router) { client in
            var visitor = Visitor()
            _ = try await visitor.signIn(client, token: token)
            if let entry { _ = try await visitor.get(client, "/judge/entries/\(entry)") }
            try await body(client, &visitor)
        }
    }
}
