import CSystem
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

    private static func jsonID(_ data: Data) -> String? {
        data.withUnsafeBytes { raw in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) }
            guard case .object(let members)? = JSONParser.parse(bytes, keepingFirstOfDuplicateKeys: true),
                case .string(let id)? = members["id"]
            else { return nil }
            return id.trimmingWhitespace
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
