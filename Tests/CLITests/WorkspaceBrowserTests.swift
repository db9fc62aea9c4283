import Foundation
import GRDB
import PSEATestSupport
import Testing

/// The web workspace in a real browser: a round built with the command line, `psea serve` on a free loopback port,
/// and `Tests/Browser/workspace.py` driving Debian's headless Chromium through chromium-driver (Selenium). The
/// screenshots and the script's log (`workspace.log`) go to `out/browser/` (git-ignored), or to `$PSEA_SCREENSHOTS`.
@Suite(.serialized, .enabled(if: Chromium.drivable, "needs chromium, chromium-driver and Selenium (installed by .ci/run)"))
struct WorkspaceBrowserTests {
    static let broken = "Samples/invalid/unknown-province.xml"

    @Test func aJudgeScoresAStaffMemberRecordsAConsensusAndAnApplicantChecksAFile() throws {
        let folder = try RoundFolder()
        for step in [
            ["init"], ["ingest", "Samples/valid", "--late", "--reason", "tests run after the 2568 window"], ["screen"],
            ["judges", "import", "Samples/round/judges.csv"], ["assign", "--per-entry", "5", "--seed", "1"],
        ] {
            let run = try folder.psea(step)
            try #require(run.status == 0, "\(step): \(run.stderr)")
        }
        let pairs = try folder.psea(["assignments", "--format", "csv"]).stdout.split(separator: "\n").dropFirst()
        let judge = try #require(pairs.first?.split(separator: ",").first.map(String.init))
        // Every other judge's scores (the demo's), so that the other entries are complete, some criteria wait for
        // consensus, and this judge's entries wait for them alone.
        let scores = try String(contentsOfFile: CLI.packageRoot.appendingPathComponent("Samples/round/scores.csv").path, encoding: .utf8)
        let others = scores.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("\(judge),") }
        let imported = try folder.psea(["scores", "import", try folder.write("scores.csv", others.joined(separator: "\n")), "--skip-unassigned"])
        try #require(imported.status == 0, "\(imported.stderr)")
        let port = try Self.freePort()
        let base = "http://127.0.0.1:\(port)"
        let judgeLink = try folder.psea(["judges", "invite", judge, "--base-url", base]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let staffLink = try folder.psea(["staff", "invite", "สมหญิง", "--base-url", base]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(judgeLink.hasPrefix("\(base)/signin/") && staffLink.hasPrefix("\(base)/signin/"))

        let server = Process()
        server.executableURL = CLI.binary
        server.arguments = ["serve", "--db", folder.db, "--port", "\(port)"]
        server.currentDirectoryURL = CLI.packageRoot
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        try #require(Self.waitForListener(port: port, seconds: 30), "psea serve did not start listening on \(port)")

        let screenshots =
            ProcessInfo.processInfo.environment["PSEA_SCREENSHOTS"] ?? CLI.packageRoot.appendingPathComponent("out/browser").path
        let script = CLI.packageRoot.appendingPathComponent("Tests/Browser/workspace.py").path
        let run = try Chromium.run(
            "/usr/bin/env",
            [
                "python3", script, "--base", base, "--judge-link", judgeLink, "--staff-link", staffLink,
                "--broken", CLI.packageRoot.appendingPathComponent(Self.broken).path, "--code", "PSEA-E050", "--out", screenshots,
                "--chromium", Chromium.path ?? "/usr/bin/chromium", "--driver", Chromium.driver ?? "/usr/bin/chromedriver",
            ],
            seconds: 600)
        // The failed step first: a long log is cut when printed.
        let failed = run.stdout.split(separator: "\n").first { $0.hasPrefix("FAILED") }.map(String.init) ?? ""
        #expect(run.status == 0, "the browser script failed: \(failed)\n\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.hasSuffix("OK\n"), "\(run.stdout)")
        for name in ["judge-entry-complete", "staff-ranking-after", "staff-consensus", "check-findings"] {
            for width in ["desktop", "phone"] {
                let png = try Data(contentsOf: URL(fileURLWithPath: screenshots).appendingPathComponent("\(name)-\(width).png"))
                #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47] && png.count > 10_000, "\(name)-\(width)")
            }
        }
        server.terminate()
        server.waitUntilExit()
        // What the judge and the staff member saved is in the ledger under their names, and the ledger verifies.
        let events = try folder.psea(["verify"])
        #expect(events.status == 0, "\(events.stdout)\(events.stderr)")
        let queue = try DatabaseQueue(path: folder.db)
        let count = { (kind: String, actor: String) in
            try queue.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE kind = ? AND actor = ?", arguments: [kind, actor]) ?? 0
            }
        }
        #expect(try count("score-given", "judge:\(judge)") > 0)
        #expect(try count("consensus-recorded", "staff:สมหญิง") == 1)
    }

    /// A TCP port free on the loopback address (the kernel picks it; it stays free until the server binds it).
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        try #require(bound, "no free port")
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits until something accepts connections on the loopback `port`.
    static func waitForListener(port: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(socket)
            if connected { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return false
    }
}
