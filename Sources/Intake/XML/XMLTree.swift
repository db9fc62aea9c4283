import CSystem
import Model

/// An attribute of the parsed document, with its place in the source, its XML path and its model pointer.
struct XMLTreeAttribute {
    /// The name as written (with its prefix, if any).
    var name: String
    var localName: String
    var hasNamespace: Bool
    var value: String
    var node: UInt
    var position: TextPosition?
    var path: String
    var pointer: String
}

/// An element of the parsed document in a Swift form the checks and the model mapping can walk: names, text,
/// attributes and, for every node, its source place, XML path and model pointer.
final class XMLTreeElement {
    let name: String
    let namespace: String?
    let node: UInt
    var attributes: [XMLTreeAttribute] = []
    var children: [XMLTreeElement] = []
    /// The concatenated text of the element's own text and CDATA children, untrimmed.
    var text = ""
    var position: TextPosition?
    var path = ""
    var pointer = ""
    /// Index among same-named siblings, 0-based.
    var siblingIndex = 0
    weak var parent: XMLTreeElement?

    init(name: String, namespace: String?, node: UInt) {
        self.name = name
        self.namespace = namespace
        self.node = node
    }

    func child(_ name: String) -> XMLTreeElement? { children.first { $0.name == name } }
    func children(_ name: String) -> [XMLTreeElement] { children.filter { $0.name == name } }
    func attribute(_ name: String) -> XMLTreeAttribute? { attributes.first { $0.localName == name && !$0.hasNamespace } }

    /// Where this element is, for a diagnostic.
    var location: SourceLocation {
        SourceLocation(line: position?.line ?? 0, column: position?.column ?? 0, path: path)
    }

    /// The element's place as messages write it (`PlaceText`): its path, each list member on the way followed by
    /// its id (a response's criterion) when it has one.
    var placeText: String {
        guard let parent else { return path }
        var own = String(path.dropFirst(parent.path.count))
        if own.hasSuffix("]"), let id = attribute(name == "response" ? "criterion" : "id")?.value.trimmingWhitespace, !id.isEmpty {
            own += "(\(id))"
        }
        return parent.placeText + own
    }

    /// The model pointer of the element's text content (for members whose text is a named field).
    var textPointer: String {
        switch name {
        case "objective": return pointer + "/text"
        case "group": return pointer + "/name"
        case "item": return pointer + "/title"
        case "response": return pointer + "/text"
        default: return pointer
        }
    }
}

extension XMLTreeAttribute {
    var location: SourceLocation {
        SourceLocation(line: position?.line ?? 0, column: position?.column ?? 0, path: path)
    }
}

/// The XML shape of the contract: which elements are list members and in which order children appear.
enum XMLShape {
    /// List member → its container element (nil: directly inside its owner, under the model key given).
    static let listMembers: [String: (container: String?, key: String)] = [
        "objective": ("objectives", ""), "area": ("areas", ""), "group": ("stakeholders", ""),
        "activity": ("activities", ""), "indicator": ("indicators", ""), "item": ("evidence", ""),
        "response": ("responses", ""),
        "measurement": (nil, "measurements"), "comparison": (nil, "comparisons"),
    ]

    /// Children of each element in contract order (used to tell a missing child from a misplaced one).
    static let childOrder: [String: [String]] = [
        "application": [
            "id", "awardYear", "category", "type", "submittedAt", "agency", "contact", "previousAward", "work",
            "stakeholders", "activities", "indicators", "sustainability", "lessons", "evidence", "responses", "declaration",
        ],
        "agency": ["name", "nameEn", "ministry", "province"],
        "contact": ["name", "position", "email", "phone"],
        "previousAward": ["title"],
        "work": ["title", "summary", "background", "objectives", "period", "areas"],
        "objectives": ["objective"], "areas": ["area"], "stakeholders": ["group"], "activities": ["activity"],
        "activity": ["title", "technique", "influence"],
        "indicators": ["indicator"],
        "indicator": ["name", "baseline", "target", "measurement", "comparison"],
        "evidence": ["item"], "responses": ["response"],
    ]

