package dev.givinghooks.servlet;

import dev.givinghooks.Reason;
import dev.givinghooks.ReceiverSettings;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookEvent;
import dev.givinghooks.WebhookListener;
import dev.givinghooks.WebhookReceiver;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.spi.IdempotencyStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A servlet filter that verifies a webhook delivery before the application sees it, and lets
 * each event through once.
 *
 * <p>In code:
 * <pre>{@code
 * WebhookFilter filter = WebhookFilter.of(SirGiving.verifier(secret));
 * context.addFilter("sir-giving", filter).addMappingForUrlPatterns(null, false, "/webhooks/sir-giving");
 * }</pre>
 * and downstream, in the servlet mapped to that path:
 * <pre>{@code
 * Verified<?> verified = WebhookFilter.verified(request).orElseThrow();
 * if (verified.event() instanceof SirGivingEvent event) { ... }
 * }</pre>
 *
 * <p>For each request (of dispatcher type {@code REQUEST}; other dispatches pass through) the
 * filter
 * <ol>
 * <li>captures the raw body, bounded: a {@code Content-Length} over the limit is refused with 413
 *     before the body is read, and reading stops at the limit + 1 byte, also with 413 (after
 *     answering, up to 2 MiB more are read and discarded so that the client can read the answer;
 *     beyond that the container closes the connection);</li>
 * <li>verifies it with the {@link WebhookVerifier}; a refusal (a body that could not be read
 *     whole included: 400) becomes an RFC 9457
 *     {@code application/problem+json} response with {@code type}, {@code title},
 *     {@code status}, {@code detail}, {@code reason} and {@code provider} members, whose status
 *     is {@link Reason#httpStatus()} unless {@linkplain Builder#statusMapping overridden};</li>
 * <li>claims the verified {@link Verified#idempotencyKey() idempotency key} in the
 *     {@link IdempotencyStore}: a delivery already processed is answered 200 without calling the
 *     application, one being processed right now 409 ({@link Reason#DUPLICATE_IN_PROGRESS}); a
 *     store that cannot answer 503 with {@code Retry-After} ({@link Reason#STORE_UNAVAILABLE}),
 *     and nothing is processed;</li>
 * <li>calls the rest of the chain with a request whose body can still be read (more than once)
 *     and which carries the {@link Verified} result as {@value #VERIFIED_ATTRIBUTE} and the event
 *     as {@value #EVENT_ATTRIBUTE} (see {@link #verified} and {@link #event});</li>
 * <li>completes the claim when the application answered 2xx, and releases it when it answered
 *     anything else or threw, so the provider's retry is processed. This happens before the
 *     response is committed, so that a provider that has read the answer and sends again finds
 *     the event settled. Exceptions are rethrown, never swallowed. When the application started
 *     asynchronous processing, the claim is settled when that processing ends (complete, or the
 *     end of an error or timeout), not when the first thread returns; an asynchronous dispatch
 *     sees the captured body too. An exception thrown after {@code startAsync} leaves the claim
 *     to expire after its lease, since the asynchronous work may still be running (see
 *     {@link WebhookReceiver.Accepted#abandon()}). Map the filter for {@code ERROR} dispatches
 *     too, and an exception thrown by asynchronous processing is settled before the container
 *     sends its error page, not after.</li>
 * </ol>
 *
 * <p><strong>Configured from {@code web.xml}.</strong> A filter created by the container through
 * the public no-argument constructor reads these init parameters; a value written
 * {@code ${env:NAME}} is read from the environment variable {@code NAME}, which keeps secrets out
 * of the descriptor. Unknown names, and names that do not apply to the provider, fail
 * {@link #init}.
 * <table>
 * <caption>Init parameters</caption>
 * <tr><th>name</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code provider}</td><td>{@code sir-giving}, {@code giving-block} or {@code chuffed}</td>
 *     <td>required</td></tr>
 * <tr><td>{@code secrets}</td><td>SIR Giving and Chuffed: comma-separated secrets, tried in
 *     order (rotation)</td><td>required for those</td></tr>
 * <tr><td>{@code key}, {@code iv}</td><td>The Giving Block: the hex encryption key and IV;
 *     comma-separated lists of equal length for rotation, paired by position</td>
 *     <td>required for it</td></tr>
 * <tr><td>{@code key-mode}</td><td>SIR Giving: {@code whole}, {@code hex-suffix} or
 *     {@code utf8-suffix}</td><td>{@code whole}</td></tr>
 * <tr><td>{@code tolerance}</td><td>ISO-8601 duration: the SIR Giving window (both ways), The
 *     Giving Block maximum age, the Chuffed maximum age of {@code created_at}</td>
 *     <td>{@code PT5M}, {@code PT1H}, none</td></tr>
 * <tr><td>{@code max-body-bytes}</td><td>the body limit (of the verifier, which the filter follows)</td>
 *     <td>{@code 1048576}</td></tr>
 * <tr><td>{@code deduplication}</td><td>{@code true} or {@code false}</td><td>{@code true}</td></tr>
 * <tr><td>{@code lease}</td><td>ISO-8601 duration a claim holds while the application works</td>
 *     <td>{@code PT5M}</td></tr>
 * <tr><td>{@code retention}</td><td>ISO-8601 duration a processed key is remembered</td>
 *     <td>{@code PT72H}</td></tr>
 * </table>
 * Such a filter deduplicates in its own {@link IdempotencyStore#inMemory()} store. A filter built
 * in code ignores init parameters.
 *
 * <p>Thread safety: one instance serves concurrent requests; it is immutable once initialised.
 */
public final class WebhookFilter implements Filter {
    /*
     * Rationale. The filter holds no rules of its own: core's WebhookReceiver decides what is
     * authentic, what is a duplicate, which status a refusal has and when a claim is settled
     * (DESIGN §2.5); the filter captures bytes, calls it, writes the answer and wires the servlet
     * response and asynchronous cycle to the settlement. Asynchronous requests are watched from
     * the moment startAsync is called (the wrapper registers the listener), because after the
     * first thread returns the container may already have completed the request.
     */

    /** The request attribute holding the {@link Verified} result. */
    public static final String VERIFIED_ATTRIBUTE = "dev.givinghooks.servlet.verified";
    /** The request attribute holding the verified {@link WebhookEvent}. */
    public static final String EVENT_ATTRIBUTE = "dev.givinghooks.servlet.event";
    /** The default body limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** The default lease of a claim: 5 minutes. */
    public static final Duration DEFAULT_LEASE = WebhookReceiver.DEFAULT_LEASE;
    /** The default retention of a processed key: 72 hours (Chuffed retries for about 2 days). */
    public static final Duration DEFAULT_RETENTION = WebhookReceiver.DEFAULT_RETENTION;

    /** How much of an oversized body is read and discarded after the 413, as Tomcat's default maxSwallowSize. */
    private static final int SWALLOW_BYTES = 2 * 1024 * 1024;
    private static final byte[] NO_BODY = new byte[0];
    /** Where an accepted delivery's settlement waits for an error dispatch; not for applications. */
    private static final String SETTLEMENT_ATTRIBUTE = "dev.givinghooks.servlet.settlement";

    private volatile WebhookReceiver receiver;

    /**
     * Creates a filter to be configured by the container from init parameters in {@link #init};
     * for {@code web.xml}. In code, use {@link #of} or {@link #builder}.
     */
    public WebhookFilter() {
    }

    private WebhookFilter(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    /**
     * Returns a filter with every default: the verifier's body limit (1 MiB unless set on its
     * builder), deduplication in a new in-memory store, 5-minute lease, 72-hour retention,
     * failing closed when the store cannot answer, statuses from {@link Reason#httpStatus()}.
     *
     * @param verifier the provider's verifier
     * @return the filter
     */
    public static WebhookFilter of(WebhookVerifier<?> verifier) {
        return builder(verifier).build();
    }

    /**
     * Returns a builder for a filter with other settings.
     *
     * @param verifier the provider's verifier
     * @return a new builder
     */
    public static Builder builder(WebhookVerifier<?> verifier) {
        return new Builder(verifier);
    }

    /**
     * Returns the verification result the filter attached to a request.
     *
     * @param request a request that passed through a {@code WebhookFilter}
     * @return the result, or empty when the request was not verified by this filter
     */
    public static Optional<Verified<?>> verified(ServletRequest request) {
        return request.getAttribute(VERIFIED_ATTRIBUTE) instanceof Verified<?> verified ? Optional.of(verified) : Optional.empty();
    }

    /**
     * Returns the verified event of a request if it has the given type.
     *
     * @param <E> the event type
     * @param request a request that passed through a {@code WebhookFilter}
     * @param type the expected event type, such as {@code SirGivingEvent.class}
     * @return the event, or empty when there is none of that type
     */
    public static <E extends WebhookEvent> Optional<E> event(ServletRequest request, Class<E> type) {
        return verified(request).map(Verified::event).filter(type::isInstance).map(type::cast);
    }

    /**
     * Initialises the filter; one created by the no-argument constructor reads its settings from
     * the init parameters described above.
     *
     * @param config the container's filter configuration
     * @throws ServletException naming the faulty parameter (never a secret's value)
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (receiver == null) {
            receiver = InitParameters.builder(config).build().receiver;
        }
    }

    /**
     * Verifies the delivery, then calls the rest of the chain once per event; see the class
     * description.
     *
     * @throws ServletException if the request is not HTTP, or as thrown downstream
     * @throws IOException if writing a response fails, or as thrown downstream
     * @throws IllegalStateException if the filter was not initialised, or a key supplier of the
     *         verifier failed (a configuration fault, not a refusal)
     */
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        WebhookReceiver r = receiver;
        if (r == null) {
            throw new IllegalStateException("WebhookFilter used before init");
        }
        if (req.getDispatcherType() != DispatcherType.REQUEST) {
            if (req.getDispatcherType() == DispatcherType.ERROR && req.getAttribute(SETTLEMENT_ATTRIBUTE) instanceof SettlingResponse failed) {
                // The container is about to send its error page for an accepted delivery (an exception
                // in asynchronous processing): settle by its status first, so a retry finds it released.
                failed.settle(req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status ? status : 500);
            }
            chain.doFilter(req, res);
            return;
        }
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("WebhookFilter handles HTTP requests only");
        }
        WebhookRequest delivery = WebhookRequest.of(new ServletHeaders(request), NO_BODY, request.getRequestURI());
        long declared = request.getContentLengthLong();
        Optional<WebhookReceiver.Refused> early = r.refuseDeclaredLength(delivery, declared);
        if (early.isPresent()) {
            answer(response, early.get());
            swallowRest(request, response, declared);
            return;
        }
        byte[] body;
        try {
            body = RawBody.read(request.getInputStream(), declared, r.maxBodyBytes());
        } catch (IOException unreadable) {
            answerIfStillOpen(response, r.refuseIncompleteBody(delivery));
            return;
        }
        if (body == null) {
            answer(response, r.refuseBodyTooLarge(delivery));
            swallowRest(request, response, -1);
            return;
        }
        WebhookReceiver.Outcome outcome = r.receive(delivery.withBody(body));
        if (outcome instanceof WebhookReceiver.Answer answer) {
            answer(response, answer);
            return;
        }
        WebhookReceiver.Accepted accepted = (WebhookReceiver.Accepted) outcome;
        request.setAttribute(VERIFIED_ATTRIBUTE, accepted.verified());
        request.setAttribute(EVENT_ATTRIBUTE, accepted.verified().event());
        if (!accepted.needsSettlement()) { // deduplication off and nobody listening: nothing to wire
            chain.doFilter(new CapturedRequest(request, body, response, null), response);
            return;
        }
        SettlingResponse settling = new SettlingResponse(response, accepted);
        request.setAttribute(SETTLEMENT_ATTRIBUTE, settling);
        try {
            chain.doFilter(new CapturedRequest(request, body, settling, settling), settling);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            if (request.isAsyncStarted()) {
                settling.abandon(); // the asynchronous work it started may still run
            } else {
                settling.fail();
            }
            throw e;
        }
        if (request.isAsyncStarted()) {
            CapturedRequest.watch(request.getAsyncContext(), settling); // no-op when started on the wrapper
        } else {
            settling.settle();
        }
    }

    /**
     * After a 413 has been sent, reads and discards up to {@link #SWALLOW_BYTES} more of the body,
     * so that a client still sending it can read the answer instead of meeting a reset connection
     * (Tomcat does this itself up to its maxSwallowSize; Jetty closes at once). A longer body is
     * left to the container, which closes the connection.
     */
    private static void swallowRest(HttpServletRequest request, HttpServletResponse response, long declared) {
        if (declared > SWALLOW_BYTES || request.getHeader("Expect") != null) {
            return;
        }
        try {
            response.flushBuffer();
            RawBody.discard(request.getInputStream(), SWALLOW_BYTES);
        } catch (IOException | RuntimeException clientGone) {
            // the answer is sent; whatever the client does now changes nothing
        }
    }

    private static void answer(HttpServletResponse response, WebhookReceiver.Answer answer) throws IOException {
        response.setStatus(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    /** Answers a request whose body could not be read; the connection may be gone by now. */
    private static void answerIfStillOpen(HttpServletResponse response, WebhookReceiver.Answer answer) {
        try {
            answer(response, answer);
            response.flushBuffer();
        } catch (IOException | IllegalStateException connectionGone) {
            // nothing was processed; there is nobody left to tell
        }
    }

    /** Returns the receiver's description: provider, body limit and deduplication; never secrets. */
    @Override
    public String toString() {
        WebhookReceiver r = receiver;
        return "WebhookFilter[" + (r == null ? "uninitialised" : r) + "]";
    }

    /** The servlet request's headers, holding the request itself for {@link Listener}s. */
    private record ServletHeaders(HttpServletRequest request) implements WebhookRequest.Headers {
        @Override
        public List<String> values(String name) {
            Enumeration<String> values = request.getHeaders(name);
            return values == null ? List.of() : Collections.list(values);
        }
    }

    /**
     * Receives what the filter decided, with the servlet request, for logging and metrics. Every
     * method does nothing by default. Calls happen on the request's thread; implementations must
     * be thread-safe, and an exception they throw is logged and does not change the response. For
     * store failures and settlements too, use a core {@link WebhookListener} through
     * {@link Builder#listener(WebhookListener)}.
     */
    public interface Listener {
        /**
         * Called when a delivery was verified, before deduplication.
         *
         * @param request the request
         * @param verified the result
         */
        default void onVerified(HttpServletRequest request, Verified<?> verified) {
        }

        /**
         * Called when a delivery is refused, including for its size and for
         * {@link Reason#DUPLICATE_IN_PROGRESS}. When the body was authentic but unusable
         * ({@link Reason#MALFORMED_PAYLOAD}), {@link WebhookRejectedException#authenticBody()}
         * holds it, so that it can be kept.
         *
         * @param request the request
         * @param rejection the refusal; its detail is free of secrets
         */
        default void onRejected(HttpServletRequest request, WebhookRejectedException rejection) {
        }

        /**
         * Called when a delivery was already processed successfully and is acknowledged with 200
         * without calling the application.
         *
         * @param request the request
         * @param verified the result
         */
        default void onDuplicate(HttpServletRequest request, Verified<?> verified) {
        }
    }

    /** Tells a servlet {@link Listener} what core's receiver decided, with the servlet request. */
    private record ListenerBridge(Listener listener) implements WebhookListener {
        private static HttpServletRequest servlet(WebhookRequest request) {
            return ((ServletHeaders) request.headerLookup()).request();
        }

        @Override
        public void onVerified(WebhookRequest request, Verified<?> verified) {
            listener.onVerified(servlet(request), verified);
        }

        @Override
        public void onRejected(WebhookRequest request, WebhookRejectedException rejection) {
            listener.onRejected(servlet(request), rejection);
        }

        @Override
        public void onDuplicate(WebhookRequest request, Verified<?> verified) {
            listener.onDuplicate(servlet(request), verified);
        }
    }

    /**
     * Builds a {@link WebhookFilter}; the settings are core's {@link ReceiverSettings} (body
     * limit, idempotency store, lease, retention, deduplication, failing open, listener, status
     * mapping). Not thread-safe; {@link #build()} returns an independent filter, so one builder
     * may build several.
     */
    public static final class Builder extends ReceiverSettings<Builder> {
        private Builder(WebhookVerifier<?> verifier) {
            super(verifier);
        }

        /**
         * Sets a listener told of verifications, refusals and duplicates with the servlet request;
         * it replaces a listener set before, core's included.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(Listener listener) {
            return listener(new ListenerBridge(Objects.requireNonNull(listener, "listener")));
        }

        /**
         * Validates the settings and returns a new filter.
         *
         * @return the filter, ready for use (its {@link #init} reads no parameters)
         * @throws IllegalArgumentException naming the problem, as listed in
         *         {@link ReceiverSettings#receiver()}
         */
        public WebhookFilter build() {
            return new WebhookFilter(receiver());
        }
    }
}
