package dev.givinghooks.servlet;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookEvent;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.spi.IdempotencyStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
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
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;

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
 *     without reading the body, and reading stops at the limit + 1 byte, also with 413;</li>
 * <li>verifies it with the {@link WebhookVerifier}; a refusal becomes an RFC 9457
 *     {@code application/problem+json} response with {@code type}, {@code title},
 *     {@code status}, {@code detail}, {@code reason} and {@code provider} members, whose status
 *     is {@link Reason#httpStatus()} unless {@linkplain Builder#statusMapping overridden};</li>
 * <li>claims the verified {@link Verified#idempotencyKey() idempotency key} in the
 *     {@link IdempotencyStore}: a delivery already processed is answered 200 without calling the
 *     application, one being processed right now 409 ({@link Reason#DUPLICATE_IN_PROGRESS});</li>
 * <li>calls the rest of the chain with a request whose body can still be read (more than once)
 *     and which carries the {@link Verified} result as {@value #VERIFIED_ATTRIBUTE} and the event
 *     as {@value #EVENT_ATTRIBUTE} (see {@link #verified} and {@link #event});</li>
 * <li>completes the claim when the application answered 2xx, and releases it when it answered
 *     anything else or threw, so the provider's retry is processed. Exceptions are rethrown, never
 *     swallowed. When the application started asynchronous processing, this happens when that
 *     processing ends (complete, error or timeout), not when the first thread returns.</li>
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
 * <tr><td>{@code max-body-bytes}</td><td>the body limit of the filter and the verifier</td>
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
     * Rationale. The filter holds no rules of its own: core decides what is authentic and which
     * reason a refusal has; the filter captures bytes, calls core and maps the outcome (DESIGN §3).
     * Statuses come from one mapping, Reason::httpStatus by default; an override is checked at
     * build time for every reason so that an authentication failure can never become 2xx or 5xx
     * and nothing at all becomes 5xx. The claim is taken only after verification, from the key
     * core derived from authenticated material (DESIGN §2.4), so an attacker cannot burn a real
     * event's key. Asynchronous requests are watched from the moment startAsync is called (the
     * wrapper registers the listener), because after the first thread returns the container may
     * already have completed the request.
     */

    /** The request attribute holding the {@link Verified} result. */
    public static final String VERIFIED_ATTRIBUTE = "dev.givinghooks.servlet.verified";
    /** The request attribute holding the verified {@link WebhookEvent}. */
    public static final String EVENT_ATTRIBUTE = "dev.givinghooks.servlet.event";
    /** The default body limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** The default lease of a claim: 5 minutes. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    /** The default retention of a processed key: 72 hours (Chuffed retries for about 2 days). */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(72);

    private static final System.Logger LOG = System.getLogger(WebhookFilter.class.getName());

    private volatile Settings settings;

    /**
     * Creates a filter to be configured by the container from init parameters in {@link #init};
     * for {@code web.xml}. In code, use {@link #of} or {@link #builder}.
     */
    public WebhookFilter() {
    }

    private WebhookFilter(Settings settings) {
        this.settings = settings;
    }

    /**
     * Returns a filter with every default: 1 MiB body limit, deduplication in a new in-memory
     * store, 5-minute lease, 72-hour retention, statuses from {@link Reason#httpStatus()}.
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
        if (settings == null) {
            settings = InitParameters.builder(config).build().settings;
        }
    }

    /**
     * Verifies the delivery, then calls the rest of the chain once per event; see the class
     * description.
     *
     * @throws ServletException if the request is not HTTP, or as thrown downstream
     * @throws IOException if reading the body or writing a response fails, or as thrown downstream
     * @throws IllegalStateException if the filter was not initialised, or a key supplier of the
     *         verifier failed (a configuration fault, not a refusal)
     */
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        Settings s = settings;
        if (s == null) {
            throw new IllegalStateException("WebhookFilter used before init");
        }
        if (req.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(req, res);
            return;
        }
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("WebhookFilter handles HTTP requests only");
        }
        Provider provider = s.verifier.provider();
        long declared = request.getContentLengthLong();
        if (declared > s.maxBodyBytes) {
            reject(s, request, response, new WebhookRejectedException(provider, Reason.BODY_TOO_LARGE,
                    "Content-Length " + declared + " exceeds the limit of " + s.maxBodyBytes + " bytes"));
            return;
        }
        byte[] body = RawBody.read(request.getInputStream(), declared, s.maxBodyBytes);
        if (body == null) {
            reject(s, request, response, new WebhookRejectedException(provider, Reason.BODY_TOO_LARGE,
                    "body exceeds the limit of " + s.maxBodyBytes + " bytes"));
            return;
        }
        Verified<?> verified;
        try {
            verified = s.verifier.verify(WebhookRequest.of(name -> headers(request, name), body).withPath(request.getRequestURI()));
        } catch (WebhookRejectedException rejection) {
            reject(s, request, response, rejection);
            return;
        }
        request.setAttribute(VERIFIED_ATTRIBUTE, verified);
        request.setAttribute(EVENT_ATTRIBUTE, verified.event());
        notify(() -> s.listener.onVerified(request, verified));
        if (!s.deduplication) {
            chain.doFilter(new CapturedRequest(request, body, null), response);
            return;
        }
        IdempotencyStore.Claim claim = s.store.claim(verified.idempotencyKey(), s.lease);
        switch (claim.status()) {
            case DONE -> {
                notify(() -> s.listener.onDuplicate(request, verified));
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentLength(0);
                return;
            }
            case IN_PROGRESS -> {
                reject(s, request, response, new WebhookRejectedException(provider, Reason.DUPLICATE_IN_PROGRESS,
                        "event " + verified.idempotencyKey() + " is being processed by another delivery; retry later"));
                return;
            }
            case ACQUIRED -> {
                // ours to process: fall through to the chain
            }
        }
        Settlement settlement = new Settlement(s.store, claim, s.retention, response);
        try {
            chain.doFilter(new CapturedRequest(request, body, settlement), response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            settlement.release();
            throw e;
        }
        if (settlement.asyncStarted()) {
            return; // settled by the listener registered in startAsync
        }
        if (request.isAsyncStarted()) {
            settlement.watch(request.getAsyncContext()); // started on an unwrapped request
        } else {
            settlement.settle(response.getStatus());
        }
    }

    private static List<String> headers(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }

    private static void reject(Settings s, HttpServletRequest request, HttpServletResponse response, WebhookRejectedException rejection)
            throws IOException {
        notify(() -> s.listener.onRejected(request, rejection));
        Problem.write(response, s.statusMapping.applyAsInt(rejection.reason()), rejection);
    }

    /** A listener is telemetry: its failure is logged and must not change the answer. */
    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "WebhookFilter listener failed", e);
        }
    }

    /** Returns the provider, body limit and whether deduplication is on; never secrets. */
    @Override
    public String toString() {
        Settings s = settings;
        return s == null ? "WebhookFilter[uninitialised]"
                : "WebhookFilter[provider=" + s.verifier.provider().id() + ", maxBodyBytes=" + s.maxBodyBytes
                        + ", deduplication=" + s.deduplication + "]";
    }

    /**
     * Receives what the filter decided, for logging and metrics. Every method does nothing by
     * default. Calls happen on the request's thread; implementations must be thread-safe, and an
     * exception they throw is logged and does not change the response.
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

    /**
     * Builds a {@link WebhookFilter}. Not thread-safe; {@link #build()} returns an independent
     * filter, so one builder may build several.
     */
    public static final class Builder {
        private final WebhookVerifier<?> verifier;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private IdempotencyStore store;
        private Duration lease = DEFAULT_LEASE;
        private Duration retention = DEFAULT_RETENTION;
        private boolean deduplication = true;
        private Listener listener = new Listener() {
        };
        private ToIntFunction<Reason> statusMapping = Reason::httpStatus;

        private Builder(WebhookVerifier<?> verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
        }

        /**
         * Sets the largest body the filter reads; 1 MiB by default. The verifier's own limit
         * applies too.
         *
         * @param maxBodyBytes a positive number of bytes
         * @return this builder
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Sets the store that deduplicates deliveries; by default each built filter gets a new
         * {@link IdempotencyStore#inMemory()}. Share one store between instances of an
         * application (for example on Redis) to deduplicate across them.
         *
         * @param store the store
         * @return this builder
         */
        public Builder idempotencyStore(IdempotencyStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Sets how long a claim holds while the application works, after which a crashed
         * process's claim expires; 5 minutes by default.
         *
         * @param lease a positive duration
         * @return this builder
         */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /**
         * Sets how long a processed key is remembered; 72 hours by default.
         *
         * @param retention a positive duration
         * @return this builder
         */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /**
         * Switches deduplication on (the default) or off. Off, every verified delivery reaches
         * the application, duplicates included; for Chuffed, which sends no timestamp, that
         * removes the only replay defence.
         *
         * @param deduplication whether to deduplicate
         * @return this builder
         */
        public Builder deduplication(boolean deduplication) {
            this.deduplication = deduplication;
            return this;
        }

        /**
         * Sets the listener told of verifications, refusals and duplicates.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Overrides the status answered for each reason; {@link Reason#httpStatus()} by default.
         * For example, answering 200 to {@link Reason#MALFORMED_PAYLOAD} stops a provider from
         * retrying an authentic body that will never fit (keep it from
         * {@link Listener#onRejected}).
         *
         * @param statusMapping returns the status for a reason
         * @return this builder
         */
        public Builder statusMapping(ToIntFunction<Reason> statusMapping) {
            this.statusMapping = Objects.requireNonNull(statusMapping, "statusMapping");
            return this;
        }

        /**
         * Validates the settings and returns a new filter.
         *
         * @return the filter, ready for use (its {@link #init} reads no parameters)
         * @throws IllegalArgumentException naming the problem: a non-positive body limit, lease
         *         or retention, or a status mapping that answers outside 200–499 for some
         *         reason, or outside 400–499 for an authentication failure
         */
        public WebhookFilter build() {
            if (maxBodyBytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            positive("lease", lease);
            positive("retention", retention);
            int[] statuses = new int[Reason.values().length];
            for (Reason reason : Reason.values()) {
                int status = statusMapping.applyAsInt(reason);
                int lowest = reason.isAuthenticationFailure() ? 400 : 200;
                if (status < lowest || status > 499) {
                    throw new IllegalArgumentException("status " + status + " for " + reason + " is outside " + lowest + "-499");
                }
                statuses[reason.ordinal()] = status;
            }
            return new WebhookFilter(new Settings(verifier, maxBodyBytes, store == null ? IdempotencyStore.inMemory() : store,
                    lease, retention, deduplication, listener, reason -> statuses[reason.ordinal()]));
        }

        private static void positive(String name, Duration duration) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration");
            }
        }
    }

    private record Settings(WebhookVerifier<?> verifier, int maxBodyBytes, IdempotencyStore store, Duration lease,
            Duration retention, boolean deduplication, Listener listener, ToIntFunction<Reason> statusMapping) {
    }
}
