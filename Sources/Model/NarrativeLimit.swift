/// Limits on one narrative field, in characters (grapheme clusters, as `Thai.characterCount` counts): what a
/// rubric sets and what the intake's rules check, one type for both.
@MemberwiseInit
package struct NarrativeLimit: Codable, Sendable, Hashable {
    package var min: Int?
    package var max: Int?
}
