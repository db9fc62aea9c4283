import CLibXML2
import Foundation
import Model

/// Reads an XML application (format version 1 or 2, told apart by the root's namespace) into the model: well-formedness with libxml2 (no DTDs, no
/// network), Thai-digit repair, XSD validation, then mapping, with every finding located in the source.
/// A clean file takes a fast path (parsed and validated in one stream without a tree, source places found only if
/// a business rule asks); anything at all to report sends the file through the full pipeline instead.
package enum XMLApplicationReader {
    /// Files above this size are refused before parsing (PSEA-E002); real applications are well under 1 MiB.
    package static let maxDocumentBytes = IntakeOptions.ceilingBytes

    /// Reads one XML document. Never throws and never prints: every problem is a diagnostic in the result.
    /// `application` is nil when the file is not well-formed or breaks the schema; Thai digits in numeric fields
    /// (PSEA-E025) are reported but read as their ASCII value, so the model is still produced for them.
    package static func read(_ data: Data) -> ReadResult {
        InputCheck.guarded(data, limit: maxDocumentBytes, readChecked)
    }

    /// `read` for a file that passed the shared input checks (`InputCheck`): size, emptiness and, when anything is
    /// reported, UTF-8 are the caller's.
    static func readChecked(_ data: Data) -> ReadResult {
        LibXML.ensureSetUp()
        // The limits are checked before libxml2 sees the bytes: within them no read costs more than linear time.
        if let breach = data.withUnsafeBytes({ XMLLimits.check($0.bindMemory(to: UInt8.self)) }) { return failed([breach]) }
        return readClean(data) ?? readFully(data)
    }

    /// The fast path for a clean file: parse and validate in one streaming pass (no libxml2 tree) and map the
    /// streamed elements to the model, recording no source places (they are found again from the bytes only if a
    /// business rule asks). Nil as soon as anything is reported (syntax, schema, Thai digits, mapping, even a
    /// warning): `readFully` then reads the file again and reports exactly what it always has.
    static func readClean(_ data: Data) -> ReadResult? {
        let application: Application? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard XMLSourceScanner.doctypePosition(in: bytes) == nil, let document = StreamedDocument.parse(bytes) else { return nil }
            var mapper = XMLModelMapper<StreamedElement>()
            let application = document.withRoot { mapper.map($0) }
            return mapper.diagnostics.isEmpty ? application : nil
        }
        guard let application else { return nil }
        return ReadResult(application: application, diagnostics: [], locating: { locate(data) })
    }

    /// The whole pipeline: every finding located in the source, and the source map of every element and attribute.
    static func readFully(_ data: Data) -> ReadResult {
        let bytes = [UInt8](data)
        // DTD-carrying files are refused before libxml2 sees them.
        if let doctype = bytes.withUnsafeBufferPointer({ XMLSourceScanner.doctypePosition(in: $0) }) {
            return failed([forbiddenDTD(at: doctype)])
        }
        let collector = LibXMLErrorCollector()
        let document: xmlDocPtr? = collector.capturing { bytes.withUnsafeBufferPointer { parse($0) } }
        defer { if let document { xmlFreeDoc(document) } }

        if let document, document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            return failed([forbiddenDTD(at: TextPosition(line: 1, column: 1))])
        }
        let parseErrors = collector.errors.filter { !$0.isWarning }
        guard let document, parseErrors.isEmpty, let root = xmlDocGetRootElement(document) else {
            return failed(notWellFormed(parseErrors, dropped: collector.dropped, bytes: bytes))
        }
        if !hasAcceptedEncoding(document) {
            let encoding = document.pointee.encoding.map { String(cString: $0) } ?? ""
            return failed([
                DiagnosticRule.notUTF8.diagnostic(
                    th: "ไฟล์ประกาศการเข้ารหัสเป็น \(encoding) แต่ใบสมัครต้องเป็น UTF-8 ให้บันทึกไฟล์ใหม่เป็นแบบ UTF-8 และแก้การประกาศเป็น encoding=\"UTF-8\"",
                    en: "the file declares the encoding \(encoding); applications are UTF-8: save the file as UTF-8 and declare encoding=\"UTF-8\"",
                    location: SourceLocation(line: 1, column: 1, path: ""))
            ])
        }

        var builder = XMLTreeBuilder(tags: XMLSourceScanner.startTags(in: bytes))
        let tree = builder.build(root: root)
        var sourceMap = SourceMap()
        record(tree, in: &sourceMap)

        guard tree.name == "application", let version = Application.formatVersion(xmlNamespace: tree.namespace) else {
            let found = tree.namespace.map { "{\($0)}\(tree.name)" } ?? tree.name
            return ReadResult(
                application: nil,
                diagnostics: [
                    DiagnosticRule.wrongVersion.diagnostic(
                        th: "องค์ประกอบรากต้องเป็น <application> ในเนมสเปซ \(namespaces) แต่พบ <\(found)>",
                        en: "the root element must be <application> in the namespace \(namespaces), found <\(found)>",
                        at: "", location: tree.location)
                ], sourceMap: sourceMap)
        }

        var diagnostics = builder.diagnostics
        diagnostics += validate(document, version: version, builder: builder)
        if !diagnostics.contains(where: { $0.severity == .error && $0.code != DiagnosticRule.thaiDigits.code }) {
            var mapper = XMLModelMapper<XMLTreeElement>()
            let application = mapper.map(tree)
            diagnostics += sourceMap.locate(mapper.diagnostics)
            if !mapper.diagnostics.contains(where: { $0.severity == .error }) {
                return ReadResult(application: application, diagnostics: sorted(diagnostics), sourceMap: sourceMap)
            }
            return ReadResult(application: nil, diagnostics: sorted(diagnostics), sourceMap: sourceMap)
        }
        // The schema refused something: the mapper reads the rest (a refused value becomes its stand-in) so the
        // business rules still run, and no finding hides another.
        var mapper = XMLModelMapper<XMLTreeElement>()
        let partial = mapper.map(tree)
        return ReadResult(application: nil, diagnostics: sorted(diagnostics), sourceMap: sourceMap, partial: partial)
    }

    /// The source map `readFully` records, for a file the fast path accepted (well-formed, no DOCTYPE): the same
    /// parse, the same tree and the same recording, done only when a business rule has something to place.
    static func locate(_ data: Data) -> SourceMap {
        LibXML.ensureSetUp()
        let bytes = [UInt8](data)
        let collector = LibXMLErrorCollector()
        guard let document = collector.capturing({ bytes.withUnsafeBufferPointer { parse($0) } }) else { return SourceMap() }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return SourceMap() }
        var builder = XMLTreeBuilder(tags: XMLSourceScanner.startTags(in: bytes))
        var sourceMap = SourceMap()
        record(builder.build(root: root), in: &sourceMap)
        return sourceMap
    }

    /// The namespaces of the format versions, for messages: `urn:psea:application:1 / urn:psea:application:2`.
    static var namespaces: String {
        Application.formatVersions.map { Application.xmlNamespace(version: $0) }.joined(separator: " / ")
    }

    /// The reader's parse options: no network, no DTD loading (libxml2 loads none unless asked), big line
    /// numbers, CDATA merged into text.
    private static let parseOptions = XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue

    /// Parses `bytes`; call inside a collector's `capturing`.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> xmlDocPtr? {
        let options = Int32(bitPattern: parseOptions)
        return bytes.baseAddress.flatMap { base in
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                xmlReadMemory($0, Int32(bytes.count), nil, nil, options)
            }
        }
    }

    /// Whether the document declares no encoding or UTF-8 (or its ASCII subset).
    private static func hasAcceptedEncoding(_ document: xmlDocPtr) -> Bool {
        isAccepted(encoding: document.pointee.encoding)
    }

    /// Whether a declared encoding (nil: none declared) is UTF-8 or its ASCII subset, the only ones applications use.
    static func isAccepted(encoding: UnsafePointer<xmlChar>?) -> Bool {
        guard let encoding else { return true }
        return ["UTF-8", "UTF8", "US-ASCII", "ASCII"].contains(String(cString: encoding).uppercased())
    }

    private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted(by: Diagnostic.sourceOrder)
    }

    private static func failed(_ diagnostics: [Diagnostic]) -> ReadResult {
        ReadResult(application: nil, diagnostics: sorted(diagnostics), sourceMap: SourceMap())
    }

    private static func forbiddenDTD(at position: TextPosition) -> Diagnostic {
        DiagnosticRule.xmlForbiddenDTD.diagnostic(
            th: "ใบสมัครต้องไม่มีการประกาศ DOCTYPE, DTD หรือเอนทิตี จึงไม่ได้อ่านเนื้อหาของไฟล์",
            en: "the application has a DOCTYPE declaration; DTDs and entities are not allowed, so its content was not read",
            location: SourceLocation(line: position.line, column: position.column, path: ""))
    }

    private static func notWellFormed(_ errors: [LibXMLError], dropped: Int, bytes: [UInt8]) -> [Diagnostic] {
        var diagnostics = errors.map { error in
            DiagnosticRule.xmlNotWellFormed.diagnostic(
                th: "\(XMLMessages.thaiWellFormedness(code: error.code, message: error.message)) (บรรทัด \(error.line) คอลัมน์ \(error.column))",
                en: error.message, location: SourceLocation(line: error.line, column: error.column, path: ""))
        }
        if diagnostics.isEmpty {
            diagnostics.append(
                DiagnosticRule.xmlNotWellFormed.diagnostic(
                    th: "ไม่พบองค์ประกอบรากของเอกสาร XML", en: "the document has no root element",
                    location: SourceLocation(line: 1, column: 1, path: "")))
        }
        if dropped > 0 {
            diagnostics.append(
                DiagnosticRule.xmlNotWellFormed.diagnostic(
                    th: "ยังมีข้อผิดพลาดอีก \(dropped) รายการที่ไม่ได้แสดง", en: "\(dropped) more errors were not listed",
                    location: SourceLocation(line: 1, column: 1, path: "")))
        }
        return diagnostics
    }

    /// Validates against the shared compiled schema with a fresh validation context (safe on several threads).
    private static func validate(_ document: xmlDocPtr, version: Int, builder: XMLTreeBuilder) -> [Diagnostic] {
        guard let schema = LibXML.applicationSchema(version: version) else {
            return [
                DiagnosticRule.schemaOther.diagnostic(
                    th: "ไม่สามารถโหลดสคีมาของใบสมัครได้", en: "the application schema could not be loaded",
                    location: SourceLocation(line: 1, column: 1, path: ""))
            ]
        }
        let collector = LibXMLErrorCollector()
        collector.capturing {
            guard let context = xmlSchemaNewValidCtxt(schema.pointer) else { return }
            defer { xmlSchemaFreeValidCtxt(context) }
            xmlSchemaSetValidStructuredErrors(context, LibXMLErrorCollector.handler, collector.userData)
            _ = xmlSchemaValidateDoc(context, document)
        }
        let translator = XMLSchemaErrorTranslator(elementsByNode: builder.elementsByNode, attributesByNode: builder.attributesByNode)
        var diagnostics = translator.translate(collector.errors)
        if collector.dropped > 0 {
            diagnostics.append(
                DiagnosticRule.schemaOther.diagnostic(
                    th: "ยังมีข้อผิดพลาดตามสคีมาอีก \(collector.dropped) รายการที่ไม่ได้แสดง",
                    en: "\(collector.dropped) more schema errors were not listed", location: SourceLocation(line: 1, column: 1, path: "")))
        }
        return diagnostics
    }

    /// Records the place of every element, attribute, member text and ref-list id under its model pointer.
    private static func record(_ root: XMLTreeElement, in map: inout SourceMap) {
        var stack = [root]
        while let element = stack.popLast() {
            map.record(element.pointer, element.location)
            if element.textPointer != element.pointer { map.record(element.textPointer, element.location) }
            for attribute in element.attributes where !attribute.hasNamespace {
                map.record(attribute.pointer, attribute.location)
                if attribute.localName.hasSuffix("Refs") {
                    let ids = attribute.value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                    for index in ids.indices { map.record(attribute.pointer + "/\(index)", attribute.location) }
                }
            }
            stack.append(contentsOf: element.children.reversed())
        }
    }
}
