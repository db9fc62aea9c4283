import Foundation
import Model
import Rubric

/// Finds the English keys of psea's vocabularies in Thai text: Thai names agency kinds, stakeholder kinds, stages,
/// levels, directions, evidence kinds, sub-types, dimensions, modes, round stages, award levels and the like by their
/// Thai labels, never by the key a file or a command line spells.
///
/// Before scanning, what is not prose is taken out: style sheets and scripts, places (`/application/agency/province`,
/// `<fax>`), file names and links, e-mail addresses, a value quoted from the file in single quotes (`'partnership'`),
/// command names and options (`psea shortlist`, `--lang`), and a key followed by its Thai name in parentheses
/// (`central-department (ส่วนราชการระดับกรม)`), the way a message lists the values a file may take.
/// In a bilingual document (`bilingual`), an English gloss in parentheses after the Thai (`ผ่าน (met)`) is taken out
/// too; a finding is Thai alone, so there every key counts.
package enum ThaiTextScan {
    /// Keys of the program's own vocabularies whose Swift types the test support cannot see (ranking and the
    /// command line): award levels, rank states, site-visit states and modes.
    private static let outcomeKeys = [
        "best-of-best", "outstanding", "good", "none", "ranked", "incomplete", "gate-failed", "pending", "confirmed",
        "not-confirmed", "on-site", "online",
    ]

    /// Every key, with the sub-types and dimension ids of the shipped rubrics.
    package static let keys: Set<String> = {
        var keys = Set(
            AgencyKind.allCases.map(\.rawValue) + StakeholderKind.allCases.map(\.rawValue) + Stage.allCases.map(\.rawValue)
                + Direction.allCases.map(\.rawValue) + EvidenceKind.allCases.map(\.rawValue)
                + ParticipationLevel.allCases.map(\.rawValue) + ScoringMode.allCases.map(\.rawValue)
                + RoundStage.allCases.map(\.rawValue) + Aggregation.allCases.map(\.rawValue)
                + Normalisation.allCases.map(\.rawValue) + outcomeKeys + [Application.category])
        for rubric in SharedRubrics.project?.all ?? [] {
            keys.insert(rubric.type)
            keys.formUnion(rubric.dimensions.map(\.id))
        }
        return keys
    }()

    private static let notProse: [NSRegularExpression] = [
        #"<script[\s\S]*?</script>|<style[\s\S]*?</style>"#,
        #"<[^>\n]*>"#,
        #"&[a-z]+;|&#[0-9]+;"#,
        #"https?://[^\s"'<>)]+"#,
        #"[^\s"'<>(@]+@[^\s"'<>)]+"#,
        #"(?<![A-Za-z0-9_.-])/[A-Za-z0-9_./@\[\]~*()-]+"#,
        #"[A-Za-z0-9_.~/-]+\.[A-Za-z0-9]{1,8}\b"#,
        #"'[^'\n]*'"#,
        #"\bpsea [a-z]+( [a-z]+)?"#,
        #"--[a-z-]+"#,
        #"\b[a-z][a-z-]* \([\x{0E00}-\x{0E7F}][^()]*\)"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// English glosses of a bilingual document: an element marked `lang="en"`, text without Thai in parentheses
    /// (nested up to three deep), after a dash at the end of a line, or a whole line in italics (Markdown).
    private static let glosses: [NSRegularExpression] = [
        #"<(span|p|div|td|th)[^>]*lang="en"[^>]*>[\s\S]*?</\1>"#,
        #"\([^()\x{0E00}-\x{0E7F}]*\)"#, #"\([^()\x{0E00}-\x{0E7F}]*\)"#, #"\([^()\x{0E00}-\x{0E7F}]*\)"#,
        #"(?m) — [^\x{0E00}-\x{0E7F}\n]*$"#,
        #"(?m)^\*[^\x{0E00}-\x{0E7F}\n]*\*$"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// The keys written in `text` as words (runs of ASCII letters and hyphens), in order.
    package static func keys(in text: String, bilingual: Bool = false) -> [String] {
        var prose = text
        for pattern in (bilingual ? glosses : []) + notProse {
            prose = pattern.stringByReplacingMatches(
                in: prose, range: NSRange(prose.startIndex..., in: prose), withTemplate: " ")
        }
        return prose.split { !($0.isASCII && ($0.isLetter || $0 == "-")) }.map(String.init).filter { keys.contains($0) }
    }

    /// Each line of `text` that holds a key, with the keys found: empty when the text names everything in Thai.
    package static func lines(in text: String, bilingual: Bool = false) -> [String] {
        let prose = notProse[0].stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
        return prose.split(separator: "\n").compactMap { line in
            let found = keys(in: String(line), bilingual: bilingual)
            return found.isEmpty ? nil : "\(found): \(line)"
        }
    }
}
