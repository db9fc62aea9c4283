import Foundation
import PackagePlugin

/// Embeds data files in a target as Swift source, so that a copied or installed `psea` carries them: the shipped
/// rubrics (`Rubrics/**/*.yaml`, the editable source of truth) in Rubric, the province list in Model, the schemas in
/// Intake, the export templates in Export, the page templates and style sheet in Web.
/// The files are read where they live in the package; `EmbedFiles` writes one `enum` with their texts.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root: URL
        let folders: [String]
        let name: String
        switch target.name {
        case "Rubric":
            (root, folders, name) = (context.package.directoryURL.appendingPathComponent("Rubrics"), [""], "EmbeddedRubrics")
        case "Model":
            (root, folders, name) = (target.directoryURL, ["Data"], "EmbeddedModelData")
        case "Intake":
            (root, folders, name) = (target.directoryURL, ["Schemas"], "EmbeddedResources")
        case "Export":
            (root, folders, name) = (target.directoryURL, ["Templates"], "EmbeddedExportTemplates")
        case "Web":
            (root, folders, name) = (target.directoryURL, ["Templates"], "EmbeddedTemplates")
        default:
            return []
        }
        let files = try folders.flatMap { try Self.files(in: root.appendingPathComponent($0), root: root) }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("\(name).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) files in \(target.name)",
                executable: try context.tool(named: "EmbedFiles").url,
                arguments: [output.path, name] + files.flatMap { [$0.path, $0.url.path] },
                inputFiles: files.map(\.url),
                outputFiles: [output]
            )
        ]
    }

    /// The data files under `folder` (recursively; `.yaml`, `.json`, `.xsd`, and the web pages' `.mustache` and
    /// `.css`), with their paths under `root`.
    static func files(in folder: URL, root: URL) throws -> [(path: String, url: URL)] {
        let kept = ["yaml", "json", "xsd", "mustache", "css"]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        let prefix = root.standardizedFileURL.path + "/"
        return walker.compactMap { $0 as? URL }
            .filter { kept.contains($0.pathExtension) }
            .map { (String($0.standardizedFileURL.path.dropFirst(prefix.count)), $0) }
            .sorted { $0.0 < $1.0 }
    }
}
