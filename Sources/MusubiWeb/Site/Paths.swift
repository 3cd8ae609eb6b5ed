/// Every page's path, spelled once. Handlers register these; templates' links are built from them.
public enum Paths {
    public static let home = PathTemplate("/")
    public static let health = PathTemplate("/healthz")
    public static let language = PathTemplate("/lang/{code}")
    public static let assets = PathTemplate("/assets")

    public static let signIn = PathTemplate("/signin")
    public static let signOut = PathTemplate("/signout")
    public static let apply = PathTemplate("/apply")
    public static let invitation = PathTemplate("/invitations/{token}")
    public static let passwordReset = PathTemplate("/password-reset")

    public static let members = PathTemplate("/members")
    public static let member = PathTemplate("/members/{id}")
    public static let organizations = PathTemplate("/organizations")
    public static let newOrganization = PathTemplate("/organizations/new")
    public static let organization = PathTemplate("/organizations/{id}")
    public static let editOrganization = PathTemplate("/organizations/{id}/edit")
    public static let groups = PathTemplate("/groups")
    public static let newGroup = PathTemplate("/groups/new")
    public static let group = PathTemplate("/groups/{id}")
    public static let editGroup = PathTemplate("/groups/{id}/edit")
    public static let groupMembers = PathTemplate("/groups/{id}/members")
    public static let groupMemberRemoval = PathTemplate("/groups/{id}/members/remove")

    public static let listings = PathTemplate("/listings")
    public static let newListing = PathTemplate("/listings/new")
    public static let listing = PathTemplate("/listings/{id}")
    public static let editListing = PathTemplate("/listings/{id}/edit")
    public static let listingStatus = PathTemplate("/listings/{id}/status")
    public static let listingAttachments = PathTemplate("/listings/{id}/attachments")
    public static let listingAttachment = PathTemplate("/listings/{id}/attachments/{attachment}")
    public static let listingAttachmentRemoval = PathTemplate("/listings/{id}/attachments/{attachment}/remove")

    public static let introductions = PathTemplate("/introductions")
    public static let newIntroduction = PathTemplate("/introductions/new")
    public static let introduction = PathTemplate("/introductions/{id}")
    public static let introductionReview = PathTemplate("/introductions/{id}/review")
    public static let introductionAnswer = PathTemplate("/introductions/{id}/answer")
    public static let introductionOutcomes = PathTemplate("/introductions/{id}/outcomes")
    public static let introductionMessages = PathTemplate("/introductions/{id}/messages")

    public static let suggestions = PathTemplate("/suggestions")
    public static let suggestionPins = PathTemplate("/suggestions/pins")
    public static let suggestionPinRemoval = PathTemplate("/suggestions/pins/{id}/remove")

