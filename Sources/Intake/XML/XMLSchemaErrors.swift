import Model

/// Translates libxml2's XSD validity errors into the shared structural codes (E010–E017), placed with the
/// tree's source places: an attribute error at the attribute's name, a missing child or attribute at the parent.
struct XMLSchemaErrorTranslator {
    let elementsByNode: [UInt: XMLTreeElement]
    let attributesByNode: [UInt: (element: XMLTreeElement, index: Int)]

    // libxml2 2.9 error codes (xmlParserErrors).
    private static let elementContent: Int32 = 1871
    private static let missingAttribute: Int32 = 1868
    private static let attributeNotAllowed: Set<Int32> = [1866, 1867]
    private static let elementInSimpleContent: Int32 = 1842
    private static let textInElementOnlyContent: Int32 = 1843
    private static let datatype: Set<Int32> = [1824, 1825, 1826, 1833, 1834, 1835, 1836, 1837, 1838]
    private static let enumeration: Int32 = 1840
    private static let patternOrLength: Set<Int32> = [1830, 1831, 1832, 1839]
    private static let noRootDeclaration: Set<Int32> = [1845, 1872]

    /// One diagnostic per distinct problem: libxml2 often follows a facet error with a generic one for the
    /// same value, which is dropped.
    func translate(_ errors: [LibXMLError]) -> [Diagnostic] {
        var seen = Set<String>()
        var result: [Diagnostic] = []
        for error in errors where !error.isWarning {
            guard let (key, diagnostic) = translate(error), seen.insert(key).inserted else { continue }
            result.append(diagnostic)
        }
        return result
    }

    private func translate(_ error: LibXMLError) -> (String, Diagnostic)? {
        let detail = XMLMessages.cleaned(error.message)
        if let (element, index) = attributesByNode[error.node] {
            return ("\(error.node)", attributeError(error, element: element, attribute: element.attributes[index], detail: detail))
        }
        guard let element = elementsByNode[error.node] else {
            let location = SourceLocation(line: error.line, column: 0, path: "")
            return (
                "\(error.code):\(error.line):\(detail)",
                DiagnosticRule.schemaOther.diagnostic(
                    th: "ใบสมัครไม่ตรงตามสคีมา: \(detail)", en: detail, at: "", location: location)
            )
        }
        if error.code != Self.missingAttribute, !Self.attributeNotAllowed.contains(error.code),
            let name = XMLMessages.quoted(after: ", attribute", in: error.message),
            let index = element.attributes.firstIndex(where: { $0.name == name })
        {
            return ("\(error.node)@\(name)", attributeError(error, element: element, attribute: element.attributes[index], detail: detail))
        }
        let tag = "<\(element.name)>"
        switch error.code {
        case Self.missingAttribute:
            let name = XMLMessages.quoted(after: "The attribute", in: error.message) ?? "?"
            let pointer = XMLShape.attributePointer(element: element, name: name)
            let rule = (element.parent == nil && name == "schemaVersion") ? DiagnosticRule.wrongVersion : DiagnosticRule.missingField
            return (
                "\(error.node)@\(name)",
                rule.diagnostic(
                    th: "\(element.placeText) ขาดแอตทริบิวต์ที่จำเป็น @\(name)",
                    en: "\(element.placeText) is missing the required attribute @\(name)", at: pointer, location: element.location)
            )
        case let code where Self.attributeNotAllowed.contains(code):
            let name = XMLMessages.quoted(after: "The attribute", in: error.message) ?? "?"
            let attribute = element.attributes.first { $0.name == name || $0.localName == name }
            return ("\(error.node)@\(name)", unknownAttribute(name, of: element, attribute))
        case Self.elementContent:
            return contentError(error, element: element, detail: detail)
        case Self.textInElementOnlyContent:
            let text = XMLMessages.shown(element.text)
            return (
                "\(error.node)",
                DiagnosticRule.schemaOther.diagnostic(
                    th: "องค์ประกอบ \(tag) มีข้อความแทรกอยู่ ('\(text)') ซึ่งไม่อนุญาต เพราะมีได้เฉพาะองค์ประกอบย่อย", en: detail, about: element)
            )
        case Self.elementInSimpleContent:
            return (
                "\(error.node)",
                DiagnosticRule.unknownField.diagnostic(th: "องค์ประกอบ \(tag) ต้องมีเพียงข้อความ ไม่ควรมีองค์ประกอบย่อย", en: detail, about: element)
            )
        case let code where Self.noRootDeclaration.contains(code):
            return (
                "\(error.node)",
                DiagnosticRule.wrongVersion.diagnostic(
                    th: "องค์ประกอบรากต้องเป็น <application> ในเนมสเปซ \(XMLApplicationReader.namespaces)",
                    en: detail, at: "", location: element.location)
            )
        case _ where error.message.contains("the content type is empty"):
            // An element that takes attributes only (`<period>`, `<declaration>`) holds something.
            let inside = element.children.first.map { "<\($0.name)>" } ?? "ข้อความ"
            let insideEN = element.children.first.map { "<\($0.name)>" } ?? "the text"
            return (
                "\(error.node)",
                DiagnosticRule.schemaOther.diagnostic(
                    th: "\(element.placeText): องค์ประกอบ \(tag) มีได้เฉพาะแอตทริบิวต์ ไม่มีองค์ประกอบย่อยหรือข้อความ ให้ลบ \(inside) ออก",
                    en: "\(element.placeText): \(tag) takes attributes only, no child elements or text: remove \(insideEN)",
                    about: element)
            )
        default:
            return (
                "\(error.node)",
                valueError(
                    error, value: element.text, field: element.placeText, pointer: element.textPointer,
                    location: element.location, detail: detail, isVersion: false)
            )
        }
    }

