import Foundation

/// Something a coordinator or admin did to people or organisations, kept for the admins to read.
public struct AuditEntry: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var at: Date
    public var actorID: Int64?
    public var action: AuditAction
    public var subjectType: String
    public var subjectID: Int64?
    public var detail: String

    public init(id: Int64, at: Date, actorID: Int64?, action: AuditAction, subjectType: String, subjectID: Int64?, detail: String) {
        self.id = id
        self.at = at
        self.actorID = actorID
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.detail = detail
    }
}

public enum AuditAction: String, CaseIterable, Codable, Sendable {
    case invitationCreated = "invitation.created"
    case invitationResent = "invitation.resent"
    case invitationRevoked = "invitation.revoked"
    case passwordResetRequested = "member.password_reset_requested"
    case invitationAccepted = "invitation.accepted"
    case signInLinkCreated = "member.sign_in_link_created"
    case applicationApproved = "application.approved"
    case applicationRejected = "application.rejected"
    case roleChanged = "member.role_changed"
    case memberDeactivated = "member.deactivated"
    case memberReactivated = "member.reactivated"
    case apiTokensRevoked = "member.api_tokens_revoked"
    case adminCreated = "member.admin_created"
    case organizationCreated = "organization.created"
    case organizationUpdated = "organization.updated"
    case groupCreated = "group.created"
    case groupUpdated = "group.updated"
    case groupMemberAdded = "group.member_added"
    case groupMemberRemoved = "group.member_removed"
    case membersImported = "members.imported"
    case listingPosted = "listing.posted"
    case listingEdited = "listing.edited"
    case listingStatusChanged = "listing.status_changed"
    case introductionRequested = "introduction.requested"
    case introductionReviewed = "introduction.reviewed"
    case introductionAnswered = "introduction.answered"
    case introductionOutcomeRecorded = "introduction.outcome_recorded"
    case conceptSaved = "concept.saved"
    case conceptRemoved = "concept.removed"
    case suggestionPinned = "suggestion.pinned"
    case suggestionUnpinned = "suggestion.unpinned"
    case attachmentAdded = "attachment.added"
    case attachmentRemoved = "attachment.removed"
    case channelRetentionSet = "channel.retention_set"
    case channelAnnouncementSet = "channel.announcement_set"
    case channelMessagesExpired = "channel.messages_expired"
    case webhookCreated = "channel.webhook_created"
    case webhookRevoked = "channel.webhook_revoked"
    case slackImported = "exchange.slack_imported"
    case communityExported = "community.exported"
    case mailRetried = "mail.retried"
    case eventCreated = "event.created"
    case eventChanged = "event.changed"
    case eventCalledOff = "event.called_off"
    case minutesSaved = "event.minutes_saved"
    case bulletinPublished = "bulletin.published"
    case bulletinEdited = "bulletin.edited"
    case bulletinRemoved = "bulletin.removed"
    case bulletinFileAdded = "bulletin.file_added"
    case bulletinFileRemoved = "bulletin.file_removed"
    case dashboardTargetSet = "dashboard.target_set"
    case dashboardVisibilitySet = "dashboard.visibility_set"
}

/// What an admin asks of the audit log.
public struct AuditQuery: Sendable, Equatable {
    public var actorID: Int64?
    public var action: AuditAction?
    public var since: Date?
    public var until: Date?
    public var page: PageRequest

    public init(actorID: Int64? = nil, action: AuditAction? = nil, since: Date? = nil, until: Date? = nil, page: PageRequest = .init()) {
        self.actorID = actorID
        self.action = action
        self.since = since
        self.until = until
        self.page = page
    }
}
