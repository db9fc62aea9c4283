import Model
import Testing

/// Thai text names things by their Thai labels, never by the English keys of the format.
@Suite struct ThaiKeysTests {
    /// Every key of the format's enumerations: agency and stakeholder kinds, stages, directions, evidence kinds
    /// and spectrum levels.
    static let keys: Set<String> = Set(
        AgencyKind.allCases.map(\.rawValue) + StakeholderKind.allCases.map(\.rawValue) + Stage.allCases.map(\.rawValue)
            + Direction.allCases.map(\.rawValue) + EvidenceKind.allCases.map(\.rawValue)
            + ParticipationLevel.allCases.map(\.rawValue))

    /// The keys written in `text` as words (runs of ASCII letters and hyphens).
    static func rawKeys(in text: String) -> [String] {
        text.split { !($0.isASCII && ($0.isLetter || $0 == "-")) }.map(String.init).filter { keys.contains($0) }
    }

    @Test func theRegistrysThaiTextHasNoEnglishKey() {
        for code in ProblemCode.all {
            #expect(Self.rawKeys(in: code.summary.th).isEmpty, "\(code.code): \(code.summary.th)")
        }
    }

    @Test func theFormatsLabelsAreThaiInThai() {
        let labels =
            AgencyKind.allCases.map(\.label) + StakeholderKind.allCases.map(\.label) + Stage.allCases.map(\.label)
            + Direction.allCases.map(\.label) + EvidenceKind.allCases.map(\.label) + ParticipationLevel.allCases.map(\.label)
        for label in labels {
            #expect(Self.rawKeys(in: label.th).isEmpty, "\(label.th)")
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
            ])
        for (section, keys) in expected {
            let table = Labels.sections[section] ?? [:]
            #expect(Set(table.keys) == keys, "\(section)")
            #expect(table.values.allSatisfy { !$0.th.isEmpty && !$0.en.isEmpty }, "\(section)")
        }
        // The round's stages (Rubric's `RoundStage`) are the one other section.
        #expect(Set(Labels.sections.keys) == Set(expected.keys).union(["round-stage"]))
        #expect(AgencyKind.centralDepartment.label == LocalizedText(th: "ส่วนราชการระดับกรม", en: "central department"))
    }

    @Test func theScanFindsAKey() {
        #expect(Self.rawKeys(in: "หน่วยงานประเภท \"central-department\" มีทิศทาง increase") == ["central-department", "increase"])
    }
}
