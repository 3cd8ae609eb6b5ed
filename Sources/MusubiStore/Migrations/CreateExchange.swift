/// The exchange: channels, the seats people have in them, messages with their threads,
/// mentions and reactions, and the ordered log of what happened in each channel.
/// Every existing group gets its private channel, with the group's members seated. Only
/// public channels' names are unique: a private channel's name is nobody else's business.
enum CreateExchange {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE channels (\(d.idColumn),
              kind TEXT NOT NULL, purpose TEXT NOT NULL, name TEXT NOT NULL, topic TEXT NOT NULL, description TEXT NOT NULL,
              field_id BIGINT REFERENCES fields(id), group_id BIGINT REFERENCES study_groups(id), direct_key TEXT,
              retention_days INTEGER, created_by BIGINT REFERENCES members(id), created_at BIGINT NOT NULL, last_message_at BIGINT)
            """,
            "CREATE UNIQUE INDEX channels_name ON channels (name) WHERE kind = 'public'",
            "CREATE UNIQUE INDEX channels_direct ON channels (direct_key) WHERE direct_key IS NOT NULL",
            "CREATE UNIQUE INDEX channels_group ON channels (group_id) WHERE group_id IS NOT NULL",
            """
            CREATE TABLE channel_members (
              channel_id BIGINT NOT NULL REFERENCES channels(id), member_id BIGINT NOT NULL REFERENCES members(id),
              joined_at BIGINT NOT NULL, last_read_id BIGINT NOT NULL DEFAULT 0, starred INTEGER NOT NULL DEFAULT 0,
              muted INTEGER NOT NULL DEFAULT 0, notify TEXT NOT NULL DEFAULT 'all', PRIMARY KEY (channel_id, member_id))
            """,
            "CREATE INDEX channel_members_member ON channel_members (member_id)",
            """
            CREATE TABLE messages (\(d.idColumn),
              channel_id BIGINT NOT NULL REFERENCES channels(id), author_id BIGINT REFERENCES members(id), author_name TEXT NOT NULL,
              body TEXT NOT NULL, thread_root_id BIGINT REFERENCES messages(id), in_timeline INTEGER NOT NULL,
              mentions_channel INTEGER NOT NULL DEFAULT 0, reply_count INTEGER NOT NULL DEFAULT 0, last_reply_at BIGINT,
              created_at BIGINT NOT NULL, edited_at BIGINT, deleted_at BIGINT)
            """,
            "CREATE INDEX messages_timeline ON messages (channel_id, in_timeline, id)",
            "CREATE INDEX messages_thread ON messages (thread_root_id, id) WHERE thread_root_id IS NOT NULL",
            """
            CREATE TABLE message_mentions (
              message_id BIGINT NOT NULL REFERENCES messages(id), member_id BIGINT NOT NULL REFERENCES members(id),
              channel_id BIGINT NOT NULL REFERENCES channels(id), PRIMARY KEY (message_id, member_id))
            """,
            "CREATE INDEX message_mentions_member ON message_mentions (member_id, message_id)",
            """
            CREATE TABLE message_reactions (
              message_id BIGINT NOT NULL REFERENCES messages(id), member_id BIGINT NOT NULL REFERENCES members(id),
              emoji TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (message_id, member_id, emoji))
            """,
            """
            CREATE TABLE channel_events (\(d.idColumn),
              channel_id BIGINT NOT NULL REFERENCES channels(id), kind TEXT NOT NULL, message_id BIGINT NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX channel_events_channel ON channel_events (channel_id, id)",
            """
            INSERT INTO channels (kind, purpose, name, topic, description, group_id, created_at)
            SELECT 'private', 'group',
              g.name,
              '', g.description, g.id, g.created_at FROM study_groups g
            """,
            """
            INSERT INTO channel_members (channel_id, member_id, joined_at)
            SELECT c.id, gm.member_id, c.created_at FROM group_members gm JOIN channels c ON c.group_id = gm.group_id
            """,
        ]
    }
}
