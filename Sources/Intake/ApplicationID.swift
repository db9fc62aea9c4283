import CLibXML2
import Foundation
import Model

extension ApplicationIntake {
    /// The application id the file at `path` holds, read without checking the file: the id a valid file would be
    /// stored under (the same trimming as the readers), so that one ingest can find two files with the same id
    /// before it stores either. Nil when the file cannot be read or holds no id to read; the check proper decides.
    package static func applicationID(fileAt path: String, options: IntakeOptions = IntakeOptions()) -> String? {
        guard let data = try? RegularFile.read(path, upTo: options.maxBytes + 1),
            InputCheck.tooLarge(data, limit: min(options.maxBytes, IntakeOptions.ceilingBytes)) == nil
        else { return nil }
        return applicationID(in: data)
    }

    /// The application id in `data` (see `applicationID(fileAt:)`).
    package static func applicationID(in data: Data) -> String? {
        switch InputCheck.firstSignificantByte(data) {
        case UInt8(ascii: "{"): return jsonID(data)
        case UInt8(ascii: "<"): return xmlID(data)
        default: return nil
        }
    }

    /// Scans the top-level object only as far as its `id` member, decoding just that string (`JSONParser`), so
    /// reading the id costs little whatever the file's size; nil when the text before it is not plain JSON.
    private static func jsonID(_ data: Data) -> String? {
        data.withUnsafeBytes { raw -> String? in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) }
            var index = 0
            var depth = 0
            var expectsKey = false
            /// The end (after the closing quote) of the string starting at `start`.
            func stringEnd(_ start: Int) -> Int {
                var at = start + 1
                while at < bytes.count, bytes[at] != 0x22 { at += bytes[at] == 0x5C ? 2 : 1 }
                return min(at + 1, bytes.count)
            }
            func string(_ range: Range<Int>) -> String? {
                guard case .string(let text)? = JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[range])) else { return nil }
                return text
            }
            while index < bytes.count {
                switch bytes[index] {
                case 0x7B, 0x5B:
                    depth += 1
                    expectsKey = depth == 1 && bytes[index] == 0x7B
                    index += 1
                case 0x7D, 0x5D:
                    depth -= 1
                    index += 1
                case 0x2C:
                    expectsKey = depth == 1
                    index += 1
                case 0x22:
                    let end = stringEnd(index)
                    if expectsKey, string(index..<end) == "id" {
                        var value = end
                        while value < bytes.count,
                            bytes[value] == 0x20 || bytes[value] == 0x09 || bytes[value] == 0x0A || bytes[value] == 0x0D || bytes[value] == 0x3A
                        {
                            value += 1
                        }
                        guard value < bytes.count, bytes[value] == 0x22 else { return nil }
                        return string(value..<stringEnd(value))?.trimmingWhitespace
                    }
                    expectsKey = false
                    index = end
                default:
                    index += 1
                }
            }
            return nil
        }
    }

    /// Streams the document only as far as the root's `id` child (the first element of a valid application), so
    /// reading the id costs a few elements whatever the file's size.
    private static func xmlID(_ data: Data) -> String? {
        LibXML.ensureSetUp()
        // What the reader refuses before libxml2 sees it is not parsed here either.
        let refused = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return XMLSourceScanner.doctypePosition(in: bytes) != nil || XMLLimits.check(bytes) != nil
        }
        guard !refused, data.count <= Int(Int32.max) else { return nil }
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)
        let collector = LibXMLErrorCollector()
        return collector.capturing {
            data.withUnsafeBytes { raw -> String? in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self),
                    let reader = xmlReaderForMemory(base, Int32(raw.count), nil, nil, options)
                else { return nil }
                defer { xmlFreeTextReader(reader) }
                while xmlTextReaderRead(reader) == 1 {
                    let depth = xmlTextReaderDepth(reader)
                    guard xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue), depth <= 1 else { continue }
                    guard depth == 1 else { continue }
                    guard let name = xmlTextReaderConstLocalName(reader), String(cString: name) == "id" else { return nil }
                    // The element's own text and CDATA, as the reader joins them.
                    guard let text = xmlTextReaderReadString(reader) else { return "" }
                    defer { psea_xmlFree(text) }
                    return String(cString: text).trimmingWhitespace
                }
                return nil
            }
        }
    }
}
