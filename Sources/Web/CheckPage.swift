import Foundation
import Intake
import Model
import Ranking
import Round
import Rubric
import Scoring

/// `/check`: the self-check form and, after a check, every finding with the lines of the file around it and the
/// score preview, in Thai or English. Built from `ApplicationIntake.check` and `ScorePreview` (as `psea validate`
/// and `psea score`); every text from the file reaches the page through Mustache's escaping.
struct CheckPage: Sendable {
    /// The page's fixed words in the chosen language.
    struct Words: Sendable {
        var heading, intro, stored, fileLabel, pasteLabel, submit, other, otherHref, findings, none, line, column, place: String
        var wholeFile, preview, criterion, title, mode, percent, points, notScored, asFromCommand, limit: String

        init(_ language: Language, limit: Int) {
            let mib = limit / (1024 * 1024)
            let th = language == .th
            heading = th ? "ตรวจใบสมัครด้วยตนเอง" : "Check an application yourself"
            intro =
                th
                ? "เลือกไฟล์ใบสมัคร (XML หรือ JSON) หรือวางข้อความของไฟล์ แล้วกดตรวจ ระบบจะแสดงทุกจุดที่ต้องแก้พร้อมบรรทัดในไฟล์ และคะแนนอัตโนมัติเบื้องต้น"
                : "Choose an application file (XML or JSON) or paste its text, then check it: every finding is shown with its lines in the file, and the preview of the automatic score."
            stored = th ? "ระบบไม่เก็บและไม่บันทึกสิ่งที่ส่งมาตรวจ" : "Nothing you send is stored or logged."
            fileLabel = th ? "ไฟล์ใบสมัคร" : "Application file"
            pasteLabel = th ? "หรือวางข้อความของไฟล์" : "Or paste the file's text"
            submit = th ? "ตรวจใบสมัคร" : "Check"
            other = th ? "English" : "ภาษาไทย"
            otherHref = th ? "/check?lang=en" : "/check?lang=th"
            findings = th ? "สิ่งที่พบ" : "Findings"
            none = th ? "ไม่พบข้อผิดพลาดหรือคำเตือน" : "No error or warning found."
            line = th ? "บรรทัด" : "line"
            column = th ? "คอลัมน์" : "column"
            place = th ? "ตำแหน่ง" : "place"
            wholeFile = th ? "ทั้งไฟล์" : "the whole file"
            preview = th ? "คะแนนอัตโนมัติเบื้องต้น" : "Score preview"
            criterion = th ? "ประเด็น" : "Criterion"
            title = th ? "ชื่อประเด็น" : "Title"
            mode = th ? "วิธีให้คะแนน" : "Mode"
            percent = th ? "ร้อยละ" : "Percent"
            points = th ? "คะแนน/เต็ม" : "Points/max"
            notScored =
                th
                ? "ใบสมัครที่ยังมีข้อผิดพลาดจะไม่ถูกคำนวณคะแนน แก้ข้อผิดพลาดแล้วตรวจอีกครั้ง" : "An application with errors is not scored: fix them and check again."
            asFromCommand = th ? "ใบคะแนนแบบที่ psea score พิมพ์" : "The sheet as psea score prints it"
            self.limit = th ? "ไฟล์ใหญ่ได้ไม่เกิน \(mib) MiB" : "Files up to \(mib) MiB"
        }
    }

    /// One line of the file around a finding, split at the finding's column so that the place is marked.
    struct SourceLine: Sendable {
        var number: Int
        var before, mark, after: String
        var focus: Bool
    }

    struct Finding: Sendable {
        var severity: String
        var isError: Bool
        var code, message, position: String
        var place: String?
        var lines: [SourceLine]
        var hasLines: Bool
    }

    struct Row: Sendable {
        var id, title, mode, percent, points: String
        var trail: [String]
        var hasTrail: Bool
    }

    struct Preview: Sendable {
        var rubric: String
        var rows: [Row]
        var totals, text: String
    }

    var frame: PageFrame
    var words: Words
    var lang, action, pasted: String
    var checked: Bool
    var file, summary: String
    var findings: [Finding]
    var noFindings: Bool
    /// Whether a finding is an error (the summary is then shown as one).
    var invalid: Bool
    var preview: Preview?
    var notScored: String?

    /// The form alone (`GET /check`).
    init(frame: PageFrame, language: Language) {
        self.frame = frame
        words = Words(language, limit: WebLimits.checkBytes)
        lang = language.rawValue
        action = "/check?lang=\(language.rawValue)&csrf=\(frame.csrf)"
        (pasted, checked, file, summary, findings, noFindings, invalid) = ("", false, "", "", [], false, false)
    }

