import Foundation
import PSEATestSupport
import Testing

/// `psea show`: each shipped sample rendered, from a file and from the database.
@Suite struct ShowCommandTests {
    static let samples: [String] = {
        let folder = CLI.packageRoot.appendingPathComponent("Samples/valid")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { "Samples/valid/\($0)" }
    }()

    @Test(arguments: samples)
    func eachSampleIsShownInTextAndHTML(sample: String) throws {
        let text = try CLI.run(["show", sample, "--lang", "th"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("## คำตอบรายประเด็น"))
        #expect(!text.stdout.contains("(ไม่มีคำตอบ)"))
        let html = try CLI.run(["show", sample, "--format", "html"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("<h2>Answers by criterion</h2>"))
    }

    @Test func anUnreadableFileExitsOneWithItsFindings() throws {
        let run = try CLI.run(["show", "Samples/invalid/trailing-comma.json"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("PSEA-E008"))
    }

    @Test func anApplicationIsShownFromTheDatabaseByID() throws {
        let folder = try makeTemporaryFolder("psea-show")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("psea.sqlite").path
        #expect(try CLI.run(["init", "--db", db]).status == 0)
        #expect(
            try CLI.run(["ingest", "--db", db, "Samples/valid/ec-central-dept-water.xml", "--late", "--reason", "after the 2568 window"]).status == 0)
        let run = try CLI.run(["show", "PG-2568-0031", "--db", db, "--lang", "th"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("### EC2.2"))
        #expect(run.stdout.contains("ชาวบ้านตำบลบ้านตึกเสนอให้ลดเกณฑ์ระดับเฝ้าระวัง"))
        let unknown = try CLI.run(["show", "PG-2568-9999", "--db", db])
        #expect(unknown.status == 1)
    }
}
