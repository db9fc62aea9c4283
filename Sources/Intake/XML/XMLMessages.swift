import Model

/// Builds the bilingual diagnostics of the XML reader, including the translation of libxml2's schema errors
/// into the shared structural codes.
enum XMLMessages {
    /// A number or date written in Thai digits, as official Thai documents often do: read as its ASCII digits,
    /// with a warning that says what it was read as.
    static func thaiDigits(field: String, written: String, ascii: String, pointer: String, location: SourceLocation) -> Diagnostic {
        DiagnosticRule.thaiDigitsRead.diagnostic(
            th: "\(field) \"\(written)\" เขียนด้วยเลขไทย จึงอ่านเป็น \(ascii) ให้ตรวจว่าถูกต้อง",
            en: "\(field) \"\(written)\" is written in Thai digits; it is read as \(ascii): check that this is right",
            at: pointer, location: location)
    }

    /// Shortens a value for a message.
    static func shown(_ value: String) -> String {
        let trimmed = value.trimmingWhitespace
        return trimmed.count > 60 ? String(trimmed.prefix(57)) + "..." : trimmed
    }

    /// libxml2's message without namespaces in braces, facet tags, the `Element '…':` prefix and the final newline.
    static func cleaned(_ message: String) -> String {
        var text = message
        for version in Application.formatVersions {
            text = text.replacingOccurrences(of: "{\(Application.xmlNamespace(version: version))}", with: "")
        }
        for facet in [
            "enumeration", "pattern", "minLength", "maxLength", "length", "minInclusive", "maxInclusive",
            "minExclusive", "maxExclusive", "totalDigits", "fractionDigits", "whiteSpace",
        ] {
            text = text.replacingOccurrences(of: "[facet '\(facet)'] ", with: "")
        }
        if text.hasPrefix("Element '"), let close = text.dropFirst(9).firstIndex(of: "'") {
            let name = text[text.index(text.startIndex, offsetBy: 9)..<close]
            text = "<\(name)>" + text[text.index(after: close)...]
            text = text.replacingOccurrences(of: ">, attribute '", with: "> attribute '")
        }
        return text.trimmingWhitespace
    }

    /// The text between the first pair of single quotes after `marker`.
    static func quoted(after marker: String, in message: String) -> String? {
        guard let range = message.range(of: marker) else { return nil }
        let rest = message[range.upperBound...]
        guard let open = rest.firstIndex(of: "'") else { return nil }
        let afterOpen = rest[rest.index(after: open)...]
        guard let close = afterOpen.firstIndex(of: "'") else { return nil }
        return String(afterOpen[..<close])
    }

    /// The allowed keys of libxml2's `{'a', 'b', …}` enumeration set, without the Thai aliases the schema also
    /// accepts, each with its name in the message's language where the key is of one of the format's lists
    /// (`central-department (ส่วนราชการระดับกรม)`); in English, a note that Thai names are accepted when they are.
    static func allowedValues(in message: String) -> (th: String, en: String) {
        guard let open = message.range(of: "{'"), let close = message[open.lowerBound...].firstIndex(of: "}") else { return ("", "") }
        let values = message[open.upperBound..<close].split(separator: ",").map { (item: Substring) -> String in
            String(item).trimmingWhitespace.filter { $0 != "'" }
        }
        let keys = values.filter { value in value.unicodeScalars.allSatisfy { $0.isASCII } }
        let hasThai = keys.count < values.count
        return (FormatLists.listing(keys, thaiAccepted: hasThai, .th), FormatLists.listing(keys, thaiAccepted: hasThai, .en))
    }

    /// The names in `Expected is ( a, b )` / `Expected is one of ( a, b )`.
    static func expectedNames(in message: String) -> [String] {
        guard let range = message.range(of: "Expected is"),
            let open = message[range.upperBound...].firstIndex(of: "("),
            let close = message[open...].firstIndex(of: ")")
        else { return [] }
        return message[message.index(after: open)..<close]
            .split(separator: ",")
            .map { String($0).trimmingWhitespace }
            .map { name in name.hasPrefix("{") ? String(name.drop { $0 != "}" }.dropFirst()) : name }
            .filter { !$0.isEmpty }
    }

