/// Where a `next=` or `back=` parameter may send a browser: a path on this site and nowhere
/// else. Browsers delete tabs and newlines from a URL and read `\` as `/`, so `/<TAB>/evil`
/// and `/\evil` would leave the site as `//evil`; any control character, backslash or
/// look-alike slash refuses the whole value rather than being cleaned out of it.
enum LocalPath {
    /// The path itself when it is safe to redirect to, otherwise nil.
    static func checked(_ raw: String) -> String? {
        guard raw.first == "/", raw.dropFirst().first != "/" else { return nil }
        let refused = raw.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format || scalar == "\\"
                || lookAlikeSlashes.contains(scalar) || scalar.properties.isWhitespace && scalar != " "
        }
        return refused ? nil : raw
    }

    /// The path when safe, otherwise the home page.
    static func orHome(_ raw: String) -> String { checked(raw) ?? Paths.home.href() }

    /// Characters some parsers fold to `/` (full-width solidus, division slash, fraction slash…).
    private static let lookAlikeSlashes: Set<Unicode.Scalar> = ["\u{FF0F}", "\u{2215}", "\u{2044}", "\u{29F8}", "\u{FE68}", "\u{FF3C}"]
}
