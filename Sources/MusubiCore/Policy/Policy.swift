/// The one authorisation policy. Handlers ask it; they never decide on their own.
///
/// - Visitors see the public face: the home page and the organisations taking part.
/// - Guests (partners from outside) see the public face and their own account.
/// - Members see the directory: people, organisations, groups.
/// - Coordinators manage people below admin, organisations and groups.
/// - Admins do everything, including reading the audit log and naming admins.
/// - Listings: visitors and guests see public ones; members see every summary and post
///   their own; details go to the owner, coordinators, and whom the disclosure level admits.
/// - Introductions: members ask; coordinators review every request; the other side sees it
///   only once approved and answers it; contacts and the thread are for the two and the
///   coordinators once both said yes.
/// - Coordinators extend the matching engine's concept dictionary, see the matching funnel,
///   match uploaded needs in bulk, and see and pin the whole community's mix suggestions;
///   members see their own.
/// - The exchange: members browse public channels, read them, and join them; a private
///   channel or a direct conversation is only for those seated in it (guests are seated
///   only where they were invited). Posting needs a seat. A group's channel follows the
///   group, so nobody joins or leaves it by hand. Authors edit their messages; authors and
///   coordinators remove them (not in direct conversations); admins set retention.
/// - Admins bring a Slack workspace's history in, and see the mail the installation sends.
/// - Bulletins: coordinators publish them; each reader sees those whose audience admits them
///   (public ones also visitors); members save funding calls.
/// - Each person reads their own notifications and chooses how they arrive; nobody else does.
/// - Events: coordinators create, change and keep the door of them; people see and register
///   for those their visibility admits. A meeting's minutes are read by whom their visibility
///   names: those who took part (and coordinators), coordinators, members, or everyone.
public enum Policy {
    public static func can(_ actor: Requester, _ action: Action, _ resource: Resource) -> Bool {
        switch resource {
        case .home, .organizations, .organization:
            return canSeeOrganizations(actor, action, resource)
        case .members, .member, .groups, .group:
            return canSeePeople(actor, action, resource)
        case .applications:
            return action == .list || action == .approve ? isAtLeast(actor, .coordinator) : false
        case .auditLog:
            return action == .read && isAtLeast(actor, .admin)
        case .account(let ownerID):
            return [.view, .edit].contains(action) && actor.memberID == ownerID
        case .listings:
            return action == .list || (action == .create && isAtLeast(actor, .member))
        case .listing(let audience):
            return canUseListing(actor, action, audience)
        case .introductions:
            switch action {
            case .create: return isAtLeast(actor, .member)
            case .list: return actor.memberID != nil
            case .approve: return isAtLeast(actor, .coordinator)
            default: return false
            }
        case .introduction(let audience):
            return canUseIntroduction(actor, action, audience)
        case .conceptDictionary, .matchingTools:
            return [.view, .edit].contains(action) && isAtLeast(actor, .coordinator)
        case .suggestions:
            return action == .list ? isAtLeast(actor, .member) : [.view, .edit].contains(action) && isAtLeast(actor, .coordinator)
        case .channels:
            return [.list, .create].contains(action) && isAtLeast(actor, .member)
        case .channel(let access):
            return canUseChannel(actor, action, access)
        case .message(let authorID, let access):
            return canUseMessage(actor, action, authorID: authorID, access)
        case .migration:
            return action == .create && isAtLeast(actor, .admin)
        case .communityArchive:
            return action == .read && isAtLeast(actor, .admin)
        case .events:
            return action == .list || [.create, .edit].contains(action) && isAtLeast(actor, .coordinator)
        case .event(let access):
            return canUseEvent(actor, action, access)
        case .minutes(let access):
            guard action == .view else { return false }
            let tookPart = access.participant && actor.memberID != nil
            switch access.visibility {
            case .public: return true
            case .members: return isAtLeast(actor, .member) || tookPart
            case .participants: return tookPart || isAtLeast(actor, .coordinator)
            case .coordinators: return isAtLeast(actor, .coordinator)
            }
        case .bulletins:
            switch action {
            case .list, .view: return true
            case .create, .edit: return isAtLeast(actor, .coordinator)
            case .respond: return isAtLeast(actor, .member)
            default: return false
            }
        case .notifications(let ownerID):
            return [.view, .edit].contains(action) && actor.memberID == ownerID
        case .mailOutbox:
            return [.read, .edit].contains(action) && isAtLeast(actor, .admin)
        case .dashboard:
            return action == .view ? isAtLeast(actor, .coordinator) : action == .edit && isAtLeast(actor, .admin)
        }
    }

    /// Coordinators see every event; a public one is anyone's, a members' one every member's
    /// (not a guest's, unless invited), an invited-only one only the invited's. Who may see
    /// an event may register for it, signed in.
    private static func canUseEvent(_ actor: Requester, _ action: Action, _ access: EventAccess) -> Bool {
        let sees =
            isAtLeast(actor, .coordinator) || access.invited
            || {
                switch access.visibility {
                case .public: true
                case .members: isAtLeast(actor, .member)
                case .invited: false
                }
            }()
        switch action {
        case .view: return sees
        case .join: return sees && actor.memberID != nil
        case .edit: return isAtLeast(actor, .coordinator)
        default: return false
        }
    }

