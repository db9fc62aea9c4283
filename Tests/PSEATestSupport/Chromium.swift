import Foundation

/// Runs Debian's headless Chromium on a file, as a reader's browser would open it.
package enum Chromium {
    /// The browser, when installed (`.ci/run` installs it).
    package static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    package static var available: Bool { path != nil }

    /// chromium-driver, the browser's WebDriver (installed by `.ci/run`), for the Selenium tests.
    package static let driver: String? = ["/usr/bin/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether the browser, its driver and Python's Selenium are all installed.
    package static let drivable: Bool =
        path != nil && driver != nil && (try? run("/usr/bin/env", ["python3", "-c", "import selenium"], seconds: 60).status) == 0

    package struct Run {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// Runs a program with a time limit, capturing both outputs.
    package static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], seconds: Double = 120) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outFile = temporaryPath("psea-out")
        let errFile = temporaryPath("psea-err")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
        }
        let out = try FileHandle(forWritingTo: outFile)
        let err = try FileHandle(forWritingTo: errFile)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: outFile), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errFile), as: UTF8.self))
    }

    /// The rendered DOM of a local file and the browser's log (`--enable-logging=stderr --v=0`).
    package static func dumpDOM(_ file: URL) throws -> Run {
        let profile = temporaryPath("psea-chromium")
        defer { try? FileManager.default.removeItem(at: profile) }
        return try run(
            path ?? "/usr/bin/chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=2000", "--dump-dom", file.absoluteString,
            ])
    }

    /// Console messages in the browser's log. A static page runs no script, so any console message is an error.
    package static func consoleLines(_ log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
    }
}
