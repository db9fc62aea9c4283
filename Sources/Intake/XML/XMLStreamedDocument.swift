import CLibXML2
import Foundation
import Model

/// A clean XML application read in one pass of libxml2's SAX parser with the XSD validator plugged into the same
/// events: no libxml2 tree is built or freed. Elements, their own text and their attributes are copied into a few
/// flat arrays as they stream past, which `StreamedElement` then hands to the shared `XMLModelMapper`.
/// Only the fast path uses it: any error, warning or form it does not read (a DTD, an entity reference it cannot
/// resolve) makes `parse` return nil, and the file goes through the full pipeline instead.
struct StreamedDocument {
    struct Node {
        var name: Range<Int32>
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var next: Int32 = -1
        var firstText: Int32 = -1
        var lastText: Int32 = -1
        var attributes: Range<Int32>
    }

    /// A run of an element's own text in `bytes`; `next` links the runs of one element (text split by a child).
    struct Segment {
        var bytes: Range<Int32>
        var next: Int32 = -1
    }

    struct Attribute {
        var name: Range<Int32>
        var value: Range<Int32>
        var hasNamespace: Bool
    }

    /// Names, texts and attribute values, UTF-8, one after the other.
    let bytes: [UInt8]
    /// Elements in document order; the root is element 0.
    let nodes: [Node]
    let segments: [Segment]
    let attributes: [Attribute]

    fileprivate init(_ builder: Builder) {
        bytes = Array(builder.bytes.buffer)
        nodes = builder.nodes
        segments = builder.segments
        attributes = builder.attributes
    }

    /// Runs `body` with the root element; the elements it is given are valid only inside `body`.
    func withRoot<T>(_ body: (StreamedElement) -> T) -> T {
        bytes.withUnsafeBufferPointer { bytes in
            nodes.withUnsafeBufferPointer { nodes in
                segments.withUnsafeBufferPointer { segments in
                    attributes.withUnsafeBufferPointer { attributes in
                        body(
                            StreamedElement(
                                document: View(bytes: bytes, nodes: nodes, segments: segments, attributes: attributes), index: 0))
                    }
                }
            }
        }
    }

    /// The document's arrays as buffers, so that walking the elements costs no reference counting.
    struct View {
        let bytes: UnsafeBufferPointer<UInt8>
        let nodes: UnsafeBufferPointer<Node>
        let segments: UnsafeBufferPointer<Segment>
        let attributes: UnsafeBufferPointer<Attribute>
    }

    /// The parse options of the stream: no network, as for the reader's tree. CDATA is not merged by the parser
    /// (`XML_PARSE_NOCDATA` would hand it to `characters` unchecked): the builder checks it and merges it itself.
    private static let parseOptions = Int32(bitPattern: XML_PARSE_NONET.rawValue)

