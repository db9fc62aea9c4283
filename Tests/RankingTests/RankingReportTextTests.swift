import Model
import PSEATestSupport
import Ranking
import Testing

/// The ranking as printed on a terminal (issue 19): an agency name cannot drive the terminal or reorder the line.
@Suite struct RankingReportTextTests {
    @Test func anAgencyNameIsEscapedAndIsolatedInTheTextReport() {
        let entries = [
            entry("A", agency: "กรม\u{1B}[2J\u{202E}ปลอม", p1: 80, p2: 80, r1: 80, r2: 80),
            entry("B", agency: "จังหวัดทดสอบ", p1: 60, p2: 60, r1: 60, r2: 60),
        ]
        let text = RankingReport.text(Ranker.rank(entries, seeds: ["2568/test-type": 1]), language: .en)
        #expect(!text.unicodeScalars.contains("\u{1B}"))
        #expect(text.contains("\u{2068}กรม\\u001B[2J\u{202E}ปลอม\u{2069}"))
        #expect(text.contains("จังหวัดทดสอบ"))
    }
}
