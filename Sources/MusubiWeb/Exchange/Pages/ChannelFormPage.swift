import Foundation

/// The form to open a channel.
struct ChannelFormPage: PageModel {
    var action: String
    var name: String
    var topic: String
    var description: String
    var kinds: [Option]
    var purposes: [Option]
    var fields: [Option]
    var errors: [String: String]
}
