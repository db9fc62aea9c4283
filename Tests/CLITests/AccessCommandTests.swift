import Foundation
import GRDB
import PSEATestSupport
import Testing

/// `psea judges invite|revoke`, `psea staff invite` and `psea serve`'s options.
@Suite("psea sign-in links", .serialized)
struct AccessCommandTests {
    @Test func aJudgeGetsALinkThatIsStoredOnlyAsAHashAndCanBeRevoked() throws {
        let folder = try RoundFolder()
        #expect(try folder.psea(["init"]).status == 0)
        let judges = try folder.write("judges.csv", "id,name,ministry,province,agency\nJ1,สมชาย ใจดี,,,\n")
        #expect(try folder.psea(["judges", "import", judges]).status == 0)

        let run = try folder.psea(["judges", "invite", "J1", "--base-url", "https://psea.example.go.th/", "--expires", "7"])
        #expect(run.status == 0, "\(run.stderr)")
        let link = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(link.hasPrefix("https://psea.example.go.th/signin/"))
        let token = String(link.dropFirst("https://psea.example.go.th/signin/".count))
        #expect(token.count >= 22)
        let queue = try DatabaseQueue(path: folder.db)
        let stored = try queue.read { db in try String.fetchAll(db, sql: "SELECT tokenHash FROM invites") }
        #expect(stored.count == 1 && stored[0].count == 64 && stored[0] != token)
        let leaked = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE instr(payload, ?) > 0", arguments: [token]) }
        #expect(leaked == 0)

        let revoke = try folder.psea(["judges", "revoke", "J1"])
        #expect(revoke.status == 0 && revoke.stdout.contains("revoked"))
        let again = try folder.psea(["judges", "revoke", "J1"])
        #expect(again.status == 0 && again.stdout.contains("nothing recorded"))
        #expect(try folder.psea(["verify"]).status == 0)
    }

    @Test func badInvitesAreRefused() throws {
        let folder = try RoundFolder()
        #expect(try folder.psea(["init"]).status == 0)
        #expect(try folder.psea(["judges", "invite", "J9"]).status == 1)  // not registered
        #expect(try folder.psea(["judges", "invite", "J9", "--expires", "0"]).status == 2)
        #expect(try folder.psea(["judges", "invite", "J9", "--base-url", "ftp://x"]).status == 2)
        #expect(try folder.psea(["staff", "invite", "a\tb"]).status == 2)
        let staff = try folder.psea(["staff", "invite", "สมศรี ใจดี"])
        #expect(staff.status == 0 && staff.stdout.hasPrefix("http://127.0.0.1:8080/signin/"))
        #expect(try folder.psea(["serve", "--port", "0"]).status == 2)
    }
}
