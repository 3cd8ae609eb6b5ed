import HTTPTypes

/// Who is at the other end, for limiting sign-in attempts per address. Behind a reverse
/// proxy every request comes from the proxy, so when the peer is one of the trusted proxies
/// the address is taken from `X-Forwarded-For`: the nearest entry that is not itself a
/// trusted proxy. Entries further left were written by the client and cannot be believed.
enum ClientAddress {
    static let forwardedForHeader = HTTPField.Name("X-Forwarded-For")!

    static func resolve(peer: String, forwardedFor: String?, trustedProxies: Set<String>) -> String {
        guard trustedProxies.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.reversed().first { !trustedProxies.contains($0) } ?? hops.first ?? peer
    }
}
