import Model

/// Decodes the application JSON the store keeps (`Ledger.canonicalJSON`, written by `JSONEncoder`) with the JSON
/// reader's byte-level parser and mapper: the same `Application` that `JSONDecoder` gives, several times faster,
/// which matters when a round of many thousand entries is read.
package enum StoredApplicationDecoder {
    /// The application, or nil when the parser or mapper is not sure (the caller then uses `JSONDecoder`).
    package static func decode(_ json: String) -> Application? {
        var text = json
        return text.withUTF8 { bytes in JSONParser.parse(bytes).flatMap(JSONModelMapper.stored(from:)) }
    }
}