    public static let events = PathTemplate("/events")
    public static let newEvent = PathTemplate("/events/new")
    public static let event = PathTemplate("/events/{id}")
    public static let eventEdit = PathTemplate("/events/{id}/edit")
    public static let eventCallOff = PathTemplate("/events/{id}/call-off")
    public static let eventRegistration = PathTemplate("/events/{id}/registration")
    /// One event as iCalendar, and the public events as a calendar feed.
    public static let eventCalendar = PathTemplate("/events/{id}/calendar.ics")
    public static let eventsCalendar = PathTemplate("/events.ics")
    /// A member's private calendar feed: its settings, and the feed by its secret key.
    public static let calendarFeedSettings = PathTemplate("/me/calendar")
    public static let calendarFeedRevocation = PathTemplate("/me/calendar/revoke")
    public static let calendarFeed = PathTemplate("/calendar/{key}/events.ics")
    public static let eventCancellation = PathTemplate("/events/{id}/registration/cancel")
    /// A person's own ticket: the QR code shown at the door.
    public static let eventTicket = PathTemplate("/events/{id}/ticket")
    /// The door (coordinators): a ticket's QR code leads here with `?ticket=`; `?q=` finds
    /// people by name or reading.
    public static let eventDoor = PathTemplate("/events/{id}/check-in")
    public static let eventArrival = PathTemplate("/events/{id}/check-in/{registration}")
    public static let eventArrivalUndo = PathTemplate("/events/{id}/check-in/{registration}/undo")
    public static let eventWalkIns = PathTemplate("/events/{id}/walk-ins")
    /// A meeting's record: the minutes (and the coordinators' form), its action items.
    public static let eventMinutes = PathTemplate("/events/{id}/minutes")
    public static let eventMinutesEdit = PathTemplate("/events/{id}/minutes/edit")
    public static let eventActions = PathTemplate("/events/{id}/actions")
    public static let eventActionDone = PathTemplate("/events/{id}/actions/{action}/done")
    /// Who came, for coordinators, and as a CSV for Excel.
    public static let eventAttendance = PathTemplate("/events/{id}/attendance")
    public static let eventAttendanceCSV = PathTemplate("/events/{id}/attendance.csv")
    /// Visitors without an account: asking, and the page their mailed link opens.
    public static let eventVisitors = PathTemplate("/events/{id}/visitors")
    public static let eventVisit = PathTemplate("/events/visits/{key}")
    public static let eventVisitConfirmation = PathTemplate("/events/visits/{key}/confirm")
    public static let eventVisitCancellation = PathTemplate("/events/visits/{key}/cancel")
    public static let exchange = PathTemplate("/exchange")
    public static let channelBrowser = PathTemplate("/exchange/browse")
    public static let newChannel = PathTemplate("/exchange/new")
    public static let channels = PathTemplate("/exchange/channels")
    public static let directConversation = PathTemplate("/exchange/direct")
    public static let mentions = PathTemplate("/exchange/mentions")
    public static let exchangeSearch = PathTemplate("/exchange/search")
    public static let channel = PathTemplate("/exchange/channels/{id}")
    public static let channelMessages = PathTemplate("/exchange/channels/{id}/messages")
    public static let channelJoin = PathTemplate("/exchange/channels/{id}/join")
    public static let channelLeave = PathTemplate("/exchange/channels/{id}/leave")
    public static let channelSeat = PathTemplate("/exchange/channels/{id}/seat")
    public static let channelAbout = PathTemplate("/exchange/channels/{id}/about")
    public static let channelInvite = PathTemplate("/exchange/channels/{id}/invite")
    public static let channelRetention = PathTemplate("/exchange/channels/{id}/retention")
    public static let channelAnnouncement = PathTemplate("/exchange/channels/{id}/announcement")
    public static let channelWebhooks = PathTemplate("/exchange/channels/{id}/webhooks")
    /// A channel's files.
    public static let channelFiles = PathTemplate("/exchange/channels/{id}/files")
    /// The exchange's sidebar alone, for `sidebar.js` to bring up to date.
    public static let exchangeSidebar = PathTemplate("/exchange/sidebar")
    /// Whom `@` may mean in a channel, for the autocomplete (JSON).
    public static let channelPeople = PathTemplate("/exchange/channels/{id}/people")
    /// Which channels `#` may mean, for the autocomplete (JSON).
    public static let channelNames = PathTemplate("/exchange/channel-names")
    /// The emoji to react with, for the picker (JSON).
    public static let emojiCatalog = PathTemplate("/exchange/emoji.json")
    public static let webhookRevocation = PathTemplate("/exchange/channels/{id}/webhooks/{webhook}/revoke")
    /// A Slack-compatible incoming webhook's secret URL.
    public static let incomingWebhook = PathTemplate("/api/hooks/{secret}")
    public static let message = PathTemplate("/exchange/messages/{id}")
    public static let editMessage = PathTemplate("/exchange/messages/{id}/edit")
    public static let messageRemoval = PathTemplate("/exchange/messages/{id}/delete")
    public static let messageReactions = PathTemplate("/exchange/messages/{id}/reactions")
    public static let messageFile = PathTemplate("/exchange/files/{id}")
    /// A small picture of a message's image or PDF.
    public static let messageFilePreview = PathTemplate("/exchange/files/{id}/preview")

