import Foundation

/// A page of the site: the model a template shows, inside the layout. The template is named
/// by the type: `ListingFormPage` renders `listing-form.mustache` (the type's name without
/// `Page`, in kebab case); a type may name another.
///
/// Handlers parse the request, call a use case, build the page and `render` it. Mustache
/// reads a page's stored properties, so everything it shows is computed when it is built,
/// in the reader's language.
protocol PageModel: Sendable {
    static var template: String { get }
}

extension PageModel {
    static var template: String { templateName(for: String(describing: Self.self)) }
}

/// `SignInLinkPage` → `sign-in-link`.
func templateName(for typeName: String) -> String {
    let name = typeName.hasSuffix("Page") ? String(typeName.dropLast(4)) : typeName
    var result = ""
    for (index, character) in name.enumerated() {
        if character.isUppercase && index > 0 { result.append("-") }
        result.append(contentsOf: character.lowercased())
    }
    return result
}

/// What went wrong, as a page.
struct ErrorPage: PageModel {
    var status: String
    var message: String
}