    private func attributeError(_ error: LibXMLError, element: XMLTreeElement, attribute: XMLTreeAttribute, detail: String) -> Diagnostic {
        if Self.attributeNotAllowed.contains(error.code) {
            return unknownAttribute(attribute.name, of: element, attribute)
        }
        let isVersion = element.parent == nil && attribute.localName == "schemaVersion"
        return valueError(
            error, value: attribute.value, field: "\(element.placeText)/@\(attribute.name)",
            pointer: attribute.pointer, location: attribute.location, detail: detail, isVersion: isVersion)
    }

    /// An attribute `name` the element does not take, placed at the attribute when the tree has it.
    private func unknownAttribute(_ name: String, of element: XMLTreeElement, _ attribute: XMLTreeAttribute?) -> Diagnostic {
        DiagnosticRule.unknownField.diagnostic(
            th: "\(element.placeText)/@\(name): องค์ประกอบ <\(element.name)> ไม่มีแอตทริบิวต์นี้ในรูปแบบใบสมัคร",
            en: "\(element.placeText)/@\(name): <\(element.name)> has no such attribute in the format",
            at: attribute?.pointer ?? element.pointer, location: attribute?.location ?? element.location)
    }

    private func valueError(
        _ error: LibXMLError, value: String, field: String, pointer: String, location: SourceLocation,
        detail: String, isVersion: Bool
    ) -> Diagnostic {
        let shown = XMLMessages.shown(value)
        // libxml2's reason without its own way of naming the place, which the message names as `field`.
        let reason = "\(field): " + (detail.range(of: ": ").map { String(detail[$0.upperBound...]) } ?? detail)
        if isVersion {
            return DiagnosticRule.wrongVersion.diagnostic(
                th: "schemaVersion ต้องตรงกับรุ่นของเนมสเปซ (1 สำหรับ urn:psea:application:1, 2 สำหรับ urn:psea:application:2) แต่พบ '\(shown)'",
                en: detail, at: pointer, location: location)
        }
        if error.code == Self.enumeration {
            let (th, en) = XMLMessages.allowedValues(in: error.message)
            return DiagnosticRule.notInList.diagnostic(
                th: "ค่า '\(shown)' ของ \(field) ไม่อยู่ในรายการที่กำหนด ใช้ได้: \(th)".trimmingWhitespace,
                en: "\(field): the value '\(shown)' is not allowed; use one of: \(en)",
                at: pointer, location: location)
        }
        if Self.patternOrLength.contains(error.code) {
            let th =
                shown.isEmpty
                ? "\(field) ต้องไม่เว้นว่าง"
                : "ค่า '\(shown)' ของ \(field) ไม่ตรงตามรูปแบบหรือความยาวที่กำหนด"
            return DiagnosticRule.badText.diagnostic(th: th, en: reason, at: pointer, location: location)
        }
        if Self.datatype.contains(error.code),
            error.message.contains("'xs:date'") || error.message.contains("'xs:dateTime'")
        {
            // The same code the JSON Schema's date formats give, so both formats agree.
            return DiagnosticRule.badDate.diagnostic(
                th: "ค่า '\(shown)' ของ \(field) ไม่ใช่วันที่หรือวันเวลาตามรูปแบบ ISO 8601 ที่มีอยู่จริง", en: reason,
                at: pointer, location: location)
        }
        if Self.datatype.contains(error.code) {
            let expected = XMLMessages.thaiType(in: error.message).map { " ต้องเป็น\($0)" } ?? ""
            return DiagnosticRule.wrongType.diagnostic(
                th: "ค่า '\(shown)' ของ \(field) มีชนิดข้อมูลไม่ถูกต้อง\(expected)", en: reason, at: pointer, location: location)
        }
        return DiagnosticRule.schemaOther.diagnostic(
            th: "\(field) ไม่ตรงตามสคีมาของใบสมัคร (ค่า '\(shown)')", en: reason, at: pointer, location: location)
    }

