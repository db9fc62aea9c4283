/// The files of `psea validate` named one by one, kept from ArgumentParser: it copies the list parsed so far for
/// every value of an array argument, so naming 1,000 files cost more than checking them (1.6 times the run given
/// their folder). Of each run of plain words (not starting with `-`) on the command line, ArgumentParser sees the
/// first two, since the first may be an option's value; the others can only be files (no option of `validate`
/// takes more than one word) and are put back in their place once it has parsed the rest. A command line where
/// this could be ambiguous (`--`, or two of the words it sees alike) is parsed whole as before.
struct NamedFiles {
    /// The command line ArgumentParser parses.
    let shortened: [String]
    /// The words left out, after the word they followed in `shortened`'s run.
    private let runs: [(kept: [String], left: [String])]

    /// Nil unless `arguments` (without the program name) is a `validate` command line worth shortening.
    init?(_ arguments: [String]) {
        guard arguments.first == "validate", !arguments.contains("--") else { return nil }
        var shortened: [String] = []
        var runs: [(kept: [String], left: [String])] = []
        var index = 0
        while index < arguments.count {
            guard !arguments[index].hasPrefix("-") || index == 0 else {
                shortened.append(arguments[index])
                index += 1
                continue
            }
            var end = index + 1
            while index > 0, end < arguments.count, !arguments[end].hasPrefix("-") { end += 1 }
            let run = Array(arguments[index..<end])
            let kept = index == 0 ? run : Array(run.prefix(2))
            shortened += kept
            if index > 0 { runs.append((kept, Array(run.dropFirst(kept.count)))) }
            index = end
        }
        let seen = runs.flatMap(\.kept)
        guard runs.contains(where: { !$0.left.isEmpty }), Set(seen).count == seen.count else { return nil }
        self.shortened = shortened
        self.runs = runs
    }

    /// Every file named, in command-line order, from the files ArgumentParser found in `shortened`.
    func files(parsed: [String]) -> [String] {
        let positional = Set(parsed)
        return runs.flatMap { run in run.kept.filter(positional.contains) + run.left }
    }
}