    public static let editProfile = PathTemplate("/me/edit")
    public static let account = PathTemplate("/me/account")
    public static let password = PathTemplate("/me/password")
    public static let tokens = PathTemplate("/me/tokens")
    public static let tokenRevocation = PathTemplate("/me/tokens/{id}/revoke")

    public static let people = PathTemplate("/manage/people")
    public static let approval = PathTemplate("/manage/people/{id}/approve")
    public static let rejection = PathTemplate("/manage/people/{id}/reject")
    public static let roleChange = PathTemplate("/manage/people/{id}/role")
    public static let deactivation = PathTemplate("/manage/people/{id}/deactivate")
    public static let reactivation = PathTemplate("/manage/people/{id}/reactivate")
    public static let signInLink = PathTemplate("/manage/people/{id}/sign-in-link")
    public static let invitations = PathTemplate("/manage/invitations")
    public static let invitationResend = PathTemplate("/manage/invitations/{id}/resend")
    public static let invitationRevocation = PathTemplate("/manage/invitations/{id}/revoke")
    public static let audit = PathTemplate("/manage/audit")
    public static let concepts = PathTemplate("/manage/concepts")
    public static let conceptRemoval = PathTemplate("/manage/concepts/{key}/remove")
    public static let funnel = PathTemplate("/manage/funnel")
    public static let funnelCSV = PathTemplate("/manage/funnel/csv")
    public static let peopleCSV = PathTemplate("/manage/people/csv")
    public static let bulkMatching = PathTemplate("/manage/matching")
    public static let slackImport = PathTemplate("/manage/slack-import")
    public static let slackImportJob = PathTemplate("/manage/slack-import/{id}")
    public static let communityArchive = PathTemplate("/manage/archive")

    public static let bulletins = PathTemplate("/bulletins")
    public static let newBulletin = PathTemplate("/bulletins/new")
    public static let bulletin = PathTemplate("/bulletins/{id}")
    public static let editBulletin = PathTemplate("/bulletins/{id}/edit")
    public static let bulletinRemoval = PathTemplate("/bulletins/{id}/remove")
    public static let bulletinSave = PathTemplate("/bulletins/{id}/save")
    public static let bulletinFiles = PathTemplate("/bulletins/{id}/files")
    public static let bulletinFile = PathTemplate("/bulletins/{id}/files/{file}")
    public static let bulletinFileRemoval = PathTemplate("/bulletins/{id}/files/{file}/remove")
    public static let fundingCalls = PathTemplate("/funding-calls")
    public static let bulletinsFeed = PathTemplate("/bulletins.atom")
    public static let fundingCallsFeed = PathTemplate("/funding-calls.atom")

    public static let notifications = PathTemplate("/notifications")
    public static let notificationsRead = PathTemplate("/notifications/read")
    public static let notificationPreferences = PathTemplate("/me/notifications")
    /// The weekly digest's web version: the member's last seven days.
    public static let digest = PathTemplate("/me/digest")
    /// A mail's one-click link: GET asks, POST (from the page, or from a mail program per
    /// RFC 8058) stops the kind of mail, without signing in.
    public static let unsubscribe = PathTemplate("/unsubscribe/{token}")
    public static let mailOutbox = PathTemplate("/manage/mail")
    public static let dashboard = PathTemplate("/manage/dashboard")
    public static let dashboardSettings = PathTemplate("/manage/dashboard/settings")
    /// One chart's numbers for Excel: `/manage/dashboard/csv/participants?fy=2026`.
    public static let dashboardCSV = PathTemplate("/manage/dashboard/csv/{chart}")
    /// The dashboard's summary for everyone, when the admin allows it.
    public static let publicDashboard = PathTemplate("/dashboard")
    public static let mailRetry = PathTemplate("/manage/mail/{id}/retry")
    /// The image that counts a mail as opened (only when the installation counts them).
    public static let mailOpened = PathTemplate("/mail/opened/{token}")

    public static let live = PathTemplate("/live")

    public static let openAPI = PathTemplate("/api/openapi.json")
    /// A message's file for a program with a token (the other API paths are in `APIOperations`).
    public static let apiMessageFile = PathTemplate("/api/v1/files/{id}")
}
