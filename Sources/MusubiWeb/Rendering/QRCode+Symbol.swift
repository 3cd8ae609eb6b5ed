extension QRCode {
    /// The symbol being drawn: its function patterns (finders, timing, alignment, format and
    /// version information), the codewords in their zigzag, and the mask of least penalty.
    struct Symbol {
        let version: Version
        var modules: [[Bool]]
        /// Finder, timing, alignment, format and version modules: data and masks leave them be.
        var reserved: [[Bool]]
        var size: Int { modules.count }

        init(_ version: Version) {
            self.version = version
            let size = 17 + 4 * version.number
            modules = Array(repeating: Array(repeating: false, count: size), count: size)
            reserved = modules
        }

        mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
            modules[y][x] = dark
            reserved[y][x] = true
        }

        mutating func drawFunctionPatterns() {
            for index in 0..<size {
                set(6, index, index % 2 == 0)
                set(index, 6, index % 2 == 0)
            }
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                for dy in -4...4 {
                    for dx in -4...4 where (0..<size).contains(x + dx) && (0..<size).contains(y + dy) {
                        let distance = max(abs(dx), abs(dy))
                        set(x + dx, y + dy, distance != 2 && distance != 4)
                    }
                }
            }
            let positions = version.alignment
            for (i, x) in positions.enumerated() {
                for (j, y) in positions.enumerated() {
                    let last = positions.count - 1
                    if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                    for dy in -2...2 {
                        for dx in -2...2 { set(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) }
                    }
                }
            }
            drawFormat(mask: 0)
            if version.number >= 7 {
                var remainder = version.number
                for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
                let bits = version.number << 12 | remainder
                for index in 0..<18 {
                    let dark = (bits >> index) & 1 == 1
                    let (a, b) = (size - 11 + index % 3, index / 3)
                    set(a, b, dark)
                    set(b, a, dark)
                }
            }
        }

        /// Level M (00) and the mask, BCH-protected, twice: by the top-left finder and split
        /// between the other two; and the dark module.
        mutating func drawFormat(mask: Int) {
            let data = mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
            for index in 0...5 { set(8, index, bit(index)) }
            set(8, 7, bit(6))
            set(8, 8, bit(7))
            set(7, 8, bit(8))
            for index in 9..<15 { set(14 - index, 8, bit(index)) }
            for index in 0..<8 { set(size - 1 - index, 8, bit(index)) }
            for index in 8..<15 { set(8, size - 15 + index, bit(index)) }
            set(8, size - 8, true)
        }

        /// The codewords' bits in the zigzag of two-module columns, from the bottom right.
        mutating func place(_ codewords: [UInt8]) {
            var index = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                let upward = (right + 1) & 2 == 0
                for vertical in 0..<size {
                    for column in 0..<2 {
                        let x = right - column
                        let y = upward ? size - 1 - vertical : vertical
                        guard !reserved[y][x], index < codewords.count * 8 else { continue }
                        modules[y][x] = (codewords[index >> 3] >> UInt8(7 - (index & 7))) & 1 == 1
                        index += 1
                    }
                }
                right -= 2
            }
        }

        static func masked(_ mask: Int, _ x: Int, _ y: Int) -> Bool {
            switch mask {
            case 0: (x + y) % 2 == 0
            case 1: y % 2 == 0
            case 2: x % 3 == 0
            case 3: (x + y) % 3 == 0
            case 4: (x / 3 + y / 2) % 2 == 0
            case 5: x * y % 2 + x * y % 3 == 0
            case 6: (x * y % 2 + x * y % 3) % 2 == 0
            default: ((x + y) % 2 + x * y % 3) % 2 == 0
            }
        }

        mutating func apply(_ mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !reserved[y][x] && Self.masked(mask, x, y) { modules[y][x].toggle() }
            }
        }

        mutating func applyBestMask() {
            var best = (mask: 0, penalty: Int.max)
            for mask in 0..<8 {
                var trial = self
                trial.apply(mask)
                trial.drawFormat(mask: mask)
                let penalty = trial.penalty
                if penalty < best.penalty { best = (mask, penalty) }
            }
            apply(best.mask)
            drawFormat(mask: best.mask)
        }

        /// The standard's four penalties: runs of five or more alike, 2×2 blocks alike,
        /// finder-like 1:1:3:1:1 runs with four light beside them, and the dark share far
        /// from half.
        var penalty: Int {
            var total = 0
            let columns = (0..<size).map { x in (0..<size).map { y in modules[y][x] } }
            for line in modules + columns {
                var run = 1
                for index in 1...line.count {
                    if index < line.count && line[index] == line[index - 1] {
                        run += 1
                    } else {
                        if run >= 5 { total += run - 2 }
                        run = 1
                    }
                }
                let finderLike: [Bool] = [true, false, true, true, true, false, true]
                let light = [Bool](repeating: false, count: 4)
                for start in 0...(line.count - finderLike.count) where Array(line[start..<start + 7]) == finderLike {
                    let before = start >= 4 ? Array(line[start - 4..<start]) == light : start == 0
                    let after = start + 11 <= line.count ? Array(line[start + 7..<start + 11]) == light : start + 7 == line.count
                    if before || after { total += 40 }
                }
            }
            for y in 0..<size - 1 {
                for x in 0..<size - 1 {
                    let colour = modules[y][x]
                    if modules[y][x + 1] == colour && modules[y + 1][x] == colour && modules[y + 1][x + 1] == colour { total += 3 }
                }
            }
            let dark = modules.reduce(0) { $0 + $1.count(where: { $0 }) }
            let cells = size * size
            let stepsFromHalf = (abs(dark * 20 - cells * 10) + cells - 1) / cells - 1
            total += max(stepsFromHalf, 0) * 10
            return total
        }
    }
}
