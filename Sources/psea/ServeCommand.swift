import ArgumentParser
import Foundation
import Web

/// `psea serve`: the web workspace for judges, staff and applicants over the competition database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web workspace: judges score their entries, staff run the round, applicants check a file.",
        discussion: """
            Listens on 127.0.0.1:8080 unless --host and --port say otherwise (--host 0.0.0.0 only when the panel \
            reaches it from other machines). Judges and staff sign in with the links of `psea judges invite` and \
            `psea staff invite`; /check needs no sign-in. Behind a TLS proxy, give --public-url https://… so the session \
            cookie is marked Secure. Stop it with Ctrl-C.
            """)

    @OptionGroup var round: RoundOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(
        help: ArgumentHelp(
            "The address the panel opens, e.g. https://psea.opdc.go.th/ when a TLS proxy forwards to this server; https marks the cookies Secure.",
            valueName: "url"))
    var publicURL: String?

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1–65535") }
        guard !host.isEmpty else { throw ValidationError("--host needs an address") }
        if let publicURL {
            let url = URL(string: publicURL)
            guard let scheme = url?.scheme?.lowercased(), ["http", "https"].contains(scheme), url?.host?.isEmpty == false else {
                throw ValidationError("--public-url must be an http:// or https:// address with a host")
            }
        }
    }

    func run() async throws {
        let server = try WebServer(round: try round.context(), publicURL: publicURL.flatMap(URL.init(string:)))
        let reached = publicURL.map { " at \($0)\(server.secure ? ", cookies Secure" : "")" } ?? ""
        print("psea serve: http://\(host):\(port)/\(reached) (Ctrl-C stops)")
        try await server.serve(host: host, port: port)
    }
}
