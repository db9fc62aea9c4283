import Foundation
import Model
import Mustache

/// psea's one template system, for the web pages, the publication page, the feedback reports and `psea show`:
/// Mustache templates embedded in the binary, where every `{{value}}` is escaped as `Text.html` escapes it (markup
/// characters as references, forbidden characters as escapes, a value with a bidirectional control inside `<bdi>`).
/// Inside `<title>` a template switches to the plain form with `{{% CONTENT_TYPE: PSEA_PLAIN}}` (isolated with
/// FSI…PDI, since no tag can go there), in a form field's value to `{{% CONTENT_TYPE: PSEA_VALUE}}` (markup
/// characters only, so the value comes back unchanged when the form is sent), and back with
/// `{{% CONTENT_TYPE: PSEA_HTML}}`.
package struct HTMLTemplates: Sendable {
    let library: MustacheLibrary

    /// The export templates (`Sources/Export/Templates`) and `files` (path → text, e.g. the web pages), each
    /// registered under its file name without `.mustache`; a template that does not parse is refused.
    package init(adding files: [String: String] = [:]) throws {
        Self.registerContentTypes
        var library = MustacheLibrary()
        let all = EmbeddedExportTemplates.files.merging(files) { _, added in added }
        for (path, text) in all.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".mustache") {
            let name = String(path.split(separator: "/").last?.dropLast(".mustache".count) ?? "")
            try library.register(Self.htmlPragma + text, named: name)
        }
        self.library = library
    }

    /// The export templates alone, parsed once per process (they are part of the binary and tested).
    package static let exports: HTMLTemplates = {
        do { return try HTMLTemplates() } catch { preconditionFailure("psea's export templates do not parse: \(error)") }
    }()

    /// `template` rendered with `values`, or nil when there is no such template.
    package func render(_ template: String, _ values: Any) -> String? {
        library.render(values, withTemplate: template)
    }

    /// Each template starts in the escaping of element content; the pragma is added here so no template can forget it.
    static let htmlPragma = "{{% CONTENT_TYPE: PSEA_HTML}}"

    /// Registers psea's two content types with Mustache once per process.
    static let registerContentTypes: Void = {
        MustacheContentTypes.register(ElementText(), named: "PSEA_HTML")
        MustacheContentTypes.register(PlainText(), named: "PSEA_PLAIN")
        MustacheContentTypes.register(FieldValue(), named: "PSEA_VALUE")
    }()

    /// Text between tags.
    struct ElementText: MustacheContentType {
        func escapeText(_ text: String) -> String { Text.html(text) }
    }

    /// Text in `<title>` or an attribute shown to the reader.
    struct PlainText: MustacheContentType {
        func escapeText(_ text: String) -> String { Text.plainHTML(text) }
    }

    /// A form field's value, sent back as it is shown.
    struct FieldValue: MustacheContentType {
        func escapeText(_ text: String) -> String { Text.markup(text) }
    }
}
