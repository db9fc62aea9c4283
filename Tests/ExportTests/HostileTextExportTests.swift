import Foundation
import Model
import Testing

@testable import Export

/// What the exports make of text that holds control characters or bidirectional controls (issue 19, point 2): no
/// raw control byte in HTML, Markdown or CSV, and an override isolated where it is shown.
@Suite struct HostileTextExportTests {
    @Test func htmlIsolatesBidiControlsInBdiAndEscapesControls() {
        #expect(Text.html("กรม\u{202E}abc<") == "<bdi>กรม\u{202E}abc&lt;</bdi>")
        #expect(Text.html("a\u{1B}[2J\u{0}") == "a\\u001B[2J\\u0000")
        #expect(Text.html("กรมการปกครอง & co") == "กรมการปกครอง &amp; co")
        // Where no tag can go (attribute values, <title>): FSI…PDI instead of <bdi>.
        #expect(Text.plainHTML("x\u{202E}\"y") == "\u{2068}x\u{202E}&quot;y\u{2069}")
    }

    /// The one template system escapes each place its own way: element content in `<bdi>`, `<title>` with FSI…PDI
    /// (a tag there would show as text), a form field's value with its markup escaped and nothing else.
    @Test func theTemplatesEscapeEachPlaceItsOwnWay() throws {
        let page = FeedbackReport.html([.paragraph("<b>\u{202E}x")], title: "t\u{202E}<")
        #expect(page.contains("<title>\u{2068}t\u{202E}&lt;\u{2069}</title>"))
        #expect(page.contains("<p><bdi>&lt;b&gt;\u{202E}x</bdi></p>"))
        #expect(Text.markup("ก\u{202E}<ข>&\"'") == "ก\u{202E}&lt;ข&gt;&amp;&quot;&#39;")
        let templates = try HTMLTemplates(adding: [
            "Templates/field.mustache": "<textarea>{{% CONTENT_TYPE: PSEA_VALUE}}{{v}}{{% CONTENT_TYPE: PSEA_HTML}}</textarea><p>{{v}}</p>"
        ])
        struct Values { var v: String }
        #expect(templates.render("field", Values(v: "a\u{202E}<b")) == "<textarea>a\u{202E}&lt;b</textarea><p><bdi>a\u{202E}&lt;b</bdi></p>")
        #expect(templates.render("no-such-template", Values(v: "")) == nil)
    }

    @Test func markdownIsolatesBidiControlsAndEscapesControls() {
        #expect(FeedbackReport.md("abc\u{202D}d") == "\u{2068}abc\u{202D}d\u{2069}")
        #expect(FeedbackReport.md("a\u{1B}b\u{7}") == "a\\\\u001Bb\\\\u0007")
        #expect(FeedbackReport.md("ข้อความ*ปกติ*") == "ข้อความ\\*ปกติ\\*")
    }

    @Test func aReportWithHostileTextCarriesNoRawControlByte() {
        let blocks: [FeedbackReport.Block] = [
            .heading(1, "กรม\u{1B}[2J", en: "x\u{202E}y"), .paragraph("p\u{7}"), .bullets(["b\u{9B}"]),
            .table(["h"], [["c\u{0}\u{202E}"]]),
        ]
        for output in [FeedbackReport.markdown(blocks), FeedbackReport.html(blocks, title: "t\u{1B}\u{202E}")] {
            let bytes = Array(output.utf8)
            #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A }, "\(output)")
            #expect(!output.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })
        }
        #expect(FeedbackReport.html(blocks, title: "t").contains("<bdi>x\u{202E}y</bdi>"))
    }

    /// Every export file of every format and audience, for a round whose agency names hold controls and an override
    /// (as a database written before these checks could): no raw control byte, and the override isolated.
    @Test func noExportCarriesARawControlAndEveryOverrideIsIsolated() {
        var entries = exportEntries()
        entries.append(exportEntry("EC-2568-0040", agency: "กรม\u{1B}[2J\u{0}ปลอม", p1: 80, p2: 80, r1: 80, r2: 80))
        entries.append(exportEntry("EC-2568-0041", agency: "กรม\u{202E}กลับด้าน", p1: 80, p2: 80, r1: 80, r2: 78))
        let bundle = exportBundle(entries: entries)
        for audience in ExportAudience.allCases {
            for format in ExportFormat.allCases {
                for file in Exporter.files(bundle, format: format, audience: audience) {
                    let text = String(decoding: file.data, as: UTF8.self)
                    #expect(!file.data.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D }, "\(file.name)")
                    guard file.name != "scores.csv" else { continue }  // judges' scores: no agency names
                    #expect(text.contains("ปลอม"), "\(file.name)")
                    switch format {
                    case .html: #expect(text.contains("<bdi>กรม\u{202E}กลับด้าน</bdi>"), "\(file.name)")
                    case .csv: #expect(text.contains("\u{2068}กรม\u{202E}กลับด้าน\u{2069}"), "\(file.name)")
                    case .json: #expect(text.contains("กรม\u{202E}กลับด้าน"), "\(file.name)")
                    }
                }
            }
        }
    }
}
