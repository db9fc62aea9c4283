import Foundation
import Model
import Store

/// Sign-in without passwords for the web workspace: personal links for judges and staff, their revocation, and
/// signing in with one. A link carries a random token of 256 bits; the database and the ledger keep only its
/// SHA-256, so the link is shown once, when it is made.
@MemberwiseInit
package struct RoundAccess: Sendable {
    package let context: RoundContext

    /// How long a link works unless `--expires` says otherwise, in days.
    package static let defaultDays = 14
    /// The longest a link may work, in days.
    package static let maxDays = 90
    /// The address links start with unless `--base-url` says otherwise (`psea serve`'s default).
    package static let defaultBaseURL = "http://127.0.0.1:8080"

    /// A link just made: its token (shown once), the whole link and when it stops working.
    @MemberwiseInit
    package struct Issued: Sendable, Equatable {
        package var token: String
        package var link: String
        package var expires: Date
    }

    /// Makes a link for `role`/`subject` that works for `days` days (recorded as event `invite-issued`, by hash);
    /// a judge must be registered (PSEA-DB004 otherwise). Earlier links of the same person keep working until
    /// they expire or are revoked.
    package func invite(_ role: AccessRole, _ subject: String, days: Int = defaultDays, baseURL: String = defaultBaseURL) throws -> Issued {
        let now = context.clock.now()
        let expires = now.addingTimeInterval(Double(days) * 86_400)
        let token = RandomToken.make()
        let invite = Invite(role: role, subject: subject, tokenHash: Self.hash(token), expiresAt: Ledger.timestamp(expires))
        _ = try context.store.batch { try $0.recordInvite(invite, actor: context.actor, at: now) }
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        return Issued(token: token, link: "\(base)/signin/\(token)", expires: expires)
    }

    /// Revokes every link of `role`/`subject` (event `invite-revoked`); false, and nothing recorded, when none is
    /// in force.
    @discardableResult
    package func revoke(_ role: AccessRole, _ subject: String) throws -> Bool {
        let now = context.clock.now()
        let seq = try context.store.batch {
            try $0.revokeInvites(InviteRevocation(role: role, subject: subject), actor: context.actor, at: now)
        }
        return seq != nil
    }

    /// Signs in with the token of a link: the person it was made for, recorded as event `signed-in` with them as
    /// the actor. An unknown token is PSEA-RND201, an expired link PSEA-RND202, a revoked one PSEA-RND203;
    /// nothing is recorded then.
    package func signIn(token: String) throws -> SignIn {
        let hash = Self.hash(token)
        guard let record = try context.store.invite(tokenHash: hash) else {
            throw PSEAError.roundInvalid(
                .signInUnknown, th: "ไม่รู้จักลิงก์เข้าสู่ระบบนี้ ตรวจว่าคัดลอกมาครบ หรือขอลิงก์ใหม่จากเจ้าหน้าที่",
                en: "this sign-in link is not known: check it was copied whole, or ask the staff for a new one")
        }
        if record.revoked {
            throw PSEAError.roundInvalid(
                .signInRevoked, th: "ลิงก์เข้าสู่ระบบนี้ถูกยกเลิกแล้ว ขอลิงก์ใหม่จากเจ้าหน้าที่",
                en: "this sign-in link was revoked; ask the staff for a new one")
        }
        let now = context.clock.now()
        guard Ledger.timestamp(now) < record.invite.expiresAt else {
            throw PSEAError.roundInvalid(
                .signInExpired, th: "ลิงก์เข้าสู่ระบบนี้หมดอายุแล้ว ขอลิงก์ใหม่จากเจ้าหน้าที่",
                en: "this sign-in link has expired; ask the staff for a new one")
        }
        let signIn = SignIn(role: record.invite.role, subject: record.invite.subject, tokenHash: hash)
        _ = try context.store.batch { try $0.recordSignIn(signIn, actor: Self.actor(signIn.role, signIn.subject), at: now) }
        return signIn
    }

    /// Whether the link whose token hashes to `tokenHash` still works (known, not revoked, not expired): a session
    /// lasts only as long as the link it was opened with.
    package func isLive(tokenHash: String) throws -> Bool {
        guard let record = try context.store.invite(tokenHash: tokenHash) else { return false }
        return !record.revoked && Ledger.timestamp(context.clock.now()) < record.invite.expiresAt
    }

    /// The actor recorded with a signed-in person's events: `judge:J01`, `staff:Somchai`.
    package static func actor(_ role: AccessRole, _ subject: String) -> String {
        "\(role.rawValue):\(subject)"
    }

    /// SHA-256 of a token, as the database keeps it.
    package static func hash(_ token: String) -> String {
        Ledger.sha256Hex(Data(token.utf8))
    }
}

/// Random tokens (invite links, sessions, CSRF): bytes from the system's secure generator, as URL-safe base64
/// without padding.
package enum RandomToken {
    /// A new token of `bytes` random bytes (32 = 256 bits; never fewer than 16 = 128 bits).
    package static func make(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<max(bytes, 16)).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
