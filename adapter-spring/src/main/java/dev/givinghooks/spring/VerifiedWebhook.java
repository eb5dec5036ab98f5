package dev.givinghooks.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method parameter that receives a verified webhook delivery: its typed event,
 * or the {@code Verified} result with its key index and idempotency key.
 *
 * <pre>{@code
 * @PostMapping("/webhooks/sir-giving")
 * ResponseEntity<Void> receive(@VerifiedWebhook SirGivingEvent event) { ... }
 *
 * @PostMapping("/webhooks/chuffed")
 * ResponseEntity<Void> receive(@VerifiedWebhook Verified<DonationPaymentConfirmed> donation) { ... }
 * }</pre>
 *
 * <p>The parameter's type is a provider's event family ({@code SirGivingEvent},
 * {@code GivingBlockEvent}, {@code ChuffedEvent}), one of their records, or {@code Verified} of
 * either; the provider is inferred from it, or named by {@link #provider()} for a type that does
 * not say ({@code Verified<?>}, {@code WebhookEvent}). The body is captured and verified, and
 * deduplicated, before the method is invoked: a refusal is answered with an RFC 9457 problem, a
 * delivery processed before with 200, one in progress with 409, and a delivery of another event
 * type than a record parameter asks for with 422 ({@code UNEXPECTED_EVENT}), in each case without
 * invoking the method. The event is marked processed when the method's response is 2xx (for
 * {@code DeferredResult}, {@code Callable} and {@code CompletableFuture} handlers, when the
 * asynchronous result is written) and stays retryable otherwise.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VerifiedWebhook {
    /**
     * Names the provider when the parameter's type does not: {@code "sir-giving"},
     * {@code "giving-block"} or {@code "chuffed"}.
     *
     * @return the provider's id, or empty to infer it from the parameter's type
     */
    String provider() default "";
}
