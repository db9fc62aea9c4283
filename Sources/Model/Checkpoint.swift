/// A signed statement that the ledger held `events` events, the last one hashing to `head`: written after every
/// command that appends (to the database and, on request, to a file kept elsewhere) and embedded in exports.
/// Signing and checking it is the Store's (Ed25519); this is the value every module can carry.
@MemberwiseInit
package struct Checkpoint: Codable, Sendable, Equatable {
    /// The ledger's event count then; the anchored event is the one with this seq.
    package var events: Int
    /// That event's hash (64 lowercase hexadecimal digits); the genesis hash for an empty ledger.
    package var head: String
    /// The Ed25519 public key that signed, 64 lowercase hexadecimal digits.
    package var publicKey: String
    /// The Ed25519 signature of `signedText`, 128 lowercase hexadecimal digits.
    package var signature: String

    /// What is signed: `psea-checkpoint-v1|<events>|<head>`.
    package var signedText: String { Self.signedText(events: events, head: head) }

    /// What is signed for a ledger of `events` events ending in `head`.
    package static func signedText(events: Int, head: String) -> String { "psea-checkpoint-v1|\(events)|\(head)" }
}
