// The psea command: a thin ArgumentParser front over the library targets.
// Exit codes: 0 success, 1 invalid input or rule failure, 2 usage or I/O error.
import ArgumentParser
import CLibXML2
import Foundation
import Logging
import Model

// Buffers of 4 MB and more (a sub-type's scores, its aggregates) are mapped and unmapped rather than carved from the
// heap: by default glibc raises that threshold after the first large buffer is freed and then keeps such buffers'
// pages once freed, about 25 MB more at the peak of ranking a 100,000-entry round.
psea_map_buffers_from(4 << 20)

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
