import Foundation
import MusubiTestSupport
import Testing

@testable import MusubiWeb

/// The tickets' QR codes, read back by a real reader (zbar, Debian's `zbar-tools`) from the
/// PNG that mail carries: every version from 1 to 10, so every block layout and the version
/// information are read.
@Suite struct QRCodeTests {
    static let reader = """
        import base64, json, subprocess, sys, tempfile, os
        out = []
        for png in json.load(sys.stdin):
            with tempfile.NamedTemporaryFile(suffix='.png', delete=False) as f:
                f.write(base64.b64decode(png))
            run = subprocess.run(['zbarimg', '--raw', '-q', '-Sbinary', f.name], capture_output=True)
            os.unlink(f.name)
            out.append(run.stdout.decode('utf-8', 'replace').rstrip('\\n') if run.returncode == 0 else None)
        print(json.dumps({'read': out}))
        """

    @Test func aRealReaderReadsEveryVersion() throws {
        let lengths = [1, 14, 26, 42, 62, 84, 106, 122, 152, 180, 213]
        let texts = lengths.enumerated().map { index, length in
            String(
                (0..<length).map { Array("https://musubi.example.jp/events/12/check-in?ticket=ABCDEFGHJKLMNPQRSTUVWXYZ23456789")[($0 + index) % 80] })
        }
        let codes = try texts.map { try QRCode($0) }
        #expect(codes.map(\.size) == [21, 21, 25, 29, 33, 37, 41, 45, 49, 53, 57])
        let images = codes.map { $0.png(scale: 4).base64EncodedString() }
        let read = try Python.json(Self.reader, input: try JSONSerialization.data(withJSONObject: images))
        #expect((read["read"] as? [String?]) == texts.map { $0 })
    }

    @Test func japaneseTextIsReadAsUTF8() throws {
        let text = "結 第12回 展示発表会 受付票 #128"
        let read = try Python.json(Self.reader, input: try JSONSerialization.data(withJSONObject: [try QRCode(text).png().base64EncodedString()]))
        #expect((read["read"] as? [String?]) == [text])
    }

    @Test func tooLongATextIsRefused() {
        #expect(throws: QRCode.Failure.tooLong) { try QRCode(String(repeating: "x", count: 214)) }
    }

    @Test func theSVGDrawsEveryDarkModule() throws {
        let code = try QRCode("https://musubi.example.jp/e/1")
        let dark = code.modules.reduce(0) { $0 + $1.count(where: { $0 }) }
        let svg = code.svg
        #expect(svg.hasPrefix("<svg") && svg.components(separatedBy: "h1v1h-1z").count - 1 == dark)
    }
}
