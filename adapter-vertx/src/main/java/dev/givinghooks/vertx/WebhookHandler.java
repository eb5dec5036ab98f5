package dev.givinghooks.vertx;

import dev.givinghooks.Reason;
import dev.givinghooks.ReceiverSettings;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookEvent;
import dev.givinghooks.WebhookReceiver;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.spi.IdempotencyStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A Vert.x Web route handler that verifies a webhook delivery before the next handler sees it,
 * and lets each event through once, without ever blocking the event loop.
 *
 * <pre>{@code
 * router.post("/webhooks/sir-giving")
 *       .handler(WebhookHandler.of(SirGiving.verifier(secret)))
 *       .handler(ctx -> {
 *           SirGivingEvent event = WebhookHandler.event(ctx, SirGivingEvent.class).orElseThrow();
 *           ...
 *           ctx.response().setStatusCode(204).end();
 *       });
 * }</pre>
 *
 * <p>For each request the handler
 * <ol>
 * <li>takes the body a preceding {@code BodyHandler} read, or reads it itself, bounded: a
 *     {@code Content-Length} over the limit is refused with 413 before the body is read, and
 *     reading stops with 413 at the limit + 1 byte (after answering, up to 2 MiB more are read and
 *     discarded so that the client can read the answer; then the connection is closed); a body
 *     that ends early or a connection that fails is refused with 400 when it can still be told;</li>
 * <li>verifies it on the event loop (an HMAC or AES of a small body takes microseconds) and
 *     claims it through the store's asynchronous methods, so a networked store never blocks the
 *     loop (core's {@link WebhookReceiver#receiveAsync});</li>
 * <li>answers a refusal with core's RFC 9457 {@code application/problem+json}, a delivery
 *     processed before with 200 and one in progress with 409, without calling the next handler;</li>
 * <li>otherwise puts the {@link Verified} result in the context ({@link #verified},
 *     {@link #event}) and calls the next handler, which may be blocking or not; the claim is
 *     completed just before a 2xx response's headers are written, and released for any other
 *     status, a failure of the route or a connection closed before the response ended.</li>
 * </ol>
 *
 * <p>Thread safety: immutable; one instance may serve every route and verticle instance of an
 * application (share one store between them).
 */
public final class WebhookHandler implements Handler<RoutingContext> {
    /*
     * Rationale. The handler holds no rule of its own: core's receiver decides what is authentic,
     * what is a duplicate, which status a refusal has and when a claim is settled (DESIGN §2.5).
     * The store's stage may complete on the store client's thread: its result is brought back to
     * the request's own context before the response or the next handler is touched.
     */

    /** The context key holding the {@link Verified} result. */
    public static final String VERIFIED_KEY = "dev.givinghooks.vertx.verified";

    private static final int SWALLOW_BYTES = 2 * 1024 * 1024;
    private static final byte[] NO_BODY = new byte[0];

    private final WebhookReceiver receiver;

    private WebhookHandler(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    /**
     * Returns a handler with every default: the verifier's body limit (1 MiB unless set on its
     * builder), deduplication in a new in-memory store, 5-minute lease, 72-hour retention, failing
     * closed when the store cannot answer, statuses from {@link Reason#httpStatus()}.
     *
     * @param verifier the provider's verifier
     * @return the handler
     */
    public static WebhookHandler of(WebhookVerifier<?> verifier) {
        return builder(verifier).build();
    }

    /**
     * Returns a builder for a handler with other settings.
     *
     * @param verifier the provider's verifier
     * @return a new builder
     */
    public static Builder builder(WebhookVerifier<?> verifier) {
        return new Builder(verifier);
    }

    /**
     * Returns the verification result a {@code WebhookHandler} put in the routing context.
     *
     * @param ctx the routing context of a request that passed through a {@code WebhookHandler}
     * @return the result, or empty when the request was not verified by one
     */
    public static Optional<Verified<?>> verified(RoutingContext ctx) {
        return ctx.get(VERIFIED_KEY) instanceof Verified<?> verified ? Optional.of(verified) : Optional.empty();
    }

    /**
     * Returns the verified event of a request if it has the given type.
     *
     * @param <E> the event type
     * @param ctx the routing context of a request that passed through a {@code WebhookHandler}
     * @param type the expected event type, such as {@code SirGivingEvent.class}
     * @return the event, or empty when there is none of that type
     */
    public static <E extends WebhookEvent> Optional<E> event(RoutingContext ctx, Class<E> type) {
        return verified(ctx).map(Verified::event).filter(type::isInstance).map(type::cast);
    }

    /**
     * Verifies the delivery, then calls the next handler once per event; see the class
     * description.
     *
     * @param ctx the routing context
     */
    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        WebhookRequest delivery = WebhookRequest.of(request.headers()::getAll, NO_BODY, request.path());
        if (ctx.body().available()) {
            Buffer buffer = ctx.body().buffer();
            byte[] body = buffer == null ? NO_BODY : buffer.getBytes();
            if (body.length > receiver.maxBodyBytes()) {
                answer(ctx, receiver.refuseBodyTooLarge(delivery));
            } else {
                receive(ctx, delivery.withBody(body));
            }
            return;
        }
        long declared = contentLength(request);
        Optional<WebhookReceiver.Refused> early = receiver.refuseDeclaredLength(delivery, declared);
        if (early.isPresent()) {
            answerAndSwallow(ctx, early.get());
            return;
        }
        new BodyReader(ctx, delivery, declared).start();
    }

    /** Reads the body into memory, never more than the limit + 1 byte, on the request's event loop. */
    private final class BodyReader {
        private final RoutingContext ctx;
        private final WebhookRequest delivery;
        private final Buffer body;
        private boolean done;

        BodyReader(RoutingContext ctx, WebhookRequest delivery, long declared) {
            this.ctx = ctx;
            this.delivery = delivery;
            this.body = Buffer.buffer(declared >= 0 ? (int) declared : Math.min(8192, receiver.maxBodyBytes()));
        }

        void start() {
            HttpServerRequest request = ctx.request();
            request.handler(chunk -> {
                if (done) {
                    return;
                }
                if (body.length() + chunk.length() > receiver.maxBodyBytes()) {
                    done = true;
                    answerAndSwallow(ctx, receiver.refuseBodyTooLarge(delivery));
                } else {
                    body.appendBuffer(chunk);
                }
            });
            request.endHandler(end -> {
                if (!done) {
                    done = true;
                    receive(ctx, delivery.withBody(body.getBytes()));
                }
            });
            request.exceptionHandler(failure -> {
                if (!done) {
                    done = true;
                    if (!ctx.response().ended() && !ctx.response().closed()) {
                        answer(ctx, receiver.refuseIncompleteBody(delivery));
                    }
                }
            });
            request.resume();
        }
    }

    private void receive(RoutingContext ctx, WebhookRequest delivery) {
        CompletionStage<WebhookReceiver.Outcome> outcome;
        try {
            outcome = receiver.receiveAsync(delivery);
        } catch (IllegalStateException configurationFault) {
            ctx.fail(500, configurationFault);
            return;
        }
        Future.fromCompletionStage(outcome, ctx.vertx().getOrCreateContext()).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(500, result.cause());
            } else if (result.result() instanceof WebhookReceiver.Answer answer) {
                answer(ctx, answer);
            } else {
                dispatch(ctx, (WebhookReceiver.Accepted) result.result());
            }
        });
    }

    /** Hands an accepted delivery to the next handler, and settles it when the response commits or the exchange fails. */
    private static void dispatch(RoutingContext ctx, WebhookReceiver.Accepted accepted) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            accepted.fail(); // the sender left while the claim was taken
            return;
        }
        ctx.put(VERIFIED_KEY, accepted.verified());
        ctx.addHeadersEndHandler(headers -> accepted.settle(response.getStatusCode()));
        ctx.addEndHandler(end -> {
            if (end.failed()) {
                accepted.fail(); // a closed connection before the response ended
            }
        });
        ctx.next();
    }

    private static void answer(RoutingContext ctx, WebhookReceiver.Answer answer) {
        HttpServerResponse response = ctx.response().setStatusCode(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.putHeader(header.getKey(), header.getValue());
        }
        response.end(Buffer.buffer(answer.body()));
    }

    /**
     * Answers a refusal while the body may still be arriving, then reads and discards up to
     * {@link #SWALLOW_BYTES} more, so that a client still sending can read the answer instead of
     * meeting a reset connection; past that, the connection is closed.
     */
    private static void answerAndSwallow(RoutingContext ctx, WebhookReceiver.Answer answer) {
        HttpServerRequest request = ctx.request();
        if (!request.isEnded()) {
            long[] discarded = new long[1];
            request.handler(chunk -> {
                discarded[0] += chunk.length();
                if (discarded[0] > SWALLOW_BYTES) {
                    request.handler(null);
                    request.connection().close();
                }
            });
            request.endHandler(null);
            request.exceptionHandler(failure -> {
                // the answer is sent; whatever the client does now changes nothing
            });
            request.resume();
        }
        answer(ctx, answer);
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException malformed) {
            return -1; // the server's codec refuses such a request itself
        }
    }

    /** Returns the receiver's description: provider, body limit and deduplication; never secrets. */
    @Override
    public String toString() {
        return "WebhookHandler[" + receiver + "]";
    }

    /**
     * Builds a {@link WebhookHandler}; the settings are core's {@link ReceiverSettings} (body
     * limit, {@link IdempotencyStore}, lease, retention, deduplication, failing open, listener,
     * status mapping). Not thread-safe; {@link #build()} returns an independent handler.
     */
    public static final class Builder extends ReceiverSettings<Builder> {
        private Builder(WebhookVerifier<?> verifier) {
            super(verifier);
        }

        /**
         * Validates the settings and returns a new handler.
         *
         * @return the handler
         * @throws IllegalArgumentException naming the problem, as listed in
         *         {@link ReceiverSettings#receiver()}
         */
        public WebhookHandler build() {
            return new WebhookHandler(receiver());
        }
    }
}
