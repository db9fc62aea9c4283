import Foundation
import Model

/// Where a catalogue's rubrics come from: the files built into psea, or a folder named by the user.
package enum RubricOrigin: Sendable, Equatable {
    /// The shipped `Rubrics/` folder, embedded in the binary when it was built.
    case builtIn
    /// A folder given with `--rubrics` or `$PSEA_RUBRICS`.
    case directory(URL)

    /// Where rubrics were looked up, as messages name it.
    package var description: LocalizedText {
        switch self {
        case .builtIn: LocalizedText(th: "เกณฑ์ที่ติดมากับ psea", en: "the rubrics built into psea")
        case .directory(let url): LocalizedText(th: "โฟลเดอร์ \(url.path)", en: "the folder \(url.path)")
        }
    }
}

/// All rubrics of one origin (`<year>/<type>.yaml`) plus the shared `bands.yaml` and each year's round file
/// (`<year>/round.yaml`), each read and checked.
/// Years and types are listed in sorted order so that nothing depends on file-system order.
package struct RubricCatalog: Sendable {
    /// Every rubric, sorted by year then type.
    package let all: [Rubric]
    /// The shared band descriptors, when `bands.yaml` exists.
    package let bands: BandSet?
    /// Where the rubrics were read from.
    package let origin: RubricOrigin
    /// The round file of each year that has one (`<year>/round.yaml`), sorted by year.
    package let rounds: [RoundFile]

    /// The catalogue a command uses: the folder `option` names (`--rubrics`), else `$PSEA_RUBRICS` when set and not
    /// empty, else the rubrics built into psea. Nothing else is searched, so the rules in force are predictable.
    package static func resolve(option: String?, environment: [String: String]) throws(PSEAError) -> RubricCatalog {
        guard let folder = folder(option: option, environment: environment) else { return try builtIn() }
        return try RubricCatalog(directory: URL(fileURLWithPath: folder))
    }

    /// The folder a command reads its rubrics from (`option`, else `$PSEA_RUBRICS` when set and not empty), or nil
    /// for the rubrics built into psea.
    package static func folder(option: String?, environment: [String: String]) -> String? {
        if let option { return option }
        if let folder = environment[environmentVariable], !folder.isEmpty { return folder }
        return nil
    }

    /// The environment variable naming the rubrics' folder when no `--rubrics` option does.
    package static let environmentVariable = "PSEA_RUBRICS"

    /// The texts of the rubrics built into psea by their path under the catalogue's root (`bands.yaml`,
    /// `<year>/<type>.yaml`, `<year>/round.yaml`), as read when psea was built.
    package static var builtInFiles: [String: String] { EmbeddedRubrics.files }

    /// SHA-256 of `builtInFiles` (each path and text in path order, each followed by a NUL byte), computed when
    /// psea was built, so that checking which files these are costs nothing at start-up.
    package static var builtInFilesHash: String { EmbeddedRubrics.sha256 }

    /// The rubrics built into psea (the repository's `Rubrics/` when it was built).
    package static func builtIn() throws(PSEAError) -> RubricCatalog {
        try RubricCatalog(
            files: builtInFiles.sorted { $0.key < $1.key }.map { path, text in (path, "<built-in>/\(path)", .success(text)) },
            origin: .builtIn)
    }

    /// Reads every `<year>/<type>.yaml` under `directory` and its `bands.yaml`.
    package init(directory: URL) throws(PSEAError) {
        let fm = FileManager.default
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw PSEAError.unreadable(directory.path, reason: error.localizedDescription)
        }
        var paths: [String] = entries.contains("bands.yaml") ? ["bands.yaml"] : []
        for yearName in entries.sorted() where !yearName.isEmpty && yearName.allSatisfy(\.isASCII) && Int(yearName) != nil {
            let yearURL = directory.appendingPathComponent(yearName, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: yearURL.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let names: [String]
            do {
                names = try fm.contentsOfDirectory(atPath: yearURL.path)
            } catch {
                throw PSEAError.unreadable(yearURL.path, reason: error.localizedDescription)
            }
            paths += names.sorted().filter { $0.hasSuffix(".yaml") }.map { "\(yearName)/\($0)" }
        }
        let files = paths.map { path -> (path: String, file: String, text: Result<String, PSEAError>) in
            let url = directory.appendingPathComponent(path)
            return (path, url.path, Result { () throws(PSEAError) in try RubricLoader.read(url) })
        }
        try self.init(files: files, origin: .directory(directory))
    }

    /// Reads and checks rubric texts by their path under the catalogue's root (`bands.yaml`, `<year>/<type>.yaml`);
    /// `file` names each in messages. Throws the first problem in path order, for use rather than for input: a
    /// catalogue that cannot be used stops the command (exit 2).
    init(files: [(path: String, file: String, text: Result<String, PSEAError>)], origin: RubricOrigin) throws(PSEAError) {
        self.origin = origin
        let bandsFile = files.first { $0.path == "bands.yaml" }
        do throws(PSEAError) {
            bands = try bandsFile.map { file throws(PSEAError) in try RubricLoader.loadBands(yaml: try file.text.get(), file: file.file) }
        } catch {
            throw Self.unusable(error)
        }
        let rubricFiles = files.filter { $0.path != "bands.yaml" && !Self.isRoundFile($0.path) }
        // YAML decoding is most of a command's start-up, so the files are read on every core; the first problem
        // in path order is the one reported, whatever finished first.
        let loaded = rubricFiles.concurrentMap { file -> Result<Rubric, PSEAError> in
            do throws(PSEAError) { return .success(try RubricLoader.load(yaml: try file.text.get(), file: file.file)) } catch {
                return .failure(error)
            }
        }
        var rubrics: [Rubric] = []
        for (place, outcome) in zip(rubricFiles, loaded) {
            let rubric: Rubric
            do throws(PSEAError) { rubric = try outcome.get() } catch { throw Self.unusable(error) }
            guard "\(rubric.year)/\(rubric.type).yaml" == place.path else {
                throw PSEAError(
                    code: RubricCode.fileMismatch,
                    message: LocalizedText(
                        th: "ไฟล์เกณฑ์ \(place.file) ระบุปี \(rubric.year) ประเภท \(rubric.type) ไม่ตรงกับตำแหน่งไฟล์ \(place.path)",
                        en: "rubric file \(place.file) declares \(rubric.year)/\(rubric.type), which does not match its path \(place.path)"
                    ),
                    context: ["path": place.file]
                )
            }
            rubrics.append(rubric)
        }
        all = rubrics.sorted { ($0.year, $0.type) < ($1.year, $1.type) }
        var rounds: [RoundFile] = []
        for place in files where Self.isRoundFile(place.path) {
            let round: RoundFile
            do throws(PSEAError) {
                round = try RoundFileLoader.load(yaml: try place.text.get(), file: place.file)
            } catch {
                throw Self.unusable(error)
            }
            let folder = place.path.split(separator: "/").first.map(String.init) ?? ""
            let types = Set(rubrics.filter { $0.year == round.year }.map(\.type))
            let ruled = Set(round.types.map(\.type))
            guard folder == String(round.year) else {
                throw Self.roundProblem(
                    .roundYear, file: place.file, th: "ไฟล์รอบ \(place.file) ระบุปี \(round.year) ไม่ตรงกับโฟลเดอร์ \(folder)",
                    en: "round file \(place.file) declares year \(round.year), which does not match its folder \(folder)")
            }
            guard types == ruled else {
                let missing = types.subtracting(ruled).sorted().joined(separator: ", ")
                let extra = ruled.subtracting(types).sorted().joined(separator: ", ")
                throw Self.roundProblem(
                    .roundTypes, file: place.file,
                    th: "ไฟล์รอบ \(place.file): ประเภทที่มีเกณฑ์แต่ไม่มีกติกาในไฟล์รอบ [\(missing)] ประเภทในไฟล์รอบที่ไม่มีเกณฑ์ [\(extra)]",
                    en: "round file \(place.file): sub-types with a rubric but no rules here [\(missing)], sub-types here without a rubric [\(extra)]"
                )
            }
            rounds.append(round)
        }
        self.rounds = rounds.sorted { $0.year < $1.year }
    }

    /// Whether a catalogue path is a year's round file (`<year>/round.yaml`) rather than a rubric.
    package static func isRoundFile(_ path: String) -> Bool {
        path.hasSuffix("/round.yaml") || path == "round.yaml"
    }

    /// A round file that does not fit the catalogue's rubrics: a usage error naming the file.
    private static func roundProblem(_ code: ProblemCode, file: String, th: String, en: String) -> PSEAError {
        PSEAError(code: code, path: file, th: th, en: en)
    }

    /// The round file of one award year, if any.
    package func round(year: Int) -> RoundFile? {
        rounds.first { $0.year == year }
    }

    /// The round file of one award year, or `PSEA-R050` naming where it was looked up.
    package func requiredRound(year: Int) throws(PSEAError) -> RoundFile {
        guard let round = round(year: year) else {
            throw PSEAError(
                code: RubricCode.roundFileNotFound,
                message: LocalizedText(
                    th: "ไม่มีไฟล์รอบ \(year)/round.yaml ใน\(origin.description.th) (ระบุโฟลเดอร์เกณฑ์ด้วย --rubrics หรือ $PSEA_RUBRICS)",
                    en: "no round file \(year)/round.yaml in \(origin.description.en) (name a rubric folder with --rubrics or $PSEA_RUBRICS)"),
                context: ["year": "\(year)"])
        }
        return round
    }

    /// A rubric error met while building a catalogue for a command: the same code and message, as a usage error.
    private static func unusable(_ error: PSEAError) -> PSEAError {
        var usage = error
        usage.isInvalidInput = false
        return usage
    }

    /// A catalogue of the same origin and bands whose rubrics of `replacements`' years and types are those
    /// (the rubrics a round froze in its ledger), the others unchanged.
    package func replacing(_ replacements: [Rubric]) -> RubricCatalog {
        guard !replacements.isEmpty else { return self }
        let keys = Set(replacements.map(\.key))
        let kept = all.filter { !keys.contains($0.key) }
        return RubricCatalog(
            all: (kept + replacements).sorted { ($0.year, $0.type) < ($1.year, $1.type) }, bands: bands, origin: origin, rounds: rounds)
    }

    private init(all: [Rubric], bands: BandSet?, origin: RubricOrigin, rounds: [RoundFile]) {
        self.all = all
        self.bands = bands
        self.origin = origin
        self.rounds = rounds
    }

    /// The rubric of one award year and sub-type, if any.
    package func rubric(year: Int, type: String) -> Rubric? {
        all.first { $0.year == year && $0.type == type }
    }

    /// The rubric of one award year and sub-type, or `PSEA-R024` naming where rubrics were looked up.
    package func required(year: Int, type: String) throws(PSEAError) -> Rubric {
        guard let rubric = rubric(year: year, type: type) else { throw missing(year: year, type: type) }
        return rubric
    }

    /// The error of an award year and sub-type without a rubric (`PSEA-R024`, exit 2), naming where rubrics were
    /// looked up.
    package func missing(year: Int, type: String) -> PSEAError {
        PSEAError(
            code: RubricCode.rubricNotFound,
            message: LocalizedText(
                th: "ไม่มีเกณฑ์การให้คะแนนสำหรับ \(year)/\(type) ใน\(origin.description.th) (ระบุโฟลเดอร์เกณฑ์ด้วย --rubrics หรือ $PSEA_RUBRICS)",
                en: "no rubric for \(year)/\(type) in \(origin.description.en) (name a rubric folder with --rubrics or $PSEA_RUBRICS)"
            ),
            context: ["year": "\(year)", "type": type]
        )
    }

    /// The sub-types defined for a year, sorted.
    package func types(year: Int) -> [String] {
        all.filter { $0.year == year }.map(\.type)
    }

    /// The years that have rubrics, ascending.
    package var years: [Int] { Array(Set(all.map(\.year))).sorted() }
}
