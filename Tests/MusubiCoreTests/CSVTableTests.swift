import Foundation
import MusubiCore
import Testing

@Suite struct CSVTableTests {
    let text = "メールアドレス,氏名,キーワード\r\ntaro@example.jp,山田 太郎,\"養殖、水素\"\r\nhana@example.jp,\"佐藤 \"\"花\"\"\",\"複数行\nの値\"\r\n"

    @Test func readsUTF8WithAndWithoutBOM() throws {
        for data in [Data(text.utf8), Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)] {
            let table = try CSVTable(data: data)
            #expect(table.header == ["メールアドレス", "氏名", "キーワード"])
            #expect(
                table.rows.map(\.values) == [
                    ["taro@example.jp", "山田 太郎", "養殖、水素"],
                    ["hana@example.jp", "佐藤 \"花\"", "複数行\nの値"],
                ])
            #expect(table.rows.map(\.line) == [2, 3])
        }
    }

    @Test func readsShiftJISAsExcelWritesIt() throws {
        let data = try #require("氏名,所属\n髙橋 一郎,ﾏｲｸﾛﾊﾞﾌﾞﾙ工業①\n".data(using: .shiftJIS))
        #expect(String(data: data, encoding: .utf8) == nil)
        let table = try CSVTable(data: data)
        #expect(table.rows.first?.values == ["髙橋 一郎", "ﾏｲｸﾛﾊﾞﾌﾞﾙ工業①"])
    }

    @Test func refusesAnUnterminatedQuote() {
        #expect(throws: CSVTable.ReadError.unterminatedQuote(line: 2)) {
            try CSVTable(text: "a,b\n\"open,2\n")
        }
    }

    @Test func refusesAnEmptyFile() {
        #expect(throws: CSVTable.ReadError.empty) { try CSVTable(text: "\n\n") }
    }
}
