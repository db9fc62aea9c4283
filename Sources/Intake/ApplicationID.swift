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

    private static func xmlID(_ data: Data) -> String? {
        LibXML.ensureSetUp()
        let bytes = [UInt8](data)
        // What the reader refuses before libxml2 sees it is not parsed here either.
        guard bytes.withUnsafeBufferPointer({ XMLSourceScanner.doctypePosition(in: $0) == nil && XMLLimits.check($0) == nil }) else {
            return nil
        }
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)
        let collector = LibXMLErrorCollector()
        let document: xmlDocPtr? = collector.capturing {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlReadMemory($0, Int32(buffer.count), nil, nil, options) }
                }
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        var child = root.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name, String(cString: name) == "id" {
                // The element's own text and CDATA, as the reader joins them.
                var text = ""
                var part = node.pointee.children
                while let current = part {
                    if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE, let content = current.pointee.content
                    {
                        text += String(cString: content)
                    }
                    part = current.pointee.next
                }
                return text.trimmingWhitespace
            }
            child = node.pointee.next
        }
        return nil
    }
}
