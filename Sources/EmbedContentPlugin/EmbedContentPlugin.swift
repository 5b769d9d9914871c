import Foundation
import PackagePlugin

/// Embeds every file under the package's `Content/` folder into the `UnsentContent` module,
/// so a binary copied alone to another folder still carries its dialogue scripts.
@main
struct EmbedContentPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let contentRoot = context.package.directoryURL.appending(path: "Content")
        let inputs = contentFiles(under: contentRoot)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedContentFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) content files",
                executable: try context.tool(named: "ContentEmbedder").url,
                arguments: [contentRoot.path, output.path],
                inputFiles: inputs + [contentRoot],
                outputFiles: [output])
        ]
    }

    private func contentFiles(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
