import Foundation
import Hummingbird
import HummingbirdTesting
import PSEATestSupport
import Store
import Testing

@testable import Web

/// Twenty judges saving at once through a server on loopback lose nothing.
@Suite struct ConcurrencyTests {
    /// A read timeout for a loaded machine (the whole suite runs beside this test): the server answers every
    /// request in turn, so the last of a hundred saves waits for the others.
    static let patient = TestClient.Configuration(timeout: .seconds(240))

    @Test(.timeLimit(.minutes(10)))
    func twentyJudgesSavingAtOnceLoseNothing() async throws {
        let web = try WebRound(judgeCount: 20)
        let entry = WebRound.hostile
        let criteria = try web.criteria(entry)
        let judges = (1...20).map { String(format: "J%02d", $0) }
        let tokens = try judges.map { try web.invite(.judge, $0) }
        let app = web.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Each judge on their own connection: signs in, opens the entry, then saves every criterion; all at once.
            let statuses = try await withThrowingTaskGroup(of: [HTTPResponse.Status].self) { group in
                for (index, token) in tokens.enumerated() {
                    group.addTask {
                        try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: Self.patient) { connection in
                            var judge = Visitor()
                            var statuses = [try await judge.send(connection, .get, "/signin/\(token)")]
                            statuses.append(try await judge.send(connection, .get, "/judge/entries/\(entry)"))
                            for criterion in criteria {
                                let percent = String(5 * ((index + criterion.count) % 21))
                                let form = judge.form([("criterion", criterion), ("percent", percent)])
                                statuses.append(try await judge.send(connection, .post, "/judge/entries/\(entry)", form: form))
                            }
                            return statuses
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == judges.count)
            for judge in statuses {
                #expect(judge == [.seeOther, .ok] + criteria.map { _ in .seeOther }, "\(judge.map(\.code))")
            }
        }
        let events = try web.events(.scoreGiven)
        #expect(events.count == judges.count * criteria.count)
        let scores = try web.round.store.scores(application: entry)
        #expect(scores.count == judges.count * criteria.count)
        #expect(Set(scores.map { "\($0.judge)/\($0.criterion)" }).count == scores.count)
        #expect(Set(events.map(\.actor)) == Set(judges.map { "judge:\($0)" }))
        #expect(try web.round.store.verify().ok)
    }
}

extension Visitor {
    /// Sends a request on a connection of its own with the cookies held (a URL-encoded `form` for a POST) and
    /// keeps what the response sets; its status.
    mutating func send(_ connection: TestClient, _ method: HTTPRequest.Method, _ uri: String, form: ByteBuffer? = nil) async throws
        -> HTTPResponse.Status
    {
        var fields = headers
        if form != nil { fields[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await connection.execute(TestClient.Request(uri, method: method, authority: "localhost", headers: fields, body: form))
        read(headers: response.head.headerFields, body: response.body ?? ByteBuffer())
        return response.head.status
    }
}
