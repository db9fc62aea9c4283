import ArgumentParser
import Foundation
import Intake
import Model
import Ranking
import Results
import Round
import Store

/// `psea demo`: a whole round end to end on the shipped samples, so a newcomer sees the main job in one step.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Run a whole round on the shipped samples, stage by stage: ingest, screening, desk review, shortlist, site visits, approval, exports.",
        discussion: """
            Creates a new database in the output folder (replacing an earlier demo database), ingests Samples/valid inside
            the 2568 application window, screens the entries by Rubrics/2568/round.yaml, imports the demo judges and
            conflicts of Samples/round, assigns judges, imports the demo scores of the judges actually assigned, records a
            consensus (at the median) wherever judges disagree too much, shortlists the entries in the outstanding range,
            records a site visit to each (on site or online, with a date and a team), approves each sub-type, ranks, and
            writes the CSV, JSON and HTML exports and one feedback report. Every stage is recorded at a fixed date of the
            2568 round, so two runs give the same files.
            """)

    @Option(name: [.short, .long], help: "Folder for the database and the results (default: psea-demo).")
    var out: String = "psea-demo"

    @Option(help: "The samples folder with valid/ and round/ (default: ./Samples or the one psea was built with).")
    var samples: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var rubricOptions: RubricOptions

    func run() throws {
        let th = output.lang == .th
        let samplesFolder = try samplesDirectory()
        let catalog = try rubricOptions.catalog()
        let folder = URL(fileURLWithPath: out)
        let database = folder.appendingPathComponent("demo.sqlite").path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database + suffix) {
                try FileManager.default.removeItem(atPath: database + suffix)
            }
        } catch {
            throw PSEAError.unwritable(folder.path, reason: error.localizedDescription)
        }
        let store = try CompetitionStore(path: database, applicationDecoder: StoredApplicationDecoder.decode)
        // The demo signs its checkpoints with a key anyone can recompute, so that its files are the same every run.
        let context = RoundContext(
            store: store, catalog: catalog, actor: DemoRound.actor, clock: .fixed(DemoRound.time), signer: try CheckpointSigner.demo())
        let outcome: DemoRound.Outcome
        do {
            outcome = try DemoRound.run(
                context, applications: FileExpansion.expand([Self.underCurrentFolder(samplesFolder.appendingPathComponent("valid").path)]).files,
                rules: RubricRuleContext(catalog: catalog), samples: samplesFolder, folder: folder, language: output.lang,
                say: { print($0) })
        } catch let refused as DemoRound.Refused {
            try reportIssues(refused.result, file: refused.file, language: output.lang)
            throw refused
        }
        warn(outcome.run.withoutRubricLines(language: output.lang))
        print("")
        print(RankingReport.text(outcome.run.ranking, language: output.lang))
        print(th ? "ผลลัพธ์อยู่ที่:" : "Results:")
        print("  " + (th ? "ฐานข้อมูล " : "database ") + database)
        for path in outcome.written { print("  " + path) }
        if let checkpoint = outcome.checkpointFile, let key = outcome.keyFile, let signed = outcome.run.bundle.checkpoint {
            print(th ? "จุดตรวจสอบที่ลงลายมือชื่อ: \(checkpoint)" : "Signed checkpoint: \(checkpoint)")
            print(th ? "กุญแจสาธารณะ: \(signed.publicKey)" : "Public key: \(signed.publicKey)")
            print(
                th
                    ? "กุญแจตัวอย่าง (สร้างจากค่าตั้งต้นที่เปิดเผย ห้ามใช้กับรอบจริง) และกุญแจสาธารณะ: \(key)"
                    : "Demo key (derived from a public seed: never for a real round) and its public key: \(key)")
            print(
                th
                    ? "ตรวจสอบจุดตรวจสอบ: psea verify --db \(database) --checkpoint \(checkpoint)"
                    : "Check the checkpoint: psea verify --db \(database) --checkpoint \(checkpoint)")
        }
        let page = Self.absolute(folder.appendingPathComponent("index.html").path)
        print(th ? "เปิดหน้าประกาศผล: file://\(page)" : "Open the publication page: file://\(page)")
        print(
            th
                ? "ตรวจสอบกับบันทึกเหตุการณ์: psea verify --db \(database) --against \(out)"
                : "Check it against the ledger: psea verify --db \(database) --against \(out)")
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }

    /// `path` relative to the current folder when it lies inside it: the ledger records each application's source as
    /// it was named, so the demo's bytes then do not depend on where the repository was checked out.
    static func underCurrentFolder(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// `--samples`, else `./Samples`, else the `Samples` folder of the source tree psea was built in.
    func samplesDirectory() throws -> URL {
        let manager = FileManager.default
        func usable(_ url: URL) -> Bool { manager.fileExists(atPath: url.appendingPathComponent("round/judges.csv").path) }
        if let samples {
            let url = URL(fileURLWithPath: samples)
            guard usable(url) else { throw PSEAError.unreadable(samples, reason: "no round/judges.csv in it") }
            return url
        }
        let local = URL(fileURLWithPath: manager.currentDirectoryPath).appendingPathComponent("Samples")
        if usable(local) { return local }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Samples")
            if usable(candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw PSEAError.unreadable("Samples", reason: "no samples folder found (give --samples DIR)")
    }
}
