import Foundation
import PSEATestSupport
import Testing

@Suite("psea rubric show")
struct RubricShowCommandTests {
    @Test func showsPromptsAndBandsInThai() throws {
        let run = try CLI.run(["rubric", "show", "2568/effective-change", "--lang", "th"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("EC1.1 การนำองค์การและการออกแบบกระบวนการมีส่วนร่วม"))
        #expect(run.stdout.contains("คำถาม: อธิบายว่าผู้บริหารกำหนดทิศทางการมีส่วนร่วมอย่างไร"))
        #expect(run.stdout.contains("ไม่เกิน 3000 ตัวอักษร"))
        #expect(run.stdout.contains("90–100%: แนวทางสมบูรณ์"))
        #expect(run.stdout.contains("กรรมการให้คะแนน"))
        // Thai names the rubric by its title and year, never by its key.
        #expect(run.stdout.hasPrefix("รางวัลการบริหารราชการแบบมีส่วนร่วม ประเภทสัมฤทธิผลประชาชนมีส่วนร่วม ปี 2568\n"))
        #expect(!run.stdout.contains("effective-change"))
    }

    @Test func markdownAndJSON() throws {
        let md = try CLI.run(["rubric", "show", "2568/open-governance", "--format", "md"])
        #expect(md.status == 0)
        #expect(md.stdout.hasPrefix("# Participatory Governance Award"))
        #expect(md.stdout.contains("### OG1.1 "))
        #expect(md.stdout.contains("**Asks**: Describe the policy"))
        let json = try CLI.run(["rubric", "show", "2568/open-governance", "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let dimensions = try #require(object["dimensions"] as? [[String: Any]])
        let first = try #require((dimensions[0]["criteria"] as? [[String: Any]])?.first)
        #expect((first["descriptors"] as? [[String: Any]])?.count == 5)
        #expect((first["asks"] as? [String: String])?["th"]?.isEmpty == false)
    }

    @Test func unknownRubricAndBadArgument() throws {
        #expect(try CLI.run(["rubric", "show", "effective-change"]).status == 2)
        #expect(try CLI.run(["rubric", "show", "2568/no-such-type"]).status != 0)
    }
}
