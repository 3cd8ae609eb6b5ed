import Foundation

/// The exchange's sidebar without the page around it (`sidebar.js` swaps it in).
struct SidebarFragment: PageModel {
    var sidebar: ExchangeSidebar
}
