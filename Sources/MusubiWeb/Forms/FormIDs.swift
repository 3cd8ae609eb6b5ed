import MusubiCore

/// Ids chosen in a form (checkboxes, selects). Anything that is not a number is bad input to
/// report, not something to skip silently.
enum FormIDs {
    static func parse(_ values: [String], field: String, into problems: inout [MusubiError.Problem]) -> [Int64] {
        var ids: [Int64] = []
        for value in values where !value.isEmpty {
            if let id = Int64(value) {
                ids.append(id)
            } else if !problems.contains(where: { $0.field == field }) {
                problems.append(.init(field: field, key: "error.field_unknown"))
            }
        }
        return ids
    }
}
