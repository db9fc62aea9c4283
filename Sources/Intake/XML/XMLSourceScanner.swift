import Foundation
import Model

/// A line and a column counted in Unicode scalars, both 1-based.
struct TextPosition: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// One start tag as written in the source: where its `<` is and where each attribute name starts.
struct ScannedStartTag: Sendable {
    var name: String
    var position: TextPosition
    var attributes: [(name: String, position: TextPosition)]
}

/// A light lexical pass over a well-formed UTF-8 document, giving the places libxml2 2.9 does not keep
/// (nodes have no columns). Without a DTD the n-th start tag in the source is the n-th element of the tree
/// in document order, so the tree can be matched to these places one to one.
struct XMLSourceScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    private var column = 1

    private static let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8), cdataClose = Array("]]>".utf8)
    private static let piOpen = Array("<?".utf8), piClose = Array("?>".utf8)
    private static let endOpen = Array("</".utf8), declOpen = Array("<!".utf8), doctype = Array("<!DOCTYPE".utf8)

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The place of a `<!DOCTYPE` in the prolog (before the root element), if the document has one.
    static func doctypePosition(in array: [UInt8]) -> TextPosition? {
        array.withUnsafeBufferPointer { doctypePosition(in: $0) }
    }

    static func doctypePosition(in bytes: UnsafeBufferPointer<UInt8>) -> TextPosition? {
        var scanner = XMLSourceScanner(bytes)
        if scanner.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.index = 3 }
        while scanner.index < bytes.count {
            let byte = bytes[scanner.index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                scanner.advance()
            } else if scanner.starts(with: Self.piOpen) {
                scanner.skip(past: Self.piClose)
            } else if scanner.starts(with: Self.commentOpen) {
                scanner.skip(past: Self.commentClose)
            } else if scanner.starts(with: Self.doctype) {
                return TextPosition(line: scanner.line, column: scanner.column)
            } else {
                return nil
            }
        }
        return nil
    }

    /// The format version whose namespace the root's start tag names (the fast path picks its schema by it
    /// before the stream starts); 1 when it names none of the later versions. A guess only: the stream then
    /// checks the root's namespace for real.
    static func declaredFormatVersion(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var scanner = XMLSourceScanner(bytes)
        scanner.skipProlog()
        let tag = UnsafeBufferPointer(rebasing: bytes[scanner.index...].prefix { $0 != UInt8(ascii: ">") })
        for version in Application.formatVersions.reversed() where version > 1 {
            var namespace = Application.xmlNamespace(version: version)
            let named = namespace.withUTF8 { namespace in
                tag.count >= namespace.count
                    && (0...tag.count - namespace.count).contains {
                        tag[$0] == namespace[0] && memcmp(tag.baseAddress! + $0, namespace.baseAddress!, namespace.count) == 0
                    }
            }
            if named { return version }
        }
        return 1
    }

    /// The place of the root element's `<`: where the full pipeline places a finding about the whole document.
    static func rootPosition(in bytes: UnsafeBufferPointer<UInt8>) -> TextPosition {
        var scanner = XMLSourceScanner(bytes)
        scanner.skipProlog()
        return TextPosition(line: scanner.line, column: scanner.column)
    }

    /// Moves past a byte order mark and the white space, processing instructions and comments before the root.
    private mutating func skipProlog() {
        if starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                advance()
            } else if starts(with: Self.piOpen) {
                skip(past: Self.piClose)
            } else if starts(with: Self.commentOpen) {
                skip(past: Self.commentClose)
            } else {
                break
            }
        }
    }

    /// Every start tag in document order, with attribute places.
    static func startTags(in array: [UInt8]) -> [ScannedStartTag] {
        array.withUnsafeBufferPointer { startTags(in: $0) }
    }

    private static func startTags(in bytes: UnsafeBufferPointer<UInt8>) -> [ScannedStartTag] {
        var scanner = XMLSourceScanner(bytes)
        if scanner.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.index = 3 }
        var tags: [ScannedStartTag] = []
        while scanner.index < bytes.count {
            guard bytes[scanner.index] == UInt8(ascii: "<") else {
                scanner.skipText()
                continue
            }
            if scanner.starts(with: Self.commentOpen) {
                scanner.skip(past: Self.commentClose)
            } else if scanner.starts(with: Self.cdataOpen) {
                scanner.skip(past: Self.cdataClose)
            } else if scanner.starts(with: Self.piOpen) {
                scanner.skip(past: Self.piClose)
            } else if scanner.starts(with: Self.endOpen) || scanner.starts(with: Self.declOpen) {
                scanner.skip(past: [UInt8(ascii: ">")])
            } else {
                tags.append(scanner.startTag())
            }
        }
        return tags
    }

    private func starts(with prefix: [UInt8]) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where bytes[index + offset] != prefix[offset] { return false }
        return true
    }

    /// Moves one byte on, counting lines and Unicode scalars (UTF-8 continuation bytes add no column).
    private mutating func advance() {
        SourcePlace.advance(past: bytes[index], line: &line, column: &column)
        index += 1
    }

    /// Moves to the next `<`, counting lines and columns in one tight loop.
    private mutating func skipText() {
        var i = index, line = self.line, column = self.column
        let end = bytes.count
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<") { break }
            SourcePlace.advance(past: byte, line: &line, column: &column)
            i += 1
        }
        index = i
        self.line = line
        self.column = column
    }

    private mutating func skip(past terminator: [UInt8]) {
        while index < bytes.count, !starts(with: terminator) { advance() }
        for _ in 0..<terminator.count where index < bytes.count { advance() }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "<"))
    }

    private mutating func name() -> String {
        let start = index
        while index < bytes.count, Self.isNameByte(bytes[index]) { advance() }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Reads one start tag, the scanner standing on its `<`.
    private mutating func startTag() -> ScannedStartTag {
        let position = TextPosition(line: line, column: column)
        advance()
        var tag = ScannedStartTag(name: name(), position: position, attributes: [])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") {
                advance()
                break
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                advance()
                while index < bytes.count, bytes[index] != byte { advance() }
                if index < bytes.count { advance() }
            } else if Self.isNameByte(byte) {
                let at = TextPosition(line: line, column: column)
                let attribute = name()
                if !(attribute == "xmlns" || attribute.hasPrefix("xmlns:")) {
                    tag.attributes.append((attribute, at))
                }
            } else {
                advance()
            }
        }
        return tag
    }
}
