import Foundation
import MusubiCore
import Testing

/// A photo's EXIF and XMP (where it was taken) are dropped before it is kept; the picture is not touched.
@Suite struct ImageMetadataTests {
    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    @Test func aJPEGLosesItsEXIFAndXMPAndKeepsTheRest() {
        let jfif = Self.segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
        let exif = Self.segment(0xE1, Array("Exif\0\0GPSLatitude 35.5N GPSLongitude 134.2E".utf8))
        let xmp = Self.segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>".utf8))
        let table = Self.segment(0xDB, [0] + Array(repeating: 1, count: 64))
        let scan = Self.segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9]
        let photo = Data([0xFF, 0xD8] + jfif + exif + xmp + table + scan)
        let kept = ImageMetadata.stripped(photo, kind: .jpeg)
        #expect(kept == Data([0xFF, 0xD8] + jfif + table + scan))
        #expect(kept.range(of: Data("GPS".utf8)) == nil && kept.range(of: Data("xmpmeta".utf8)) == nil)
    }

    @Test func aPNGLosesItsEXIFChunk() {
        func chunk(_ type: String, _ payload: [UInt8]) -> [UInt8] {
            let length = payload.count
            return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + Array(type.utf8) + payload
                + [0, 0, 0, 0]
        }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let header = chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])
        let exif = chunk("eXIf", Array("MM\0*GPS 35.5N".utf8))
        let pixels = chunk("IDAT", [1, 2, 3])
        let end = chunk("IEND", [])
        let kept = ImageMetadata.stripped(Data(signature + header + exif + pixels + end), kind: .png)
        #expect(kept == Data(signature + header + pixels + end))
    }

    @Test func anythingElseIsLeftAsItCame() {
        let broken = Data([0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0x00])
        #expect(ImageMetadata.stripped(broken, kind: .jpeg) == broken)
        let pdf = Data("%PDF-1.4 Exif".utf8)
        #expect(ImageMetadata.stripped(pdf, kind: .pdf) == pdf)
    }
}
