import Model

/// How a message names a place in an application: one notation per format, the same for the schema's findings and
/// the business rules'. A JSON file's places are written as its JSON pointer, an XML file's as its element path
/// (`@name` for an attribute); in both, list positions count from 1, as lines and columns do, and an item that has
/// an id is followed by it in parentheses: `/activities/3(A3)/stakeholderRefs/2` and
/// `/application/activities/activity[3](A3)/@stakeholderRefs` name the same place. (The `path` of a JSON finding
/// stays the exact RFC 6901 pointer, counting from 0.)
package enum PlaceText {
    /// The id of item `index` of the list at `list` (a pointer) of `app`: lists of the model whose items carry one.
    package static func id(list: String, index: Int, in app: Application?) -> String? {
        guard let app else { return nil }
        func at<T>(_ items: [T]?, _ id: (T) -> String) -> String? {
            guard let items, items.indices.contains(index) else { return nil }
            let found = id(items[index]).trimmingWhitespace
            return found.isEmpty ? nil : found
        }
        switch list {
        case "/work/objectives": return at(app.work.objectives, \.id)
        case "/stakeholders": return at(app.stakeholders, \.id)
        case "/activities": return at(app.activities, \.id)
        case "/indicators": return at(app.indicators, \.id)
        case "/evidence": return at(app.evidence, \.id)
        case "/responses": return at(app.responses, \.criterion)
        default: return nil
        }
    }

    /// The place of model pointer `pointer` in the notation of `format`, with the ids of `app`'s items.
    package static func write(_ pointer: String, format: SourceFormat, in app: Application?) -> String {
        let ids = { (list: String, index: Int) in id(list: list, index: index, in: app) }
        return format == .xml ? xml(pointer, ids: ids) : json(pointer, ids: ids)
    }

    /// The id of item `index` of the list at pointer `list` in a JSON document as parsed (`id`, or a response's
    /// `criterion`), for the schema's findings, which come before the model.
    static func id(list: String, index: Int, in document: JSONValue?) -> String? {
        guard var node = document else { return nil }
        for token in list.split(separator: "/") {
            switch node {
            case .object(let members): guard let next = members[String(token)] else { return nil }; node = next
            case .array(let items): guard let i = Int(token), items.indices.contains(i) else { return nil }; node = items[i]
            default: return nil
            }
        }
        guard case .array(let items) = node, items.indices.contains(index), case .object(let item) = items[index] else { return nil }
        let key = list == "/responses" ? "criterion" : "id"
        guard ["/work/objectives", "/stakeholders", "/activities", "/indicators", "/evidence", "/responses"].contains(list),
            case .string(let found)? = item[key], !found.trimmingWhitespace.isEmpty
        else { return nil }
        return found.trimmingWhitespace
    }

    /// The JSON notation: the pointer with list positions counting from 1 and each item's id after its position.
    package static func json(_ pointer: String, ids: (String, Int) -> String?) -> String {
        guard !pointer.isEmpty else { return "/" }
        var out = ""
        var parent = ""
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            if let index = Int(token), !token.isEmpty {
                out += "/\(index + 1)" + (ids(parent, index).map { "(\($0))" } ?? "")
            } else {
                out += "/" + token
            }
            parent += "/" + token
        }
        return out
    }

    /// Element names of the members of the model's lists, by the list's pointer with its indices taken out.
    private static let members: [String: String] = [
        "/work/objectives": "objective", "/work/areas": "area", "/stakeholders": "group", "/activities": "activity",
        "/indicators": "indicator", "/evidence": "item", "/responses": "response", "/indicators/#/measurements": "measurement",
        "/indicators/#/comparisons": "comparison",
    ]

    /// Lists written inside their owner element, without a container element of their own.
    private static let uncontained: Set<String> = ["/indicators/#/measurements", "/indicators/#/comparisons"]

    /// Model keys written as attributes, by the pointer of their element with its indices taken out.
    private static let attributes: [String: Set<String>] = [
        "": ["schemaVersion"], "/agency": ["kind"], "/previousAward": ["year", "type"], "/work/objectives/#": ["id"],
        "/work/period": ["start", "end"], "/stakeholders/#": ["id", "kind", "count"],
        "/activities/#": ["id", "stage", "level", "date", "participants", "stakeholderRefs", "evidenceRefs"],
        "/indicators/#": ["id", "unit", "direction", "objectiveRef", "evidenceRefs"],
        "/indicators/#/baseline": ["year", "value"], "/indicators/#/measurements/#": ["year", "value"],
        "/indicators/#/comparisons/#": ["label", "value"], "/evidence/#": ["id", "kind", "uri", "sha256"],
        "/responses/#": ["criterion", "evidenceRefs"], "/declaration": ["signedBy", "position", "date"],
    ]

    /// Model keys that are the text of their element, by the element's pointer with its indices taken out.
    private static let textContent: [String: String] = [
        "/work/objectives/#": "text", "/stakeholders/#": "name", "/evidence/#": "title", "/responses/#": "text",
    ]

    /// The XML notation of `pointer` without ids, for the reader's findings, which come before the model.
    static func xml(_ pointer: String) -> String { xml(pointer) { _, _ in nil } }

    /// The XML notation: the element path from `/application`, list members counting from 1 with their ids,
    /// attributes as `@name`; a position inside an attribute's list of ids names the attribute.
    package static func xml(_ pointer: String, ids: (String, Int) -> String?) -> String {
        var out = "/application"
        var shape = ""
        var parent = ""
        var tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)[...]
        while let token = tokens.popFirst() {
            if let index = Int(token), let member = members[shape] {
                if uncontained.contains(shape) { out = String(out[..<(out.lastIndex(of: "/") ?? out.endIndex)]) }
                out += "/\(member)[\(index + 1)]" + (ids(parent, index).map { "(\($0))" } ?? "")
                shape += "/#"
            } else if attributes[shape]?.contains(token) == true {
                out += "/@" + token
                shape += "/" + token
                tokens.removeAll()
            } else if textContent[shape] == token {
                shape += "/" + token
            } else if token == "target", shape == "/indicators/#" {
                out += "/target/@value"
                tokens.removeAll()
            } else {
                out += "/" + token
                shape += "/" + token
            }
            parent += "/" + token
        }
        return out
    }
}
