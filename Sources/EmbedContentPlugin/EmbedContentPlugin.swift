import Foundation
import PackagePlugin

/// Embeds every file under the package's `Content/` folder into the `UnsentContent` module,
/// so a binary copied alone to another folder still carries its dialogue scripts.
///
/// SwiftPM plans build plugins again only when the package changes: after adding or removing a
/// content file, `touch Package.swift` so the new file list is embedded. Edits to existing files
/// are picked up by every build.
@main
struct EmbedContentPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let contentRoot = context.package.directoryURL.appending(path: "Content")
        let (inputs, folders) = contentFiles(under: contentRoot)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedContentFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) content files",
                executable: try context.tool(named: "ContentEmbedder").url,
                // The file list is passed too, so adding or removing a file changes the command and re-embeds.
                arguments: [contentRoot.path, output.path] + inputs.map(\.path),
                // Folders too: adding or removing a file changes its folder, which re-embeds.
                inputFiles: inputs + folders,
                outputFiles: [output])
        ]
    }

    private func contentFiles(under root: URL) -> (files: [URL], folders: [URL]) {
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey]) else { return ([], [root]) }
        var files: [URL] = []
        var folders: [URL] = [root]
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
            if values?.isRegularFile == true { files.append(url) } else if values?.isDirectory == true { folders.append(url) }
        }
        return (files.sorted { $0.path < $1.path }, folders)
    }
}
