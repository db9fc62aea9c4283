import Foundation

/// What an applicant sends to `/check`: the application's bytes and the name findings are shown under. Read
/// from a `multipart/form-data` form (the file field `file`, else the pasted text `text`), a URL-encoded form
/// (`text`), or any other body taken whole (a raw upload: `curl --data-binary @file`). Held in memory only.
struct CheckUpload: Sendable {
    /// The application's bytes.
    var data: [UInt8]
    /// The uploaded file's name, or nil for pasted text and a raw body.
    var fileName: String?
    /// The pasted text, shown again in the form.
    var pasted: String?

    /// The upload in `body` sent with `contentType`; nil when the form carries neither a file nor text.
    static func read(_ body: [UInt8], contentType: String?) -> CheckUpload? {
        let type = (contentType ?? "").lowercased()
        if type.hasPrefix("multipart/form-data") {
            guard let boundary = Multipart.boundary(contentType ?? "") else { return nil }
            let parts = Multipart.parts(body, boundary: boundary)
            if let file = parts.first(where: { $0.name == "file" && !$0.data.isEmpty }) {
                return CheckUpload(data: file.data, fileName: file.fileName.map(Self.baseName), pasted: nil)
            }
            return pastedText(parts.first { $0.name == "text" }.map { String(decoding: $0.data, as: UTF8.self) })
        }
        if type.hasPrefix("application/x-www-form-urlencoded") {
            return pastedText(FormFields(String(decoding: body, as: UTF8.self))["text"])
        }
        return body.isEmpty ? nil : CheckUpload(data: body, fileName: nil, pasted: nil)
    }

    private static func pastedText(_ text: String?) -> CheckUpload? {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
        return CheckUpload(data: Array(text.utf8), fileName: nil, pasted: text)
    }

    /// The last component of a file name as a browser sends it (some send the whole Windows path).
    static func baseName(_ name: String) -> String {
        String(name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
    }
}

/// A reader of `multipart/form-data` bodies (RFC 7578), enough for the self-check form: each part's field name,
/// file name and bytes.
enum Multipart {
    struct Part: Sendable {
        var name: String
        var fileName: String?
        var data: [UInt8]
    }

    /// The `boundary` parameter of a multipart content type, quoted or not.
    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    /// The parts of `body` between the delimiters of `boundary`; a part without a name is skipped, a body that
    /// ends early keeps the parts read so far.
    static func parts(_ body: [UInt8], boundary: String) -> [Part] {
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n--\(boundary)".utf8)
        guard var cursor = find(delimiter, in: body, from: 0).map({ $0 + delimiter.count }) else { return [] }
        var parts: [Part] = []
        while cursor + 2 <= body.count, !(body[cursor] == UInt8(ascii: "-") && body[cursor + 1] == UInt8(ascii: "-")) {
            guard let headerEnd = find(Array("\r\n\r\n".utf8), in: body, from: cursor),
                let end = find(separator, in: body, from: headerEnd + 4)
            else { break }
            let headers = String(decoding: body[cursor..<headerEnd], as: UTF8.self)
            if let disposition = headers.split(whereSeparator: \.isNewline).first(where: {
                $0.lowercased().hasPrefix("content-disposition:")
            }), let name = parameter("name", in: String(disposition)) {
                parts.append(Part(name: name, fileName: parameter("filename", in: String(disposition)), data: Array(body[(headerEnd + 4)..<end])))
            }
            cursor = end + separator.count
        }
        return parts
    }

    /// The value of `name="..."` in a Content-Disposition header line.
    static func parameter(_ name: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// The first index at or after `start` where `needle` occurs in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
