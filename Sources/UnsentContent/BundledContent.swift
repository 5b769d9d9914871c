/// The `Content/` folder as it was when this binary was built.
public enum BundledContent {
    /// Every bundled file, as a path relative to `Content/` and its text, sorted by path.
    public static var files: [(path: String, text: String)] { embeddedContentFiles }
}
