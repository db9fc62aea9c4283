import Foundation
import PSEATestSupport
import Testing

/// `psea template`, and the version 1 samples that must still load.
@Suite struct TemplateCommandTests {
    static let types = ["open-governance", "effective-change", "participation-expanded", "poverty-integration"]

    /// Every placeholder (`[…]`, never an empty or multi-line JSON array) replaced by a real-sounding Thai sentence,
    /// as an applicant would.
    static func filledIn(_ text: String) throws -> String {
        let placeholder = try NSRegularExpression(pattern: "\\[[^\\]\"<\\s][^\\]\"<]*\\]( \\[[^\\]\"<]*\\])?")
        return placeholder.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text),
            withTemplate: "ชุมชนร่วมวางแผนและติดตามผลการดำเนินงานร่วมกับหน่วยงานตลอดปีงบประมาณ")
    }

    @Test(arguments: types, ["xml", "json"])
    func aFilledInTemplateValidates(type: String, format: String) throws {
        let folder = try makeTemporaryFolder("psea-template")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("skeleton.\(format)")
        let made = try CLI.run(["template", "--type", type, "--format", format, "-o", file.path])
        #expect(made.status == 0, "\(made.stderr)")
        let skeleton = try String(contentsOf: file, encoding: .utf8)
        #expect(skeleton.contains("ตอบประเด็น"))
        let filled = folder.appendingPathComponent("filled.\(format)")
        try Data(try Self.filledIn(skeleton).utf8).write(to: filled)
        #expect(!(try String(contentsOf: filled, encoding: .utf8)).contains("[ตอบ"))
        let run = try CLI.run(["validate", "--format", "json", filled.path])
        #expect(run.status == 0, "\(run.stdout)")
        let files = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [[String: Any]])
        let codes = (files.first?["diagnostics"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? ["?"]
        #expect(codes.allSatisfy { $0 == "PSEA-W056" }, "\(codes)")
    }

    @Test func theTemplateHasOneResponsePerCriterionWithItsPrompt() throws {
        let run = try CLI.run(["template", "--type", "effective-change", "--year", "2568", "--format", "xml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("xmlns=\"urn:psea:application:2\" schemaVersion=\"2\""))
        for criterion in ["EC1.1", "EC1.3", "EC2.2", "EC3.3", "EC4.2"] {
            #expect(run.stdout.contains("<response criterion=\"\(criterion)\""), "\(criterion)")
        }
        #expect(!run.stdout.contains("criterion=\"EC1.2\""))
        #expect(run.stdout.contains("อธิบายว่าผู้บริหารกำหนดทิศทางการมีส่วนร่วมอย่างไร"))
        #expect(run.stdout.contains("ไม่เกิน 3000 ตัวอักษร"))
    }

    @Test func aSubTypeWithoutARubricIsAUsageError() throws {
        let run = try CLI.run(["template", "--type", "open-govenance", "--format", "json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("PSEA-R024"))
    }

    @Test func versionOneSamplesStillValidateWithAWarningPerUnansweredCriterion() throws {
        let run = try CLI.run(["validate", "--format", "json", "Samples/v1"])
        #expect(run.status == 0, "\(run.stdout)")
        let files = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [[String: Any]])
        #expect(files.count >= 2)
        for file in files {
            let codes = (file["diagnostics"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
            #expect(file["valid"] as? Bool == true)
            #expect(codes.count == 5 && codes.allSatisfy { $0 == "PSEA-W074" }, "\(codes)")
        }
    }
}

/// The applicant guide: in the repository, linked, and in step with the registry of codes.
@Suite struct ApplicantGuideTests {
    @Test func theGuideIsLinkedFromBothReadmes() throws {
        for readme in ["README.md", "Samples/README.md"] {
            let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(readme), encoding: .utf8)
            #expect(text.contains("docs/APPLICANT-GUIDE.md"), "\(readme)")
            #expect(!text.contains("APPLICATION-FORMAT.md"), "\(readme)")
        }
    }

    @Test func theGuideExplainsEveryCodeAboutApplicationFiles() throws {
        let guide = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/APPLICANT-GUIDE.md"), encoding: .utf8)
        let run = try CLI.run(["codes", "--format", "json"])
        let codes = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [[String: Any]])
        let intake = codes.filter { $0["module"] as? String == "Intake" }.compactMap { $0["code"] as? String }
        #expect(intake.count > 40)
        for code in intake { #expect(guide.contains("| \(code) |"), "\(code)") }
        #expect(guide.contains("psea codes"))
    }
}

/// Format version 2 through the command line: a missing answer, named.
@Suite struct ResponsesCommandTests {
    @Test(arguments: ["Samples/valid/ec-central-dept-water.xml", "Samples/valid/ec-local-admin-chiangrai.json"])
    func aSampleMissingOneResponseFailsWithThatCriterionNamed(sample: String) throws {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(sample), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let answer = try #require(lines.firstIndex { $0.contains("criterion=\"EC2.2\"") || $0.contains("\"criterion\": \"EC2.2\"") })
        var kept = lines
        kept.remove(at: answer)
        let folder = try makeTemporaryFolder("psea-responses")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent((sample as NSString).lastPathComponent)
        try Data(kept.joined(separator: "\n").utf8).write(to: file)
        let run = try CLI.run(["validate", file.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("error PSEA-E070: there is no response to criterion EC2.2"), "\(run.stdout)")
        let thai = try CLI.run(["validate", "--lang", "th", file.path])
        #expect(thai.stdout.contains("ไม่มีคำตอบของประเด็น EC2.2 (ความคิดเห็นของประชาชนมีผลต่อการตัดสินใจอย่างเป็นรูปธรรม)"))
    }
}
