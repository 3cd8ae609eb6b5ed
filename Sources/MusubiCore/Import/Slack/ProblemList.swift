/// Problems gathered while checking, up to a limit.
struct ProblemList: Sendable {
    private(set) var list: [SlackImport.Problem] = []
    private(set) var more = 0

    var isEmpty: Bool { list.isEmpty }

    mutating func add(_ path: String, _ key: String, _ detail: String = "") {
        if list.count < SlackExport.problemLimit { list.append(SlackImport.Problem(path: path, key: key, detail: detail)) } else { more += 1 }
    }

    /// Counts problems found beyond another list's limit.
    mutating func add(uncounted count: Int) {
        more += count
    }

    mutating func add(contentsOf other: ProblemList) {
        for problem in other.list { add(problem.path, problem.key, problem.detail) }
        more += other.more
    }

    var report: SlackImport.Report { SlackImport.Report(problems: list, moreProblems: more, summary: nil) }
}