    /// Elements that take attributes or text but no child element.
    static let childless: Set<String> = [
        "id", "awardYear", "category", "type", "submittedAt", "name", "nameEn", "ministry", "province", "position",
        "email", "phone", "title", "summary", "background", "objective", "period", "area", "group", "technique",
        "influence", "baseline", "target", "measurement", "comparison", "sustainability", "lessons", "item",
        "response", "declaration",
    ]

    /// The child elements `element` takes, in contract order (a version 1 application has no `responses`); nil for
    /// an element the contract does not know.
    static func allowedChildren(of element: XMLTreeElement) -> [String]? {
        if let order = childOrder[element.name] {
            guard element.name == "application", element.namespace == Application.xmlNamespace(version: 1) else { return order }
            return order.filter { $0 != "responses" }
        }
        return childless.contains(element.name) ? [] : nil
    }

    /// Numeric and date attributes (any element) and numeric and date elements whose Thai digits are read as
    /// ASCII digits, with a warning.
    static let numericAttributes: Set<String> = ["year", "value", "count", "participants", "schemaVersion", "start", "end", "date"]
    static let numericElements: Set<String> = ["awardYear", "submittedAt"]

    /// A pointer token, escaped only when it needs it (element names rarely hold `~` or `/`).
    static func escape(_ token: String) -> String {
        token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) ? Pointer.escape(token) : token
    }

    /// The model pointer of a child called `name` of an element at `parentPointer` (for missing children).
    static func childPointer(parent: XMLTreeElement, name: String, index: Int = 0) -> String {
        if let member = listMembers[name] {
            if member.container == nil { return parent.pointer + "/" + member.key + "/\(index)" }
            if parent.name == member.container { return parent.pointer + "/\(index)" }
        }
        return parent.pointer + "/" + XMLShape.escape(name)
    }

    /// The model pointer of an attribute of `element` (`target/@value` is the indicator's `target`).
    static func attributePointer(element: XMLTreeElement, name: String) -> String {
        if element.name == "target", name == "value" { return element.pointer }
        return element.pointer + "/" + XMLShape.escape(name)
    }
}

/// Builds the Swift tree from a libxml2 document, matching elements to the scanned start tags, and rewrites
/// Thai digits in numeric fields (reporting PSEA-E025) so that the schema sees ASCII numbers; reports the
/// characters no text may hold and bidirectional controls (`TextCheck`) in every text and attribute value.
struct XMLTreeBuilder {
    private let tags: [ScannedStartTag]
    private var tagIndex = 0
    /// False once the scanned tags stop matching the tree; places are then left unknown rather than wrong.
    private var tagsMatch = true
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var elementsByNode: [UInt: XMLTreeElement] = [:]
    private(set) var attributesByNode: [UInt: (element: XMLTreeElement, index: Int)] = [:]

    init(tags: [ScannedStartTag]) {
        self.tags = tags
    }

    mutating func build(root: xmlNodePtr) -> XMLTreeElement {
        let element = makeElement(root, parent: nil)
        buildChildren(of: element, node: root)
        return element
    }

