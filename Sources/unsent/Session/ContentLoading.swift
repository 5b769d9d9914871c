import ArgumentParser
import Foundation
import UnsentCore

/// Loading the dialogue content (bundled, or a folder given with `--content`), with its errors shown as
/// file:line:column diagnostics on standard error and exit status 2.
enum ContentLoading {
    /// `fromSnapshot`: called once the content is known good (its snapshot, made when it was
    /// checked, is the one for these files), before the snapshot is read.
    static func load(_ folder: String?, fromSnapshot: () -> Void = {}) throws -> Content {
        let environment = ProcessInfo.processInfo.environment
        return try reportingErrors {
            try ContentSource.resolve(contentDirectory: folder, environment: environment)
                .load(cache: ContentCache.resolve(environment), fromSnapshot: fromSnapshot)
        }
    }

    /// Starts loading only the crisis rules (for a command that checks one line of free text) on another
    /// thread; the function returned waits for them and reports a content error as `load` does (on the
    /// calling thread, so after what it printed meanwhile). A quick log saves the person's line while the
    /// rules load.
    static func safetyMeanwhile(_ folder: String?) -> () throws -> SafetyRules {
        let environment = ProcessInfo.processInfo.environment
        let work = BackgroundWork { () throws -> SafetyRules in
            try ContentSource.resolve(contentDirectory: folder, environment: environment)
                .loadSafety(cache: ContentCache.resolve(environment))
        }
        return { try reportingErrors { try work.value() } }
    }

    /// Runs `load`, turning a content error into its diagnostics on standard error and exit status 2.
    private static func reportingErrors<Loaded>(_ load: () throws -> Loaded) throws -> Loaded {
        do {
            return try load()
        } catch let error as ContentError {
            // The first few are enough to start fixing; `content check` lists them all.
            for diagnostic in error.diagnostics.prefix(8) { ErrorOutput.write(diagnostic.description) }
            if error.diagnostics.count > 8 { ErrorOutput.write("... and \(error.diagnostics.count - 8) more.") }
            ErrorOutput.write("unsent: the dialogue content has errors, so unsent cannot start. Fix the lines above (or run `unsent content check` to see them all).")
            throw ExitCode(2)
        } catch let failure as ValidationFailure {
            ErrorOutput.write("unsent: " + failure.description)
            throw ExitCode(failure.status)
        }
    }
}
