import Foundation
import Hummingbird
import MusubiCore

/// The whole site, one line a route. Read it as a site map. Routes live in groups that say
/// how a request is let in:
/// - `pages`: the session cookie, a CSRF token on every posted form, error pages;
/// - `uploads`: the same, and forms with files streamed to disk up to a limit of their own;
/// - `api`: JSON errors (also for a failed token check), a personal token, no cookie and so no CSRF;
/// - `open`: nothing (the health check, and incoming webhooks, whose secret is their path).
public enum SiteMap {
    public static func router(for site: Site) -> Router<MusubiRequestContext> {
        let router = Router(context: MusubiRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ClientMiddleware(site: site))
        router.add(middleware: ErrorMiddleware(site: site))
        let operations = APIHandlers(site: site).operations
        router.add(middleware: AllowedMethodsMiddleware(operations.map { ($0.path, $0.method) } + [(Paths.openAPI, .get)]))
        router.add(middleware: DatabasePatienceMiddleware(limit: site.configuration.databasePatience))
        // Assets: the theme's first, then the bundled ones; only where no route answers.
        if let theme = site.resources.themeRoot {
            router.add(
                middleware: FileMiddleware(
                    theme.appendingPathComponent("public").path, urlBasePath: Paths.assets.template, cacheControl: assetCaching))
        }
        router.add(
            middleware: FileMiddleware(
                site.resources.bundleRoot.appendingPathComponent("public").path, urlBasePath: Paths.assets.template, cacheControl: assetCaching))

        /// Pages: a session, error pages that know who reads them, and forms read (with files up
        /// to `uploadLimit`, if given) and checked for their CSRF token.
        func pageGroup(uploadLimit: (@Sendable (Requester) -> Int)? = nil) -> RouterGroup<MusubiRequestContext> {
            router.group()
                .add(middleware: PageSessionMiddleware(site: site)).add(middleware: ErrorMiddleware(site: site))
                .add(middleware: PageFormMiddleware(uploadLimit: uploadLimit, uploads: site.uploads))
        }
        let open = router.group()
        let pages = pageGroup()
        let uploads = pageGroup(uploadLimit: { _ in UploadLimits.files })
        let exportUploads = pageGroup(uploadLimit: UploadLimits.export)
        let api = router.group().add(middleware: ErrorMiddleware(site: site, speaksJSON: true)).add(middleware: APITokenMiddleware(site: site))

        open.get(Paths.health.routerPath) { _, _ in "ok" }
        open.post(Paths.incomingWebhook.routerPath, use: IncomingWebhooks(site: site).receive)
        let bulletins = BulletinHandlers(site: site)
        // Feeds are public and carry no session: a feed reader has none.
        open.get(Paths.bulletinsFeed.routerPath, use: bulletins.bulletinsFeed)
        open.get(Paths.fundingCallsFeed.routerPath, use: bulletins.fundingCallsFeed)
        let notifications = NotificationHandlers(site: site)
        // A mail program's one-click unsubscribe carries neither cookie nor CSRF token.
        open.post(Paths.unsubscribe.routerPath, use: notifications.unsubscribe)
        // A mail program fetches the image with no cookie.
        open.get(Paths.mailOpened.routerPath, use: MailOutboxHandlers(site: site).opened)

        let directory = DirectoryHandlers(site: site)
        pages.get(Paths.home.routerPath, use: directory.home)
        pages.get(Paths.members.routerPath, use: directory.members)
        pages.get(Paths.member.routerPath, use: directory.member)
        pages.get(Paths.organizations.routerPath, use: directory.organizations)
        pages.get(Paths.organization.routerPath, use: directory.organization)
        pages.get(Paths.groups.routerPath, use: directory.groups)
        pages.get(Paths.group.routerPath, use: directory.group)

        let session = SessionHandlers(site: site)
        pages.get(Paths.language.routerPath, use: session.switchLanguage)
        pages.get(Paths.signIn.routerPath, use: session.signInForm)
        pages.post(Paths.signIn.routerPath, use: session.signIn)
        pages.post(Paths.signOut.routerPath, use: session.signOut)
        pages.get(Paths.apply.routerPath, use: session.applyForm)
        pages.post(Paths.apply.routerPath, use: session.apply)
        pages.get(Paths.invitation.routerPath, use: session.invitationForm)
        pages.post(Paths.invitation.routerPath, use: session.acceptInvitation)
        pages.get(Paths.passwordReset.routerPath, use: session.passwordResetForm)
        pages.post(Paths.passwordReset.routerPath, use: session.requestPasswordReset)

        let profile = ProfileHandlers(site: site)
        pages.get(Paths.editProfile.routerPath, use: profile.editForm)
        pages.post(Paths.editProfile.routerPath, use: profile.update)
        pages.get(Paths.account.routerPath, use: profile.account)
        pages.post(Paths.password.routerPath, use: profile.changePassword)
        pages.post(Paths.tokens.routerPath, use: profile.createToken)
        pages.post(Paths.tokenRevocation.routerPath, use: profile.revokeToken)

        let bulletinForms = BulletinFormHandlers(site: site)
        pages.get(Paths.bulletins.routerPath, use: bulletins.list)
        pages.get(Paths.fundingCalls.routerPath, use: bulletins.fundingCalls)
        pages.get(Paths.newBulletin.routerPath, use: bulletinForms.newForm)
        pages.post(Paths.bulletins.routerPath, use: bulletinForms.create)
        pages.get(Paths.bulletin.routerPath, use: bulletins.show)
        pages.get(Paths.editBulletin.routerPath, use: bulletinForms.editForm)
        pages.post(Paths.bulletin.routerPath, use: bulletinForms.update)
        pages.post(Paths.bulletinSave.routerPath, use: bulletins.save)
        pages.post(Paths.bulletinRemoval.routerPath, use: bulletins.remove)
        uploads.post(Paths.bulletinFiles.routerPath, use: bulletins.attach)
        pages.get(Paths.bulletinFile.routerPath, use: bulletins.download)
        pages.post(Paths.bulletinFileRemoval.routerPath, use: bulletins.removeFile)

        pages.get(Paths.notifications.routerPath, use: notifications.list)
        pages.post(Paths.notificationsRead.routerPath, use: notifications.markRead)
        pages.get(Paths.notificationPreferences.routerPath, use: notifications.preferencesForm)
        pages.post(Paths.notificationPreferences.routerPath, use: notifications.savePreferences)
        pages.get(Paths.unsubscribe.routerPath, use: notifications.unsubscribeForm)
        pages.get(Paths.digest.routerPath, use: DigestHandlers(site: site).show)

        let stewardship = StewardshipHandlers(site: site)
        pages.get(Paths.newOrganization.routerPath, use: stewardship.newOrganizationForm)
        pages.post(Paths.organizations.routerPath, use: stewardship.createOrganization)
        pages.get(Paths.editOrganization.routerPath, use: stewardship.editOrganizationForm)
        pages.post(Paths.organization.routerPath, use: stewardship.updateOrganization)
        pages.get(Paths.newGroup.routerPath, use: stewardship.newGroupForm)
        pages.post(Paths.groups.routerPath, use: stewardship.createGroup)
        pages.get(Paths.editGroup.routerPath, use: stewardship.editGroupForm)
        pages.post(Paths.group.routerPath, use: stewardship.updateGroup)
        pages.post(Paths.groupMembers.routerPath, use: stewardship.addGroupMember)
        pages.post(Paths.groupMemberRemoval.routerPath, use: stewardship.removeGroupMember)

        let listings = ListingHandlers(site: site)
        pages.get(Paths.listings.routerPath, use: listings.browse)
        pages.get(Paths.newListing.routerPath, use: listings.newForm)
        pages.post(Paths.listings.routerPath, use: listings.post)
        pages.get(Paths.listing.routerPath, use: listings.show)
        pages.get(Paths.editListing.routerPath, use: listings.editForm)
        pages.post(Paths.listing.routerPath, use: listings.update)
        pages.post(Paths.listingStatus.routerPath, use: listings.setStatus)
        uploads.post(Paths.listingAttachments.routerPath, use: listings.attach)
        pages.get(Paths.listingAttachment.routerPath, use: listings.download)
        pages.post(Paths.listingAttachmentRemoval.routerPath, use: listings.removeAttachment)

        let introductions = IntroductionHandlers(site: site)
        pages.get(Paths.introductions.routerPath, use: introductions.list)
        pages.get(Paths.newIntroduction.routerPath, use: introductions.requestForm)
        pages.post(Paths.introductions.routerPath, use: introductions.request)
        pages.get(Paths.introduction.routerPath, use: introductions.show)
        pages.post(Paths.introductionReview.routerPath, use: introductions.review)
        pages.post(Paths.introductionAnswer.routerPath, use: introductions.answer)
        pages.post(Paths.introductionOutcomes.routerPath, use: introductions.recordOutcome)
        pages.post(Paths.introductionMessages.routerPath, use: introductions.post)

        let events = EventHandlers(site: site)
        pages.get(Paths.events.routerPath, use: events.list)
        pages.get(Paths.newEvent.routerPath, use: events.newForm)
        pages.post(Paths.events.routerPath, use: events.create)
        pages.get(Paths.event.routerPath, use: events.show)
        pages.get(Paths.eventCalendar.routerPath, use: events.calendar)
        pages.get(Paths.eventsCalendar.routerPath, use: events.publicCalendar)
        pages.get(Paths.eventEdit.routerPath, use: events.editForm)
        pages.post(Paths.eventEdit.routerPath, use: events.update)
        pages.post(Paths.eventCallOff.routerPath, use: events.callOff)
        pages.post(Paths.eventRegistration.routerPath, use: events.register)
        pages.post(Paths.eventCancellation.routerPath, use: events.cancel)
        let minutes = EventMinutesHandlers(site: site)
        pages.get(Paths.eventMinutes.routerPath, use: minutes.show)
        pages.post(Paths.eventMinutes.routerPath, use: minutes.save)
        pages.get(Paths.eventMinutesEdit.routerPath, use: minutes.editForm)
        pages.post(Paths.eventActions.routerPath, use: minutes.addAction)
        pages.post(Paths.eventActionDone.routerPath, use: minutes.setDone)
        let attendance = EventAttendanceHandlers(site: site)
        pages.get(Paths.eventAttendance.routerPath, use: attendance.page)
        pages.get(Paths.eventAttendanceCSV.routerPath, use: attendance.csv)
        let feeds = EventFeedHandlers(site: site)
        pages.get(Paths.calendarFeedSettings.routerPath, use: feeds.page)
        pages.post(Paths.calendarFeedSettings.routerPath, use: feeds.issue)
        pages.post(Paths.calendarFeedRevocation.routerPath, use: feeds.revoke)
        pages.get(Paths.calendarFeed.routerPath, use: feeds.feed)
        let visits = EventVisitHandlers(site: site)
        pages.post(Paths.eventVisitors.routerPath, use: visits.ask)
        pages.get(Paths.eventVisit.routerPath, use: visits.show)
        pages.post(Paths.eventVisitConfirmation.routerPath, use: visits.confirm)
        pages.post(Paths.eventVisitCancellation.routerPath, use: visits.cancel)
        let door = EventDoorHandlers(site: site)
        pages.get(Paths.eventTicket.routerPath, use: door.ticket)
        pages.get(Paths.eventDoor.routerPath, use: door.door)
        pages.post(Paths.eventArrival.routerPath, use: door.checkIn)
        pages.post(Paths.eventArrivalUndo.routerPath, use: door.undo)
        pages.post(Paths.eventWalkIns.routerPath, use: door.walkIn)

        let exchange = ExchangeHandlers(site: site)
        pages.get(Paths.exchange.routerPath, use: exchange.list)
        pages.get(Paths.channelBrowser.routerPath, use: exchange.browse)
        pages.get(Paths.newChannel.routerPath, use: exchange.newChannelForm)
        pages.post(Paths.channels.routerPath, use: exchange.create)
        pages.get(Paths.directConversation.routerPath, use: exchange.directForm)
        pages.post(Paths.directConversation.routerPath, use: exchange.openDirect)
        pages.get(Paths.mentions.routerPath, use: exchange.mentions)
        pages.get(Paths.exchangeSearch.routerPath, use: exchange.search)
        pages.get(Paths.channel.routerPath, use: exchange.show)
        uploads.post(Paths.channelMessages.routerPath, use: exchange.post)
        pages.post(Paths.channelJoin.routerPath, use: exchange.join)
        pages.post(Paths.channelLeave.routerPath, use: exchange.leave)
        pages.post(Paths.channelSeat.routerPath, use: exchange.adjustSeat)
        pages.post(Paths.channelAbout.routerPath, use: exchange.describe)
        pages.get(Paths.channelInvite.routerPath, use: exchange.inviteForm)
        pages.post(Paths.channelInvite.routerPath, use: exchange.invite)
        pages.post(Paths.channelRetention.routerPath, use: exchange.setRetention)
        pages.post(Paths.channelAnnouncement.routerPath, use: exchange.setAnnouncement)
        pages.post(Paths.channelWebhooks.routerPath, use: exchange.createWebhook)
        pages.post(Paths.webhookRevocation.routerPath, use: exchange.revokeWebhook)
        pages.get(Paths.channelFiles.routerPath, use: exchange.files)
        pages.get(Paths.exchangeSidebar.routerPath, use: exchange.sidebarFragment)
        pages.get(Paths.channelPeople.routerPath, use: exchange.mentionCandidates)
        pages.get(Paths.channelNames.routerPath, use: exchange.channelNames)
        pages.get(Paths.emojiCatalog.routerPath, use: exchange.emojiCatalog)
        pages.get(Paths.message.routerPath, use: exchange.thread)
        pages.get(Paths.editMessage.routerPath, use: exchange.editForm)
        pages.post(Paths.editMessage.routerPath, use: exchange.edit)
        pages.post(Paths.messageRemoval.routerPath, use: exchange.delete)
        pages.post(Paths.messageReactions.routerPath, use: exchange.react)
        pages.get(Paths.messageFile.routerPath, use: exchange.download)
        pages.get(Paths.messageFilePreview.routerPath, use: exchange.preview)

        let management = ManagementHandlers(site: site)
        pages.get(Paths.people.routerPath, use: management.people)
        pages.get(Paths.peopleCSV.routerPath, use: PeopleExportHandlers(site: site).directory)
        pages.post(Paths.approval.routerPath, use: management.approve)
        pages.post(Paths.rejection.routerPath, use: management.reject)
        pages.post(Paths.roleChange.routerPath, use: management.changeRole)
        pages.post(Paths.deactivation.routerPath, use: management.deactivate)
        pages.post(Paths.reactivation.routerPath, use: management.reactivate)
        pages.post(Paths.signInLink.routerPath, use: management.issueSignInLink)
        pages.get(Paths.invitations.routerPath, use: management.invitationForm)
        pages.post(Paths.invitations.routerPath, use: management.invite)
        pages.post(Paths.invitationResend.routerPath, use: management.resendInvitation)
        pages.post(Paths.invitationRevocation.routerPath, use: management.revokeInvitation)
        pages.get(Paths.audit.routerPath, use: management.audit)

        let suggestions = SuggestionHandlers(site: site)
        pages.get(Paths.suggestions.routerPath, use: suggestions.digest)
        pages.post(Paths.suggestionPins.routerPath, use: suggestions.pin)
        pages.post(Paths.suggestionPinRemoval.routerPath, use: suggestions.unpin)

        let tools = MatchingToolHandlers(site: site)
        pages.get(Paths.funnel.routerPath, use: tools.funnel)
        pages.get(Paths.funnelCSV.routerPath, use: tools.funnelCSV)
        pages.get(Paths.bulkMatching.routerPath, use: tools.bulkForm)
        uploads.post(Paths.bulkMatching.routerPath, use: tools.bulkMatch)

        let migration = MigrationHandlers(site: site)
        pages.get(Paths.slackImport.routerPath, use: migration.form)
        exportUploads.post(Paths.slackImport.routerPath, use: migration.start)
        pages.get(Paths.slackImportJob.routerPath, use: migration.job)
        let archive = CommunityArchiveHandlers(site: site)
        pages.get(Paths.communityArchive.routerPath, use: archive.page)
        pages.post(Paths.communityArchive.routerPath, use: archive.download)

        let outbox = MailOutboxHandlers(site: site)
        pages.get(Paths.mailOutbox.routerPath, use: outbox.list)
        let dashboard = DashboardHandlers(site: site)
        pages.get(Paths.dashboard.routerPath, use: dashboard.show)
        pages.post(Paths.dashboardSettings.routerPath, use: dashboard.saveSettings)
        pages.get(Paths.dashboardCSV.routerPath, use: dashboard.csv)
        pages.get(Paths.publicDashboard.routerPath, use: dashboard.publicSummary)
        pages.post(Paths.mailRetry.routerPath, use: outbox.retry)

        let dictionary = DictionaryHandlers(site: site)
        pages.get(Paths.concepts.routerPath, use: dictionary.list)
        pages.post(Paths.concepts.routerPath, use: dictionary.save)
        pages.post(Paths.conceptRemoval.routerPath, use: dictionary.remove)

        let idempotent = IdempotentResponder(requests: site.idempotentRequests)
        for operation in operations {
            api.on(operation.path.routerPath, method: operation.method, use: operation.routedHandler(idempotent))
        }
        let document = OpenAPIDocument.Served { [operations] in OpenAPIDocument.json(for: operations, serverURL: site.configuration.publicBaseURL) }
        api.get(Paths.openAPI.routerPath) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: document.data)))
        }
        return router
    }

    static let assetCaching = CacheControl([(MediaType(type: .any), [.public, .maxAge(3600)])])
}
