/// The organisation an applicant typed because it is not in the directory yet: the approval
/// queue shows it to the coordinator who decides.
enum AddAppliedOrganization {
    static func statements(_ d: SchemaDialect) -> [String] {
        ["ALTER TABLE members ADD COLUMN applied_organization TEXT NOT NULL DEFAULT ''"]
    }
}
