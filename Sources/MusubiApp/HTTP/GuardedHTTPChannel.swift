import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// Musubi's connections: HTTP/1.1 that may become the live socket (Hummingbird's channel),
/// kept from hanging on clients that send slowly or wrongly:
/// - a request head not complete within `timeout` of connecting is answered 408 and the
///   connection closed (`FirstHeadDeadline`); later heads, and bodies that stop coming, are
///   held to the same time by Hummingbird's idle timeout;
/// - a request the HTTP parser refuses is answered 400, 431 (head too large) or 501 (unknown
///   method), and an answer that says `Connection: close` (a body refused from its declared
///   length, unread) is followed by closing (`ConnectionRefusals`).
/// Live sockets, once upgraded, are kept by their own pings and are not affected.
struct GuardedHTTPChannel: ServerChildChannel {
    typealias Value = HTTP1WebSocketUpgradeChannel.Value
    let inner: HTTP1WebSocketUpgradeChannel
    let timeout: Duration

    init<WebSocketResponder: HTTPResponder>(
        responder: @escaping HTTPChannelHandler.Responder, webSocketResponder: WebSocketResponder, timeout: Duration
    ) where WebSocketResponder.Context: WebSocketRequestContext {
        self.timeout = timeout
        self.inner = HTTP1WebSocketUpgradeChannel(
            responder: responder, webSocketResponder: webSocketResponder,
            configuration: .init(http1: .init(idleTimeout: TimeAmount(timeout))))
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(FirstHeadDeadline(timeout: TimeAmount(timeout)), position: .first)
            // Right after the parser, whose errors travel towards the end of the pipeline; its
            // answer travels back through the encoder, which comes before the parser.
            let parser = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(ConnectionRefusals(), position: .after(parser))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with the upgrade to WebSocket, guarded as `GuardedHTTPChannel` says.
    static func guardedHTTP1WebSocketUpgrade<WebSocketRouter: HTTPResponderBuilder>(
        webSocketRouter: WebSocketRouter, timeout: Duration
    ) -> HTTPServerBuilder where WebSocketRouter.Responder.Context: WebSocketRequestContext {
        let webSocketResponder = webSocketRouter.buildResponder()
        return HTTPServerBuilder { responder in GuardedHTTPChannel(responder: responder, webSocketResponder: webSocketResponder, timeout: timeout) }
    }
}

/// Closes a connection whose first request head has not arrived whole within the timeout,
/// after answering 408. It reads the raw bytes in front of the HTTP parser and leaves once
/// it has seen the blank line that ends a head.
final class FirstHeadDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?
    /// The last bytes seen, to find a blank line split across reads.
    private var tail: [UInt8] = []

    init(timeout: TimeAmount) { self.timeout = timeout }

    func handlerAdded(context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            let context = loopBound.value
            let answer = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
            context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: answer))).whenComplete { _ in loopBound.value.close(promise: nil) }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = tail + unwrapInboundIn(data).readableBytesView
        // A head ends with an empty line: CR LF CR LF, or LF LF from a lenient client.
        let headEnded = bytes.indices.contains { index in
            bytes[index] == 10 && index >= 1 && (bytes[index - 1] == 10 || (index >= 3 && bytes[(index - 3)..<index].elementsEqual([13, 10, 13])))
        }
        tail = Array(bytes.suffix(3))
        context.fireChannelRead(data)
        if headEnded { context.pipeline.syncOperations.removeHandler(context: context, promise: nil) }
    }
}

/// Answers a request the HTTP parser refuses, once, and closes the connection: Hummingbird
/// would otherwise leave it open without an answer. It sits just after the parser, and its
/// answer is encoded like any other; a response still being written to an earlier request
/// on the connection is finished first. It also closes the connection after an answer that
/// says `Connection: close`, which Hummingbird would keep open to read the rest of the
/// request. It leaves at a request to upgrade (the live socket), after which what passes is
/// no longer HTTP.
final class ConnectionRefusals: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Requests read whose response has not ended.
    private var inProgress = 0
    /// The answer to give once they have.
    private var refusal: HTTPResponseStatus?
    /// Whether the response being written says the connection ends with it.
    private var closesAfterResponse = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            inProgress += 1
            if head.headers.contains(name: "upgrade") {
                context.fireChannelRead(data)
                context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
                return
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            closesAfterResponse = head.headers[canonicalForm: "connection"].contains { $0.lowercased() == "close" }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            inProgress -= 1
            guard !closesAfterResponse else {
                let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
                context.writeAndFlush(data).whenComplete { result in
                    promise?.completeWith(result)
                    loopBound.value.close(promise: nil)
                }
                return
            }
            context.write(data, promise: promise)
            if inProgress == 0, let refusal { answer(refusal, context) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? HTTPParserError else { return context.fireErrorCaught(error) }
        guard refusal == nil else { return }
        let status: HTTPResponseStatus =
            switch error {
            case .headerOverflow: .requestHeaderFieldsTooLarge
            case .invalidMethod: .notImplemented
            default: .badRequest
            }
        refusal = status
        if inProgress == 0 { answer(status, context) }
    }

    private func answer(_ status: HTTPResponseStatus, _ context: ChannelHandlerContext) {
        let headers = HTTPHeaders([("Connection", "close"), ("Content-Length", "0")])
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in loopBound.value.close(promise: nil) }
    }
}