    private mutating func buildChildren(of element: XMLTreeElement, node: xmlNodePtr) {
        var counts: [String: Int] = [:]
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let name = current.pointee.name.map { String(cString: $0) } ?? ""
                let childElement = makeElement(current, parent: element, siblingIndex: counts[name, default: 0])
                counts[name, default: 0] += 1
                element.children.append(childElement)
                buildChildren(of: childElement, node: current)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { element.text += String(cString: content) }
            default:
                break
            }
            child = current.pointee.next
        }
        checkThaiDigits(inText: element, node: node)
        diagnostics += TextCheck.findings(in: element.text, at: element.textPointer, location: element.location, format: .xml)
    }

    private mutating func makeElement(_ node: xmlNodePtr, parent: XMLTreeElement?, siblingIndex: Int = 0) -> XMLTreeElement {
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        let prefix = node.pointee.ns?.pointee.prefix.map { String(cString: $0) }
        let namespace = node.pointee.ns?.pointee.href.map { String(cString: $0) }
        let element = XMLTreeElement(name: name, namespace: namespace, node: UInt(bitPattern: node))
        element.parent = parent
        element.siblingIndex = siblingIndex
        elementsByNode[element.node] = element

        let written = prefix.map { "\($0):\(name)" } ?? name
        var tag: ScannedStartTag?
        if tagsMatch, tagIndex < tags.count, tags[tagIndex].name == written {
            tag = tags[tagIndex]
            tagIndex += 1
        } else {
            tagsMatch = false
        }
        element.position = tag?.position

        if let parent {
            let member = XMLShape.listMembers[name]
            let isMember = member.map { $0.container == nil ? parent.name == "indicator" : parent.name == $0.container } ?? false
            element.path = parent.path + "/" + name + (isMember ? "[\(siblingIndex + 1)]" : "")
            element.pointer =
                isMember
                ? XMLShape.childPointer(parent: parent, name: name, index: siblingIndex)
                : parent.pointer + "/" + XMLShape.escape(name)
        } else {
            element.path = "/" + name
            element.pointer = ""
        }

        var attribute = node.pointee.properties
        while let current = attribute {
            let localName = current.pointee.name.map { String(cString: $0) } ?? ""
            let attributePrefix = current.pointee.ns?.pointee.prefix.map { String(cString: $0) }
            let writtenName = attributePrefix.map { "\($0):\(localName)" } ?? localName
            var value = ""
            if let raw = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                value = String(cString: raw)
                psea_xmlFree(raw)
            }
            let entry = XMLTreeAttribute(
                name: writtenName, localName: localName, hasNamespace: current.pointee.ns != nil, value: value,
                node: UInt(bitPattern: current),
                position: tag?.attributes.first { $0.name == writtenName }?.position,
                path: element.path + "/@" + writtenName,
                pointer: XMLShape.attributePointer(element: element, name: localName)
            )
            diagnostics += TextCheck.findings(in: value, at: entry.pointer, location: entry.location, format: .xml)
            attributesByNode[entry.node] = (element, element.attributes.count)
            element.attributes.append(entry)
            if !entry.hasNamespace, XMLShape.numericAttributes.contains(localName), Thai.containsThaiDigits(value) {
                let ascii = Thai.asciiDigits(value)
                diagnostics.append(
                    XMLMessages.thaiDigits(
                        field: "\(element.placeText)/@\(writtenName)", written: value.trimmingWhitespace,
                        ascii: ascii.trimmingWhitespace, pointer: entry.pointer, location: entry.location))
                _ = xmlSetProp(node, current.pointee.name, ascii)
                element.attributes[element.attributes.count - 1].value = ascii
            }
            attribute = current.pointee.next
        }
        return element
    }

    private mutating func checkThaiDigits(inText element: XMLTreeElement, node: xmlNodePtr) {
        guard XMLShape.numericElements.contains(element.name), Thai.containsThaiDigits(element.text) else { return }
        let ascii = Thai.asciiDigits(element.text)
        diagnostics.append(
            XMLMessages.thaiDigits(
                field: element.placeText, written: element.text.trimmingWhitespace, ascii: ascii.trimmingWhitespace,
                pointer: element.pointer, location: element.location))
        // Replace the element's text children (all of them, so that the schema sees one ASCII number).
        var child = node.pointee.children
        while let current = child {
            let next = current.pointee.next
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                xmlUnlinkNode(current)
                xmlFreeNode(current)
            }
            child = next
        }
        xmlNodeAddContent(node, ascii)
        element.text = ascii
    }
}
