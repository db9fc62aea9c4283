import Foundation
import Model
import Yams

/// Reads rubric and band files: parse the YAML document (with its line marks), decode it into the typed model while
/// collecting every word outside its vocabulary, then run the checker. A rubric or band file with any problem is
/// never handed out: `load` throws instead, naming the file, the line and every problem.
package enum RubricLoader {
    /// Reads and checks one rubric file. Throws `PSEA-IO001` when unreadable, `PSEA-R100`–`R102` when the YAML is
    /// broken or does not match the rubric format, and the code of the first problem when the check fails.
    package static func load(contentsOf url: URL) throws(PSEAError) -> Rubric {
        try load(yaml: try read(url), file: url.path)
    }

    /// Reads and checks a rubric from YAML text; `file` names it in errors and becomes its `sourceURL`.
    package static func load(yaml: String, file: String = "<memory>") throws(PSEAError) -> Rubric {
        let (rubric, problems) = try reading(yaml: yaml, file: file)
        guard problems.isEmpty else { throw failedCheck(file: file, problems: problems) }
        return rubric
    }

    /// Every problem of one rubric file (empty when it may be used); throws as `load` does when it cannot be read.
    package static func check(contentsOf url: URL) throws(PSEAError) -> [RubricProblem] {
        try reading(yaml: try read(url), file: url.path).problems
    }

    /// Every problem of a rubric given as YAML text.
    package static func check(yaml: String, file: String = "<memory>") throws(PSEAError) -> [RubricProblem] {
        try reading(yaml: yaml, file: file).problems
    }

    /// Reads and checks the shared band descriptors (`Rubrics/bands.yaml`).
    package static func loadBands(contentsOf url: URL) throws(PSEAError) -> BandSet {
        try loadBands(yaml: try read(url), file: url.path)
    }

    /// Reads and checks band descriptors from YAML text.
    package static func loadBands(yaml: String, file: String = "<memory>") throws(PSEAError) -> BandSet {
        let bands = try readingBands(yaml: yaml, file: file)
        let problems = RubricChecker.check(bands)
        guard problems.isEmpty else { throw failedCheck(file: file, problems: problems) }
        return bands
    }

    /// Every problem of one band file.
    package static func checkBands(contentsOf url: URL) throws(PSEAError) -> [RubricProblem] {
        RubricChecker.check(try readingBands(yaml: try read(url), file: url.path))
    }

    /// The typed rubric with every problem: unknown words (where the rubric holds a stand-in) and the checker's.
    static func reading(yaml: String, file: String) throws(PSEAError) -> (rubric: Rubric, problems: [RubricProblem]) {
        let unknown = UnknownWords()
        let (root, decoded): (Node, Rubric) = try decode(Rubric.self, yaml: yaml, file: file, unknown: unknown)
        var rubric = decoded
        rubric.sourceURL = URL(fileURLWithPath: file)
        rubric.sourceText = yaml
        var lines: [String: Int] = [:]
        recordLines(root, path: "", into: &lines)
        let found = unknown.words.map { word in
            let path = dotted(word.path)
            let (dimension, criterion) = ids(at: word.path, in: rubric)
            return RubricProblem(
                code: word.code, message: word.message, file: file, dimension: dimension,
                criterion: criterion, line: lines[path])
        }
        // Unknown tie-break keys are left out of the typed list: its lines follow the keys that remain.
        let dropped = Set(unknown.words.map { dotted($0.path) }.filter { $0.hasPrefix("tieBreak.") })
        var kept = 0
        for raw in 0... {
            guard let line = lines["tieBreak.\(raw)"] else { break }
            lines["tieBreak.\(raw)"] = nil
            if !dropped.contains("tieBreak.\(raw)") {
                lines["tieBreak.\(kept)"] = line
                kept += 1
            }
        }
        rubric.lines = lines
        let standIns = Set(unknown.words.map { dotted($0.path) })
        return (rubric, RubricChecker.check(rubric, found: found, standIns: standIns))
    }

    static func readingBands(yaml: String, file: String) throws(PSEAError) -> BandSet {
        var (root, bands): (Node, BandSet) = try decode(BandSet.self, yaml: yaml, file: file, unknown: nil)
        bands.sourceURL = URL(fileURLWithPath: file)
        recordLines(root, path: "", into: &bands.lines)
        return bands
    }

    /// The dimension and criterion ids of the place `path` points into.
    static func ids(at path: [PathComponent], in rubric: Rubric) -> (dimension: String?, criterion: String?) {
        guard path.count >= 2, path[0] == .key("dimensions"), case .index(let d) = path[1],
            rubric.dimensions.indices.contains(d)
        else { return (nil, nil) }
        let dimension = rubric.dimensions[d]
        guard path.count >= 4, path[2] == .key("criteria"), case .index(let c) = path[3],
            dimension.criteria.indices.contains(c)
        else { return (dimension.id, nil) }
        return (dimension.id, dimension.criteria[c].id)
    }

    /// The error of a rubric or band file that fails its check: every problem, each with its file and line.
    static func failedCheck(file: String, problems: [RubricProblem]) -> PSEAError {
        let count = problems.count
        return PSEAError(
            code: problems.first?.entry ?? RubricCode.badFormat,
            message: LocalizedText(
                th: "ไฟล์เกณฑ์ \(file) ไม่ผ่านการตรวจ (\(count) ปัญหา) จึงใช้ไม่ได้:\n" + problems.map { $0.text(.th) }.joined(separator: "\n"),
                en: "rubric file \(file) fails its check (\(count) problem\(count == 1 ? "" : "s")) and cannot be used:\n"
                    + problems.map { $0.text(.en) }.joined(separator: "\n")
            ),
            context: ["path": file, "line": problems.first?.line.map(String.init) ?? "0"],
            isInvalidInput: true
        )
    }

    static func read(_ url: URL) throws(PSEAError) -> String {
        let data = try RegularFile.read(url.path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw PSEAError.unreadable(url.path, reason: "not UTF-8 text")
        }
        return text
    }

    /// The tags a plain scalar may resolve to: booleans (`Bool` decodes only from them) and merge keys. Numbers,
    /// nulls and strings are read from a scalar's text whatever its tag, and each rule is a regular expression
    /// matched on every key the decoder looks up, so Yams's default seven rules made loading four rubrics cost
    /// tens of milliseconds at the start of every command.
    static let resolver = Resolver.basic.appending(.bool).appending(.merge)

    static func decode<T: Decodable>(_ type: T.Type, yaml: String, file: String, unknown: UnknownWords?) throws(PSEAError) -> (Node, T) {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml, resolver) else {
                throw RubricLoadError.syntax(file: file, line: 0, column: 0, reason: "the file is empty")
            }
            root = node
        } catch let error as RubricLoadError {
            throw error.pseaError
        } catch let error as YamlError {
            throw syntaxError(error, file: file).pseaError
        } catch {
            throw RubricLoadError.syntax(file: file, line: 0, column: 0, reason: "\(error)").pseaError
        }
        let value: T
        var userInfo: [CodingUserInfoKey: Any] = [:]
        if let unknown, let key = UnknownWords.key { userInfo[key] = unknown }
        do {
            value = try NodeDecoder.decode(T.self, from: root, resolver: resolver, userInfo: userInfo)
        } catch let error as UnknownKeyError {
            let mark = locate(error.path, in: root, keyMark: true)
            throw RubricLoadError.unknownKey(
                file: file, key: error.key, path: dotted(error.path), line: mark?.line ?? 0, column: mark?.column ?? 0
            ).pseaError
        } catch let error as DecodingError {
            throw formatError(error, root: root, file: file).pseaError
        } catch let error as YamlError {
            throw syntaxError(error, file: file).pseaError
        } catch {
            throw RubricLoadError.format(file: file, path: "", line: 0, column: 0, reason: "\(error)").pseaError
        }
        return (root, value)
    }

    private static func syntaxError(_ error: YamlError, file: String) -> RubricLoadError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return .syntax(file: file, line: mark.line, column: mark.column, reason: problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return .syntax(
                file: file, line: context.mark.line, column: context.mark.column,
                reason: "duplicated keys: \(duplicates.sorted().joined(separator: ", "))"
            )
        default:
            return .syntax(file: file, line: 0, column: 0, reason: "\(error)")
        }
    }

    private static func formatError(_ error: DecodingError, root: Node, file: String) -> RubricLoadError {
        let path: [PathComponent]
        let reason: String
        switch error {
        case let .keyNotFound(key, context):
            path = context.codingPath.map(PathComponent.init)
            reason = "missing key '\(key.stringValue)'"
        case let .typeMismatch(type, context):
            path = context.codingPath.map(PathComponent.init)
            reason = "expected \(type): \(context.debugDescription)"
        case let .valueNotFound(type, context):
            path = context.codingPath.map(PathComponent.init)
            reason = "missing value of type \(type)"
        case let .dataCorrupted(context):
            path = context.codingPath.map(PathComponent.init)
            reason = context.debugDescription
        @unknown default:
            path = []
            reason = "\(error)"
        }
        let mark = locate(path, in: root, keyMark: false)
        return .format(file: file, path: dotted(path), line: mark?.line ?? 0, column: mark?.column ?? 0, reason: reason)
    }

    /// The mark of the node at `path`; with `keyMark`, the mark of the last key itself. Falls back to the
    /// nearest ancestor that exists.
    static func locate(_ path: [PathComponent], in root: Node, keyMark: Bool) -> Mark? {
        var node = root
        var mark = root.mark
        for (index, component) in path.enumerated() {
            let isLast = index == path.count - 1
            switch component {
            case .index(let i):
                guard let sequence = node.sequence else { return mark }
                let items = Array(sequence)
                guard i >= 0, i < items.count else { return mark }
                node = items[i]
            case .key(let k):
                guard let mapping = node.mapping,
                    let pair = mapping.first(where: { $0.key.string == k })
                else { return mark }
                if isLast, keyMark { return pair.key.mark }
                node = pair.value
            }
            mark = node.mark ?? mark
        }
        return mark
    }

    /// Records the line of every mapping value (by its key) and sequence item under dotted paths.
    static func recordLines(_ node: Node, path: String, into lines: inout [String: Int]) {
        if let mapping = node.mapping {
            for pair in mapping {
                guard let key = pair.key.string else { continue }
                let child = path.isEmpty ? key : "\(path).\(key)"
                if let line = pair.key.mark?.line, lines[child] == nil { lines[child] = line }
                recordLines(pair.value, path: child, into: &lines)
            }
        } else if let sequence = node.sequence {
            for (i, item) in sequence.enumerated() {
                let child = path.isEmpty ? "\(i)" : "\(path).\(i)"
                if let line = item.mark?.line { lines[child] = line }
                recordLines(item, path: child, into: &lines)
            }
        }
    }

    static func dotted(_ path: [PathComponent]) -> String {
        path.map { component in
            switch component {
            case .index(let i): return "\(i)"
            case .key(let k): return k
            }
        }.joined(separator: ".")
    }
}

