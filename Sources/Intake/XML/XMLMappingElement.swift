import CSystem
import Foundation
import Model

/// What `XMLModelMapper` reads from an element. The Swift tree of the full pipeline and libxml2's own nodes (the
/// fast path for clean files) both provide it, so one mapping serves both and they cannot disagree.
protocol XMLMappingElement {
    associatedtype Attribute: XMLMappingAttribute
    /// The local name, as the messages show it.
    var name: String { get }
    /// The concatenated text of the element's own text and CDATA children, untrimmed.
    var text: String { get }
    /// `text` without leading and trailing white space (`String.trimmingWhitespace`).
    var trimmedText: String { get }
    /// The element's model pointer (for messages).
    var pointer: String { get }
    /// The first child element with this local name.
    func child(_ name: String) -> Self?
    /// The child elements with this local name, in document order.
    func children(_ name: String) -> [Self]
    /// The attribute with this local name and no namespace.
    func attribute(_ name: String) -> Attribute?
    /// The model pointer of a (missing) child called `name`.
    func childPointer(_ name: String) -> String
    /// The model pointer of a (missing or unusable) attribute called `name`.
    func attributePointer(_ name: String) -> String
}

/// What `XMLModelMapper` reads from an attribute.
protocol XMLMappingAttribute {
    var localName: String { get }
    var value: String { get }
    /// `value` without leading and trailing white space (`String.trimmingWhitespace`).
    var trimmedValue: String { get }
    var pointer: String { get }
    /// The value as a list of ids: split at space, tab, line feed and carriage return (as characters).
    var ids: [String] { get }
}

extension XMLMappingAttribute {
    var ids: [String] { Self.ids(in: value) }

    /// `text` split into ids the way the mapping always has: by `Character`, so that a separator joined to a
    /// combining mark, or "\r\n" (one character), does not split.
    static func ids(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
    }
}

extension XMLTreeElement: XMLMappingElement {
    var trimmedText: String { text.trimmingWhitespace }
    func childPointer(_ name: String) -> String { XMLShape.childPointer(parent: self, name: name) }
    func attributePointer(_ name: String) -> String { XMLShape.attributePointer(element: self, name: name) }
}

extension XMLTreeAttribute: XMLMappingAttribute {
    var trimmedValue: String { value.trimmingWhitespace }
}

/// An element of a parsed libxml2 document, read in place: names are compared as bytes and Swift strings are made
/// only for the values the model keeps. Valid only while its document lives. Its pointers are empty: the fast path
/// that uses it only asks whether the mapping had anything to report, and then hands the file to the full pipeline.
struct LibXMLElement: XMLMappingElement {
    let node: xmlNodePtr

    var name: String { node.pointee.name.map { String(cString: $0) } ?? "" }

    var text: String { Self.string(textOf: node, trimmed: false) }
    var trimmedText: String { Self.string(textOf: node, trimmed: true) }
    var pointer: String { "" }

    func child(_ name: String) -> LibXMLElement? {
        name.withCString { wanted in
            var current = node.pointee.children
            while let child = current {
                if child.pointee.type == XML_ELEMENT_NODE, Self.named(child.pointee.name, wanted) {
                    return LibXMLElement(node: child)
                }
                current = child.pointee.next
            }
            return nil
        }
    }

    func children(_ name: String) -> [LibXMLElement] {
        name.withCString { wanted in
            var found: [LibXMLElement] = []
            var current = node.pointee.children
            while let child = current {
                if child.pointee.type == XML_ELEMENT_NODE, Self.named(child.pointee.name, wanted) {
                    found.append(LibXMLElement(node: child))
                }
                current = child.pointee.next
            }
            return found
        }
    }

    func attribute(_ name: String) -> LibXMLAttribute? {
        name.withCString { wanted in
            var current = node.pointee.properties
            while let property = current {
                if property.pointee.ns == nil, Self.named(property.pointee.name, wanted) {
                    return LibXMLAttribute(node: node, property: property)
                }
                current = property.pointee.next
            }
            return nil
        }
    }

    func childPointer(_ name: String) -> String { "" }
    func attributePointer(_ name: String) -> String { "" }

    /// Whether a libxml2 name equals `wanted` (both NUL-terminated UTF-8).
    static func named(_ name: UnsafePointer<xmlChar>?, _ wanted: UnsafePointer<CChar>) -> Bool {
        guard let name else { return false }
        return name.withMemoryRebound(to: CChar.self, capacity: 1) { strcmp($0, wanted) == 0 }
    }

