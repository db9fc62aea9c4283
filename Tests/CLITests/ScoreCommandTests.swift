import Foundation
import PSEATestSupport
import Testing

@Suite struct ScoreCommandTests {
    private func sheets(_ arguments: [String]) throws -> (CLI.Run, [[String: Any]]) {
        let run = try CLI.run(["score", "--format", "json"] + arguments)
        let sheets = try JSONSerialization.jsonObject(with: run.stdoutData) as? [[String: Any]] ?? []
        return (run, sheets)
    }

    @Test func everyValidSampleScoresWithConsistentTotals() throws {
        let (run, sheets) = try sheets(["Samples/valid"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(sheets.count >= 8)
        for sheet in sheets {
            let criteria = try #require(sheet["criteria"] as? [[String: Any]])
            let maxPoints = try #require(sheet["maxPoints"] as? Double)
            var automatic = 0.0
            var pending = 0.0
            var total = 0.0
            for criterion in criteria {
                let max = try #require(criterion["maxPoints"] as? Double)
                total += max
                let mode = criterion["mode"] as? String
                let trail = criterion["trail"] as? [String] ?? []
                if mode == "judged" {
                    #expect(criterion["points"] is NSNull && criterion["percent"] is NSNull && criterion["band"] is NSNull)
                    pending += max
                } else {
                    let points = try #require(criterion["points"] as? Double)
                    #expect(points >= 0 && points <= max + 1e-9)
                    automatic += points
                    #expect(!trail.isEmpty, "\(criterion["id"] ?? "")")
                }
            }
            #expect(abs(total - maxPoints) < 1e-6)
            #expect(abs(automatic - (sheet["automaticPoints"] as? Double ?? -1)) < 0.011)
            #expect(abs(pending - (sheet["pendingPoints"] as? Double ?? -1)) < 1e-6)
            #expect(Set(criteria[0].keys) == ["id", "dimension", "mode", "lens", "pmqaCategory", "maxPoints", "percent", "band", "points", "trail"])
        }
    }

    @Test func theRubricIsChosenByYearAndSubType() throws {
        let (_, sheets) = try sheets(["Samples/valid/og-province-nan.xml", "Samples/valid/ec-central-dept-water.xml"])
        #expect(sheets.map { $0["rubric"] as? String } == ["2568/open-governance", "2568/effective-change"])
    }

    @Test func anInvalidFileIsNotScored() throws {
        let (run, sheets) = try sheets(["Samples/invalid/bad-level.xml"])
        #expect(run.status == 1)
        #expect(sheets.isEmpty)
        #expect(run.stderr.contains("PSEA-E013"))
    }

    @Test func aGivenRubricFileOverridesTheCatalogue() throws {
        // The effective-change rubric applied to an open-governance application: the rubric named wins.
        let (run, sheets) = try sheets(["--rubric", "Rubrics/2568/effective-change.yaml", "Samples/valid/og-province-nan.xml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(sheets.first?["rubric"] as? String == "2568/effective-change")
    }

    @Test func aYearWithoutRubricIsReported() throws {
        let empty = try makeTemporaryFolder("psea-norubric")
        defer { try? FileManager.default.removeItem(at: empty) }
        let run = try CLI.run(["score", "--rubrics", empty.path, "Samples/valid/og-province-nan.xml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no rubric for 2568/open-governance in the folder \(empty.path)"), "\(run.stderr)")
    }

    @Test func textOutputSpeaksThai() throws {
        let run = try CLI.run(["score", "--lang", "th", "Samples/valid/og-province-nan.xml"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("ใบคะแนนอัตโนมัติ"))
    }
}

@Suite struct RubricCheckCommandTests {
    @Test func everyShippedRubricPasses() throws {
        let run = try CLI.run(["rubric", "check", "Rubrics"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 6)
    }

    @Test func aBrokenCopyFailsWithItsCodeAndPlace() throws {
        let folder = try makeTemporaryFolder("psea-rubric")
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Rubrics/2568/open-governance.yaml"), encoding: .utf8)
        // Raising the outstanding threshold above the 100-point total is a broken rubric.
        let broken = original.replacingOccurrences(of: "  outstanding: 80", with: "  outstanding: 180")
        #expect(broken != original)
        let file = folder.appendingPathComponent("open-governance.yaml")
        try broken.write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["rubric", "check", file.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("PSEA-R0"))
        #expect(run.stdout.contains(file.path + ":"))
    }

    @Test func brokenYAMLIsReportedNotCrashed() throws {
        let file = temporaryPath("psea-broken", suffix: ".yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try "year: [2568\ntype: x\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["rubric", "check", file.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("PSEA-R100"))
    }

    @Test func aMissingFileIsAnIOError() throws {
        #expect(try CLI.run(["rubric", "check", "Rubrics/2568/nope.yaml"]).status == 2)
    }
}

@Suite struct CodesCommandTests {
    @Test func everyCodeIsListedOnceInBothLanguages() throws {
        let english = try CLI.run(["codes"])
        let thai = try CLI.run(["codes", "--lang", "th"])
        #expect(english.status == 0 && thai.status == 0)
        let codes = english.stdout.split(separator: "\n").map { $0.split(separator: " ")[0] }
        #expect(codes.contains("PSEA-E001") && codes.contains("PSEA-W062"))
        #expect(Set(codes).count == codes.count)
        #expect(thai.stdout.contains("ไฟล์ว่างเปล่า"))
        #expect(english.stdout.split(separator: "\n").first == "PSEA-IO001  fatal  Model  a file or folder cannot be read")
    }

    @Test("--format json lists every code written in Sources/, each once, with stable keys")
    func jsonListsEveryCodeInSources() throws {
        let run = try CLI.run(["codes", "--format", "json", "--lang", "th"])
        #expect(run.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [[String: String]])
        #expect(entries.allSatisfy { Set($0.keys) == ["code", "severity", "module", "summary"] })
        let listed = entries.compactMap { $0["code"] }
        #expect(Set(listed).count == listed.count && listed.count == entries.count)
        var inSources: Set<String> = []
        let files = try #require(
            FileManager.default.enumerator(at: CLI.packageRoot.appendingPathComponent("Sources"), includingPropertiesForKeys: nil))
        for case let url as URL in files {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            inSources.formUnion(text.matches(of: /PSEA-[A-Z]+[0-9]+/).map { String($0.output) })
        }
        #expect(inSources.count >= 105 && inSources.isSubset(of: Set(listed)), "unlisted: \(inSources.subtracting(listed).sorted())")
        #expect(Set(listed).isSubset(of: inSources))
        let w062 = try #require(entries.first { $0["code"] == "PSEA-W062" })
        #expect(w062 == ["code": "PSEA-W062", "severity": "warning", "module": "Intake", "summary": "หลักฐานนี้ไม่ถูกอ้างอิง"])
        #expect(entries.first { $0["code"] == "PSEA-DB001" }?["severity"] == "fatal")
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        #expect(try CLI.run(["codes", "--format", "yaml"]).status == 2)
    }
}
