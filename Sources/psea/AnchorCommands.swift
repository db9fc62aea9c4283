import ArgumentParser
import Foundation
import Model
import Round
import Store

/// The signing key and checkpoint file of every command that appends events. The key is read from `--key`,
/// else `$PSEA_KEY`, else `~/.config/psea/signing-key` when it exists; without one, appends still work and the
/// command says, once, that the ledger is not anchored.
struct AnchorOptions: ParsableArguments {
    @Option(help: "The Ed25519 signing key that signs a checkpoint after the command appends (default: $PSEA_KEY, else ~/.config/psea/signing-key).")
    var key: String?

    @Option(help: "Also write the signed checkpoint (event count, head hash, signature, public key) to this file, kept outside the database.")
    var checkpoint: String?

    func validate() throws {
        if key?.isEmpty == true { throw ValidationError("--key needs a file") }
        if checkpoint?.isEmpty == true { throw ValidationError("--checkpoint needs a file") }
    }

    /// The key file in use: `--key`, else `$PSEA_KEY`, else the default one when it exists; nil otherwise.
    var keyPath: String? {
        if let key { return key }
        if let env = ProcessInfo.processInfo.environment["PSEA_KEY"], !env.isEmpty { return env }
        let standard = KeysInit.defaultPath
        return FileManager.default.fileExists(atPath: standard) ? standard : nil
    }

    /// The signing key, nil when none is named or found. A named key that cannot be read is an I/O error (exit 2),
    /// and so is `--checkpoint` without a key.
    func signer() throws -> CheckpointSigner? {
        guard let path = keyPath else {
            if checkpoint != nil { throw ValidationError("--checkpoint needs a signing key: make one with psea keys init, or give --key") }
            return nil
        }
        let data = try RegularFile.read(path, otherwise: "the signing key cannot be read (make one with psea keys init)")
        guard let signer = CheckpointSigner(fileText: String(decoding: data, as: UTF8.self)) else {
            throw PSEAError.unreadable(path, reason: "not a psea signing key (psea keys init writes one)")
        }
        return signer
    }

    /// After the command appended: signs a checkpoint of the ledger into the database (and `--checkpoint` FILE),
    /// or says on standard error that the ledger is not anchored when there is no key and events are unsigned.
    func finish(_ context: RoundContext, lang: Language) throws {
        if let checkpoint = try context.anchor() {
            guard let file = self.checkpoint else { return }
            let url = URL(fileURLWithPath: file)
            do {
                try Data(try checkpoint.fileText.utf8).write(to: url, options: .atomic)
            } catch {
                throw PSEAError.unwritable(file, reason: error.localizedDescription)
            }
            printError(
                lang == .th
                    ? "psea: จุดตรวจสอบ \(checkpoint.events) รายการ ลงลายมือชื่อแล้ว เขียนไว้ที่ \(file)"
                    : "psea: checkpoint of \(checkpoint.events) events signed and written to \(file)")
            return
        }
        let head = try context.store.ledgerHead()
        guard let head, try context.store.lastCheckpoint()?.head != head else { return }
        printError(
            lang == .th
                ? "psea: บัญชียังไม่มีจุดตรวจสอบที่ลงลายมือชื่อ (ไม่มีกุญแจ) ให้สร้างกุญแจด้วย psea keys init หรือระบุด้วย --key หรือ $PSEA_KEY"
                : "psea: the ledger is not anchored: no signing key (make one with psea keys init, or name one with --key or $PSEA_KEY)")
    }
}

/// `psea keys init [--key FILE] [--force]`.
struct KeysInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make an Ed25519 signing key pair, kept outside the database, and print its public key.",
        discussion: """
            The private key goes to --key FILE, else $PSEA_KEY, else ~/.config/psea/signing-key, readable by its owner
            only (mode 0600). An existing key is never replaced without --force. Publish the public key: anyone can
            then check a checkpoint with psea verify --checkpoint FILE.
            """)

    @Option(help: "Where to write the private key (default: $PSEA_KEY, else ~/.config/psea/signing-key).")
    var key: String?

    @Flag(help: "Replace an existing key (checkpoints then carry the new public key: publish it again).")
    var force = false

    /// `~/.config/psea/signing-key`.
    static var defaultPath: String {
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".config/psea/signing-key")
    }

    func run() throws {
        let path = key ?? ProcessInfo.processInfo.environment["PSEA_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultPath
        let manager = FileManager.default
        if manager.fileExists(atPath: path), !force {
            throw PSEAError(
                code: .fileUnwritable, path: path, th: "มีกุญแจอยู่แล้วที่ \(path) ไม่ได้เขียนทับ (ใช้ --force หากต้องการแทนที่)",
                en: "a key already exists at \(path); it was left unchanged (give --force to replace it)")
        }
        let signer = CheckpointSigner.generate()
        let url = URL(fileURLWithPath: path)
        do {
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if manager.fileExists(atPath: path) { try manager.removeItem(at: url) }
            // Created with mode 0600 before the key is written into it.
            guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw PSEAError.unwritable(path, reason: "the file could not be created")
            }
            let handle = try FileHandle(forWritingTo: url)
            try handle.write(contentsOf: Data(signer.fileText(demo: false).utf8))
            try handle.close()
        } catch let error as PSEAError {
            throw error
        } catch {
            throw PSEAError.unwritable(path, reason: error.localizedDescription)
        }
        print("signing key: \(path)")
        print("public key: \(signer.publicKey)")
    }
}
