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

    /// `Data/labels.json` names every case of every list of the format, and nothing else: a case it lacked would
    /// show its key.
    @Test func labelsJSONNamesEveryCaseAndNothingElse() {
        func cases<L: Labelled>(_ type: L.Type) -> (String, Set<String>) { (L.labelSection, Set(L.allCases.map(\.rawValue))) }
        let expected = Dictionary(
            uniqueKeysWithValues: [
                cases(AgencyKind.self), cases(StakeholderKind.self), cases(Stage.self), cases(Direction.self), cases(EvidenceKind.self),
                cases(ScoringMode.self),
            ])
        for (section, keys) in expected {
            let table = Labels.sections[section] ?? [:]
            #expect(Set(table.keys) == keys, "\(section)")
            #expect(table.values.allSatisfy { !$0.th.isEmpty && !$0.en.isEmpty }, "\(section)")
        }
        // The round's stages and the panel's aggregation methods (Rubric's `RoundStage`, `Aggregation`) are the
        // other sections.
        #expect(Set(Labels.sections.keys) == Set(expected.keys).union(["round-stage", "aggregation"]))
        #expect(AgencyKind.centralDepartment.label == LocalizedText(th: "ส่วนราชการระดับกรม", en: "central department"))
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
