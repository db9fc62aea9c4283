import Model
import Rubric

/// A rubric built in code so that every expected number below can be worked out by hand:
/// process (20) = P1 judged 10 + P2 auto 10; results (80) = R1 auto LeTCI 40 + R2 hybrid LeTCI 40.
/// Levels: good 70, outstanding 80, best of the best 90. Gate: results ≥ 50%. Panel: mean, minJudges 3,
/// disagreement above 25 points. Tie-break: results-dimension, criterion:P1, submitted-at, lottery (by default).
package func testRubric(
    type: String = "test-type", title: LocalizedText? = nil, bestOfBest: Double? = 90, gates: [Gate] = [Gate(dimension: "results", minPercent: 50)],
    tieBreak: [TieBreakKey] = [.resultsDimension, .criterion("P1"), .submittedAt, .lottery]
) -> Rubric {
    let text = LocalizedText(th: "ทดสอบ", en: "test")
    return Rubric(
        year: 2568, type: type, title: title ?? LocalizedText(th: "ประเภททดสอบ \(type)", en: "Test sub-type \(type)"), totalPoints: 100,
        dimensions: [
            Dimension(
                id: "process", title: text, points: 20,
                criteria: [
                    Criterion(
                        id: "P1", title: LocalizedText(th: "การนำองค์การ", en: "Leadership"), points: 10, pmqaCategory: 1, lens: .adli, mode: .judged,
                        guidance: text, asks: LocalizedText(th: "ผู้บริหารนำอย่างไร", en: "How did leaders lead?"), answerLimit: 500,
                        descriptors: testDescriptors),
                    Criterion(
                        id: "P2", title: LocalizedText(th: "ระดับการมีส่วนร่วม", en: "Participation depth"), points: 10, pmqaCategory: 3, lens: .spectrum,
                        mode: .auto,
                        rule: RuleSpec(name: "stakeholder-breadth"), guidance: text),
                ]),
            Dimension(
                id: "results", title: text, points: 80,
                criteria: [
                    Criterion(
                        id: "R1", title: LocalizedText(th: "ระดับผลลัพธ์", en: "Result levels"), points: 40, pmqaCategory: 7, lens: .letci, mode: .auto,
                        rule: RuleSpec(name: "letci-level"), guidance: text),
                    Criterion(
                        id: "R2", title: LocalizedText(th: "การเปรียบเทียบ", en: "Comparisons"), points: 40, pmqaCategory: 7, lens: .letci,
                        mode: .hybrid,
                        rule: RuleSpec(name: "letci-comparison"), guidance: text,
                        asks: LocalizedText(th: "เปรียบเทียบกับใคร", en: "Compared with whom?"), answerLimit: 500, descriptors: testDescriptors),
                ]),
        ],
        levels: Levels(outstanding: 80, good: 70, bestOfBest: bestOfBest), gates: gates,
        panel: PanelSettings(aggregation: .mean, normalisation: .raw, minJudges: 3, disagreementThreshold: 25),
        tieBreak: tieBreak)
}

/// Five band descriptors (0–25 … 90–100 %) with short texts, as a judged or hybrid criterion must have.
package let testDescriptors = Criterion.descriptorRanges.map {
    BandDescriptor(min: $0.min, max: $0.max, text: LocalizedText(th: "ระดับ \($0.min)–\($0.max)", en: "band \($0.min)–\($0.max)"))
}