    /// The form with the check of `upload`: its findings with their lines, and the score preview.
    init(frame: PageFrame, language: Language, upload: CheckUpload, result: IntakeResult, preview outcome: ScorePreview) {
        self.init(frame: frame, language: language)
        pasted = upload.pasted ?? ""
        checked = true
        file = result.file
        summary = ValidationReport.summary([result], language: language)
        let source = SourceText(upload.data)
        findings = result.diagnostics.map { diagnostic in
            let place = diagnostic.pointer.isEmpty ? nil : PlaceText.write(diagnostic.pointer, format: result.format ?? .json, in: result.application)
            let lines = diagnostic.location.map { source.around(line: $0.line, column: $0.column) } ?? []
            let words = self.words
            return Finding(
                severity: diagnostic.severity.rawValue, isError: diagnostic.severity == .error, code: diagnostic.code,
                message: diagnostic.message.text(language),
                position: diagnostic.location.map { location in
                    "\(words.line) \(location.line)" + (location.column > 0 ? ", \(words.column) \(location.column)" : "")
                } ?? words.wholeFile,
                place: place, lines: lines, hasLines: !lines.isEmpty)
        }
        noFindings = findings.isEmpty
        invalid = !result.isValid
        switch outcome {
        case .scored(let sheet, let rubric): preview = Self.preview(sheet, rubric: rubric, language: language)
        case .invalid: notScored = words.notScored
        case .noRubric(let error): notScored = error.message.text(language)
        }
    }

    static func preview(_ sheet: ScoreSheet, rubric: Rubric, language: Language) -> Preview {
        let th = language == .th
        let format = Ranker.format
        return Preview(
            rubric: th ? "\(rubric.title.th) ปี \(rubric.year)" : "\(rubric.title.en), \(rubric.year)",
            rows: sheet.criteria.map { line in
                Row(
                    id: line.id, title: rubric.criterion(line.id)?.title.text(language) ?? "",
                    mode: ScoringMode(rawValue: line.mode)?.label.text(language) ?? line.mode,
                    percent: line.percent.map { "\($0)%" } ?? "—",
                    points: "\(line.points.map(format) ?? "—")/\(format(line.maxPoints))",
                    trail: line.trail.map { $0.text(language) }, hasTrail: !line.trail.isEmpty)
            },
            totals: th
                ? "คะแนนอัตโนมัติ \(format(sheet.automaticPoints)) คะแนน รอกรรมการ \(format(sheet.pendingPoints)) คะแนน จากคะแนนเต็ม \(format(sheet.maxPoints))"
                : "automatic \(format(sheet.automaticPoints)) points, awaiting judges \(format(sheet.pendingPoints)) points, of \(format(sheet.maxPoints))",
            text: sheet.text(language: language, rubric: rubric))
    }
}

/// The text of an uploaded file split into lines as the readers count them (CR, LF and CRLF end a line; columns
/// count Unicode scalars; a byte order mark at the start is not a column), for showing a finding in context.
struct SourceText {
    /// Lines shown before and after a finding's line.
    static let around = 2
    /// Characters shown on each side of a finding's column on a long line.
    static let width = 60
    let lines: [[Unicode.Scalar]]

    init(_ data: [UInt8]) {
        var lines: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var previousCR = false
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            if scalar == "\n", previousCR {
                previousCR = false
                continue
            }
            previousCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(current)
                current = []
            } else if !(lines.isEmpty && current.isEmpty && scalar == "\u{FEFF}") {
                current.append(scalar)
            }
        }
        lines.append(current)
        self.lines = lines
    }

    /// The lines around `line` (1-based), the finding's line split at `column` (1-based; 0 marks no character).
    func around(line: Int, column: Int) -> [CheckPage.SourceLine] {
        guard line >= 1, line <= lines.count else { return [] }
        return (max(1, line - Self.around)...min(lines.count, line + Self.around)).map { number in
            let scalars = lines[number - 1]
            let at = number == line && column >= 1 ? column - 1 : nil
            let center = at ?? 0
            let start = max(0, min(center - Self.width, scalars.count - 2 * Self.width))
            let end = min(scalars.count, max(center + Self.width, start + 2 * Self.width))
            func text(_ range: Range<Int>) -> String {
                var out = String.UnicodeScalarView()
                out.append(contentsOf: scalars[range].map { $0 == "\t" ? " " : $0 })
                return String(out)
            }
            let lead = start > 0 ? "…" : ""
            let tail = end < scalars.count ? "…" : ""
            guard let at, at < scalars.count else {
                return CheckPage.SourceLine(
                    number: number, before: lead + text(start..<end) + tail, mark: at == nil ? "" : "↵", after: "", focus: number == line)
            }
            return CheckPage.SourceLine(
                number: number, before: lead + text(start..<at), mark: text(at..<(at + 1)), after: text((at + 1)..<end) + tail,
                focus: true)
        }
    }
}
