/// The scope of one tie-break lottery: the sub-type (`year/type`) whose ties it settles. Its one ledger encoding is
/// `lottery:<year>/<type>`; the ranking keys its seeds by `key` (`<year>/<type>`).
package struct LotteryScope: Sendable, Hashable, CustomStringConvertible {
    /// The award year (Buddhist era).
    package var year: Int
    /// The sub-type key, e.g. `open-governance`.
    package var type: String

    /// The lottery of sub-type `type` of award year `year`.
    package init(year: Int, type: String) {
        (self.year, self.type) = (year, type)
    }

    /// The prefix of every lottery scope in the ledger.
    package static let ledgerPrefix = "lottery:"

    /// `<year>/<type>`: the sub-type scope the ranking keys its seeds by.
    package var key: String { "\(year)/\(type)" }

    /// `lottery:<year>/<type>`: the scope recorded with the seed in the ledger.
    package var ledgerScope: String { Self.ledgerPrefix + key }

    package var description: String { ledgerScope }

    /// Parses a ledger scope; nil for anything that is not `lottery:<year>/<type>` (e.g. an assignment seed's scope).
    package init?(ledgerScope: String) {
        guard ledgerScope.hasPrefix(Self.ledgerPrefix) else { return nil }
        let rest = ledgerScope[ledgerScope.index(ledgerScope.startIndex, offsetBy: Self.ledgerPrefix.count)...]
        guard let slash = rest.firstIndex(of: "/"), let year = Int(rest[..<slash]) else { return nil }
        let type = rest[rest.index(after: slash)...]
        guard !type.isEmpty else { return nil }
        self.init(year: year, type: String(type))
    }
}
