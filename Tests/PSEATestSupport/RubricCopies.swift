import Foundation

/// A copy of the project's `Rubrics/` folder in a temporary folder, with the 2568 round file edited by `edit`
/// (its text in, the new text out): for rounds with other windows or eligibility rules. The caller removes
/// `folder` (the copy is `folder/Rubrics`).
package func rubricsCopy(editingRound edit: (String) -> String) throws -> (folder: URL, rubrics: URL) {
    let folder = try makeTemporaryFolder("psea-rubrics")
    let rubrics = folder.appendingPathComponent("Rubrics", isDirectory: true)
    try FileManager.default.copyItem(at: TestPaths.rubrics, to: rubrics)
    let round = rubrics.appendingPathComponent("2568/round.yaml")
    let text = try String(contentsOf: round, encoding: .utf8)
    try edit(text).write(to: round, atomically: true, encoding: .utf8)
    return (folder, rubrics)
}

/// `text` (a round file) with the line of `key` under sub-type `type` passed through `edit`; unchanged when either
/// is missing.
package func editingRule(_ text: String, type: String, key: String, _ edit: (String) -> String) -> String {
    var lines = text.components(separatedBy: "\n")
    guard let start = lines.firstIndex(of: "  \(type):"), let line = lines[start...].firstIndex(where: { $0.hasPrefix("    \(key):") })
    else { return text }
    lines[line] = edit(lines[line])
    return lines.joined(separator: "\n")
}
