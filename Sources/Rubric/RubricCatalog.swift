import Foundation
import Model

/// All rubric files under one directory (`<dir>/<year>/<type>.yaml`) plus the shared `bands.yaml`.
/// Years and types are listed in sorted order so that nothing depends on file-system order.
public struct RubricCatalog: Sendable {
    /// Every rubric, sorted by year then type.
    public let all: [Rubric]
    /// The shared band descriptors, when `bands.yaml` exists.
    public let bands: BandSet?
    /// The directory the catalog was read from.
    public let directory: URL

    /// Reads every `<year>/<type>.yaml` under `directory`. Throws the first loading error, or `PSEA-R023` when a
    /// file's `year` or `type` does not match its path.
    public init(directory: URL) throws(PSEAError) {
        self.directory = directory
        let fm = FileManager.default
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw PSEAError.unreadable(directory.path, reason: error.localizedDescription)
        }
        let bandsURL = directory.appendingPathComponent("bands.yaml")
        bands = fm.fileExists(atPath: bandsURL.path) ? try RubricLoader.loadBands(contentsOf: bandsURL) : nil
        var files: [(year: String, file: String, url: URL)] = []
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
            for file in names.sorted() where file.hasSuffix(".yaml") {
                files.append((yearName, file, yearURL.appendingPathComponent(file)))
            }
        }
        // YAML decoding is most of a command's start-up, so the files are read on every core; the first problem
        // in path order is the one reported, whatever finished first.
        let loaded = files.map(\.url).concurrentMap { url -> Result<Rubric, PSEAError> in
            do throws(PSEAError) { return .success(try RubricLoader.load(contentsOf: url)) } catch { return .failure(error) }
        }
        var rubrics: [Rubric] = []
        for (place, outcome) in zip(files, loaded) {
            let rubric = try outcome.get()
            let type = String(place.file.dropLast(5))
            guard String(rubric.year) == place.year, rubric.type == type else {
                throw PSEAError(
                    code: RubricCode.fileMismatch,
                    message: LocalizedText(
                        th: "ไฟล์เกณฑ์ \(place.url.path) ระบุปี \(rubric.year) ประเภท \(rubric.type) ไม่ตรงกับตำแหน่งไฟล์ \(place.year)/\(place.file)",
                        en: "rubric file \(place.url.path) declares \(rubric.year)/\(rubric.type), which does not match its path \(place.year)/\(place.file)"
                    ),
                    context: ["path": place.url.path],
                    isInvalidInput: true
                )
            }
            rubrics.append(rubric)
        }
        all = rubrics.sorted { ($0.year, $0.type) < ($1.year, $1.type) }
    }

    /// The rubric of one award year and sub-type, if any.
    public func rubric(year: Int, type: String) -> Rubric? {
        all.first { $0.year == year && $0.type == type }
    }

    /// The sub-types defined for a year, sorted.
    public func types(year: Int) -> [String] {
        all.filter { $0.year == year }.map(\.type)
    }

    /// The years that have rubrics, ascending.
    public var years: [Int] { Array(Set(all.map(\.year))).sorted() }

    /// The source file of one rubric, if it exists.
    public func sourceURL(year: Int, type: String) -> URL? {
        rubric(year: year, type: type)?.sourceURL
    }

    /// Every problem the checker finds in all rubrics and the band file.
    public func check() -> [RubricProblem] {
        all.flatMap { RubricChecker.check($0) } + (bands.map { RubricChecker.check($0) } ?? [])
    }
}
