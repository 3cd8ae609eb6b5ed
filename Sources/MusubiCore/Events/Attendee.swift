import Foundation

/// A registration with the person behind it, as the door and the attendance see them.
public struct Attendee: Sendable, Equatable, Identifiable {
    public var registration: Registration
    public var name: String
    public var nameKana: String
    public var email: String
    public var organizationName: String
    /// Their organisation's sector; nil without one, and for visitors.
    public var sector: Sector?

    public var id: Int64 { registration.id }

    public init(registration: Registration, name: String, nameKana: String, email: String, organizationName: String, sector: Sector?) {
        (self.registration, self.name, self.nameKana, self.email, self.organizationName, self.sector) =
            (registration, name, nameKana, email, organizationName, sector)
    }

    /// Whether the name, its reading or the organisation has the words typed at the door
    /// (widths, kana and case folded: かねだ finds カネダ and 金田 finds 金田 浩之).
    func answers(_ query: String) -> Bool {
        let words = JapaneseText.terms(of: query)
        let haystack = JapaneseText.normalize([name, nameKana, organizationName].joined(separator: " ")).replacingOccurrences(of: " ", with: "")
        return !words.isEmpty && words.allSatisfy { haystack.contains($0.replacingOccurrences(of: " ", with: "")) }
    }
}

/// Where an attendee counts: their organisation's sector (産学官金 and support), visitors
/// without an account, or members without an organisation.
public enum AttendanceGroup: Sendable, Equatable, Hashable {
    case sector(Sector)
    case visitors
    case unaffiliated

    /// The sectors in the directory's order, then visitors, then the rest.
    static let all: [AttendanceGroup] = Sector.allCases.map(AttendanceGroup.sector) + [.visitors, .unaffiliated]
}

/// Who came, by group: those with a place and those checked in.
public struct SectorAttendance: Sendable, Equatable {
    public var group: AttendanceGroup
    public var registered: Int
    public var checkedIn: Int

    public init(group: AttendanceGroup, registered: Int, checkedIn: Int) {
        (self.group, self.registered, self.checkedIn) = (group, registered, checkedIn)
    }

    /// One row per group that has anyone.
    static func tally(_ attendees: [Attendee]) -> [SectorAttendance] {
        let placed = attendees.filter { $0.registration.status == .registered }
        return AttendanceGroup.all.compactMap { group in
            let here = placed.filter { $0.group == group }
            guard !here.isEmpty else { return nil }
            return SectorAttendance(group: group, registered: here.count, checkedIn: here.count(where: { $0.registration.checkedInAt != nil }))
        }
    }
}

extension Attendee {
    public var group: AttendanceGroup {
        if case .visitor = registration.registrant { return .visitors }
        return sector.map(AttendanceGroup.sector) ?? .unaffiliated
    }
}