    private static func canUseChannel(_ actor: Requester, _ action: Action, _ access: ChannelAccess) -> Bool {
        guard actor.memberID != nil else { return false }
        let readsAll = access.kind == .public && isAtLeast(actor, .member)
        switch action {
        case .view:
            return access.seated || readsAll
        case .post:
            return access.seated
        case .join:
            return readsAll && !access.seated && !access.followsGroup
        case .leave:
            return access.seated && !access.followsGroup && access.kind != .direct
        case .edit:
            return access.kind != .direct && isAtLeast(actor, .member) && (access.seated || readsAll && isAtLeast(actor, .coordinator))
        case .invite(let role):
            guard access.kind != .direct, !access.followsGroup, access.seated || readsAll && isAtLeast(actor, .coordinator) else { return false }
            return role == .guest ? isAtLeast(actor, .coordinator) : isAtLeast(actor, .member)
        case .configure:
            return access.kind != .direct && isAtLeast(actor, .admin)
        default:
            return false
        }
    }

    private static func canUseMessage(_ actor: Requester, _ action: Action, authorID: Int64?, _ access: ChannelAccess) -> Bool {
        let isAuthor = authorID != nil && actor.memberID == authorID
        switch action {
        case .view:
            return canUseChannel(actor, .view, access)
        case .edit:
            return isAuthor && access.seated
        case .delete:
            return isAuthor && access.seated || access.kind != .direct && isAtLeast(actor, .coordinator) && canUseChannel(actor, .view, access)
        case .post:
            return canUseChannel(actor, .post, access)
        default:
            return false
        }
    }

    private static func canUseIntroduction(_ actor: Requester, _ action: Action, _ audience: IntroductionAudience) -> Bool {
        let isRequester = actor.memberID == audience.requesterID
        let isRecipient = actor.memberID == audience.recipientID
        let isCoordinator = isAtLeast(actor, .coordinator)
        let reachedRecipient = ![.requested, .declined].contains(audience.status)
        switch action {
        case .view:
            return isRequester || isCoordinator || (isRecipient && reachedRecipient)
        case .approve:
            return isCoordinator && !isRequester && !isRecipient
        case .respond:
            return isRecipient
        case .readContact, .edit:
            return audience.status == .accepted && (isRequester || isRecipient || isCoordinator)
        default:
            return false
        }
    }

    private static func canUseListing(_ actor: Requester, _ action: Action, _ audience: ListingAudience) -> Bool {
        let isOwner = actor.memberID == audience.ownerID
        switch action {
        case .view:
            return isOwner || audience.disclosure == .public || isAtLeast(actor, .member)
        case .readDetails(let organization):
            if isOwner || isAtLeast(actor, .coordinator) { return true }
            switch audience.disclosure {
            case .public: return true
            case .members: return isAtLeast(actor, .member)
            case .coordinators: return false
            case .organizations: return isAtLeast(actor, .member) && organization.map(audience.organizationIDs.contains) == true
            }
        case .edit:
            return isOwner || isAtLeast(actor, .coordinator)
        default:
            return false
        }
    }

    private static func canSeeOrganizations(_ actor: Requester, _ action: Action, _ resource: Resource) -> Bool {
        switch action {
        case .view, .list: return resource != .home || action == .view
        case .create, .edit: return resource != .home && isAtLeast(actor, .coordinator)
        default: return false
        }
    }

    private static func canSeePeople(_ actor: Requester, _ action: Action, _ resource: Resource) -> Bool {
        switch action {
        case .view, .list:
            if case .member(let id, _) = resource, actor.memberID == id { return true }
            return isAtLeast(actor, .member)
        case .create, .edit:
            if case .member = resource { return false }
            return resource != .members && isAtLeast(actor, .coordinator)
        case .assignRole(let newRole):
            guard case .member(let id, let currentRole) = resource, actor.memberID != id else { return false }
            return mayManage(actor, currentRole) && mayGrant(actor, newRole)
        case .deactivate, .reactivate, .issueSignInLink:
            guard case .member(let id, let currentRole) = resource, actor.memberID != id else { return false }
            return mayManage(actor, currentRole)
        case .invite(let role):
            return resource == .members && mayGrant(actor, role)
        default:
            return false
        }
    }

    /// Coordinators manage guests and members; only admins manage coordinators and admins.
    private static func mayManage(_ actor: Requester, _ target: Role) -> Bool {
        guard let role = actor.role, role >= .coordinator else { return false }
        return role == .admin || target < .coordinator
    }

    /// Coordinators may hand out guest and member roles; admins any role.
    private static func mayGrant(_ actor: Requester, _ role: Role) -> Bool {
        guard let actorRole = actor.role, actorRole >= .coordinator else { return false }
        return actorRole == .admin || role < .coordinator
    }

    private static func isAtLeast(_ actor: Requester, _ role: Role) -> Bool {
        guard let actorRole = actor.role else { return false }
        return actorRole >= role
    }
}
