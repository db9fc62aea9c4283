import Foundation
import Model
import Rubric
import Store

/// A rubric frozen at assignment whose file where the command now looks for rubrics differs from it or is gone.
/// The round goes on with the frozen text (`FrozenRubrics.catalog`); commands warn and `verify` reports it.
@MemberwiseInit
package struct RubricDrift: Sendable, Equatable {
    /// Buddhist Era year.
    package var year: Int
    package var type: String
    /// SHA-256 of the frozen rubric file.
    package var frozen: String
    /// SHA-256 of the catalogue's file of the same year and type; nil when the catalogue has none.
    package var current: String?
    /// Whether the ledger holds the frozen text; ledgers written before it was kept hold only the hash, and then
    /// the catalogue's rubric is used and scores are refused (`PSEA-RND001`).
    package var textFrozen: Bool

    /// `PSEA-RND030`.
    package var code: ProblemCode { .rubricDiffersFromFrozen }

    /// What differs and which rubric is used, in Thai and English.
    package var message: LocalizedText {
        let now =
            current.map { LocalizedText(th: "ปัจจุบัน \($0.prefix(12))…", en: "now \($0.prefix(12))…") }
            ?? LocalizedText(th: "ปัจจุบันไม่มีไฟล์นี้", en: "now missing")
        let used =
            textFrozen
            ? LocalizedText(th: "จึงใช้เกณฑ์ที่ตรึงไว้ในบัญชี", en: "the frozen rubric kept in the ledger is used")
            : LocalizedText(
                th: "บัญชีเก็บไว้เพียงแฮช จึงใช้ไฟล์ในโฟลเดอร์และไม่รับคะแนน",
                en: "the ledger holds only its hash, so the folder's file is used and scores are refused")
        return LocalizedText(
            th: "ไฟล์เกณฑ์ \(year)/\(type) ต่างจากเกณฑ์ที่ตรึงไว้เมื่อมอบหมายกรรมการ (ตรึงไว้ \(frozen.prefix(12))… \(now.th)) \(used.th)",
            en: "the rubric file \(year)/\(type) differs from the rubric frozen at assignment (frozen \(frozen.prefix(12))…, \(now.en)); \(used.en)")
    }

    /// The warning line a command prints.
    package func text(_ language: Language) -> String { "psea: \(code.code): \(message.text(language))" }
}

/// The rubrics a round uses once `assign` froze them: the text kept in the ledger, whatever the rubric folder,
/// `--rubrics` or `$PSEA_RUBRICS` now holds. Every read of the round (`RoundSnapshot`) goes through `catalog`.
package enum FrozenRubrics {
    /// `catalog` with each rubric frozen in the store's ledger with its text in place of the catalogue's rubric
    /// of the same year and type. Throws when a frozen text no longer reads as a rubric or does not match its hash.
    package static func catalog(_ catalog: RubricCatalog, store: CompetitionStore) throws -> RubricCatalog {
        try self.catalog(catalog, frozen: try store.frozenRubrics())
    }

    static func catalog(_ catalog: RubricCatalog, frozen: [RubricFreeze]) throws -> RubricCatalog {
        var replacements: [Rubric] = []
        for freeze in frozen {
            guard let text = freeze.text else { continue }
            // The catalogue's own rubric is the frozen one when the texts agree: nothing to read again.
            if let current = catalog.rubric(year: freeze.year, type: freeze.type), RubricHashes.sha256(of: current) == freeze.sha256 {
                continue
            }
            guard Ledger.sha256Hex(Data(text.utf8)) == freeze.sha256 else {
                throw PSEAError(
                    code: .corruptEvent,
                    message: LocalizedText(
                        th: "ข้อความของเกณฑ์ \(freeze.year)/\(freeze.type) ที่ตรึงไว้ในบัญชีไม่ตรงกับแฮชของเกณฑ์นั้น",
                        en: "the text of the rubric \(freeze.year)/\(freeze.type) frozen in the ledger does not match its hash"))
            }
            replacements.append(try RubricLoader.load(yaml: text, file: "<ledger>/\(freeze.year)/\(freeze.type).yaml"))
        }
        return catalog.replacing(replacements)
    }

    /// Every frozen rubric whose file in `catalog` differs from it or is missing, by year then type.
    package static func drift(_ catalog: RubricCatalog, frozen: [RubricFreeze]) -> [RubricDrift] {
        frozen.compactMap { freeze in
            let current = catalog.rubric(year: freeze.year, type: freeze.type).flatMap(RubricHashes.sha256(of:))
            guard current != freeze.sha256 else { return nil }
            return RubricDrift(year: freeze.year, type: freeze.type, frozen: freeze.sha256, current: current, textFrozen: freeze.text != nil)
        }
    }
}

extension RoundContext {
    /// The frozen rubrics whose file in this context's catalogue differs from the frozen one.
    package func rubricDrift() throws -> [RubricDrift] {
        FrozenRubrics.drift(catalog, frozen: try store.frozenRubrics())
    }
}
