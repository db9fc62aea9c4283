import Foundation
import Intake
import Model
import PSEATestSupport
import Round
import Rubric
import Store
import Testing

@Suite("Round: the rubrics' rules for the intake, and rounds without a rubric")
struct RubricRulesTests {
    @Test("each year's sub-types and each rubric's narrative limits reach the business rules")
    func ruleContextFromTheCatalogue() throws {
        let catalog = try RubricCatalog.builtIn()
        let rules = RubricRuleContext(catalog: catalog)
        let context = rules.ruleContext(awardYear: 2568, type: "open-governance")
        #expect(context.knownTypes == Set(catalog.types(year: 2568)))
        let limits = try #require(catalog.rubric(year: 2568, type: "open-governance")?.narrativeLimits)
        #expect(context.narrativeLimits.mapValues { [$0.min, $0.max] } == limits.mapValues { [$0.min, $0.max] })
        #expect(context.rubricsLookedUp == catalog.origin.description)
        let unknownType = rules.ruleContext(awardYear: 2568, type: "digital-innovation")
        #expect(unknownType.narrativeLimits.isEmpty)
        #expect(unknownType.knownTypes == Set(catalog.types(year: 2568)))
    }

    @Test("a year with no rubric gives no known types, which the rules report instead of passing")
    func yearWithoutRubric() throws {
        let context = RubricRuleContext(catalog: try RubricCatalog.builtIn()).ruleContext(awardYear: 2570, type: "open-governance")
        #expect(context.knownTypes == [])
        #expect(context.rubricsLookedUp?.en == "the rubrics built into psea")
    }

    @Test("rules still loading give the catalogue's rules once it is loaded, and its error to whoever asks for it")
    func pendingRules() throws {
        let catalog = try RubricCatalog.builtIn()
        let pending = PendingRubricRules { catalog }
        let context = pending.ruleContext(awardYear: 2568, type: "effective-change")
        let direct = RubricRuleContext(catalog: catalog).ruleContext(awardYear: 2568, type: "effective-change")
        #expect(context.knownTypes == direct.knownTypes)
        #expect(context.answered?.map(\.id) == direct.answered?.map(\.id))
        #expect((try pending.loaded() as? RubricRuleContext)?.catalog.all == catalog.all)

        let broken = PendingRubricRules { () throws(PSEAError) in
            throw PSEAError(code: RubricCode.unknownKey, message: LocalizedText(th: "เสีย", en: "broken"))
        }
        // A file checked before the error is seen gets no rubric's rules; the caller throws before showing it.
        #expect(broken.ruleContext(awardYear: 2568, type: "effective-change").knownTypes == nil)
        #expect(throws: PSEAError.self) { try broken.loaded() }

        // Rules at hand are the rules given, with no error.
        let ready = PendingRubricRules(ready: RubricRuleContext(catalog: catalog))
        #expect(ready.ruleContext(awardYear: 2568, type: "effective-change") == direct)
        #expect((try ready.loaded() as? RubricRuleContext)?.catalog.all == catalog.all)
    }

    @Test("a round whose entries have no rubric in the catalogue stops with PSEA-R024, never an empty snapshot")
    func snapshotWithoutRubric() throws {
        let round = try TemporaryRound()
        _ = try round.ingestSamples()
        let empty = try makeTemporaryFolder("psea-round-norubric")
        defer { try? FileManager.default.removeItem(at: empty) }
        let catalog = try RubricCatalog(directory: empty)
        do {
            _ = try RoundSnapshot.load(store: round.store, catalog: catalog)
            Issue.record("expected PSEA-R024")
        } catch let error as PSEAError {
            #expect(error.code == "PSEA-R024")
            #expect(!error.isInvalidInput)
            #expect(error.message.en.contains(empty.path))
        }
        #expect(throws: PSEAError.self) { try RoundSnapshot.loadPanel(store: round.store, catalog: catalog) }
    }
}
