import ArgumentParser
import Foundation
import Model
import Round
import Store

/// `psea judges invite J`: a judge's personal sign-in link for `psea serve`.
struct JudgesInvite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Print a judge's personal sign-in link for the web workspace (psea serve).",
        discussion: """
            The link holds a random token of 256 bits; the database keeps only its SHA-256 (event invite-issued), so \
            the link is shown this once: send it to the judge privately. It works until it expires or \
            `psea judges revoke` revokes it. A judge who is not registered is refused (exit 1).
            """)

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions
    @OptionGroup var link: InviteOptions

    @Argument(help: "The judge's id.")
    var judge: String

    func run() throws {
        try link.issue(.judge, judge, options: options, anchor: anchor)
    }
}

/// `psea judges revoke J`: every sign-in link of a judge stops working.
struct JudgesRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke every sign-in link of a judge (their open sessions end at the next request).")

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions

    @Argument(help: "The judge's id.")
    var judge: String

    func run() throws {
        let context = try options.context(anchor: anchor)
        let revoked = try RoundAccess(context: context).revoke(.judge, judge)
        if revoked { try anchor.finish(context, lang: options.lang) }
        print(revoked ? "links of \(judge) revoked" : "no link of \(judge) in force; nothing recorded")
    }
}

/// `psea staff invite NAME`: a staff member's personal sign-in link.
struct StaffInvite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Print a staff member's personal sign-in link for the web workspace (psea serve).",
        discussion: "As `psea judges invite`: shown once, kept only as a hash, expiring.")

    @OptionGroup var options: RoundOptions
    @OptionGroup var anchor: AnchorOptions
    @OptionGroup var link: InviteOptions

    @Argument(help: "The staff member's name, as the ledger records them (staff:NAME).")
    var name: String

    func validate() throws {
        let trimmed = name.trimmingWhitespace
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw ValidationError("NAME must be 1–100 characters") }
        if name.unicodeScalars.contains(where: { UnicodeText.isForbidden($0) || $0.properties.generalCategory == .control }) {
            throw ValidationError("NAME must not hold a control character, a tab or a line break")
        }
    }

    func run() throws {
        try link.issue(.staff, name.trimmingWhitespace, options: options, anchor: anchor)
    }
}

/// How long an invite link works and the address it starts with.
struct InviteOptions: ParsableArguments {
    @Option(help: "Days the link works (1–\(RoundAccess.maxDays)).")
    var expires = RoundAccess.defaultDays

    @Option(help: "The address judges reach psea serve at.")
    var baseURL = RoundAccess.defaultBaseURL

    func validate() throws {
        guard (1...RoundAccess.maxDays).contains(expires) else { throw ValidationError("--expires must be 1–\(RoundAccess.maxDays) days") }
        guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil, url.query == nil else {
            throw ValidationError("--base-url must be an http:// or https:// address, e.g. https://psea.example.go.th")
        }
    }

    /// Makes the link, prints it and when it expires, and signs a checkpoint.
    func issue(_ role: AccessRole, _ subject: String, options: RoundOptions, anchor: AnchorOptions) throws {
        let context = try options.context(anchor: anchor)
        let issued = try RoundAccess(context: context).invite(role, subject, days: expires, baseURL: baseURL)
        try anchor.finish(context, lang: options.lang)
        print(issued.link)
        printError("link for \(subject) works until \(Ledger.timestamp(issued.expires)); it is shown only now")
    }
}
