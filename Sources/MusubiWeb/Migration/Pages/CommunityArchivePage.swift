/// What the archive holds and leaves out, and the button that downloads it.
struct CommunityArchivePage: PageModel {}
