import Model

/// The findings about characters in a text field, the same for both formats: a control character other than tab,
/// LF and CR or U+FFFE/U+FFFF is an error (PSEA-E027: XML cannot carry it, so the file could not convert without
/// loss), a bidirectional override, embedding or isolate a warning (PSEA-W028). The characters are defined once,
/// in `UnicodeText`.
enum TextCheck {
    /// The first forbidden character and the first bidirectional control of `text`, as findings at `location`.
    /// Messages name the place in `format`'s notation: an XML file's by the element path of `location`.
    static func findings(in text: String, at pointer: String, location: SourceLocation?, format: SourceFormat = .json) -> [Diagnostic] {
        guard UnicodeText.needsCare(text) else { return [] }
        var findings: [Diagnostic] = []
        if let scalar = text.unicodeScalars.first(where: UnicodeText.isForbidden) {
            findings.append(forbidden(scalar, at: pointer, location: location, format: format))
        }
        if let scalar = text.unicodeScalars.first(where: UnicodeText.isBidiControl) {
            findings.append(bidi(scalar, at: pointer, location: location, format: format))
        }
        return findings
    }

    /// PSEA-E027 for `scalar`.
    static func forbidden(_ scalar: Unicode.Scalar, at pointer: String, location: SourceLocation?, format: SourceFormat = .json) -> Diagnostic {
        let name = codePoint(scalar)
        let (th, en) = (place(pointer, location, format, .th), place(pointer, location, format, .en))
        let what =
            scalar.value >= 0xFFFE
            ? LocalizedText(th: "อักขระต้องห้าม", en: "the noncharacter") : LocalizedText(th: "อักขระควบคุม", en: "the control character")
        return DiagnosticRule.controlCharacter.diagnostic(
            th: "\(th): ข้อความมี\(what.th) \(name) ซึ่งใบสมัครมีไม่ได้ (ใช้ได้เฉพาะแท็บและการขึ้นบรรทัดใหม่) ให้ลบออก",
            en:
                "\(en): the text holds \(what.en) \(name), which an application cannot hold (only tab, LF and CR are allowed): remove it",
            at: pointer, location: location)
    }

    /// PSEA-W028 for `scalar`.
    static func bidi(_ scalar: Unicode.Scalar, at pointer: String, location: SourceLocation?, format: SourceFormat = .json) -> Diagnostic {
        let name = codePoint(scalar)
        let (th, en) = (place(pointer, location, format, .th), place(pointer, location, format, .en))
        return DiagnosticRule.bidiControl.diagnostic(
            th:
                "\(th): ข้อความมีอักขระควบคุมทิศทางการเขียน \(name) ซึ่งอาจทำให้ข้อความแสดงผิดลำดับ psea จะแยกข้อความนี้ไว้เมื่อแสดงผล ควรลบออกหากไม่ได้ตั้งใจใส่",
            en:
                "\(en): the text holds the bidirectional control \(name), which can make it display in another order; psea isolates it wherever it is shown: remove it unless it is meant",
            at: pointer, location: location)
    }

    /// The place as messages write it: an XML file's element path (its location's), else the JSON notation.
    private static func place(_ pointer: String, _ location: SourceLocation?, _ format: SourceFormat, _ language: Language) -> String {
        if format == .xml, let path = location?.path, !path.isEmpty { return path }
        return JSONSchemaValidator.field(pointer, language)
    }

    /// `U+001B`.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
