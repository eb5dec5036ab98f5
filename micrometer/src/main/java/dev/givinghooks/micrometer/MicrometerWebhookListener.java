package dev.givinghooks.micrometer;

import dev.givinghooks.Reason;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookListener;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;

/**
 * Observes webhook deliveries with Micrometer's Observation API: one observation
 * {@value #DELIVERIES} per delivery, from its arrival to its end, and a child
 * {@value #VERIFICATION} around its verification. With Spring Boot's Actuator the first is a timer
 * (its count is the number of deliveries) and both are trace spans when the application traces.
 *
 * <pre>{@code
 * WebhookFilter.builder(verifier).listener(MicrometerWebhookListener.of(observationRegistry)).build();
 * }</pre>
 *
 * <p>Both carry only low-cardinality key values: {@code provider} (its id), {@code outcome}
 * ({@code verified} for a delivery processed successfully, {@code failed}, {@code rejected},
 * {@code duplicate}, {@code in_progress}, {@code store_unavailable}, {@code error} for a
 * configuration fault), {@code reason} (the {@link Reason} of a refusal, else {@code none}) and
 * {@code key} (the index of the secret or key that matched, else {@code none}). No secret, key,
 * body or idempotency key is ever a key value.
 *
 * <p>Thread-safe; one instance serves every receiver of an application.
 */
public final class MicrometerWebhookListener implements WebhookListener {
    /** The observation of a whole delivery. */
    public static final String DELIVERIES = "givinghooks.deliveries";
    /** The observation of a delivery's verification. */
    public static final String VERIFICATION = "givinghooks.verification";

    private static final String NONE = "none";

    private final ObservationRegistry registry;

    private MicrometerWebhookListener(ObservationRegistry registry) {
        this.registry = registry;
    }

    /**
     * Returns a listener that observes deliveries in the registry.
     *
     * @param registry the application's observation registry
     * @return the listener
     */
    // Micrometer is an automatic module, which `requires transitive` must not name: a modular
    // application that passes a registry requires micrometer.observation itself.
    @SuppressWarnings("exports")
    public static MicrometerWebhookListener of(ObservationRegistry registry) {
        return new MicrometerWebhookListener(Objects.requireNonNull(registry, "registry"));
    }

    /** Starts the delivery's observations; a no-op registry costs nothing more. */
    @Override
    public WebhookListener forDelivery(WebhookRequest request) {
        if (registry.isNoop()) {
            return this;
        }
        Observation delivery = Observation.createNotStarted(DELIVERIES, registry).contextualName("webhook delivery").start();
        Observation verification = Observation.createNotStarted(VERIFICATION, registry).contextualName("webhook verification")
                .parentObservation(delivery).start();
        return new Delivery(delivery, verification);
    }

    @Override
    public String toString() {
        return "MicrometerWebhookListener[" + registry + "]";
    }

    /** One delivery's observations; the receiver tells it the delivery's events in order, then exactly one ending. */
    private static final class Delivery implements WebhookListener {
        private final Observation delivery;
        private final Observation verification;
        private volatile String key = NONE;
        private volatile boolean verifying = true;

        Delivery(Observation delivery, Observation verification) {
            this.delivery = delivery;
            this.verification = verification;
        }

        private void verified(String provider, String result, String reason) {
            if (verifying) {
                verifying = false;
                verification.lowCardinalityKeyValue("provider", provider).lowCardinalityKeyValue("outcome", result)
                        .lowCardinalityKeyValue("reason", reason).lowCardinalityKeyValue("key", key).stop();
            }
        }

        private void end(String provider, String outcome, String reason) {
            verified(provider, "rejected", reason);
            delivery.lowCardinalityKeyValue("provider", provider).lowCardinalityKeyValue("outcome", outcome)
                    .lowCardinalityKeyValue("reason", reason).lowCardinalityKeyValue("key", key).stop();
        }

        @Override
        public void onVerified(WebhookRequest request, Verified<?> result) {
            key = Integer.toString(result.keyIndex());
            verified(result.provider().id(), "verified", NONE);
        }

        @Override
        public void onRejected(WebhookRequest request, WebhookRejectedException rejection) {
            String outcome = switch (rejection.reason()) {
                case DUPLICATE_IN_PROGRESS -> "in_progress";
                case STORE_UNAVAILABLE -> "store_unavailable";
                default -> "rejected";
            };
            end(rejection.provider().id(), outcome, rejection.reason().name());
        }

        @Override
        public void onDuplicate(WebhookRequest request, Verified<?> result) {
            end(result.provider().id(), "duplicate", NONE);
        }

        @Override
        public void onStoreFailure(Verified<?> result, Throwable cause, boolean processedAnyway) {
            delivery.event(Observation.Event.of(processedAnyway ? "givinghooks.store.failed_open" : "givinghooks.store.failed"));
        }

        @Override
        public void onSettled(Verified<?> result, boolean processed, Duration duration) {
            end(result.provider().id(), processed ? "verified" : "failed", NONE);
        }

        @Override
        public void onFailure(WebhookRequest request, RuntimeException failure) {
            delivery.error(failure);
            end(NONE, "error", NONE);
        }
    }
}
