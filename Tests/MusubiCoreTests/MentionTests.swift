import MusubiCore
import Testing

/// `@` names as Japanese writers type them, and what stays text when a name is ambiguous.
@Suite struct MentionTests {
    let kaneda = MentionName(id: 1, name: "金田 浩之", kana: "かねだ ひろゆき", organization: "鳥取大学")
    let tanaka = MentionName(id: 2, name: "田中 美咲", kana: "たなか みさき", organization: "山陰銀行")
    let sarah = MentionName(id: 3, name: "Sarah Miller", kana: "", organization: "Tottori Lab")

    func stored(_ typed: String, _ people: [MentionName]? = nil) -> MessageText.Resolved {
        MessageText.resolving(typed, people: people ?? [kaneda, tanaka, sarah])
    }

    @Test(arguments: [
        ("@金田さん、ご確認ください", "<@1>さん、ご確認ください"),
        ("@金田様 お世話になります", "<@1>様 お世話になります"),
        ("@金田先生", "<@1>先生"),
        ("@金田くん", "<@1>くん"),
        ("@金田 よろしく", "<@1> よろしく"),
        ("@金田浩之 さん", "<@1> さん"),
        ("@金田 浩之さん", "<@1>さん"),
        ("@金田　浩之さん", "<@1>さん"),
        ("@かねだ さん", "<@1> さん"),
        ("@カネダさん", "<@1>さん"),
        ("@かねだひろゆき", "<@1>"),
        ("@ｶﾈﾀﾞさん", "<@1>さん"),
        ("@田中さんと@金田さん", "<@2>さんと<@1>さん"),
        ("@sarah miller thanks", "<@3> thanks"),
        ("@Sarah thanks", "<@3> thanks"),
        ("@Sarahs", "@Sarahs"),
        ("mail@金田", "mail@金田"),
        ("@全員 よろしく", "<!channel> よろしく"),
        ("@鈴木さん", "@鈴木さん"),
    ])
    func namesAsTheyAreWritten(_ typed: String, _ expected: String) {
        #expect(stored(typed).text == expected)
        #expect(stored(typed).ambiguous.isEmpty)
    }

    @Test func aFamilyNameTwoPeopleShareNamesNeitherAndIsReported() {
        let other = MentionName(id: 4, name: "金田 美咲", kana: "かねだ みさき")
        let result = stored("@金田さん、お願いします", [kaneda, other])
        #expect(result.text == "@金田さん、お願いします", "no silent guess")
        #expect(result.ambiguous == ["金田"])
        #expect(stored("@金田 美咲さん", [kaneda, other]).text == "<@4>さん", "the full name picks one")
        #expect(stored("@かねだ みさき", [kaneda, other]).text == "<@4>")
    }

    /// In a large channel only the people whose names begin as typed are read: the same
    /// answers, ambiguity included.
    @Test func aLargeChannelReadsTheSameNames() {
        let crowd = (0..<200).map { MentionName(id: Int64(100 + $0), name: "佐藤 太郎\($0)", kana: "さとう たろう\($0)") }
        let daigo = MentionName(id: 5, name: "醍醐 一郎", kana: "だいご いちろう")
        let people = crowd + [kaneda, tanaka, sarah, daigo, MentionName(id: 4, name: "金田 美咲", kana: "かねだ みさき")]
        #expect(stored("@田中さん と @ﾀﾞｲｺﾞさん、@Sarah", people).text == "<@2>さん と <@5>さん、<@3>")
        #expect(stored("@金田さん", people).ambiguous == ["金田"])
        #expect(stored("@佐藤 太郎7さん", people).text == "<@107>さん")
    }

    @Test func aStoredMentionTypedByHandStandsOnlyForSomeoneHere() {
        #expect(stored("<@1> と <@99>").text == "<@1> と @99")
    }

    @Test func namesLeftUnmentionedAreFoundForTheCheck() {
        let body = stored("@鈴木さん と @金田さん, mail a@b.jp").text
        let rest = MentionNames.unresolved(in: body).map { String($0.prefix(3)) }
        #expect(rest == ["鈴木さ"])
        let names = MentionNames([MentionName(id: 9, name: "鈴木 一郎", kana: "すずき いちろう")])
        #expect(MentionNames.unresolved(in: body).compactMap { names.match($0)?.people } == [[9]])
    }

    @Test func theAutocompleteFindsByNameReadingAndOrganisation() {
        #expect(MentionNames.matches(kaneda, term: "かね"))
        #expect(MentionNames.matches(kaneda, term: "カネ"))
        #expect(MentionNames.matches(kaneda, term: "金"))
        #expect(MentionNames.matches(kaneda, term: "浩之"))
        #expect(MentionNames.matches(kaneda, term: "鳥取"))
        #expect(!MentionNames.matches(kaneda, term: "たなか"))
        #expect(MentionNames.matches(tanaka, term: ""))
    }

    @Test func shortcodesBecomeEmojiOutsideCode() {
        let emoji = EmojiCatalog.shipped
        #expect(emoji.replacingShortcodes(in: "了解 :thumbsup: :+1: :tada:") == "了解 👍 👍 🎉")
        #expect(emoji.replacingShortcodes(in: "`:tada:` :tada:") == "`:tada:` 🎉")
        #expect(emoji.replacingShortcodes(in: "10:30 に :no_such_emoji: です") == "10:30 に :no_such_emoji: です")
        #expect(emoji.emoji(shortcode: "pray") == "🙏")
        #expect(emoji.groups.count == 9 && emoji.groups.flatMap(\.emoji).count > 1_500)
        #expect(emoji.groups[0].emoji[0].japanese == "にっこり笑う")
    }
}
