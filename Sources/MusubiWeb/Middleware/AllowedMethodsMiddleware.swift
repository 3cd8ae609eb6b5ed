import Hummingbird

/// Answers a method that no route of the API takes at an address where others are taken with
/// 405 and the `Allow` header that lists them (RFC 9110 §15.5.6), rather than "no such
/// page". Only the API's addresses are described this way: they are the ones a program reads
/// from the document and may call with the wrong method.
struct AllowedMethodsMiddleware: RouterMiddleware {
    typealias Context = MusubiRequestContext
    /// Each address and the methods it takes, in the order they were declared.
    private let routes: [(path: PathTemplate, methods: [HTTPRequest.Method])]

    init(_ routes: [(PathTemplate, HTTPRequest.Method)]) {
        var table: [(path: PathTemplate, methods: [HTTPRequest.Method])] = []
        for (path, method) in routes {
            if let index = table.firstIndex(where: { $0.path == path }) {
                table[index].methods.append(method)
            } else {
                table.append((path, [method]))
            }
        }
        self.routes = table
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == ErrorMiddleware.unrouted {
            let path = request.uri.path[...]
            guard let route = routes.first(where: { $0.path.matches(path) }), !route.methods.contains(request.method) else { throw error }
            throw HTTPError(.methodNotAllowed, headers: [.allow: route.methods.map(\.rawValue).joined(separator: ", ")])
        }
    }
}
