import Foundation

/// Runs the built `psea` executable as a user would, capturing its output and exit status.
package enum CLI {
    /// One run's exit status and output.
    package struct Run {
        package let status: Int32
        package let stdout: String
        package let stderr: String
        package let stdoutData: Data

        package init(status: Int32, stdout: String, stderr: String, stdoutData: Data) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
            self.stdoutData = stdoutData
        }
    }

    /// The package root.
    package static let packageRoot: URL = TestPaths.packageRoot

    /// The `psea` binary built beside the test bundle.
    package static let binary: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("psea"),
            Bundle.main.bundleURL.appendingPathComponent("psea"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("psea"),
            packageRoot.appendingPathComponent(".build/debug/psea"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[3]
    }()

    /// Runs `psea` with `arguments` in `directory` (the package root by default); with `timeout`, a run still going
    /// after that many seconds is terminated (its status is then the signal's), so a test of a hang never hangs.
    package static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], timeout: TimeInterval? = nil
    ) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if let timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { process.terminate() } }
        }
        // Drain both pipes while the process runs so a large output never blocks it.
        let group = DispatchGroup()
        let buffers = PipeBuffers()
        group.enter()
        DispatchQueue.global().async {
            buffers.setErr(err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: buffers.err, as: UTF8.self), stdoutData: outData)
    }
}

private final class PipeBuffers: @unchecked Sendable {
    private let lock = NSLock()
    private var errData = Data()

    func setErr(_ data: Data) {
        lock.lock()
        errData = data
        lock.unlock()
    }

    var err: Data {
        lock.lock()
        defer { lock.unlock() }
        return errData
    }
}
