// The psea command: a thin ArgumentParser front over the library targets.
// Exit codes: 0 success, 1 invalid input or rule failure, 2 usage or I/O error.
import ArgumentParser
import Foundation
import Logging
import Model

// Diagnostics about psea itself (not about applications) go to standard error; PSEA_LOG=debug shows more.
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = getenv("PSEA_LOG").flatMap { Logger.Level(rawValue: String(cString: $0)) } ?? .warning
    return handler
}

if let topic = PSEA.unknownHelpTopic(Array(CommandLine.arguments.dropFirst())) {
    printError("Error: no help topic '\(TerminalText.escaped(topic))'; psea help lists the commands\n\(PSEA.usageString())")
    exit(ExitStatus.failure)
}

do {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "validate" { Validate.prepare(arguments) }
    let named = NamedFiles(arguments)
    var command = try PSEA.parseAsRoot(named?.shortened ?? arguments)
    if let named, var validate = command as? Validate {
        validate.files = named.files(parsed: validate.files)
        command = validate
    }
    // `psea serve` is the one command that runs async (the web server); every other runs as before.
    if let server = command as? ServeCommand {
        try await server.run()
    } else {
        try command.run()
    }
} catch let error as PSEAError {
    printError("psea: \(error.text(.en))\npsea: \(error.text(.th))")
    exit(error.isInvalidInput ? ExitStatus.invalid : ExitStatus.failure)
} catch {
    if PSEA.exitCode(for: error) == .validationFailure {
        // ArgumentParser's own usage exit (64) becomes 2, as for every usage error of psea.
        printError(PSEA.fullMessage(for: error))
        exit(ExitStatus.failure)
    }
    PSEA.exit(withError: error)
}
