import Model

/// What `XMLModelMapper` reads from an element. The Swift tree of the full pipeline and the streamed document of
/// the fast path for clean files both provide it, so one mapping serves both and they cannot disagree.
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
