import MusubiCore

/// Schemas of channels, messages, search results and events.
extension OpenAPISchemas {
    private static var nullableDate: [String: Any] { ["type": ["string", "null"], "format": "date-time"] }
    private static var highlight: [String: Any] {
        ["type": "array", "items": object(["text": string, "match": boolean], required: ["text", "match"])]
    }

    static var exchange: [String: Any] {
        [
            "Channel": object(
                [
                    "id": id, "kind": values(ChannelKind.self), "purpose": values(ChannelPurpose.self), "name": string,
                    "title": ["type": "string", "description": "The name, or for a direct conversation the other people's names"],
                    "topic": string, "description": string, "fieldId": nullableID, "groupId": nullableID,
                    "retentionDays": ["type": ["integer", "null"], "description": "Days after which messages are removed; absent keeps them"],
                    "createdAt": date, "lastMessageAt": nullableDate, "memberCount": count,
                    "seat": object(["starred": boolean, "muted": boolean, "notify": values(NotifyLevel.self), "lastReadId": id]),
                    "unread": object(["messages": count, "mentions": count]),
                ], required: ["id", "kind", "purpose", "name", "title", "createdAt"]),
            "ChannelList": list(of: "Channel"),
            "ChannelPage": page(of: "Channel"),
            "MessageFile": object(
                ["id": id, "filename": string, "kind": values(FileKind.self), "size": count, "url": string],
                required: ["id", "filename", "kind", "size", "url"]),
            "Message": object(
                [
                    "id": id, "channelId": id, "threadRootId": nullableID, "alsoInChannel": boolean,
                    "inTimeline": ["type": "boolean", "description": "A channel message, or a reply also sent to the channel"],
                    "author": object(["id": nullableID, "name": string, "icon": string, "app": boolean], required: ["name", "app"]),
                    "body": ["type": "string", "description": "The stored text: Musubi's Markdown subset, mentions as <@id> and <!channel>"],
                    "html": ["type": "string", "description": "The text as the page shows it, escaped"],
                    "createdAt": date, "editedAt": nullableDate, "deletedAt": nullableDate, "replyCount": count, "lastReplyAt": nullableDate,
                    "reactions": [
                        "type": "array",
                        "items": object(["emoji": string, "count": count, "memberIds": ids], required: ["emoji", "count", "memberIds"]),
                    ],
                    "files": ["type": "array", "items": ref("MessageFile")],
                ], required: ["id", "channelId", "alsoInChannel", "inTimeline", "author", "body", "html", "createdAt", "replyCount"]),
            "Timeline": object(
                [
                    "channel": ref("Channel"), "items": ["type": "array", "items": ref("Message")], "olderThan": nullableID,
                    "firstUnreadId": nullableID, "eventCursor": id,
                ], required: ["channel", "items", "eventCursor"]),
            "Thread": object(
                [
                    "channel": ref("Channel"), "root": ref("Message"), "replies": ["type": "array", "items": ref("Message")], "eventCursor": id,
                ], required: ["channel", "root", "replies", "eventCursor"]),
            "SearchResults": object(
                [
                    "items": [
                        "type": "array",
                        "items": object(
                            [
                                "message": ref("Message"),
                                "channel": object(["id": id, "kind": values(ChannelKind.self), "title": string], required: ["id", "kind", "title"]),
                                "highlight": highlight,
                                "files": [
                                    "type": "array",
                                    "items": object(["file": ref("MessageFile"), "highlight": highlight], required: ["file", "highlight"]),
                                ],
                            ], required: ["message", "channel", "highlight", "files"]),
                    ],
                    "total": count, "totalIsCapped": boolean, "page": count, "pageSize": count, "pageCount": count,
                    "order": values(MessageSearchOrder.self), "unknownChannels": strings, "unknownPeople": strings,
                ], required: ["items", "total", "page", "pageCount"]),
            "MentionPage": page(of: "Mention"),
            "Mention": object(["message": ref("Message"), "channelTitle": string], required: ["message", "channelTitle"]),
            "Event": object(
                [
                    "id": id, "kind": values(ChannelEvent.Kind.self), "channelId": id, "at": date, "message": ref("Message"),
                ], required: ["id", "kind", "channelId", "at", "message"]),
            "EventList": object(
                [
                    "items": ["type": "array", "items": ref("Event")], "cursor": id,
                    "complete": ["type": "boolean", "description": "False when more events wait after the cursor"],
                ], required: ["items", "cursor", "complete"]),
            "Webhook": object(
                [
                    "id": id, "channelId": id, "name": string, "createdBy": nullableID, "createdAt": date, "lastUsedAt": nullableDate,
                    "revokedAt": nullableDate, "url": ["type": "string", "description": "The secret URL; only when it is created"],
                ], required: ["id", "channelId", "name", "createdAt"]),
            "WebhookList": list(of: "Webhook"),
            "ChannelInput": input(
                [
                    // Direct conversations are opened with the people, and group channels with their group.
                    "kind": values(ChannelKind.self, except: [.direct]), "purpose": values(ChannelPurpose.self, except: [.group]),
                    "name": text(Exchange.limits.name, required: true), "topic": text(Exchange.limits.topic),
                    "description": text(Exchange.limits.description, multiline: true), "fieldId": nullableID,
                ], required: ["kind", "name"]),
            "PeopleInput": input(["memberIds": ["type": "array", "items": id, "minItems": 1]], required: ["memberIds"]),
            "ChannelAboutInput": input(
                ["topic": text(Exchange.limits.topic), "description": text(Exchange.limits.description, multiline: true)],
                required: ["topic", "description"]),
            "RetentionInput": input(
                [
                    "days": [
                        "type": ["integer", "null"], "minimum": Exchange.retentionDays.lowerBound, "maximum": Exchange.retentionDays.upperBound,
                        "description": "Days after which messages are removed; null keeps them",
                    ]
                ], required: ["days"]),
            "SeatInput": input(["starred": boolean, "muted": boolean, "notify": values(NotifyLevel.self)]),
            "PostInput": input([
                "body": text(MessageText.limit, multiline: true).merging(["description": "May be empty when files are sent"]) { $1 },
                "threadRootId": nullableID, "alsoToChannel": boolean,
            ]),
            "ReactionInput": input(
                ["emoji": ["type": "string", "minLength": 1, "description": "One emoji, or a :short_name: of a-z, 0-9, _, + and -"]],
                required: ["emoji"]),
            "WebhookInput": input(["name": text(Exchange.webhookLimits.name, required: true)], required: ["name"]),
        ]
    }
}