    /// Parses and validates `bytes` in one pass; nil when libxml2 reported anything (syntax, schema, even a
    /// warning), when the root is not `<application>` in the application namespace, when the document declares
    /// an encoding other than UTF-8 or needed converting, when a text holds a character `TextCheck` reports, or
    /// when it holds something the stream does not read.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> StreamedDocument? {
        // The schema is chosen before the stream starts, from the namespace the root's start tag declares; the
        // builder then checks that the root really is in it (anything unusual goes to the full pipeline).
        let version = XMLSourceScanner.declaredFormatVersion(in: bytes)
        guard let schema = LibXML.applicationSchema(version: version), let base = bytes.baseAddress, bytes.count <= Int(Int32.max)
        else { return nil }
        var builder = Builder(capacity: bytes.count, namespace: Application.xmlNamespace(version: version))
        defer { builder.bytes.deallocate() }
        let collector = LibXMLErrorCollector()
        let parsed: Bool = withUnsafeMutablePointer(to: &builder) { builderPointer in
            collector.capturing {
                guard let validation = xmlSchemaNewValidCtxt(schema.pointer) else { return false }
                defer { xmlSchemaFreeValidCtxt(validation) }
                xmlSchemaSetValidStructuredErrors(validation, LibXMLErrorCollector.handler, collector.userData)
                var handler = Builder.makeHandler()
                return withUnsafeMutablePointer(to: &handler) { handlerPointer -> Bool in
                    var sax: xmlSAXHandlerPtr? = handlerPointer
                    var userData: UnsafeMutableRawPointer? = UnsafeMutableRawPointer(builderPointer)
                    guard let plug = xmlSchemaSAXPlug(validation, &sax, &userData) else { return false }
                    defer { xmlSchemaSAXUnplug(plug) }
                    guard let parser = xmlCreatePushParserCtxt(sax, userData, nil, 0, nil) else { return false }
                    defer { xmlFreeParserCtxt(parser) }
                    xmlCtxtUseOptions(parser, parseOptions)
                    let status = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        xmlParseChunk(parser, $0, Int32(bytes.count), 1)
                    }
                    return status == 0 && parser.pointee.wellFormed != 0 && xmlSchemaIsValid(validation) == 1
                        && parser.pointee.input?.pointee.buf?.pointee.encoder == nil
                        && XMLApplicationReader.isAccepted(encoding: parser.pointee.encoding)
                }
            }
        }
        guard parsed, collector.errors.isEmpty, collector.dropped == 0, !builder.refused, builder.rootIsApplication,
            builder.open.isEmpty, !builder.nodes.isEmpty,
            !UnicodeText.mayNeedCare(builder.bytes.buffer, controlsRefused: true)
        else { return nil }
        return StreamedDocument(builder)
    }

    /// The builder's bytes, copied with `memcpy` into storage it grows itself: `Array.append(contentsOf:)` cost
    /// about ninety instructions a call, a fifth of the builder's work on a clean file. Owned by one parse, which
    /// deallocates it once the document has its copy.
    struct ByteStore {
        private(set) var base: UnsafeMutablePointer<UInt8>
        private(set) var count = 0
        private var capacity: Int

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

        mutating func append(_ source: UnsafePointer<UInt8>, count added: Int) {
            reserve(added)
            (base + count).initialize(from: source, count: added)
            count += added
        }

        mutating func append(_ byte: UInt8) {
            reserve(1)
            (base + count).initialize(to: byte)
            count += 1
        }

        private mutating func reserve(_ added: Int) {
            guard count + added > capacity else { return }
            capacity = Swift.max(capacity * 2, count + added)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.initialize(from: base, count: count)
            base.deallocate()
            base = grown
        }

        func deallocate() { base.deallocate() }
    }

    /// Collects the SAX events of one parse. libxml2 is handed a pointer to it as the `void *` user data, valid
    /// for the one parse on one thread.
    fileprivate struct Builder {
        var bytes: ByteStore
        var nodes: [Node] = []
        var segments: [Segment] = []
        var attributes: [Attribute] = []
        /// The elements open at the current point of the stream, innermost last.
        var open: [Int32] = []
        var rootIsApplication = false
        /// The namespace the root must be in: that of the schema the stream is validated against.
        let namespace: String
        /// Set when the stream met something the fast path leaves to the full pipeline.
        var refused = false

        init(capacity: Int, namespace: String) {
            self.namespace = namespace
            bytes = ByteStore(capacity: capacity)
            nodes.reserveCapacity(capacity / 64)
            segments.reserveCapacity(capacity / 64)
            attributes.reserveCapacity(capacity / 128)
        }

        private mutating func append(_ pointer: UnsafePointer<xmlChar>, count: Int) -> Range<Int32> {
            let start = Int32(bytes.count)
            bytes.append(pointer, count: count)
            return start..<Int32(bytes.count)
        }

        mutating func start(
            name: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?, attributeCount: Int,
            attributeFields: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
        ) {
            let index = Int32(nodes.count)
            if let parent = open.last {
                let last = nodes[Int(parent)].lastChild
                if last >= 0 { nodes[Int(last)].next = index } else { nodes[Int(parent)].firstChild = index }
                nodes[Int(parent)].lastChild = index
            } else if index == 0 {
                rootIsApplication = Self.equals(name, "application") && namespace.map { Self.equals($0, self.namespace) } == true
            } else {
                refused = true
            }
            let firstAttribute = Int32(attributes.count)
            if let attributeFields {
                for offset in 0..<attributeCount {
                    // Five fields per attribute: local name, prefix, namespace, start and end of the value.
                    let fields = attributeFields + offset * 5
                    guard let localName = fields[0], let value = fields[3], let end = fields[4] else {
                        refused = true
                        continue
                    }
                    let name = append(localName, count: strlen(localName))
                    let range = self.value(value, count: value.distance(to: end))
                    attributes.append(Attribute(name: name, value: range, hasNamespace: fields[2] != nil))
                }
            }
            let name = append(name, count: strlen(name))
            nodes.append(Node(name: name, attributes: firstAttribute..<Int32(attributes.count)))
            open.append(index)
        }

        /// Copies an attribute value. libxml2 hands over every reference already replaced except one: a `&` (from
        /// `&amp;` or `&#38;`) comes as the text `&#38;`, which its tree builder decodes again; so does this.
        private mutating func value(_ value: UnsafePointer<xmlChar>, count: Int) -> Range<Int32> {
            guard memchr(value, 0x26, count) != nil else { return append(value, count: count) }
            let source = UnsafeBufferPointer(start: value, count: count)
            let start = Int32(bytes.count)
            let ampersand: [UInt8] = Array("&#38;".utf8)
            var index = 0
            while index < count {
                if source[index] == 0x26 {
                    guard index + 5 <= count, ampersand.elementsEqual(source[index..<index + 5]) else {
                        refused = true
                        return start..<start
                    }
                    bytes.append(0x26)
                    index += 5
                } else {
                    bytes.append(source[index])
                    index += 1
                }
            }
            return start..<Int32(bytes.count)
        }

        mutating func end() {
            if open.popLast() == nil { refused = true }
        }

        mutating func characters(_ pointer: UnsafePointer<xmlChar>, count: Int) {
            guard let element = open.last.map(Int.init) else { return }
            let range = append(pointer, count: count)
            let last = nodes[element].lastText
            if last >= 0, segments[Int(last)].bytes.upperBound == range.lowerBound {
                segments[Int(last)].bytes = segments[Int(last)].bytes.lowerBound..<range.upperBound
                return
            }
            let index = Int32(segments.count)
            segments.append(Segment(bytes: range))
            if last >= 0 { segments[Int(last)].next = index } else { nodes[element].firstText = index }
            nodes[element].lastText = index
        }

        /// Whether a NUL-terminated libxml2 string is `wanted`.
        private static func equals(_ string: UnsafePointer<xmlChar>, _ wanted: String) -> Bool {
            UnsafeBufferPointer(start: string, count: strlen(string)).elementsEqual(wanted.utf8)
        }

        static func from(_ context: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Builder> {
            context.assumingMemoryBound(to: Builder.self)
        }

        /// The SAX2 handler: elements, text (CDATA comes as text, once checked) and, so that the fast
        /// path steps aside, a DOCTYPE or an entity reference left unreplaced.
        static func makeHandler() -> xmlSAXHandler {
            var handler = xmlSAXHandler()
            handler.initialized = UInt32(XML_SAX2_MAGIC)
            handler.startElementNs = { context, name, _, namespace, _, _, attributeCount, _, attributes in
                guard let context, let name else { return }
                Builder.from(context).pointee.start(
                    name: name, namespace: namespace, attributeCount: Int(attributeCount),
                    attributeFields: attributes)
            }
            handler.endElementNs = { context, _, _, _ in
                guard let context else { return }
                Builder.from(context).pointee.end()
            }
            handler.characters = { context, text, count in
                guard let context, let text, count > 0 else { return }
                Builder.from(context).pointee.characters(text, count: Int(count))
            }
            handler.ignorableWhitespace = handler.characters
            // The push parser hands CDATA over as it stands in the file after a check that lets overlong UTF-8
            // forms through (`C0 AF` for `/`), where the full pipeline's parser reports them: such a section sends
            // the file to the full pipeline, and no string is ever made of bytes that are not UTF-8.
            handler.cdataBlock = { context, text, count in
                guard let context, let text, count > 0 else { return }
                let bytes = UnsafeBufferPointer(start: text, count: Int(count))
                if (try? UTF8Span(validating: Span(_unsafeElements: bytes))) == nil {
                    Builder.from(context).pointee.refused = true
                } else {
                    Builder.from(context).pointee.characters(text, count: Int(count))
                }
            }
            handler.reference = { context, _ in
                guard let context else { return }
                Builder.from(context).pointee.refused = true
            }
            handler.internalSubset = { context, _, _, _ in
                guard let context else { return }
                Builder.from(context).pointee.refused = true
            }
            handler.externalSubset = handler.internalSubset
            return handler
        }
    }
}

