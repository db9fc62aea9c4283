import Foundation
import Model
import PSEATestSupport
import Ranking
import Testing

@testable import Export

@Suite(.serialized, .enabled(if: Chromium.available, "needs Debian's chromium (installed by .ci/run)"))
struct BrowserTests {
    @Test func publicationPageRendersThaiWithoutConsoleErrors() throws {
        let folder = try makeTemporaryFolder("psea-browser")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Exporter.write(Exporter.files(exportBundle(), format: .html, audience: .public), to: folder)
        let run = try Chromium.dumpDOM(folder.appendingPathComponent("index.html"))
        #expect(run.status == 0)
        #expect(run.stdout.contains("ผลการตัดสินรางวัลเลิศรัฐ สาขาการบริหารราชการแบบมีส่วนร่วม ประจำปี พ.ศ. 2568"))
        #expect(run.stdout.contains("รางวัลการบริหารราชการแบบมีส่วนร่วม ประเภทสัมฤทธิผลประชาชนมีส่วนร่วม"))
        let positions = thaiOrder.compactMap { run.stdout.range(of: ">\($0)<")?.lowerBound }
        #expect(positions.count == thaiOrder.count)
        #expect(positions == positions.sorted())
        #expect(Chromium.consoleLines(run.stderr) == [])
    }

    @Test func feedbackReportRendersThaiWithoutConsoleErrors() throws {
        let folder = try makeTemporaryFolder("psea-browser")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = exportBundle()
        let entry = try #require(bundle.ranking.entry("EC-2568-0020"))
        let file = folder.appendingPathComponent("report.html")
        try Data(FeedbackReport.render(entry, in: bundle.ranking, scores: bundle.scores, format: .html).utf8).write(to: file)
        let run = try Chromium.dumpDOM(file)
        #expect(run.stdout.contains("รายงานผลการประเมินป้อนกลับ"))
        #expect(run.stdout.contains("ฉันทามติ (consensus): ร้อยละ 80"))
        #expect(Chromium.consoleLines(run.stderr) == [])
    }

    @Test func consoleErrorsAreCaught() throws {
        let folder = try makeTemporaryFolder("psea-browser")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.html")
        try Data("<!DOCTYPE html><html lang=\"th\"><body><p>ทดสอบ</p><script>missingFunction();</script></body></html>".utf8).write(to: file)
        let lines = Chromium.consoleLines(try Chromium.dumpDOM(file).stderr)
        #expect(lines.count == 1)
        #expect(lines.first?.contains("missingFunction is not defined") == true)
    }

    @Test func screenshotScriptWritesPNGs() throws {
        let folder = try makeTemporaryFolder("psea-browser")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Exporter.write(Exporter.files(exportBundle(), format: .html, audience: .public), to: folder)
        let run = try Chromium.run("/bin/bash", [TestPaths.packageRoot.appendingPathComponent("scripts/screenshot.sh").path, folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["index.png", "index-phone.png"] {
            let png = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(png.count > 10_000)
        }
        if let keep = ProcessInfo.processInfo.environment["PSEA_KEEP_SCREENSHOTS"] {
            try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            for name in ["index.html", "index.png", "index-phone.png"] {
                try? FileManager.default.removeItem(atPath: keep + "/" + name)
                try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: URL(fileURLWithPath: keep).appendingPathComponent(name))
            }
        }
    }
}
