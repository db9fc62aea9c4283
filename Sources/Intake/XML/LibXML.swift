import CLibXML2
import Foundation

/// One error or warning libxml2 reported, copied out of its `xmlError` while the callback runs.
struct LibXMLError: Sendable {
    var domain: Int32
    var code: Int32
    var isWarning: Bool
    var message: String
    var line: Int
    var column: Int
    /// The libxml2 node the error is about (an element or an attribute), as a bit pattern; 0 when none.
    var node: UInt
}

/// Collects the errors libxml2 reports through a structured error handler. Passed to libxml2 through the
/// `void *` user data, so it is a class; it lives only for one read on one thread.
final class LibXMLErrorCollector {
    /// Beyond this many errors the rest are counted, not kept (a hostile file may hold millions).
    static let limit = 200
    private(set) var errors: [LibXMLError] = []
    private(set) var dropped = 0

    func add(_ error: UnsafePointer<xmlError>) {
        guard errors.count < Self.limit else {
            dropped += 1
            return
        }
        let raw = error.pointee
        let message = raw.message.map { String(cString: $0) } ?? ""
        errors.append(
            LibXMLError(
                domain: raw.domain, code: raw.code, isWarning: raw.level == XML_ERR_WARNING,
                message: message.trimmingCharacters(in: .whitespacesAndNewlines),
                line: Int(raw.line), column: Int(raw.int2),
                node: raw.node.map { UInt(bitPattern: $0) } ?? 0
            ))
    }

    /// The user-data pointer for libxml2; valid while the caller keeps `self` alive.
    var userData: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// The C callback: forwards to the collector behind the user data.
    static let handler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        Unmanaged<LibXMLErrorCollector>.fromOpaque(userData).takeUnretainedValue().add(error)
    }

    /// Runs `body` with this collector installed as the calling thread's structured error handler (and the
    /// generic handler silenced), restoring libxml2's defaults afterwards. `body` must not suspend.
    func capturing<T>(_ body: () -> T) -> T {
        withExtendedLifetime(self) {
            xmlSetStructuredErrorFunc(userData, Self.handler)
            psea_silence_generic_errors(1)
            defer {
                xmlSetStructuredErrorFunc(nil, nil)
                psea_silence_generic_errors(0)
            }
            return body()
        }
    }
}

/// Process-wide libxml2 setup and the compiled application schema.
enum LibXML {
    /// Runs once per process (Swift initialises globals thread-safely): initialises the parser and installs the
    /// no-network entity loader, which also covers schema parsing (XML_PARSE_NONET does not).
    private static let setup: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
    }()

    /// Makes sure the one-time setup has run.
    static func ensureSetUp() {
        _ = setup
    }

    /// A compiled schema, shared read-only by every validation (libxml2 allows one `xmlSchema` to serve
    /// several validation contexts at once).
    final class CompiledSchema: @unchecked Sendable {
        let pointer: xmlSchemaPtr
        init(_ pointer: xmlSchemaPtr) { self.pointer = pointer }
    }

    /// The schema of format version 1 (`Schemas/application.xsd`), compiled on first use; nil only if the
    /// embedded XSD is missing or broken.
    static let applicationSchemaV1: CompiledSchema? = embeddedSchema("Schemas/application.xsd")
    /// The schema of format version 2 (`Schemas/application-v2.xsd`), compiled on first use.
    static let applicationSchemaV2: CompiledSchema? = embeddedSchema("Schemas/application-v2.xsd")

    /// The compiled schema of a format version (`Application.formatVersions`); nil for any other.
    static func applicationSchema(version: Int) -> CompiledSchema? {
        switch version {
        case 1: applicationSchemaV1
        case 2: applicationSchemaV2
        default: nil
        }
    }

    private static func embeddedSchema(_ name: String) -> CompiledSchema? {
        ensureSetUp()
        guard let text = EmbeddedResources.files[name] else { return nil }
        return compileSchema(Data(text.utf8))
    }

    /// Compiles an XSD held in memory, with errors captured (never printed).
    static func compileSchema(_ data: Data) -> CompiledSchema? {
        ensureSetUp()
        let collector = LibXMLErrorCollector()
        return collector.capturing {
            data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> CompiledSchema? in
                guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self),
                    let context = xmlSchemaNewMemParserCtxt(base, Int32(buffer.count))
                else { return nil }
                defer { xmlSchemaFreeParserCtxt(context) }
                xmlSchemaSetParserStructuredErrors(context, LibXMLErrorCollector.handler, collector.userData)
                guard let schema = xmlSchemaParse(context) else { return nil }
                return CompiledSchema(schema)
            }
        }
    }
}
