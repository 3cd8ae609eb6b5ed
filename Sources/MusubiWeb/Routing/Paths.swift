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
    public static let audit = PathTemplate("/manage/audit")

    public static let openAPI = PathTemplate("/api/openapi.json")
}
