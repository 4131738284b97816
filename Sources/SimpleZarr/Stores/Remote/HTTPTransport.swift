// The HTTP client of the remote stores: plain http on our own HTTP/1.1 client with kept-alive
// connections (Linux; see HTTP1/), https through URLSession (FoundationNetworking on Linux)
// driven by a delegate. Every request holds a slot of the store's `IOExecutor` while it is on
// the wire and none while it backs off before a retry. A reply's body is collected up to a
// size limit, checked against its Content-Length (a short body is retried, never returned),
// and each attempt has its own timeout.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// MARK: - Requests and replies

/// One request of a remote store.
struct HTTPRequest: Sendable {
    var method: String
    var url: URL
    var headers: [String: String] = [:]
    var body: Data?
}

/// A complete reply: its status, headers (names in lower case) and whole body.
struct HTTPReply: Sendable {
    let status: Int
    let headers: [String: String]
    let body: Data

    /// The value of header `name` (any case).
    func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

// MARK: - Transport

/// Sends requests with retries (see `HTTPRetryPolicy`) and returns futures of their replies.
///
/// A reply with a status that is not retried (2xx, 3xx, 4xx other than 429, ...) is returned
/// for the caller to interpret; a retried status that stays after the last retry becomes a
/// `StoreError.remote`. `maximumBodySize` bounds what one reply may allocate.
final class HTTPTransport: Sendable {
    /// Changes a request before each attempt (a signer adds its headers; the date moves on).
    typealias Prepare = @Sendable (inout HTTPRequest) throws -> Void

    let retryPolicy: HTTPRetryPolicy
    let ioExecutor: IOExecutor
    private let session: URLSession
    private let delegate: SessionDelegate
    #if canImport(Glibc)
    /// The client of http:// requests, with its pool of kept-alive connections.
    private let client: HTTP1Client
    #endif

    init(retryPolicy: HTTPRetryPolicy, ioExecutor: IOExecutor) {
        self.retryPolicy = retryPolicy
        self.ioExecutor = ioExecutor
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = ioExecutor.maxInFlight
        // The attempt's timeout is our own timer (`SessionDelegate.timeOut`): FoundationNetworking
        // rounds sub-second session timeouts down to nothing. The session's is only a backstop.
        configuration.timeoutIntervalForRequest = Self.backstopTimeout(retryPolicy.timeout)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        delegate = SessionDelegate()
        #if canImport(Glibc)
        client = HTTP1Client(maximumIdle: ioExecutor.maxInFlight)
        #endif
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Whole seconds past `timeout`, so URLSession's own timeout never fires before ours.
    private static func backstopTimeout(_ timeout: Double) -> Double {
        min(timeout, 86_400).rounded(.up) + 5
    }

    /// Finds what is wrong with a reply that came whole (a range shorter than asked): the
    /// reason makes the attempt count as failed and be retried; `nil` accepts the reply.
    typealias Check = @Sendable (HTTPReply) -> String?

    /// Sends `request`, retrying as the policy says, and returns the future of the reply.
    func send(
        _ request: HTTPRequest, maximumBodySize: Int = .max, prepare: Prepare? = nil, check: Check? = nil
    ) -> Future<HTTPReply> {
        let reply = Future<HTTPReply>()
        attempt(request, retry: 0, maximumBodySize: maximumBodySize, prepare: prepare, check: check, into: reply)
        return reply
    }

    private func attempt(
        _ request: HTTPRequest, retry: Int, maximumBodySize: Int, prepare: Prepare?, check: Check?, into reply: Future<HTTPReply>
    ) {
        var prepared = request
        do {
            try prepare?(&prepared)
        } catch {
            reply.fail(error)
            return
        }
        let sent = prepared
        exchange(sent, maximumBodySize: maximumBodySize).onComplete { [self] result in
            let reason: String
            var status: Int?
            var retryAfter: Double?
            switch result {
            case .success(let answer) where HTTPRetryPolicy.isRetryable(status: answer.status):
                status = answer.status
                reason = "the server answered \(answer.status)"
                retryAfter = HTTPRetryPolicy.retryAfterSeconds(answer.header("Retry-After"))
            case .success(let answer):
                guard let problem = check?(answer) else {
                    reply.succeed(answer)
                    return
                }
                status = answer.status
                reason = problem
            case .failure(HTTPAttemptFailure.transient(let message)):
                reason = message
            case .failure(HTTPAttemptFailure.tooLarge(let size)):
                reply.fail(ZarrError.limitExceeded(
                    "\(sent.method) \(sent.url.absoluteString): the reply (\(size) bytes or more) is larger than \(maximumBodySize) bytes"))
                return
            case .failure(HTTPAttemptFailure.fatal(let message)):
                reply.fail(StoreError.remote(method: sent.method, url: sent.url.absoluteString, status: nil, reason: message))
                return
            case .failure(let error):
                reply.fail(error)
                return
            }
            guard retry < retryPolicy.maxRetries else {
                let tries = retry + 1
                reply.fail(StoreError.remote(
                    method: sent.method, url: sent.url.absoluteString, status: status,
                    reason: "\(reason) (\(tries) attempt\(tries == 1 ? "" : "s"))"))
                return
            }
            let delay = retryPolicy.delay(beforeRetry: retry, retryAfter: retryAfter)
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
                attempt(request, retry: retry + 1, maximumBodySize: maximumBodySize, prepare: prepare, check: check, into: reply)
            }
        }
    }