    /// The text of `node`'s own text and CDATA children as one string (as `XMLTreeBuilder` concatenates it),
    /// optionally trimmed. The common case, one text child, is read without an intermediate copy; ASCII white
    /// space is cut at the byte level before the string is made, and `trimmingWhitespace` finishes the job (it
    /// removes a superset of those bytes at the ends, so the result is the same as trimming the whole text).
    static func string(textOf node: xmlNodePtr, trimmed: Bool) -> String {
        var single: UnsafePointer<xmlChar>?
        var count = 0
        var current = node.pointee.children
        while let child = current {
            if child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE, let content = child.pointee.content {
                single = UnsafePointer(content)
                count += 1
            }
            current = child.pointee.next
        }
        guard let single else { return "" }
        if count == 1 { return string(single, trimmed: trimmed) }
        var joined: [UInt8] = []
        current = node.pointee.children
        while let child = current {
            if child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE, let content = child.pointee.content {
                joined.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
            }
            current = child.pointee.next
        }
        return joined.withUnsafeBufferPointer { string(bytes: $0, trimmed: trimmed) }
    }

    /// A NUL-terminated libxml2 string as a Swift string, optionally trimmed.
    static func string(_ content: UnsafePointer<xmlChar>, trimmed: Bool) -> String {
        string(bytes: UnsafeBufferPointer(start: content, count: strlen(content)), trimmed: trimmed)
    }

    private static func string(bytes: UnsafeBufferPointer<UInt8>, trimmed: Bool) -> String {
        guard trimmed else { return String(decoding: bytes, as: UTF8.self) }
        var start = 0, end = bytes.count
        while start < end, isASCIIWhitespace(bytes[start]) { start += 1 }
        while end > start, isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard start < end, isSurelyNotWhitespace(lead: bytes[start]), let last = leadOfLastScalar(bytes, start: start, end: end),
              isSurelyNotWhitespace(lead: last) else { return text.trimmingWhitespace }
        return text
    }

    /// True when a scalar starting with `lead` cannot be white space: ASCII (the white space among it has been cut
    /// already) or U+0800–U+0FFF (lead byte E0: Thai and other scripts, no white space). Other scalars are left
    /// to `trimmingWhitespace`.
    private static func isSurelyNotWhitespace(lead: UInt8) -> Bool {
        lead < 0x80 || lead == 0xE0
    }

    /// The first byte of the last scalar of `bytes[start..<end]`, stepping back over at most three continuation
    /// bytes; nil when that does not find one.
    private static func leadOfLastScalar(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> UInt8? {
        var index = end - 1
        while index > start, index >= end - 3, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        let byte = bytes[index]
        return byte & 0xC0 == 0x80 ? nil : byte
    }

    /// The ASCII scalars `trimmingWhitespace` removes: space and U+0009–U+000D.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}

/// An attribute of a libxml2 element, read in place.
struct LibXMLAttribute: XMLMappingAttribute {
    let node: xmlNodePtr
    let property: xmlAttrPtr

    var localName: String { property.pointee.name.map { String(cString: $0) } ?? "" }
    var value: String { read(trimmed: false) }
    var trimmedValue: String { read(trimmed: true) }
    var pointer: String { "" }

    /// Splits at the separator bytes directly when the value is ASCII without a carriage return, where every
    /// character is one byte and the split is the same as by `Character`; any other value takes the general way.
    var ids: [String] {
        guard let child = property.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE,
              let content = child.pointee.content else { return Self.ids(in: value) }
        let bytes = UnsafeBufferPointer(start: content, count: strlen(content))
        guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return Self.ids(in: value) }
        return bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A })
            .map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) }
    }

    /// The value as `XMLTreeBuilder` reads it (`xmlNodeListGetString` in line), straight from the one text child
    /// that an attribute without entity references has.
    private func read(trimmed: Bool) -> String {
        if let child = property.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE {
            guard let content = child.pointee.content else { return "" }
            return LibXMLElement.string(UnsafePointer(content), trimmed: trimmed)
        }
        guard let raw = xmlNodeListGetString(node.pointee.doc, property.pointee.children, 1) else { return "" }
        defer { psea_xmlFree(raw) }
        return LibXMLElement.string(UnsafePointer(raw), trimmed: trimmed)
    }
}
