import Foundation
import Model
import Yams

/// Reads rubric and band files from YAML. Unknown keys are rejected; errors carry the line and column.
public enum RubricLoader {
    /// Reads one rubric file. Throws `PSEA-IO001` when unreadable, `PSEA-R100`–`R102` when the YAML is broken
    /// or does not match the rubric format. Consistency problems are the checker's job, not the loader's.
    public static func load(contentsOf url: URL) throws(PSEAError) -> Rubric {
        let text = try read(url)
        var rubric: Rubric = try decode(Rubric.self, yaml: text, file: url.path)
        rubric.sourceURL = url
        return rubric
    }

    /// Reads a rubric from YAML text; `file` names it in errors and becomes its `sourceURL`.
    public static func load(yaml: String, file: String = "<memory>") throws(PSEAError) -> Rubric {
        var rubric: Rubric = try decode(Rubric.self, yaml: yaml, file: file)
        rubric.sourceURL = URL(fileURLWithPath: file)
        return rubric
    }

    /// Reads the shared band descriptors (`Rubrics/bands.yaml`).
    public static func loadBands(contentsOf url: URL) throws(PSEAError) -> BandSet {
        let text = try read(url)
        var bands: BandSet = try decode(BandSet.self, yaml: text, file: url.path)
        bands.sourceURL = url
        return bands
    }

    /// Reads band descriptors from YAML text.
    public static func loadBands(yaml: String, file: String = "<memory>") throws(PSEAError) -> BandSet {
        try decode(BandSet.self, yaml: yaml, file: file)
    }

    static func read(_ url: URL) throws(PSEAError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PSEAError.unreadable(url.path, reason: error.localizedDescription)
        }
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

    static func decode<T: Decodable & Located>(_ type: T.Type, yaml: String, file: String) throws(PSEAError) -> T {
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
        var value: T
        do {
            value = try YAMLDecoder().decode(T.self, from: root)
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
        var lines: [String: Int] = [:]
        recordLines(root, path: "", into: &lines)
        value.lines = lines
        return value
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
                      let pair = mapping.first(where: { $0.key.string == k }) else { return mark }
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

/// A type read by the loader, which fills in the source lines after decoding.
protocol Located {
    var lines: [String: Int] { get set }
}

extension Rubric: Located {}
extension BandSet: Located {}

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
                    en: "rubric file \(file) line \(line) column \(column): \(path.isEmpty ? "the top level" : path) does not match the rubric format (\(reason))"
                ),
                context: ["path": file, "line": "\(line)", "column": "\(column)", "field": path],
                isInvalidInput: true
            )
        }
    }
}