/// An element of a `StreamedDocument`: names are compared as bytes and Swift strings are made only for the values
/// the model keeps. Its pointers are empty: the fast path only asks whether the mapping had anything to report, and
/// then hands the file to the full pipeline.
struct StreamedElement: XMLMappingElement {
    let document: StreamedDocument.View
    let index: Int32

    private var node: StreamedDocument.Node { document.nodes[Int(index)] }

    var name: String { XMLText.string(document.bytes, node.name, trimmed: false) }
    var text: String { string(trimmed: false) }
    var trimmedText: String { string(trimmed: true) }
    var pointer: String { "" }

    func child(_ name: String) -> StreamedElement? {
        withBytes(of: name) { name in
            var child = node.firstChild
            while child >= 0 {
                if isNamed(document.nodes[Int(child)].name, name) { return StreamedElement(document: document, index: child) }
                child = document.nodes[Int(child)].next
            }
            return nil
        }
    }

    func children(_ name: String) -> [StreamedElement] {
        withBytes(of: name) { name in
            var found: [StreamedElement] = []
            var child = node.firstChild
            while child >= 0 {
                if isNamed(document.nodes[Int(child)].name, name) { found.append(StreamedElement(document: document, index: child)) }
                child = document.nodes[Int(child)].next
            }
            return found
        }
    }

    func attribute(_ name: String) -> StreamedAttribute? {
        withBytes(of: name) { name in
            for index in node.attributes {
                let attribute = document.attributes[Int(index)]
                if !attribute.hasNamespace, isNamed(attribute.name, name) { return StreamedAttribute(document: document, attribute: attribute) }
            }
            return nil
        }
    }

