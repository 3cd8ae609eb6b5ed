import Foundation
import MusubiApp
import MusubiCore
import MusubiWeb

/// Messages for the terminal, in English, from the same catalog the site uses.
enum CommandLineMessages {
    static let catalog = try? Catalog(resources: ResourceLocator(themeDirectory: nil))

    static func text(_ key: String) -> String {
        catalog?.text(key, .en) ?? key
    }

    static func describe(_ error: MusubiError) -> String {
        switch error {
        case .invalid(let problems): problems.map { "\($0.field): \(text($0.key))" }.joined(separator: "; ")
        case .conflict(let key): text(key)
        default: String(describing: error)
        }
    }

    static func describe(_ summary: SlackImport.Summary) -> [String] {
        [
            "People: \(summary.peopleCreated) new (they sign in once invited), \(summary.peopleFound) already here"
                + (summary.peopleOutside > 0 ? ", \(summary.peopleOutside) from outside the workspace (no account)." : "."),
            "Channels: \(summary.channelsCreated) new, \(summary.channelsFound) already here"
                + (summary.conversationsSkipped > 0 ? ", \(summary.conversationsSkipped) conversations with apps only skipped." : "."),
            "Messages: \(summary.messagesImported) imported, \(summary.messagesAlreadyThere) already here, \(summary.messagesSkipped) notices skipped"
                + (summary.messagesEdited > 0 ? ", \(summary.messagesEdited) given the text they were edited to since." : "")
                + (summary.messagesShortened > 0 ? ", \(summary.messagesShortened) shortened to Musubi's length." : "."),
            "Reactions: \(summary.reactions); files: \(summary.files) kept, \(summary.fileLinks) linked to Slack.",
        ]
    }

    /// An import's problems or warnings, a line each.
    static func describe(_ problems: [SlackImport.Problem], more: Int) -> [String] {
        problems.map { "\($0.path): \(text($0.key))" + ($0.detail.isEmpty ? "" : " (\($0.detail))") } + (more > 0 ? ["… and \(more) more."] : [])
    }

    static func describe(_ error: CSVTable.ReadError) -> String {
        switch error {
        case .undecodable: "The file is neither UTF-8 nor Shift_JIS."
        case .empty: "The file is empty."
        case .unterminatedQuote(let line): "A quoted field starting on line \(line) never ends."
        }
    }
}
