import Foundation
import PSEATestSupport
import Testing

/// The Thai text of every finding, report and page names things by their Thai labels, never by the English keys
/// of the format, the rubrics or the round (issue 15): each output is rendered in Thai and scanned for keys.
@Suite("Thai text without English keys", .serialized)
struct ThaiTextCommandTests {
    /// The Thai messages of `psea validate --format json --lang th` on `paths`.
    static func findings(_ paths: [String]) throws -> [(code: String, message: String)] {
        let run = try CLI.run(["validate", "--format", "json", "--lang", "th"] + paths)
        let files = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [[String: Any]])
        return files.flatMap { file in
            (file["diagnostics"] as? [[String: Any]] ?? []).map { ($0["code"] as? String ?? "", $0["message"] as? String ?? "") }
        }
    }

    @Test("every finding of the shipped samples, valid, invalid, with warnings and of version 1, in Thai")
    func findingsOfTheSamples() throws {
        let found = try Self.findings(["Samples/valid", "Samples/invalid", "Samples/warnings", "Samples/v1"])
        #expect(found.count > 30)
        for (code, message) in found {
            #expect(ThaiTextScan.keys(in: message).isEmpty, "\(code): \(message)")
        }
    }

    @Test("findings that name an agency kind, a level, a direction, a sub-type or a place, in Thai")
    func findingsThatNameKeys() throws {
        let folder = try makeTemporaryFolder("psea-thai-keys")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Samples/valid/og-province-nan.xml"), encoding: .utf8)
        let broken = [
            ("kind.xml", sample.replacingOccurrences(of: "kind=\"province\"", with: "kind=\"central-department\"")),
            ("level.xml", sample.replacingOccurrences(of: "level=\"consult\"", with: "level=\"collaborate\"")),
            ("fax.xml", sample.replacingOccurrences(of: "</email>", with: "</email><fax>02-000-0000</fax>")),
            ("bad-level.xml", sample.replacingOccurrences(of: "level=\"consult\"", with: "level=\"co-operate\"")),
            ("type.xml", sample.replacingOccurrences(of: "<type>open-governance</type>", with: "<type>open-government</type>")),
        ]
        for (name, text) in broken {
            #expect(text != sample, "\(name)")
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let found = try Self.findings([folder.path])
        #expect(Set(found.map(\.code)).isSuperset(of: ["PSEA-W034", "PSEA-E011", "PSEA-E013", "PSEA-E035"]))
        for (code, message) in found {
            #expect(ThaiTextScan.keys(in: message).isEmpty, "\(code): \(message)")
        }
    }

    @Test("the demo in Thai: its steps, the ranking, the publication page and the feedback reports")
    func demoReportsAndPage() throws {
        let folder = try makeTemporaryFolder("psea-thai-demo")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("demo")
        let run = try CLI.run(["demo", "--lang", "th", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(ThaiTextScan.lines(in: run.stdout).isEmpty, "\(ThaiTextScan.lines(in: run.stdout))")
        let status = try CLI.run(["status", "--db", out.appendingPathComponent("demo.sqlite").path, "--lang", "th"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("ตรวจสอบคุณสมบัติ"))
        #expect(ThaiTextScan.lines(in: status.stdout).isEmpty, "\(ThaiTextScan.lines(in: status.stdout))")
        var documents = ["index.html"]
        let reports = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("reports").path)
        #expect(!reports.isEmpty)
        documents += reports.map { "reports/" + $0 }
        for name in documents {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            let lines = ThaiTextScan.lines(in: text, bilingual: true)
            #expect(lines.isEmpty, "\(name): \(lines)")
        }
    }

    @Test("psea show, psea score and psea rubric show in Thai, for every valid sample and rubric")
    func showScoreAndRubrics() throws {
        for path in TestPaths.validSampleFiles {
            for format in ["text", "html"] {
                let run = try CLI.run(["show", "--lang", "th", "--format", format, path])
                #expect(run.status == 0, "\(path): \(run.stderr)")
                let lines = ThaiTextScan.lines(in: run.stdout)
                #expect(lines.isEmpty, "\(path) \(format): \(lines)")
            }
        }
        let score = try CLI.run(["score", "--lang", "th", "Samples/valid"])
        #expect(score.status == 0, "\(score.stderr)")
        #expect(ThaiTextScan.lines(in: score.stdout).isEmpty, "\(ThaiTextScan.lines(in: score.stdout))")
        let rubrics = try CLI.run(["rubric", "show", "--lang", "th"])
        #expect(rubrics.status == 0, "\(rubrics.stderr)")
        #expect(ThaiTextScan.lines(in: rubrics.stdout).isEmpty, "\(ThaiTextScan.lines(in: rubrics.stdout))")
    }
}
