import Hummingbird
import MusubiCore

extension APIHandlers {
    /// The exchange: what the channel pages do, and the events that `/live` pushes.
    var exchangeOperations: [APIOperation] {
        [
            .init(
                method: .get, path: .init("/api/v1/channels"), id: "listChannels",
                summary: "The channels one sits in, with one's seat and unread counts: starred first, direct conversations last", access: .signedIn,
                responseSchema: "ChannelList", handler: channels),
            .init(
                method: .post, path: .init("/api/v1/channels"), id: "createChannel", summary: "Open a public or private channel (one sits in it)",
                access: .signedIn, requestSchema: "ChannelInput", responseSchema: "Channel", status: 201, handler: createChannel),
            .init(
                method: .get, path: .init("/api/v1/public-channels"), id: "browseChannels",
                summary: "Public channels, busiest first; q narrows by name", access: .signedIn, query: [.q] + QueryParameter.paging,
                responseSchema: "ChannelPage", handler: publicChannels),
            .init(
                method: .post, path: .init("/api/v1/direct-conversations"), id: "openDirectConversation",
                summary: "The direct conversation with these people (one to seven others), opened if it is new", access: .signedIn,
                requestSchema: "PeopleInput", responseSchema: "Channel", handler: openDirect),
            .init(
                method: .get, path: .init("/api/v1/channels/{id}/messages"), id: "listChannelMessages",
                summary: "A page of the timeline, oldest first: the newest (which marks the channel read) or those before `before`",
                access: .signedIn, query: [.integer("before")], responseSchema: "Timeline", handler: timeline),
            .init(
                method: .post, path: .init("/api/v1/channels/{id}/messages"), id: "postMessage",
                summary:
                    "Post, or reply in a thread (threadRootId), as JSON or as multipart/form-data with up to four files; @name and @channel become mentions",
                access: .signedIn, requestSchema: "PostInput", acceptsFiles: true, responseSchema: "Message", status: 201, handler: postMessage),
            .init(
                method: .put, path: .init("/api/v1/channels/{id}/about"), id: "describeChannel", summary: "Set the topic and description",
                access: .signedIn, requestSchema: "ChannelAboutInput", status: 204, handler: describeChannel),
            .init(
                method: .put, path: .init("/api/v1/channels/{id}/retention"), id: "setChannelRetention",
                summary: "Remove messages after this many days (null keeps them for ever)", access: .admin, requestSchema: "RetentionInput",
                status: 204, handler: setRetention),
            .init(
                method: .post, path: .init("/api/v1/channels/{id}/join"), id: "joinChannel", summary: "Take a seat in a public channel",
                access: .signedIn, status: 204, handler: join),
            .init(
                method: .post, path: .init("/api/v1/channels/{id}/leave"), id: "leaveChannel", summary: "Leave a channel", access: .signedIn,
                status: 204, handler: leave),
            .init(
                method: .post, path: .init("/api/v1/channels/{id}/members"), id: "inviteToChannel", summary: "Seat people in a channel one sits in",
                access: .signedIn, requestSchema: "PeopleInput", status: 204, handler: inviteToChannel),
            .init(
                method: .patch, path: .init("/api/v1/channels/{id}/seat"), id: "adjustSeat",
                summary: "Star, mute, or choose what to hear about (all, mentions, none)", access: .signedIn, requestSchema: "SeatInput", status: 204,
                handler: adjustSeat),
            .init(
                method: .get, path: .init("/api/v1/channels/{id}/webhooks"), id: "listWebhooks", summary: "A channel's incoming webhooks",
                access: .admin, responseSchema: "WebhookList", handler: webhooks),
            .init(
                method: .post, path: .init("/api/v1/channels/{id}/webhooks"), id: "createWebhook",
                summary: "Create a Slack-compatible incoming webhook (its secret URL is shown once)", access: .admin, requestSchema: "WebhookInput",
                responseSchema: "Webhook", status: 201, handler: createWebhook),
            .init(
                method: .delete, path: .init("/api/v1/channels/{id}/webhooks/{webhookId}"), id: "revokeWebhook", summary: "Revoke a webhook",
                access: .admin, status: 204, handler: revokeWebhook),
            .init(
                method: .get, path: .init("/api/v1/messages/{id}"), id: "getMessage", summary: "One message (a deleted one as a tombstone)",
                access: .signedIn, responseSchema: "Message", handler: message),
            .init(
                method: .patch, path: .init("/api/v1/messages/{id}"), id: "editMessage", summary: "Change one's message; it is marked edited",
                access: .signedIn, requestSchema: "MessageInput", responseSchema: "Message", handler: editMessage),
            .init(
                method: .delete, path: .init("/api/v1/messages/{id}"), id: "deleteMessage",
                summary: "Delete a message, leaving a tombstone that keeps its thread", access: .signedIn, status: 204, handler: deleteMessage),
            .init(
                method: .get, path: .init("/api/v1/messages/{id}/thread"), id: "getThread",
                summary: "The thread a message is in: its first message and every reply", access: .signedIn, responseSchema: "Thread", handler: thread
            ),
            .init(
                method: .post, path: .init("/api/v1/messages/{id}/reactions"), id: "addReaction",
                summary: "React with an emoji or a :short_name: (again changes nothing)", access: .signedIn, requestSchema: "ReactionInput",
                status: 204, handler: addReaction),
            .init(
                method: .delete, path: .init("/api/v1/messages/{id}/reactions"), id: "removeReaction",
                summary: "Take one's reaction back (the emoji URL-encoded: `:+1:` is `%3A%2B1%3A`)", access: .signedIn,
                query: [.text("emoji", required: true)], status: 204,
                handler: removeReaction),
            .init(
                method: .get, path: Paths.apiMessageFile, id: "getMessageFile", summary: "A file sent with a message, as an attachment",
                access: .signedIn, returnsFile: true, handler: file),
            .init(
                method: .get, path: .init("/api/v1/search"), id: "searchMessages",
                summary:
                    "Search the messages and file names one may see: words, \"phrases\", in:channel, from:person, before:/after:YYYY-MM-DD, has:file",
                access: .signedIn, query: [.q, .choice("order", MessageSearchOrder.self), .page], responseSchema: "SearchResults", handler: search),
            .init(
                method: .get, path: .init("/api/v1/mentions"), id: "listMentions",
                summary: "Messages that mention one or everyone in one's channels, newest first", access: .signedIn, query: QueryParameter.paging,
                responseSchema: "MentionPage", handler: mentions),
            .init(
                method: .get, path: .init("/api/v1/events"), id: "listEvents",
                summary:
                    "Events after a cursor in one's channels (and in watch, a public channel), oldest first; without after, the cursor to start from. /live pushes events as they happen over a WebSocket (frames as in the description above)",
                access: .signedIn, query: [.integer("after"), .integer("watch"), .limit(500)], responseSchema: "EventList", handler: events),
        ]
    }
}
