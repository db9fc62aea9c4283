import Model
import Panel
import Store

/// The conflicts of a round: automatic ones computed from judges and entries, plus those in the store
/// (declared ones, and automatic ones recorded at assignment with a reason starting `automatic:`).
public enum RoundConflicts {
    /// The prefix of the reason stored for an automatic conflict, followed by its grounds (e.g. `automatic: agency, ministry`).
    public static let automaticPrefix = "automatic:"

    /// The stored reason of an automatic conflict.
    public static func storedReason(_ conflict: ConflictOfInterest) -> String {
        automaticPrefix + " " + conflict.reasons.map(\.ground.rawValue).joined(separator: ", ")
    }

    /// The judge as the conflict rules see it.
    public static func profile(_ judge: Judge) -> JudgeProfile {
        JudgeProfile(id: judge.id, name: judge.name, ministry: judge.ministry ?? "", province: judge.province ?? "", agency: judge.agency ?? "")
    }

    /// The entry as the conflict rules see it.
    public static func profile(_ application: Application) -> EntryProfile {
        EntryProfile(
            application: application.id, agency: application.agency.name, kind: application.agency.kind,
            ministry: application.agency.ministry ?? "", province: application.agency.province ?? ""
        )
    }

    /// The automatic conflicts of the judges with the entries, sorted by application then judge.
    public static func automatic(judges: [Judge], entries: [EntryProfile]) -> [ConflictOfInterest] {
        ConflictRules.automatic(judges: judges.map(profile), entries: entries)
    }

    /// Every conflict, one per pair, sorted by application then judge.
    static func all(judges: [Judge], entries: [EntryProfile], stored: [Conflict]) -> [RoundConflict] {
        var byPair: [JudgeEntryPair: RoundConflict] = [:]
        for conflict in ConflictRules.automatic(judges: judges.map(profile), entries: entries) {
            byPair[conflict.pair] = RoundConflict(
                judge: conflict.pair.judge, application: conflict.pair.application, automatic: true, declared: false,
                reasons: conflict.reasons.map(\.message)
            )
        }
        for conflict in stored {
            let pair = JudgeEntryPair(judge: conflict.judge, application: conflict.application)
            var merged = byPair[pair] ?? RoundConflict(judge: conflict.judge, application: conflict.application, automatic: false, declared: false, reasons: [])
            if conflict.reason.hasPrefix(automaticPrefix) {
                if !merged.automatic {
                    let grounds = String(conflict.reason.dropFirst(automaticPrefix.count)).trimmingWhitespace
                    merged.automatic = true
                    merged.reasons.append(LocalizedText(
                        th: "มีส่วนได้ส่วนเสียโดยอัตโนมัติ บันทึกไว้เมื่อมอบหมายกรรมการ (\(grounds))",
                        en: "automatic conflict recorded at assignment (\(grounds))"
                    ))
                }
            } else {
                merged.declared = true
                let reason = conflict.reason.trimmingWhitespace
                merged.reasons.append(reason.isEmpty
                    ? LocalizedText(th: "กรรมการแจ้งว่ามีส่วนได้ส่วนเสีย", en: "the judge declared a conflict of interest")
                    : LocalizedText(th: "กรรมการแจ้งว่ามีส่วนได้ส่วนเสีย: \(reason)", en: "the judge declared a conflict of interest: \(reason)"))
            }
            byPair[pair] = merged
        }
        return byPair.keys.sorted().compactMap { byPair[$0] }
    }
}
