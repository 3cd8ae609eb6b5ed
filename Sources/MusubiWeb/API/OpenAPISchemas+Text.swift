import MusubiCore

/// Text as `Validator.text` takes it, said as a JSON Schema: at most `limit` Unicode
/// scalars, no control or format characters but white space at its ends (which is trimmed),
/// and where `required`, something besides white space. The patterns are built from the
/// validator's own sets of scalars, so the document cannot drift from the check.
extension OpenAPISchemas {
    static func text(_ limit: Int, multiline: Bool = false, required: Bool = false) -> [String: Any] {
        var schema: [String: Any] = [
            "type": "string", "maxLength": limit, "pattern": required ? TextPattern.nonBlank[multiline]! : TextPattern.any[multiline]!,
        ]
        if required { schema["minLength"] = 1 }
        return schema
    }
}

private enum TextPattern {
    /// `^S*A*S*$`: white space (S) around scalars that are allowed (A).
    static let any = [false: pattern(multiline: false, required: false), true: pattern(multiline: true, required: false)]
    /// `^S*A*[A-S]A*S*$`: and one of them not white space.
    static let nonBlank = [false: pattern(multiline: false, required: true), true: pattern(multiline: true, required: true)]

    private static func pattern(multiline: Bool, required: Bool) -> String {
        // Lone surrogates are no scalars (a JSON string with one is refused as malformed), and
        // no character of a pattern either: Rust's regex, which schemathesis validates with,
        // refuses them in a class.
        let forbidden = Validator.forbiddenScalars(multiline: multiline)
        let space = "[" + set(Validator.trimmedScalars) + "]*"
        let allowed = "[^" + set(forbidden) + "]*"
        let visible = "[^" + set(forbidden + Validator.trimmedScalars) + "]"
        return "^" + space + allowed + (required ? visible + allowed : "") + space + "$"
    }

    /// The ranges as the inside of a character class: `\uXXXX` in the Basic Multilingual
    /// Plane (understood alike by ECMAScript, Python and Rust), the character itself beyond.
    private static func set(_ ranges: [ClosedRange<UInt32>]) -> String {
        ranges.map { range in
            range.lowerBound == range.upperBound ? escape(range.lowerBound) : escape(range.lowerBound) + "-" + escape(range.upperBound)
        }.joined()
    }

    private static func escape(_ value: UInt32) -> String {
        if value > 0xFFFF, let scalar = Unicode.Scalar(value) { return String(Character(scalar)) }
        let hex = String(value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
