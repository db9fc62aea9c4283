import Crypto
import Foundation
import GRDB
import Model

/// The Ed25519 key that signs checkpoints. It is kept outside the database (`psea keys init`): whoever can write
/// the database file cannot sign a checkpoint for a rewritten ledger without it.
package struct CheckpointSigner: Sendable {
    /// The private key's 32 bytes (swift-crypto's key type is not `Sendable`; it is made again to sign).
    private let raw: Data
    /// The public key, 64 lowercase hexadecimal digits.
    package let publicKey: String

    private init(key: Curve25519.Signing.PrivateKey) {
        raw = key.rawRepresentation
        publicKey = Hex.encode(key.publicKey.rawRepresentation)
    }

    /// A new random key.
    package static func generate() -> CheckpointSigner {
        CheckpointSigner(key: Curve25519.Signing.PrivateKey())
    }

    /// The demo's key: derived from a fixed seed, so anyone can recompute it; it proves nothing about a real round.
    package static func demo() throws -> CheckpointSigner {
        let seed = SHA256.hash(data: Data("psea demo signing key: public, never for a real round".utf8))
        return CheckpointSigner(key: try Curve25519.Signing.PrivateKey(rawRepresentation: Data(seed)))
    }

    /// The checkpoint of a ledger of `events` events ending in `head`, signed. Ed25519 signatures are
    /// deterministic: the same key and ledger give the same bytes.
    package func sign(events: Int, head: String) throws -> Checkpoint {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        let signature = try key.signature(for: Data(Checkpoint.signedText(events: events, head: head).utf8))
        return Checkpoint(events: events, head: head, publicKey: publicKey, signature: Hex.encode(signature))
    }

    /// The Ed25519 signature (128 hexadecimal digits) of the seals of a ledger of `events` events ending in `head`
    /// (`Seal.signedText`): a keyed round's publishing commands trust sealed projections only under it.
    func signSeal(events: Int, head: String, seal: String) throws -> String {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        return Hex.encode(try key.signature(for: Data(Seal.signedText(events: events, head: head, seal: seal).utf8)))
    }

    /// The first line of every key file.
    static let keyFileHeader = "psea-ed25519-signing-key-v1"

    /// The key file's text: the header, the private key (64 hexadecimal digits) and the public key, one a line;
    /// a demo key says so in a comment.
    package func fileText(demo: Bool) -> String {
        var text = Self.keyFileHeader + "\n"
        if demo { text += "# DEMO KEY: derived from a fixed seed, anyone can recompute it. Never use it for a real round.\n" }
        text += "private \(Hex.encode(raw))\npublic \(publicKey)\n"
        return text
    }

    /// Reads a key file written by `fileText`; nil when it is not one.
    package init?(fileText: String) {
        let lines = fileText.split(whereSeparator: \.isNewline).map(String.init)
        guard lines.first == Self.keyFileHeader,
            let line = lines.first(where: { $0.hasPrefix("private ") }),
            let raw = Hex.decode(String(line.dropFirst("private ".count))), raw.count == 32,
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { return nil }
        self.init(key: key)
    }
}

extension Checkpoint {
    /// Whether `signature` is `publicKey`'s Ed25519 signature of `signedText`.
    package var signatureIsValid: Bool {
        guard let raw = Hex.decode(publicKey), let signature = Hex.decode(signature),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { return false }
        return key.isValidSignature(signature, for: Data(signedText.utf8))
    }

    /// The checkpoint as a file: canonical JSON (sorted keys) and a new line.
    package var fileText: String {
        get throws { try Ledger.canonicalJSON(self) + "\n" }
    }

    /// Reads a checkpoint file; nil when it is not one.
    package init?(fileText: String) {
        guard let checkpoint = try? JSONDecoder().decode(Checkpoint.self, from: Data(fileText.utf8)) else { return nil }
        self = checkpoint
    }
}

/// Lowercase hexadecimal text of bytes, and back.
enum Hex {
    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef")
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }

    static func decode(_ text: String) -> Data? {
        let scalars = Array(text.utf8)
        guard scalars.count % 2 == 0 else { return nil }
        var data = Data(capacity: scalars.count / 2)
        var index = 0
        while index < scalars.count {
            guard let high = value(scalars[index]), let low = value(scalars[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension CompetitionStore {
    /// Signs the ledger as it is now with `signer` and records the checkpoint in the `checkpoints` table, unless
    /// the last checkpoint already covers this head with this key. Returns the checkpoint that covers the head.
    @discardableResult
    package func recordCheckpoint(_ signer: CheckpointSigner) throws -> Checkpoint {
        try write { db in
            let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
            let events: Int = try last?.decode(Int.self, forColumn: "seq") ?? 0
            let head: String = try last?.decode(String.self, forColumn: "hash") ?? Ledger.genesisHash
            // The seals at this head, signed with the checkpoint when the projections are sealed (`Seal`).
            let seal = try Seal.text(db, events: events, head: head)
            if let current = try Self.lastCheckpoint(db), current.events == events, current.head == head,
                current.publicKey == signer.publicKey,
                try String.fetchOne(db, sql: "SELECT seal FROM checkpoints ORDER BY id DESC LIMIT 1") == seal
            {
                return current
            }
            let checkpoint = try signer.sign(events: events, head: head)
            let sealSignature = try seal.map { try signer.signSeal(events: events, head: head, seal: $0) }
            try db.execute(
                sql: "INSERT INTO checkpoints (events, head, publicKey, signature, seal, sealSignature) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [checkpoint.events, checkpoint.head, checkpoint.publicKey, checkpoint.signature, seal, sealSignature])
            return checkpoint
        }
    }

    /// The checkpoint recorded last, nil when none is.
    package func lastCheckpoint() throws -> Checkpoint? {
        try read { db in try Self.lastCheckpoint(db) }
    }

    static func lastCheckpoint(_ db: Database) throws -> Checkpoint? {
        guard let row = try Row.fetchOne(db, sql: "SELECT events, head, publicKey, signature FROM checkpoints ORDER BY id DESC LIMIT 1")
        else { return nil }
        return Checkpoint(
            events: try row.decode(Int.self, forColumn: "events"), head: try row.decode(String.self, forColumn: "head"),
            publicKey: try row.decode(String.self, forColumn: "publicKey"), signature: try row.decode(String.self, forColumn: "signature"))
    }

    /// The problem when `checkpoint`'s signature is not valid or the ledger no longer holds its event at its
    /// place, nil when both hold. With `verify()` (every later event chains to it) this proves the first
    /// `events` events are those that were signed.
    package func check(checkpoint: Checkpoint) throws -> LedgerProblem? {
        guard checkpoint.signatureIsValid else {
            return LedgerProblem(
                code: "signature", seq: nil,
                message: LocalizedText(
                    th: "ลายมือชื่อของจุดตรวจสอบไม่ถูกต้อง แสดงว่าไฟล์จุดตรวจสอบถูกแก้ไข",
                    en: "the checkpoint's signature is not valid: the checkpoint file was altered"))
        }
        guard checkpoint.events > 0 else { return nil }
        return try check(anchor: LedgerAnchor(count: checkpoint.events, head: checkpoint.head))
    }
}
