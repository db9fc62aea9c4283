import Model
import Testing

/// A struct of this test module, so the test sees what the macro writes for a type declared outside Model.
@MemberwiseInit
package struct MacroProbe: Equatable {
    package var name: String
    package var note: String?
    package var count: Int = 3
    package let fixed: String = "fixed"
    package var computed: Int { count * 2 }
    package static let shared = MacroProbe(name: "shared")
}

@Suite("@MemberwiseInit")
struct MemberwiseInitTests {
    @Test("parameters in declaration order; optionals default to nil, initial values are the defaults")
    func defaults() {
        let probe = MacroProbe(name: "a")
        #expect(probe.name == "a")
        #expect(probe.note == nil)
        #expect(probe.count == 3)
        #expect(probe.fixed == "fixed")
        #expect(probe.computed == 6)
        let full = MacroProbe(name: "b", note: "n", count: 5)
        #expect(full.note == "n" && full.count == 5)
    }

    @Test("the model's values are built across modules with their defaults")
    func modelValues() {
        let agency = Agency(kind: .province, name: "จังหวัดน่าน")
        #expect(agency.nameEn == nil && agency.ministry == nil && agency.province == nil)
        let location = SourceLocation(line: 3, column: 4, path: "/work")
        #expect(location.line == 3 && location.column == 4 && location.path == "/work")
    }
}
