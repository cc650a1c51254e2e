// The timelinec build-tool plugin (docs/swift.md, "The build-tool plugin").
//
// For each spec of the target, one build command:
//   timelinec compile --check --color=never SPEC -o WORKDIR/NAME.program.json
// Specs are the .yaml, .yml and .json files in a folder named Timelines (at any depth) of the
// target. The programs are not sources, so SwiftPM bundles them as the target's resources:
// Bundle.module.url(forResource: "NAME.program", withExtension: "json"). Each command declares
// its spec (and the .timelinec.yaml that applies to it) as inputs and its program as output, so
// it runs again only when one of them changes.
import Foundation
import PackagePlugin

@main
struct TimelinecPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        // SourceModuleTarget.directoryURL needs tools version 6.1; the concrete types have it.
        let directory: URL
        switch target {
        case let swift as SwiftSourceModuleTarget: directory = swift.directoryURL
        case let clang as ClangSourceModuleTarget: directory = clang.directoryURL
        default: return []
        }
        guard let module = target.sourceModule else { return [] }
        let specs = module.sourceFiles.map(\.url).filter { SpecSelection.isSpec($0, in: directory) }
        return try SpecSelection.commands(
            specs: specs, tool: context.tool(named: "timelinec").url,
            outputDirectory: context.pluginWorkDirectoryURL, targetName: target.name)
    }
}

enum SpecSelection {
    /// The folder whose files are specs, and the extensions of a spec.
    static let folder = "Timelines"
    static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// A .yaml/.yml/.json file with a folder named Timelines between the target's folder and it.
    static func isSpec(_ file: URL, in targetDirectory: URL) -> Bool {
        guard extensions.contains(file.pathExtension.lowercased()) else { return false }
        let base = targetDirectory.standardizedFileURL.pathComponents
        let parts = file.standardizedFileURL.deletingLastPathComponent().pathComponents
        guard parts.count > base.count, Array(parts.prefix(base.count)) == base else { return false }
        return parts.dropFirst(base.count).contains(folder)
    }

    /// One command per spec; two specs with the same name would write the same program.
    static func commands(specs: [URL], tool: URL, outputDirectory: URL,
                         targetName: String) throws -> [Command] {
        var seen: [String: URL] = [:]
        var commands: [Command] = []
        for spec in specs.sorted(by: { $0.path < $1.path }) {
            let name = spec.deletingPathExtension().lastPathComponent
            if let other = seen[name] {
                Diagnostics.error("timelinec: \(spec.path) and \(other.path) would both write "
                    + "\(name).program.json in target '\(targetName)'; rename one")
                continue
            }
            seen[name] = spec
            let output = outputDirectory.appendingPathComponent("\(name).program.json")
            commands.append(.buildCommand(
                displayName: "timelinec compile \(spec.lastPathComponent)",
                executable: tool,
                arguments: ["compile", "--check", "--color=never", spec.path, "-o", output.path],
                inputFiles: [spec] + (configFile(for: spec).map { [$0] } ?? []),
                outputFiles: [output]))
        }
        return commands
    }

    /// The .timelinec.yaml that `compile --check` reads for the spec: the first one found in the
    /// spec's folder or above (docs/cli.md, "Configuration file").
    static func configFile(for spec: URL) -> URL? {
        var dir = spec.deletingLastPathComponent().standardizedFileURL
        for _ in 0..<32 {
            let candidate = dir.appendingPathComponent(".timelinec.yaml")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
               !isDirectory.boolValue {
                return candidate
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
        return nil
    }
}

#if canImport(XcodeProjectPlugin)
import XcodeProjectPlugin

// The same commands for a target of an Xcode project (Xcode only; not tested here).
extension TimelinecPlugin: XcodeBuildToolPlugin {
    func createBuildCommands(context: XcodePluginContext, target: XcodeTarget) throws -> [Command] {
        let root = context.xcodeProject.directoryURL
        let specs = target.inputFiles.map(\.url).filter { SpecSelection.isSpec($0, in: root) }
        return try SpecSelection.commands(
            specs: specs, tool: context.tool(named: "timelinec").url,
            outputDirectory: context.pluginWorkDirectoryURL, targetName: target.displayName)
    }
}
#endif
