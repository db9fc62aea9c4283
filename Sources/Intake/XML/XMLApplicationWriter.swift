import Model

/// Writes an application as XML in the contract's shape and order (the namespace and `schemaVersion` of the
/// application's format version), pretty-printed and deterministic, so that the reader gives the same model back.
package enum XMLApplicationWriter {
    /// The XML document for `application`, UTF-8 text with two-space indentation.
    package static func write(_ application: Application) -> String {
        var out = XMLOutput()
        out.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        out.open(
            "application",
            [("xmlns", Application.xmlNamespace(version: application.schemaVersion)), ("schemaVersion", String(application.schemaVersion))])
        out.leaf("id", application.id)
        out.leaf("awardYear", String(application.awardYear))
        out.leaf("category", application.category)
        out.leaf("type", application.type)
        if let submittedAt = application.submittedAt { out.leaf("submittedAt", submittedAt.text) }

        let agency = application.agency
        out.open("agency", [("kind", agency.kind.rawValue)])
        out.leaf("name", agency.name)
        if let nameEn = agency.nameEn { out.leaf("nameEn", nameEn) }
        if let ministry = agency.ministry { out.leaf("ministry", ministry) }
        if let province = agency.province { out.leaf("province", province) }
        out.close("agency")

        let contact = application.contact
        out.open("contact", [])
        out.leaf("name", contact.name)
        if let position = contact.position { out.leaf("position", position) }
        out.leaf("email", contact.email)
        if let phone = contact.phone { out.leaf("phone", phone) }
        out.close("contact")

        if let award = application.previousAward {
            out.open("previousAward", [("year", String(award.year)), ("type", award.type)])
            out.leaf("title", award.title)
            out.close("previousAward")
        }

        writeWork(application.work, to: &out)

        out.open("stakeholders", [])
        for group in application.stakeholders {
            out.leaf("group", group.name, [("id", group.id), ("kind", group.kind.rawValue), ("count", group.count.map(String.init))])
        }
        out.close("stakeholders")

        out.open("activities", [])
        for activity in application.activities {
            out.open(
                "activity",
                [
                    ("id", activity.id), ("stage", activity.stage.rawValue), ("level", activity.level.rawValue),
                    ("date", activity.date.description), ("participants", activity.participants.map(String.init)),
                    ("stakeholderRefs", activity.stakeholderRefs.joined(separator: " ")),
                    ("evidenceRefs", activity.evidenceRefs?.joined(separator: " ")),
                ])
            out.leaf("title", activity.title)
            if let technique = activity.technique { out.leaf("technique", technique) }
            if let influence = activity.influence { out.leaf("influence", influence) }
            out.close("activity")
        }
        out.close("activities")

        out.open("indicators", [])
        for indicator in application.indicators { writeIndicator(indicator, to: &out) }
        out.close("indicators")

        if let sustainability = application.sustainability { out.leaf("sustainability", sustainability) }
        if let lessons = application.lessons { out.leaf("lessons", lessons) }

        out.open("evidence", [])
        for item in application.evidence {
            out.leaf("item", item.title, [("id", item.id), ("kind", item.kind.rawValue), ("uri", item.uri), ("sha256", item.sha256)])
        }
        out.close("evidence")

        if let responses = application.responses {
            if responses.isEmpty {
                out.empty("responses", [])
            } else {
                out.open("responses", [])
                for response in responses {
                    out.leaf(
                        "response", response.text,
                        [("criterion", response.criterion), ("evidenceRefs", response.evidenceRefs?.joined(separator: " "))])
                }
                out.close("responses")
            }
        }

        let declaration = application.declaration
        out.empty(
            "declaration",
            [
                ("signedBy", declaration.signedBy), ("position", declaration.position), ("date", declaration.date.description),
            ])
        out.close("application")
        return out.text
    }

    private static func writeWork(_ work: Work, to out: inout XMLOutput) {
        out.open("work", [])
        out.leaf("title", work.title)
        out.leaf("summary", work.summary)
        out.leaf("background", work.background)
        out.open("objectives", [])
        for objective in work.objectives { out.leaf("objective", objective.text, [("id", objective.id)]) }
        out.close("objectives")
        out.empty("period", [("start", work.period.start.description), ("end", work.period.end?.description)])
        if let areas = work.areas {
            if areas.isEmpty {
                out.empty("areas", [])
            } else {
                out.open("areas", [])
                for area in areas { out.leaf("area", area) }
                out.close("areas")
            }
        }
        out.close("work")
    }

    private static func writeIndicator(_ indicator: Indicator, to out: inout XMLOutput) {
        out.open(
            "indicator",
            [
                ("id", indicator.id), ("unit", indicator.unit), ("direction", indicator.direction.rawValue),
                ("objectiveRef", indicator.objectiveRef), ("evidenceRefs", indicator.evidenceRefs?.joined(separator: " ")),
            ])
        out.leaf("name", indicator.name)
        out.empty("baseline", [("year", String(indicator.baseline.year)), ("value", number(indicator.baseline.value))])
        if let target = indicator.target { out.empty("target", [("value", number(target))]) }
        for measurement in indicator.measurements {
            out.empty("measurement", [("year", String(measurement.year)), ("value", number(measurement.value))])
        }
        for comparison in indicator.comparisons ?? [] {
            out.empty("comparison", [("label", comparison.label), ("value", number(comparison.value))])
        }
        out.close("indicator")
    }

    /// An `xs:decimal` for `value`: the shortest digits that read back to the same Double, without an
    /// exponent and without a needless `.0` (1200, 12.5, 0.0001).
    package static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = "\(value)"
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            text = expand(mantissa: String(text[..<e]), exponent: Int(text[text.index(after: e)...]) ?? 0)
        }
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text == "-0" ? "0" : text
    }

    /// `1.5` × 10^`exponent` written out in plain decimal digits.
    private static func expand(mantissa: String, exponent: Int) -> String {
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? String(mantissa.dropFirst()) : mantissa
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? "0"
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var point = whole.count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: 1 - point) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        let integerPart = String(digits.prefix(point))
        var fractionPart = String(digits.dropFirst(point))
        while fractionPart.hasSuffix("0") { fractionPart.removeLast() }
        let result = fractionPart.isEmpty ? integerPart : integerPart + "." + fractionPart
        return negative ? "-" + result : result
    }
}

/// Accumulates indented XML text with escaping.
private struct XMLOutput {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    mutating func open(_ name: String, _ attributes: [(String, String?)]) {
        line("<\(name)\(Self.attributes(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    mutating func empty(_ name: String, _ attributes: [(String, String?)]) {
        line("<\(name)\(Self.attributes(attributes))/>")
    }

    mutating func leaf(_ name: String, _ content: String, _ attributes: [(String, String?)] = []) {
        line("<\(name)\(Self.attributes(attributes))>\(Self.escape(content, inAttribute: false))</\(name)>")
    }

    private static func attributes(_ list: [(String, String?)]) -> String {
        list.compactMap { name, value in value.map { " \(name)=\"\(escape($0, inAttribute: true))\"" } }.joined()
    }

    /// Escapes markup characters; in attributes also white space that attribute normalisation would change.
    /// Characters XML 1.0 cannot carry at all (most C0 controls) are left out.
    static func escape(_ value: String, inAttribute: Bool) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where inAttribute: result += "&quot;"
            case "\r": result += "&#13;"
            case "\n" where inAttribute: result += "&#10;"
            case "\t" where inAttribute: result += "&#9;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
