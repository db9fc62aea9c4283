import Foundation
import Intake
import Model
import PSEATestSupport
import Panel
import Scoring
import Store
import Testing

@Suite("Store: every shipped sample's canonical JSON is JSONEncoder's")
struct CanonicalSamplesTests {
    /// Every XML and JSON file under `Samples/`, valid or not.
    static let files: [URL] = {
        let found = FileManager.default.enumerator(at: TestPaths.samples, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? []
        return found.filter { ["xml", "json"].contains($0.pathExtension) }.sorted { $0.path < $1.path }
    }()

    private static func reference<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("each sample application, as read or as far as it could be read, its facts and its profile")
    func samples() throws {
        var compared = 0
        for file in Self.files {
            let data = try Data(contentsOf: file)
            let result = file.pathExtension == "xml" ? XMLApplicationReader.read(data) : JSONApplicationReader.read(data)
            guard let application = result.application ?? result.partial else { continue }
            #expect(try Ledger.canonicalJSON(application) == Self.reference(application), "\(file.lastPathComponent)")
            #expect(try Ledger.canonicalJSON(ApplicationFacts(application)) == Self.reference(ApplicationFacts(application)))
            #expect(try Ledger.canonicalJSON(EntryProfile(application)) == Self.reference(EntryProfile(application)))
            compared += 1
        }
        #expect(compared >= TestPaths.validSampleFiles.count)
    }
}