    /// "Missing child element(s)" (reported at the parent) or "This element is not expected" (at the element).
    /// An unexpected element that belongs later in its parent's order means the expected one is missing.
    private func contentError(_ error: LibXMLError, element: XMLTreeElement, detail: String) -> (String, Diagnostic) {
        let expected = XMLMessages.expectedNames(in: error.message)
        let expectedText = expected.map { "<\($0)>" }.joined(separator: ", ")
        if error.message.contains("Missing child element"), let missing = expected.last {
            return ("\(error.node)/\(missing)", missingChild(missing, parent: element, detail: detail))
        }
        if let parent = element.parent, let order = XMLShape.childOrder[parent.name],
            let here = order.firstIndex(of: element.name), let missing = expected.last,
            let wanted = order.firstIndex(of: missing), wanted < here
        {
            if parent.child(missing) == nil {
                return ("\(parent.node)/\(missing)", missingChild(missing, parent: parent, detail: detail))
            }
            return (
                "\(error.node)",
                DiagnosticRule.unknownField.diagnostic(
                    th: "องค์ประกอบ <\(element.name)> อยู่ผิดลำดับใน <\(parent.name)> ต้องมาหลัง <\(missing)>",
                    en: "\(detail) <\(element.name)> is out of order: it must come after <\(missing)>",
                    about: element)
            )
        }
        guard let parent = element.parent else {
            let hint = expected.isEmpty ? "" : " (ที่ควรพบคือ \(expectedText))"
            return (
                "\(error.node)",
                DiagnosticRule.unknownField.diagnostic(
                    th: "ไม่ควรมีองค์ประกอบ <\(element.name)> ที่ตำแหน่งนี้\(hint)", en: detail, about: element)
            )
        }
        return ("\(error.node)", unexpected(element, in: parent, expected: expected))
    }

    /// An element its parent does not take there, with the elements the parent takes (in the contract's order) in
    /// place of libxml2's message, which often lists none.
    private func unexpected(_ element: XMLTreeElement, in parent: XMLTreeElement, expected: [String]) -> Diagnostic {
        let (tag, parentTag) = ("<\(element.name)>", "<\(parent.name)>")
        let allowed = XMLShape.allowedChildren(of: parent) ?? expected
        guard !allowed.isEmpty else {
            return DiagnosticRule.unknownField.diagnostic(
                th: "องค์ประกอบ \(parentTag) ไม่มีองค์ประกอบย่อย ให้ลบ \(tag) ออก",
                en: "\(parentTag) takes no child elements: remove \(tag)", about: element)
        }
        let list = allowed.map { "<\($0)>" }.joined(separator: ", ")
        if allowed.contains(element.name) {
            return DiagnosticRule.unknownField.diagnostic(
                th: "องค์ประกอบ \(tag) ซ้ำหรืออยู่ผิดตำแหน่งใน \(parentTag) องค์ประกอบย่อยของ \(parentTag) ต้องเรียงตามลำดับนี้: \(list)",
                en: "\(tag) is repeated or out of place in \(parentTag); the elements of \(parentTag) come in this order: \(list)",
                about: element)
        }
        return DiagnosticRule.unknownField.diagnostic(
            th: "องค์ประกอบ \(tag) ไม่มีในรูปแบบใบสมัครที่ตำแหน่งนี้ องค์ประกอบที่ใช้ได้ใน \(parentTag) คือ \(list) (ตามลำดับนี้)",
            en: "\(tag) is not expected in \(parentTag); the elements allowed in \(parentTag) are \(list) (in this order)",
            about: element)
    }

    private func missingChild(_ name: String, parent: XMLTreeElement, detail: String) -> Diagnostic {
        if let member = XMLShape.listMembers[name], member.container == parent.name {
            return DiagnosticRule.tooFew.diagnostic(
                th: "<\(parent.name)> ต้องมี <\(name)> อย่างน้อยหนึ่งรายการ",
                en: "<\(parent.name)> needs at least one <\(name)>", about: parent)
        }
        return DiagnosticRule.missingField.diagnostic(
            th: "องค์ประกอบ <\(parent.name)> ขาดองค์ประกอบย่อยที่จำเป็น <\(name)>",
            en: "<\(parent.name)> is missing the required child <\(name)> (\(detail))",
            at: XMLShape.childPointer(parent: parent, name: name), location: parent.location)
    }
}

extension DiagnosticRule {
    /// A finding about `element` itself: at its pointer and its place in the file.
    fileprivate func diagnostic(th: String, en: String, about element: XMLTreeElement) -> Diagnostic {
        diagnostic(th: th, en: en, at: element.pointer, location: element.location)
    }
}
