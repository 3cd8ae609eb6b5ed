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

@Suite struct ClientAddressTests {
    @Test func forwardedAddressesAreBelievedOnlyFromTrustedProxies() {
        let proxies: Set<String> = ["10.0.0.1", "10.0.0.2"]
        #expect(ClientAddress.resolve(peer: "198.51.100.1", forwardedFor: "203.0.113.7", trustedProxies: proxies) == "198.51.100.1")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: nil, trustedProxies: proxies) == "10.0.0.1")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: "203.0.113.7", trustedProxies: proxies) == "203.0.113.7")
        // The client can write anything on the left; the nearest untrusted hop counts.
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: "1.2.3.4, 203.0.113.7, 10.0.0.2", trustedProxies: proxies) == "203.0.113.7")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: " , ", trustedProxies: proxies) == "10.0.0.1")
    }
}
