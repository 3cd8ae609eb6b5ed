import Hummingbird
import Testing
@testable import MusubiWeb

@Suite struct PathTemplateTests {
    @Test func fillsInParametersAndSpellsTheRouterPath() {
        let path = PathTemplate("/groups/{id}/members/{memberID}")
        #expect(path.parameterNames == ["id", "memberID"])
        #expect(path.routerPath.description == RouterPath("/groups/:id/members/:memberID").description)
        #expect(path.href(7, Int64(42)) == "/groups/7/members/42")
        #expect(PathTemplate("/lang/{code}").href("日本/語 x") == "/lang/%E6%97%A5%E6%9C%AC%2F%E8%AA%9E%20x")
        #expect(PathTemplate("/members").href() == "/members")
        #expect(PathTemplate("/members/{id}/edit").href() == "/members/{id}/edit")
    }
}
