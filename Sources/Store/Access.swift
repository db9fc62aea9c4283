import Foundation
import GRDB
import Model

/// Who an invite link or a session belongs to: a judge (by judge id) or a staff member (by name).
package enum AccessRole: String, Codable, Sendable, CaseIterable {
    case judge, staff
}

/// A personal sign-in link issued to a judge or a staff member. Only the SHA-256 of its random token is kept
/// (in the ledger and the `invites` table): whoever reads the database cannot sign in with it.
@MemberwiseInit
package struct Invite: Codable, Sendable, Equatable {
    package var role: AccessRole
    /// The judge's id, or the staff member's name.
    package var subject: String
    /// SHA-256 of the token, 64 lowercase hexadecimal digits.
    package var tokenHash: String
    /// When the link stops working, ISO 8601 in UTC.
    package var expiresAt: String
}

/// Every link issued to `role`/`subject` so far stops working (`psea judges revoke`).
@MemberwiseInit
package struct InviteRevocation: Codable, Sendable, Equatable {
    package var role: AccessRole
    package var subject: String
}

/// A sign-in through an invite link: who signed in, with which link (its hash).
@MemberwiseInit
package struct SignIn: Codable, Sendable, Equatable {
    package var role: AccessRole
    package var subject: String
    package var tokenHash: String
}

/// An invite as the database holds it: the link and whether it was revoked since.
@MemberwiseInit
package struct InviteRecord: Sendable, Equatable {
    package var invite: Invite
    package var revoked: Bool
}

extension Invite: RowPayload {
    static let eventKind = EventKind.inviteIssued
    static let projectionSQL = "INSERT INTO invites (tokenHash, role, subject, expiresAt, revoked) VALUES (?, ?, ?, ?, 0)"
    var projectionArguments: StatementArguments { [tokenHash, role.rawValue, subject, expiresAt] }
}

extension InviteRevocation: RowPayload {
    static let eventKind = EventKind.inviteRevoked
    static let projectionSQL = "UPDATE invites SET revoked = 1 WHERE role = ? AND subject = ?"
    var projectionArguments: StatementArguments { [role.rawValue, subject] }
}

extension SignIn: LedgerPayload {
    static let eventKind = EventKind.signedIn

    /// A sign-in changes no projection: the ledger is its record.
    func project(_ event: LedgerEvent, _ db: Database) throws {}
}

extension StoreBatch {
    /// Records an invite link; a judge's must name a registered judge.
    @discardableResult
    package func recordInvite(_ invite: Invite, actor: String, at: Date) throws -> Int {
        if invite.role == .judge {
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM judges WHERE id = ?", arguments: [invite.subject]) != nil else {
                throw PSEAError.unknownReference("judge", id: invite.subject)
            }
        }
        return try CompetitionStore.append(invite, actor: actor, at: at, db)
    }

    /// Revokes every link of `role`/`subject`; nil (and nothing recorded) when none is in force.
    @discardableResult
    package func revokeInvites(_ revocation: InviteRevocation, actor: String, at: Date) throws -> Int? {
        let live =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM invites WHERE role = ? AND subject = ? AND revoked = 0",
                arguments: [revocation.role.rawValue, revocation.subject]) ?? 0
        guard live > 0 else { return nil }
        return try CompetitionStore.append(revocation, actor: actor, at: at, db)
    }

    /// Records a sign-in with a link the database holds.
    @discardableResult
    package func recordSignIn(_ signIn: SignIn, actor: String, at: Date) throws -> Int {
        try CompetitionStore.append(signIn, actor: actor, at: at, db)
    }
}

extension CompetitionStore {
    /// The invite whose token hashes to `tokenHash`, nil when no link has that hash.
    package func invite(tokenHash: String) throws -> InviteRecord? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM invites WHERE tokenHash = ?", arguments: [tokenHash]) else { return nil }
            return try Self.inviteRecord(row)
        }
    }

    /// Every invite issued, by role, subject and expiry.
    package func invites() throws -> [InviteRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM invites ORDER BY role, subject, expiresAt, tokenHash").map(Self.inviteRecord)
        }
    }

    private static func inviteRecord(_ row: Row) throws -> InviteRecord {
        let role = try row.decode(String.self, forColumn: "role")
        return InviteRecord(
            invite: Invite(
                role: AccessRole(rawValue: role) ?? .judge, subject: try row.decode(String.self, forColumn: "subject"),
                tokenHash: try row.decode(String.self, forColumn: "tokenHash"), expiresAt: try row.decode(String.self, forColumn: "expiresAt")),
            revoked: try row.decode(Bool.self, forColumn: "revoked"))
    }
}