/// One step of a coding path.
enum PathComponent: Sendable, Equatable {
    case key(String)
    case index(Int)

    init(_ key: any CodingKey) {
        if let i = key.intValue { self = .index(i) } else { self = .key(key.stringValue) }
    }
}

/// Thrown while decoding when a mapping holds a key its type does not declare.
struct UnknownKeyError: Error {
    let path: [PathComponent]
    let key: String
}

/// The ways a rubric file can fail to load, turned into `PSEAError`s with stable codes.
enum RubricLoadError: Error {
    case syntax(file: String, line: Int, column: Int, reason: String)
    case unknownKey(file: String, key: String, path: String, line: Int, column: Int)
    case format(file: String, path: String, line: Int, column: Int, reason: String)

    var pseaError: PSEAError {
        switch self {
        case let .syntax(file, line, column, reason):
            return PSEAError(
                code: RubricCode.yamlSyntax,
                message: LocalizedText(
                    th: "ไฟล์เกณฑ์ \(file) บรรทัด \(line) คอลัมน์ \(column): รูปแบบ YAML ไม่ถูกต้อง (\(reason))",
                    en: "rubric file \(file) line \(line) column \(column): the YAML is not well-formed (\(reason))"
                ),
                context: ["path": file, "line": "\(line)", "column": "\(column)"],
                isInvalidInput: true
            )
        case let .unknownKey(file, key, path, line, column):
            return PSEAError(
                code: RubricCode.unknownKey,
                message: LocalizedText(
                    th: "ไฟล์เกณฑ์ \(file) บรรทัด \(line) คอลัมน์ \(column): ไม่รู้จักคีย์ '\(key)' ที่ \(path)",
                    en: "rubric file \(file) line \(line) column \(column): unknown key '\(key)' at \(path)"
                ),
                context: ["path": file, "line": "\(line)", "column": "\(column)", "key": key, "field": path],
                isInvalidInput: true
            )
        case let .format(file, path, line, column, reason):
            return PSEAError(
                code: RubricCode.badFormat,
                message: LocalizedText(
                    th: "ไฟล์เกณฑ์ \(file) บรรทัด \(line) คอลัมน์ \(column): ข้อมูลที่ \(path.isEmpty ? "ระดับบนสุด" : path) ไม่ตรงตามรูปแบบเกณฑ์ (\(reason))",
                    en:
                        "rubric file \(file) line \(line) column \(column): \(path.isEmpty ? "the top level" : path) does not match the rubric format (\(reason))"
                ),
                context: ["path": file, "line": "\(line)", "column": "\(column)", "field": path],
                isInvalidInput: true
            )
        }
    }
}
