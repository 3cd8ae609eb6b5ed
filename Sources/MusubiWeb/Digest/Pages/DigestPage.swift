/// The weekly digest's web version: the member's last seven days, as the mail tells them.
struct DigestPage: PageModel {
    var period: String
    var sections: [DigestText.Section]
    /// When the mail comes, or that it does not (the member turned it off).
    var schedule: String
    var preferencesHref: String
}