    func childPointer(_ name: String) -> String { "" }
    func attributePointer(_ name: String) -> String { "" }

    /// Runs `body` with the UTF-8 of `name`, taken once for a whole walk over the siblings or attributes.
    private func withBytes<T>(of name: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var name = name
        return name.withUTF8(body)
    }

    /// Whether `bytes[range]` is `wanted`: lengths first, so that most names are told apart without reading them.
    private func isNamed(_ range: Range<Int32>, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        wanted.count == range.count
            && (wanted.isEmpty || memcmp(document.bytes.baseAddress! + Int(range.lowerBound), wanted.baseAddress!, wanted.count) == 0)
    }

    /// The element's own text: its runs joined (as `XMLTreeBuilder` joins its text children), optionally trimmed.
    private func string(trimmed: Bool) -> String {
        let first = node.firstText
        guard first >= 0 else { return "" }
        let segment = document.segments[Int(first)]
        guard segment.next >= 0 else { return XMLText.string(document.bytes, segment.bytes, trimmed: trimmed) }
        var joined: [UInt8] = []
        var current = first
        while current >= 0 {
            let range = document.segments[Int(current)].bytes
            joined.append(contentsOf: UnsafeBufferPointer(rebasing: document.bytes[Int(range.lowerBound)..<Int(range.upperBound)]))
            current = document.segments[Int(current)].next
        }
        return joined.withUnsafeBufferPointer { XMLText.string($0, trimmed: trimmed) }
    }
}

/// An attribute of a `StreamedElement`, its value already decoded.
struct StreamedAttribute: XMLMappingAttribute {
    let document: StreamedDocument.View
    let attribute: StreamedDocument.Attribute

    var localName: String { XMLText.string(document.bytes, attribute.name, trimmed: false) }
    var value: String { XMLText.string(document.bytes, attribute.value, trimmed: false) }
    var trimmedValue: String { XMLText.string(document.bytes, attribute.value, trimmed: true) }
    var pointer: String { "" }

    /// Splits at the separator bytes directly when the value is ASCII without a carriage return, where every
    /// character is one byte and the split is the same as by `Character`; any other value takes the general way.
    var ids: [String] {
        let value = UnsafeBufferPointer(rebasing: document.bytes[Int(attribute.value.lowerBound)..<Int(attribute.value.upperBound)])
        guard !value.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return Self.ids(in: self.value) }
        // One pass, each id copied straight from the bytes (no array of slices between).
        var ids: [String] = []
        var start = 0
        for index in 0...value.count where index == value.count || value[index] == 0x20 || value[index] == 0x09 || value[index] == 0x0A {
            if index > start { ids.append(XMLText.copied(UnsafeBufferPointer(rebasing: value[start..<index]))) }
            start = index + 1
        }
        return ids
    }
}

/// Swift strings from UTF-8 that libxml2 has already checked, trimmed the way the full pipeline trims.
enum XMLText {
    /// `bytes[range]` as a string, optionally without leading and trailing white space.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int32>, trimmed: Bool) -> String {
        string(UnsafeBufferPointer(rebasing: bytes[Int(range.lowerBound)..<Int(range.upperBound)]), trimmed: trimmed)
    }

    /// ASCII white space is cut at the byte level before the string is made, and `trimmingWhitespace` finishes the
    /// job (it removes a superset of those bytes at the ends, so the result is the same as trimming the whole text).
    /// Its own first test, `UTF8Whitespace.surelyTrimmed`, is asked of the bytes already, so the usual text (a
    /// letter, digit or Thai character at each end) is copied once and not looked at again.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, trimmed: Bool) -> String {
        guard trimmed else { return copied(bytes) }
        var start = 0, end = bytes.count
        while start < end, UTF8Whitespace.isASCIIWhitespace(bytes[start]) { start += 1 }
        while end > start, UTF8Whitespace.isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
        return UTF8Whitespace.surelyTrimmed(text) ? copied(text) : copied(text).trimmingWhitespace
    }

    /// `bytes` as a string, copied without validating them again. Every byte of a streamed document came from
    /// libxml2 in whole characters, and libxml2 reports any text, name or attribute value that is not UTF-8
    /// (overlong forms, surrogates and values past U+10FFFF included) as an error, which keeps the file off the
    /// fast path; CDATA, which its push parser checks less, the builder validates itself (`XMLFastPathTests`
    /// holds both to that). Validating each string again cost a sixth of psea's own work on a clean file. Only
    /// whether the text is ASCII is looked at, as the standard library would.
    static func copied(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var text = UTF8Span(unchecked: Span(_unsafeElements: bytes))
        _ = text.checkForASCII()
        return String(copying: text)
    }
}
