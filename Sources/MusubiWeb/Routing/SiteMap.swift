import Foundation
import Hummingbird
import MusubiCore

/// The whole site, one line a route. Read it as a site map.
public enum SiteMap {
    public static func router(for site: Site) -> Router<MusubiRequestContext> {
        let router = Router(context: MusubiRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(site: site))
        router.add(middleware: ErrorMiddleware(site: site))
        // Assets: the theme's first, then the bundled ones; only where no route answers.
        if let theme = site.resources.themeRoot {
            router.add(middleware: FileMiddleware(theme.appendingPathComponent("public").path, urlBasePath: Paths.assets.template, cacheControl: assetCaching))
        }
        router.add(middleware: FileMiddleware(site.resources.bundleRoot.appendingPathComponent("public").path, urlBasePath: Paths.assets.template, cacheControl: assetCaching))
        router.add(middleware: CSRFMiddleware())

        router.get(Paths.health.routerPath) { _, _ in "ok" }

        let directory = DirectoryPages(site: site)
        router.get(Paths.home.routerPath, use: directory.home)
        router.get(Paths.members.routerPath, use: directory.members)
        router.get(Paths.member.routerPath, use: directory.member)
        router.get(Paths.organizations.routerPath, use: directory.organizations)
        router.get(Paths.organization.routerPath, use: directory.organization)
        router.get(Paths.groups.routerPath, use: directory.groups)
        router.get(Paths.group.routerPath, use: directory.group)

        let session = SessionPages(site: site)
        router.get(Paths.language.routerPath, use: session.switchLanguage)
        router.get(Paths.signIn.routerPath, use: session.signInForm)
        router.post(Paths.signIn.routerPath, use: session.signIn)
        router.post(Paths.signOut.routerPath, use: session.signOut)
        router.get(Paths.apply.routerPath, use: session.applyForm)
        router.post(Paths.apply.routerPath, use: session.apply)
        router.get(Paths.invitation.routerPath, use: session.invitationForm)
        router.post(Paths.invitation.routerPath, use: session.acceptInvitation)

        let profile = ProfilePages(site: site)
        router.get(Paths.editProfile.routerPath, use: profile.editForm)
        router.post(Paths.editProfile.routerPath, use: profile.update)
        router.get(Paths.account.routerPath, use: profile.account)
        router.post(Paths.password.routerPath, use: profile.changePassword)
        router.post(Paths.tokens.routerPath, use: profile.createToken)
        router.post(Paths.tokenRevocation.routerPath, use: profile.revokeToken)

        let stewardship = StewardshipPages(site: site)
        router.get(Paths.newOrganization.routerPath, use: stewardship.newOrganizationForm)
        router.post(Paths.organizations.routerPath, use: stewardship.createOrganization)
        router.get(Paths.editOrganization.routerPath, use: stewardship.editOrganizationForm)
        router.post(Paths.organization.routerPath, use: stewardship.updateOrganization)
        router.get(Paths.newGroup.routerPath, use: stewardship.newGroupForm)
        router.post(Paths.groups.routerPath, use: stewardship.createGroup)
        router.get(Paths.editGroup.routerPath, use: stewardship.editGroupForm)
        router.post(Paths.group.routerPath, use: stewardship.updateGroup)
        router.post(Paths.groupMembers.routerPath, use: stewardship.addGroupMember)
        router.post(Paths.groupMemberRemoval.routerPath, use: stewardship.removeGroupMember)

        let listings = ListingPages(site: site)
        router.get(Paths.listings.routerPath, use: listings.browse)
        router.get(Paths.newListing.routerPath, use: listings.newForm)
        router.post(Paths.listings.routerPath, use: listings.post)
        router.get(Paths.listing.routerPath, use: listings.show)
        router.get(Paths.editListing.routerPath, use: listings.editForm)
        router.post(Paths.listing.routerPath, use: listings.update)
        router.post(Paths.listingStatus.routerPath, use: listings.setStatus)
        router.post(Paths.listingAttachments.routerPath, use: listings.attach)
        router.get(Paths.listingAttachment.routerPath, use: listings.download)
        router.post(Paths.listingAttachmentRemoval.routerPath, use: listings.removeAttachment)

        let introductions = IntroductionPages(site: site)
        router.get(Paths.introductions.routerPath, use: introductions.list)
        router.get(Paths.newIntroduction.routerPath, use: introductions.requestForm)
        router.post(Paths.introductions.routerPath, use: introductions.request)
        router.get(Paths.introduction.routerPath, use: introductions.show)
        router.post(Paths.introductionReview.routerPath, use: introductions.review)
        router.post(Paths.introductionAnswer.routerPath, use: introductions.answer)
        router.post(Paths.introductionOutcomes.routerPath, use: introductions.recordOutcome)
        router.post(Paths.introductionMessages.routerPath, use: introductions.post)

        let exchange = ExchangePages(site: site)
        router.get(Paths.exchange.routerPath, use: exchange.list)
        router.get(Paths.channelBrowser.routerPath, use: exchange.browse)
        router.get(Paths.newChannel.routerPath, use: exchange.newChannelForm)
        router.post(Paths.channels.routerPath, use: exchange.create)
        router.get(Paths.directConversation.routerPath, use: exchange.directForm)
        router.post(Paths.directConversation.routerPath, use: exchange.openDirect)
        router.get(Paths.mentions.routerPath, use: exchange.mentions)
        router.get(Paths.exchangeSearch.routerPath, use: exchange.search)
        router.get(Paths.channel.routerPath, use: exchange.show)
        router.post(Paths.channelMessages.routerPath, use: exchange.post)
        router.post(Paths.channelJoin.routerPath, use: exchange.join)
        router.post(Paths.channelLeave.routerPath, use: exchange.leave)
        router.post(Paths.channelSeat.routerPath, use: exchange.adjustSeat)
        router.post(Paths.channelAbout.routerPath, use: exchange.describe)
        router.get(Paths.channelInvite.routerPath, use: exchange.inviteForm)
        router.post(Paths.channelInvite.routerPath, use: exchange.invite)
        router.post(Paths.channelRetention.routerPath, use: exchange.setRetention)
        router.post(Paths.channelWebhooks.routerPath, use: exchange.createWebhook)
        router.post(Paths.webhookRevocation.routerPath, use: exchange.revokeWebhook)
        router.get(Paths.message.routerPath, use: exchange.thread)
        router.get(Paths.editMessage.routerPath, use: exchange.editForm)
        router.post(Paths.editMessage.routerPath, use: exchange.edit)
        router.post(Paths.messageRemoval.routerPath, use: exchange.delete)
        router.post(Paths.messageReactions.routerPath, use: exchange.react)
        router.get(Paths.messageFile.routerPath, use: exchange.download)

        let management = ManagementPages(site: site)
        router.get(Paths.people.routerPath, use: management.people)
        router.post(Paths.approval.routerPath, use: management.approve)
        router.post(Paths.rejection.routerPath, use: management.reject)
        router.post(Paths.roleChange.routerPath, use: management.changeRole)
        router.post(Paths.deactivation.routerPath, use: management.deactivate)
        router.post(Paths.reactivation.routerPath, use: management.reactivate)
        router.post(Paths.signInLink.routerPath, use: management.issueSignInLink)
        router.get(Paths.invitations.routerPath, use: management.invitationForm)
        router.post(Paths.invitations.routerPath, use: management.invite)
        router.get(Paths.audit.routerPath, use: management.audit)

        let suggestions = SuggestionPages(site: site)
        router.get(Paths.suggestions.routerPath, use: suggestions.digest)
        router.post(Paths.suggestionPins.routerPath, use: suggestions.pin)
        router.post(Paths.suggestionPinRemoval.routerPath, use: suggestions.unpin)

        let tools = MatchingToolPages(site: site)
        router.get(Paths.funnel.routerPath, use: tools.funnel)
        router.get(Paths.bulkMatching.routerPath, use: tools.bulkForm)
        router.post(Paths.bulkMatching.routerPath, use: tools.bulkMatch)

        let migration = MigrationPages(site: site)
        router.get(Paths.slackImport.routerPath, use: migration.form)
        router.post(Paths.slackImport.routerPath, use: migration.start)
        router.get(Paths.slackImportJob.routerPath, use: migration.job)

        let dictionary = DictionaryPages(site: site)
        router.get(Paths.concepts.routerPath, use: dictionary.list)
        router.post(Paths.concepts.routerPath, use: dictionary.save)
        router.post(Paths.conceptRemoval.routerPath, use: dictionary.remove)

        router.post(Paths.incomingWebhook.routerPath, use: IncomingWebhooks(site: site).receive)

        let api = APIHandlers(site: site)
        let operations = api.operations
        for operation in operations {
            router.on(operation.path.routerPath, method: operation.method, use: operation.handler)
        }
        let document = OpenAPIDocument.json(for: operations, serverURL: site.configuration.publicBaseURL)
        router.get(Paths.openAPI.routerPath) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
        return router
    }

    static let assetCaching = CacheControl([(MediaType(type: .any), [.public, .maxAge(3600)])])
}
