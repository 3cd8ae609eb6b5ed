/// A QR code (ISO/IEC 18004) made here, for tickets: the text in byte mode at error
/// correction level M (15 % of the symbol may be lost), the smallest version from 1 to 10 that
/// holds it (up to 213 bytes), the mask with the lowest penalty. Drawn as SVG for pages and as
/// PNG for mail.
public struct QRCode: Sendable {
    /// The modules, row by row: true is dark.
    public let modules: [[Bool]]
    public var size: Int { modules.count }

    public enum Failure: Error { case tooLong }

    public init(_ text: String) throws {
        let data = Array(text.utf8)
        guard let version = Self.versions.firstIndex(where: { $0.dataCodewords >= data.count + (($0.number <= 9 ? 12 : 20) + 7) / 8 })
        else { throw Failure.tooLong }
        var symbol = Symbol(Self.versions[version])
        symbol.drawFunctionPatterns()
        symbol.place(Self.codewords(data, Self.versions[version]))
        symbol.applyBestMask()
        modules = symbol.modules
    }

    // MARK: The codewords

    /// A version's size and how its codewords divide into blocks at level M.
    struct Version {
        var number: Int
        var ecPerBlock: Int
        /// Blocks of `short` data codewords, then blocks of `short + 1`.
        var shortBlocks: Int
        var longBlocks: Int
        var short: Int
        var alignment: [Int]
        var dataCodewords: Int { shortBlocks * short + longBlocks * (short + 1) }
    }

    static let versions: [Version] = [
        Version(number: 1, ecPerBlock: 10, shortBlocks: 1, longBlocks: 0, short: 16, alignment: []),
        Version(number: 2, ecPerBlock: 16, shortBlocks: 1, longBlocks: 0, short: 28, alignment: [6, 18]),
        Version(number: 3, ecPerBlock: 26, shortBlocks: 1, longBlocks: 0, short: 44, alignment: [6, 22]),
        Version(number: 4, ecPerBlock: 18, shortBlocks: 2, longBlocks: 0, short: 32, alignment: [6, 26]),
        Version(number: 5, ecPerBlock: 24, shortBlocks: 2, longBlocks: 0, short: 43, alignment: [6, 30]),
        Version(number: 6, ecPerBlock: 16, shortBlocks: 4, longBlocks: 0, short: 27, alignment: [6, 34]),
        Version(number: 7, ecPerBlock: 18, shortBlocks: 4, longBlocks: 0, short: 31, alignment: [6, 22, 38]),
        Version(number: 8, ecPerBlock: 22, shortBlocks: 2, longBlocks: 2, short: 38, alignment: [6, 24, 42]),
        Version(number: 9, ecPerBlock: 22, shortBlocks: 3, longBlocks: 2, short: 36, alignment: [6, 26, 46]),
        Version(number: 10, ecPerBlock: 26, shortBlocks: 4, longBlocks: 1, short: 43, alignment: [6, 28, 50]),
    ]

    /// The bytes as byte-mode data, padded, split into blocks with their Reed–Solomon
    /// codewords, and interleaved as they are placed.
    static func codewords(_ data: [UInt8], _ version: Version) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(data.count, count: version.number <= 9 ? 8 : 16)
        for byte in data { bits.append(Int(byte), count: 8) }
        let capacity = version.dataCodewords * 8
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var bytes = bits.bytes
        var pad: UInt8 = 0xEC
        while bytes.count < version.dataCodewords {
            bytes.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        let divisor = ReedSolomon.divisor(degree: version.ecPerBlock)
        var blocks: [[UInt8]] = []
        var start = 0
        for index in 0..<(version.shortBlocks + version.longBlocks) {
            let length = version.short + (index < version.shortBlocks ? 0 : 1)
            blocks.append(Array(bytes[start..<start + length]))
            start += length
        }
        let corrections = blocks.map { ReedSolomon.remainder($0, divisor) }
        var result: [UInt8] = []
        for column in 0...version.short {
            for block in blocks where column < block.count { result.append(block[column]) }
        }
        for column in 0..<version.ecPerBlock {
            for correction in corrections { result.append(correction[column]) }
        }
        return result
    }

    struct BitBuffer {
        private(set) var bits: [Bool] = []
        var count: Int { bits.count }

        mutating func append(_ value: Int, count: Int) {
            for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }

        var bytes: [UInt8] {
            stride(from: 0, to: bits.count, by: 8).map { start in
                bits[start..<start + 8].reduce(0) { ($0 << 1) | ($1 ? 1 : 0) }
            }
        }
    }

    /// Arithmetic in GF(2⁸) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
    enum ReedSolomon {
        static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
            var result = 0
            for shift in stride(from: 7, through: 0, by: -1) {
                result = (result << 1) ^ ((result >> 7) * 0x11D)
                result ^= Int((b >> UInt8(shift)) & 1) * Int(a)
            }
            return UInt8(result)
        }

        /// The generator polynomial's coefficients, highest degree first, without the leading 1.
        static func divisor(degree: Int) -> [UInt8] {
            var result = [UInt8](repeating: 0, count: degree)
            result[degree - 1] = 1
            var root: UInt8 = 1
            for _ in 0..<degree {
                for j in 0..<degree {
                    result[j] = multiply(result[j], root)
                    if j + 1 < degree { result[j] ^= result[j + 1] }
                }
                root = multiply(root, 0x02)
            }
            return result
        }

        static func remainder(_ data: [UInt8], _ divisor: [UInt8]) -> [UInt8] {
            var result = [UInt8](repeating: 0, count: divisor.count)
            for byte in data {
                let factor = byte ^ result.removeFirst()
                result.append(0)
                for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
            }
            return result
        }
    }
}