    /// The Thai wording of an XSD built-in type named in a libxml2 message.
    static func thaiType(in message: String) -> String? {
        if message.contains("'xs:nonNegativeInteger'") { return "จำนวนเต็มที่ไม่ติดลบ" }
        if message.contains("'xs:integer'") { return "จำนวนเต็ม" }
        if message.contains("'xs:decimal'") { return "ตัวเลขทศนิยม (ใช้เลขอารบิก)" }
        if message.contains("'xs:dateTime'") { return "วันเวลาแบบ ISO 8601 เช่น 2025-02-20T10:30:00+07:00" }
        if message.contains("'xs:date'") { return "วันที่แบบ YYYY-MM-DD (ปี ค.ศ.)" }
        return nil
    }

    /// A Thai explanation of a libxml2 well-formedness error (by its xmlParserErrors code), naming the tags
    /// libxml2 names; the English message keeps libxml2's own text.
    static func thaiWellFormedness(code: Int32, message: String) -> String {
        switch code {
        case 1 where message.contains("Excessive depth"):
            return "องค์ประกอบซ้อนกันลึกเกินกว่าที่รองรับ (256 ชั้น)"
        case 2: return "หน่วยความจำไม่พอสำหรับอ่านเอกสาร"
        case 3, 4: return "ไม่พบแท็กเริ่มต้นของเอกสาร หรือเอกสารว่างเปล่า"
        case 5: return "มีเนื้อหาเกินมาหลังจากปิดองค์ประกอบรากแล้ว"
        case 8, 9: return "มีอักขระที่ XML ไม่อนุญาต"
        case 23: return "การอ้างอิงเอนทิตีขาดเครื่องหมาย ';'"
        case 26, 27:
            let name = quoted(after: "Entity", in: message).map { " &\($0);" } ?? ""
            return "ใช้เอนทิตี\(name) ที่ไม่ได้ประกาศไว้ (ใช้ได้เฉพาะ &amp; &lt; &gt; &quot; &apos; และรหัสอักขระ)"
        case 34, 38, 39, 40, 41, 75:
            return "ค่าแอตทริบิวต์เขียนไม่ถูกต้อง (ต้องมีเครื่องหมาย = และค่าอยู่ในเครื่องหมายคำพูด โดยไม่มี '<')"
        case 42: return "มีแอตทริบิวต์ชื่อซ้ำกันในแท็กเดียว"
        case 45: return "ความคิดเห็น (comment) ไม่ได้ปิดด้วย -->"
        case 63: return "ส่วน CDATA ไม่ได้ปิดด้วย ]]>"
        case 68: return "ชื่อแท็กไม่ถูกต้อง"
        case 73: return "แท็กไม่ได้ปิดด้วย '>'"
        case 74: return "ไม่พบแท็กปิด"
        case 76:
            if let range = message.range(of: "mismatch: ") {
                let parts = message[range.upperBound...].split(separator: " ")
                if parts.count >= 5 {
                    return "แท็กเปิด <\(parts[0])> (บรรทัด \(parts[2])) ปิดด้วย </\(parts[4])> ซึ่งไม่ตรงกัน"
                }
            }
            return "แท็กเปิดและแท็กปิดไม่ตรงกัน"
        case 77:
            if let range = message.range(of: "in tag "), let name = message[range.upperBound...].split(separator: " ").first {
                return "เอกสารจบก่อนที่จะปิดแท็ก <\(name)>"
            }
            return "เอกสารจบก่อนที่จะปิดแท็กทั้งหมด"
        case 81: return "การเข้ารหัสอักขระไม่ถูกต้อง (ต้องเป็น UTF-8)"
        case 89: return "เอนทิตีอ้างอิงกันเองวนซ้ำ"
        case 201: return "ใช้คำนำหน้าเนมสเปซที่ไม่ได้ประกาศไว้"
        default: return "XML มีรูปแบบไม่ถูกต้อง"
        }
    }
}
