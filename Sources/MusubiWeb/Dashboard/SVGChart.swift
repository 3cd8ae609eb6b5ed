import Foundation

/// A bar chart drawn on the server as SVG: months along the bottom, bars stacked (parts of
/// one whole) or side by side, the target as a dashed line, a legend above. It needs no
/// JavaScript and prints as it shows; every text in it is escaped.
struct SVGChart {
    var title: String
    var categories: [String]
    var series: [(label: String, values: [Int])]
    var stacked: Bool
    var target: (label: String, value: Int)?
    /// Bars are drawn for the first `drawn` categories only (the months that have begun).
    var drawn: Int

    static let palette = ["#2f6f8f", "#d08c2b", "#5b8c3a", "#8c4a8c", "#c0392b", "#7f8c8d", "#16a085"]
    static let (width, height) = (720.0, 280.0)
    static let (left, right, top, bottom) = (44.0, 12.0, 34.0, 28.0)

    var svg: String {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let totals = categories.indices.map { index in
            stacked ? series.reduce(0) { $0 + $1.values[index] } : series.map { $0.values[index] }.max() ?? 0
        }
        let top = Self.niceCeiling(max(totals.max() ?? 0, target?.value ?? 0, 1))
        func y(_ value: Double) -> Double { Self.top + plotHeight - plotHeight * value / Double(top) }
        var parts: [String] = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" class=\"chart\">",
            "<title>\(escape(title))</title>",
        ]
        for step in 0...4 {
            let value = Double(top) * Double(step) / 4
            parts.append(
                "<line x1=\"\(Self.left)\" x2=\"\(Self.width - Self.right)\" y1=\"\(y(value))\" y2=\"\(y(value))\" stroke=\"#ddd\"/>"
                    + "<text x=\"\(Self.left - 6)\" y=\"\(y(value) + 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">\(Int(value))</text>")
        }
        let group = plotWidth / Double(max(categories.count, 1))
        for (index, category) in categories.enumerated() {
            let x0 = Self.left + group * Double(index)
            parts.append(
                "<text x=\"\(x0 + group / 2)\" y=\"\(Self.height - 10)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">\(escape(category))</text>"
            )
            var base = 0.0
            for (number, line) in series.enumerated() where index < drawn {
                let value = Double(line.values[index])
                guard value > 0 else { continue }
                let color = Self.palette[number % Self.palette.count]
                let (x, width, from) =
                    stacked
                    ? (x0 + group * 0.2, group * 0.6, base)
                    : (x0 + group * 0.1 + group * 0.8 / Double(series.count) * Double(number), group * 0.8 / Double(series.count), 0)
                let rect = String(
                    format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\">", x, y(from + value), width,
                    y(from) - y(from + value), color)
                parts.append(rect + "<title>\(escape(category)) \(escape(line.label)): \(Int(value))</title></rect>")
                if stacked { base += value }
            }
        }
        if let target {
            parts.append(
                "<line x1=\"\(Self.left)\" x2=\"\(Self.width - Self.right)\" y1=\"\(y(Double(target.value)))\" y2=\"\(y(Double(target.value)))\" stroke=\"#c0392b\" stroke-dasharray=\"6 4\"/>"
                    + "<text x=\"\(Self.width - Self.right)\" y=\"\(y(Double(target.value)) - 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#c0392b\">\(escape(target.label)) \(target.value)</text>"
            )
        }
        var x = Self.left
        for (number, line) in series.enumerated() {
            parts.append(
                "<rect x=\"\(x)\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(Self.palette[number % Self.palette.count])\"/>"
                    + "<text x=\"\(x + 16)\" y=\"18\" font-size=\"12\" fill=\"#333\">\(escape(line.label))</text>")
            x += 28 + Double(line.label.count) * 12
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// Four ticks of 1, 2 or 5 times a power of ten reaching at least `value`: the chart's top.
    static func niceCeiling(_ value: Int) -> Int {
        var power = 1
        while true {
            for step in [1, 2, 5] where step * power * 4 >= value { return step * power * 4 }
            power *= 10
        }
    }

    private func escape(_ text: String) -> String { MessageMarkup.escape(text) }
}
