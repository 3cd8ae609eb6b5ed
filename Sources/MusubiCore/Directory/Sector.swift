/// The five kinds of organisation in a regional 産学官金 network.
public enum Sector: String, CaseIterable, Codable, Sendable {
    case industry, academia, government, finance, support
}
