import HummingbirdBcrypt
import MusubiCore
import NIOPosix

/// bcrypt on the thread pool, so hashing never blocks an event loop.
public struct BcryptPasswords: PasswordHasher {
    let cost: UInt8

    /// Cost 12 in production; tests pass a low cost to stay fast.
    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