    /// Runs one attempt on the I/O executor: plain http on our own HTTP/1.1 client (on one of
    /// the executor's threads), anything else through URLSession (holding a slot, no thread).
    /// A failure is an `HTTPAttemptFailure`.
    private func exchange(_ request: HTTPRequest, maximumBodySize: Int) -> Future<HTTPReply> {
        #if canImport(Glibc)
        if HTTP1Client.handles(request.url) {
            let timeout = retryPolicy.timeout
            return ioExecutor.run { [client] in
                try client.perform(request, maximumBodySize: maximumBodySize, timeout: timeout)
            }
        }
        #endif
        return ioExecutor.start { [self] done in perform(request, maximumBodySize: maximumBodySize, done) }
    }

    /// Runs one attempt through URLSession; `done` gets the reply or an `HTTPAttemptFailure`.
    private func perform(
        _ request: HTTPRequest, maximumBodySize: Int, _ done: @escaping @Sendable (Result<HTTPReply, any Error>) -> Void
    ) {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = Self.backstopTimeout(retryPolicy.timeout)
        // The body must arrive as stored: a transparently decompressed body would not match its Content-Length.
        urlRequest.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let task = session.dataTask(with: urlRequest)
        let timeout = retryPolicy.timeout
        delegate.register(task, TaskState(isHead: request.method == "HEAD", maximumBodySize: maximumBodySize, timeout: timeout, done: done))
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [delegate] in delegate.timeOut(task) }
        task.resume()
    }
}

// MARK: - Session delegate

/// What one task has received so far.
private final class TaskState {
    let isHead: Bool
    let maximumBodySize: Int
    let timeout: Double
    let done: @Sendable (Result<HTTPReply, any Error>) -> Void
    var body = Data()
    var response: HTTPURLResponse?
    var failure: HTTPAttemptFailure?

    init(isHead: Bool, maximumBodySize: Int, timeout: Double, done: @escaping @Sendable (Result<HTTPReply, any Error>) -> Void) {
        self.isHead = isHead
        self.maximumBodySize = maximumBodySize
        self.timeout = timeout
        self.done = done
    }
}

/// Collects each task's reply and completes it.
// @unchecked Sendable: `states` and every `TaskState` in it are only touched with `lock` held.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var states: [Int: TaskState] = [:]

    func register(_ task: URLSessionTask, _ state: TaskState) {
        lock.lock()
        states[task.taskIdentifier] = state
        lock.unlock()
    }

    /// Abandons the task if it is still running when its time is up.
    func timeOut(_ task: URLSessionTask) {
        lock.lock()
        guard let state = states[task.taskIdentifier], state.failure == nil else {
            lock.unlock()
            return
        }
        state.failure = .transient("no complete reply within \(state.timeout) s")
        lock.unlock()
        task.cancel()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        lock.lock()
        var allow = true
        if let state = states[dataTask.taskIdentifier] {
            state.response = response as? HTTPURLResponse
            let expected = response.expectedContentLength
            if !state.isHead, expected > state.maximumBodySize {
                state.failure = .tooLarge(Int(clamping: expected))
                allow = false
            } else if !state.isHead, expected > 0 {
                // An announced length is a hint, not a promise: reserve at most 8 MiB up front
                // and let the buffer grow with the bytes that really arrive.
                state.body.reserveCapacity(min(Int(clamping: expected), state.maximumBodySize, HTTP1BodyBuffer.maximumReservation))
            }
        }
        lock.unlock()
        completionHandler(allow ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        var cancel = false
        if let state = states[dataTask.taskIdentifier], state.failure == nil {
            if state.body.count > state.maximumBodySize - min(data.count, state.maximumBodySize) {
                state.failure = .tooLarge(state.body.count + data.count)
                cancel = true
            } else {
                state.body.append(data)
            }
        }
        lock.unlock()
        if cancel { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        guard let state = states.removeValue(forKey: task.taskIdentifier) else {
            lock.unlock()
            return
        }
        let outcome = Self.outcome(of: state, error: error)
        lock.unlock()
        state.done(outcome)
    }

    private static func outcome(of state: TaskState, error: (any Error)?) -> Result<HTTPReply, any Error> {
        if let failure = state.failure { return .failure(failure) }
        if let error {
            return .failure(HTTPAttemptFailure.transient("the connection failed: \(error.localizedDescription)"))
        }
        guard let response = state.response else {
            return .failure(HTTPAttemptFailure.fatal("the server sent no HTTP reply"))
        }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        let expected = response.expectedContentLength
        if !state.isHead, expected >= 0, Int64(state.body.count) != expected {
            return .failure(HTTPAttemptFailure.transient("the body has \(state.body.count) of the \(expected) bytes its Content-Length announced"))
        }
        return .success(HTTPReply(status: response.statusCode, headers: headers, body: state.body))
    }
}
