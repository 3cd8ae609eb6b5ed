import Foundation
import Hummingbird
import MusubiCore

/// URL-encoded form or query fields. Strict: bytes that are not UTF-8 make the request a 400,
/// never a crash and never silently mangled text.
public struct FormData: Sendable {
    private var values: [String: [String]] = [:]

    public init(encoded: some Collection<UInt8>) throws {
        for pair in encoded.split(separator: UInt8(ascii: "&")) where !pair.isEmpty {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            values[key, default: []].append(value)
        }
    }

    public init(_ values: [String: [String]] = [:]) {
        self.values = values
    }

    public subscript(_ key: String) -> String { values[key]?.first ?? "" }

    public func all(_ key: String) -> [String] { values[key] ?? [] }

    public func has(_ key: String) -> Bool { values[key] != nil }

    public func optional(_ key: String) -> String? {
        let value = self[key].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    /// The field as a whole number, nil when it is absent or empty; anything else there
    /// (`1.5`, `abc`, a number past 64 bits) is the caller's 400, naming the field.
    func int64(_ key: String) throws -> Int64? {
        guard let text = optional(key) else { return nil }
        guard let number = Int64(text) else { throw MalformedInput(field: key, key: "error.whole_number") }
        return number
    }

    func int(_ key: String) throws -> Int? {
        try int64(key).map { Int($0) }
    }

    /// A fiscal year by the year it begins in (`fy=2026`), from the Heisei era on.
    func fiscalYear(_ key: String = "fy") throws -> FiscalYear? {
        guard let year = try int(key) else { return nil }
        guard (1989...2200).contains(year) else { throw MusubiError.invalid(key, "error.fiscal_year") }
        return FiscalYear(year)
    }

    /// Reads a posted form body of at most `limit` bytes.
    public static func body(of request: Request, limit: Int = 256 * 1024) async throws -> FormData {
        try FormData(encoded: try await request.collectBody(upTo: limit).readableBytesView)
    }

    public static func query(of request: Request) throws -> FormData {
        try FormData(encoded: Array((request.uri.query ?? "").utf8))
    }

    private static func decode(_ bytes: some Collection<UInt8>) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                out.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw HTTPError(.badRequest, message: "Malformed percent-encoding.")
                }
                out.append(high << 4 | low)
            default:
                out.append(byte)
            }
        }
        guard let string = String(validating: out, as: UTF8.self) else {
            throw HTTPError(.badRequest, message: "The request is not valid UTF-8.")
        }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
