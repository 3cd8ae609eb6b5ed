import Foundation

extension QRCode {
    /// The quiet zone a reader needs around the symbol, in modules.
    static let margin = 4

    /// The symbol as SVG, one path of unit squares in a view box with its quiet zone; it
    /// scales to whatever size the page gives it.
    public var svg: String {
        let side = size + 2 * Self.margin
        var path = ""
        for (y, row) in modules.enumerated() {
            for (x, dark) in row.enumerated() where dark { path += "M\(x + Self.margin) \(y + Self.margin)h1v1h-1z" }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
            """
    }

    /// The symbol as a black-and-white PNG, `scale` pixels a module, with its quiet zone.
    public func png(scale: Int = 8) -> Data {
        let side = (size + 2 * Self.margin) * scale
        let rows = (0..<side).map { py in
            (0..<side).map { px in
                let (x, y) = (px / scale - Self.margin, py / scale - Self.margin)
                return (0..<size).contains(x) && (0..<size).contains(y) && modules[y][x]
            }
        }
        return PNGImage.blackAndWhite(rows)
    }
}
