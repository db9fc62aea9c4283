import Foundation
import PSEATestSupport
import Store
import Testing

/// The demo round's outputs byte for byte as psea wrote them before scores were imported as their file is read
/// and the ledger was verified a page at a time (`main` at baac436; the five files that carry the ledger's head
/// re-recorded when the demo began to name its samples relative to the current folder, as `Samples/valid/…`, so that
/// the bytes no longer depend on where the repository is checked out): every file `psea demo` writes (public and staff
/// exports, feedback reports, the signed checkpoint), `rank` in text and JSON, the staff CSV export with English
/// headers and the panel report, each by its SHA-256. The same samples, clock and seeds must give the same bytes;
/// a change that alters an output on purpose records the new digests here.
@Suite("psea demo, rank, export and panel report give the recorded bytes", .serialized)
struct DemoGoldenTests {
    static let golden: [String: String] = [
        "demo/checkpoint.json": "b22d2a83afc4913dbd1c8c20d6467493a35be6541fcefeb37b4566ad5ff675ea",
        "demo/demo-signing-key": "12abb41fd598bf5f4b75912897c05f0df57a480b3a9a708bb5a1c94d77f8cf17",
        "demo/index.html": "ee1e21a52516042967c43089815c6eeff645a3acfeec1774fe74cbb4efc98dae",
        "demo/reports/PG-2568-0031.html": "82a9572e81f5c224d153e27cbf1899264afcdfaac47f654201a2bed627c899f6",
        "demo/reports/PG-2568-0031.md": "26a8ec904d332d646d2b59931ab923a3087a3a3d7f11e43757a7276925470e1a",
        "demo/results-effective-change.csv": "56ff338106a7bb407850e524a43e95dbe7ce9e5b12ee2e0aade2ca81380c29ec",
        "demo/results-open-governance.csv": "3f41cc7608ae9bdd4bc725c578e60779a66b0a7a35fcfa726ce145783e0a9de5",
        "demo/results-participation-expanded.csv": "099511ccdbc7a8731986965e92d9a8e4505287b15cfe37028d6fa8d9dbf19c41",
        "demo/results-poverty-integration.csv": "2f38d93b2e9914e69ad1e29c00c53ce09a364e206d155e47af365cd4ec1f0f33",
        "demo/results-staff.json": "27a6eaab75a88e905b827e7ea7c63f04c969eefcf1887950ebefa5f0ed3610e2",
        "demo/results.csv": "97d99bc27ffed37cb3a617fe63990dfba9f6aae50bed2f40b931169d4138fdc6",
        "demo/results.json": "d0d5d264e60b5b69079ae966e0bfaa4bdc5bd66f5ef030c00480fb0c503e31c6",
        "demo/scores.csv": "d1123318a0d8a062079b34cfed5c145e41fcaf13207415aa1d040825a1efee8d",
        "demo/staff.html": "7803a50992d32ac51907ae639c2276b90af1526e16adbf84dc9ef4f2d4bcddbb",
        "panel.json": "5c079a88aa457172b80eca7f297c777a40df48df5283f401a5fb219630f2d521",
        "rank.json": "b8e3ff9f1282e0618206d2e8aafbc2a5d8fb4d7b2cb9d4bd5ba895e3d6c24c28",
        "rank.txt": "420628b250c32cab4f90be433e13f673e11ac71a89b7b4776aa07dee937a7e48",
        "staff-en/results-effective-change.csv": "a8a930b3ee19a793f734c43b437194c6cc90249b47db302b97f8cddda5fb0d32",
        "staff-en/results-open-governance.csv": "c371c112d2807a8e3e4a599b0de53150dd7a98210df1daffc3d9bc319b02a3cb",
        "staff-en/results-participation-expanded.csv": "4ed1d1462c31eccb3ed28abf4403ccdffc0d7acd054511254ed83eaddb5a4770",
        "staff-en/results-poverty-integration.csv": "771233e5d0ea4bb380e0d778af864b7f94c87616e2b18d934d297917218ddaaf",
        "staff-en/scores.csv": "d1123318a0d8a062079b34cfed5c145e41fcaf13207415aa1d040825a1efee8d",
    ]

    /// Each output's path (the demo's files under `demo/`) and SHA-256, made as `golden` was.
    func outputs() throws -> [String: String] {
        let folder = try makeTemporaryFolder("psea-golden")
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = folder.appendingPathComponent("demo")
        let db = demo.appendingPathComponent("demo.sqlite").path
        #expect(try CLI.run(["demo", "-o", demo.path]).status == 0)
        var digests: [String: String] = [:]
        let runs: [(String, [String])] = [
            ("rank.json", ["rank", "--db", db, "--format", "json"]),
            ("rank.txt", ["rank", "--db", db]),
            ("panel.json", ["panel", "report", "--db", db, "--format", "json"]),
        ]
        for (name, arguments) in runs {
            let run = try CLI.run(arguments)
            #expect(run.status == 0, "\(name): \(run.stderr)")
            digests[name] = Ledger.sha256Hex(run.stdoutData)
        }
        let staff = folder.appendingPathComponent("staff-en")
        #expect(try CLI.run(["export", "--db", db, "--format", "csv", "--audience", "staff", "--header", "en", "-o", staff.path]).status == 0)
        for top in [demo, staff] {
            let files = FileManager.default.enumerator(at: top, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = files?.nextObject() as? URL {
                guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true, !url.lastPathComponent.contains(".sqlite")
                else { continue }
                let relative = top.lastPathComponent + "/" + String(url.path.dropFirst(top.path.count + 1))
                digests[relative] = Ledger.sha256Hex(try Data(contentsOf: url))
            }
        }
        return digests
    }

    @Test("every output of the demo round has the bytes recorded before")
    func outputsAreTheRecordedBytes() throws {
        let digests = try outputs()
        #expect(digests.count == Self.golden.count, "\(digests.keys.sorted())")
        for (name, digest) in Self.golden.sorted(by: { $0.key < $1.key }) {
            #expect(digests[name] == digest, "\(name)")
        }
    }
}
