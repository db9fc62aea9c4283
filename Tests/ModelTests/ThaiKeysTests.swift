import Model
import PSEATestSupport
import Testing

/// Thai text names things by their Thai labels, never by the English keys of the format.
@Suite struct ThaiKeysTests {
    @Test func theRegistrysThaiTextHasNoEnglishKey() {
        for code in ProblemCode.all {
            #expect(ThaiTextScan.keys(in: code.summary.th).isEmpty, "\(code.code): \(code.summary.th)")
        }
    }

    @Test func theFormatsLabelsAreThaiInThai() {
        let labels =
            AgencyKind.allCases.map(\.label) + StakeholderKind.allCases.map(\.label) + Stage.allCases.map(\.label)
            + Direction.allCases.map(\.label) + EvidenceKind.allCases.map(\.label) + ParticipationLevel.allCases.map(\.label)
            + ScoringMode.allCases.map(\.label)
        for label in labels {
            #expect(ThaiTextScan.keys(in: label.th).isEmpty, "\(label.th)")
            #expect(!label.en.isEmpty)
        }
    }

    @Test func theScanFindsAKey() {
        #expect(ThaiTextScan.keys(in: "หน่วยงานประเภท \"central-department\" มีทิศทาง increase") == ["central-department", "increase"])
        #expect(ThaiTextScan.keys(in: "ระดับ \"ระดับความร่วมมือ\" (collaborate)") == ["collaborate"])
        #expect(ThaiTextScan.keys(in: "คะแนนมิติ open-system") == ["open-system"])
    }

    @Test func theScanLeavesPlacesCommandsAndListedValues() {
        #expect(ThaiTextScan.keys(in: "ต้องระบุจังหวัดที่ /application/agency/province").isEmpty)
        #expect(ThaiTextScan.keys(in: "ใช้ได้: central-department (ส่วนราชการระดับกรม), province (จังหวัด)").isEmpty)
        #expect(ThaiTextScan.keys(in: "รอการคัดเลือก (psea shortlist) ดู https://example.go.th/online").isEmpty)
        #expect(ThaiTextScan.keys(in: "ผ่าน (met) รอผล (pending)", bilingual: true).isEmpty)
        #expect(ThaiTextScan.keys(in: "ผ่าน (met) รอผล (pending)") == ["pending"])
    }
}
