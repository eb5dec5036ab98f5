package dev.givinghooks.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.WebhookReceiver;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Metrics and spans of deliveries through the Observation API, on Micrometer's own test registries. */
class MicrometerWebhookListenerTest {
    private final Testkit kit = Testkit.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SimpleTracer tracer = new SimpleTracer();
    private final ObservationRegistry observations = ObservationRegistry.create();

    MicrometerWebhookListenerTest() {
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters))
                .observationHandler(new DefaultTracingObservationHandler(tracer));
    }

    private WebhookReceiver receiver() {
        return WebhookReceiver.builder(kit.chuffedVerifier()).idempotencyStore(IdempotencyStore.inMemory())
                .listener(MicrometerWebhookListener.of(observations)).build();
    }

    @Test
    void everyOutcomeIsCountedWithLowCardinalityTagsAndTraced() {
        WebhookReceiver receiver = receiver();
        Fixture donation = kit.chuffed().paymentConfirmed().signed();
        WebhookReceiver.Accepted first = (WebhookReceiver.Accepted) receiver.receive(donation.toWebhookRequest());
        receiver.receive(donation.toWebhookRequest());                                     // in progress
        first.settle(204);                                                                  // verified
        receiver.receive(donation.toWebhookRequest());                                     // duplicate
        receiver.receive(kit.chuffed().paymentConfirmed().signedWith("some other secret, long enough").toWebhookRequest()); // rejected
        Fixture second = kit.chuffed().paymentConfirmed().id(99).signed();
        ((WebhookReceiver.Accepted) receiver.receive(second.toWebhookRequest())).settle(500); // failed

        assertThat(counts()).containsOnly(
                Map.entry("verified|none|0", 1L), Map.entry("in_progress|DUPLICATE_IN_PROGRESS|0", 1L),
                Map.entry("duplicate|none|0", 1L), Map.entry("rejected|SIGNATURE_MISMATCH|none", 1L), Map.entry("failed|none|0", 1L));
        for (Meter meter : meters.getMeters()) {
            if (meter instanceof Timer && meter.getId().getName().startsWith("givinghooks.")) { // not the .active long task timers
                assertThat(meter.getId().getTag("provider")).isEqualTo("chuffed");
                // "error" is Micrometer's own tag on every observation's timer.
                assertThat(meter.getId().getTags()).extracting(Tag::getKey).containsExactlyInAnyOrder("provider", "outcome", "reason", "key", "error");
            }
        }
        Timer verification = meters.find(MicrometerWebhookListener.VERIFICATION).tag("outcome", "verified").timer();
        assertThat(verification).isNotNull();
        assertThat(verification.count()).isEqualTo(4);

        List<SimpleSpan> deliveries = tracer.getSpans().stream().filter(s -> s.getName().equals("webhook delivery")).toList();
        List<SimpleSpan> verifications = tracer.getSpans().stream().filter(s -> s.getName().equals("webhook verification")).toList();
        assertThat(deliveries).hasSize(5).allSatisfy(span -> assertThat(span.getTags()).containsKeys("provider", "outcome", "reason", "key"));
        assertThat(deliveries).extracting(span -> span.getTags().get("outcome"))
                .containsExactlyInAnyOrder("verified", "in_progress", "duplicate", "rejected", "failed");
        assertThat(verifications).hasSize(5).allSatisfy(span -> assertThat(deliveries).extracting(d -> d.getSpanId()).contains(span.getParentId()));
        String everything = tracer.getSpans().toString() + meters.getMeters().stream().map(m -> m.getId().toString()).toList();
        assertThat(everything).as("no idempotency key, secret or body in tags").doesNotContain("chuffed:")
                .doesNotContain(kit.credentials().chuffedSecrets().get(0)).doesNotContain("\"data\"");
    }

    @Test
    void aNoopRegistryCostsNoObservation() {
        MicrometerWebhookListener listener = MicrometerWebhookListener.of(ObservationRegistry.NOOP);
        assertThat(listener.forDelivery(kit.chuffed().paymentConfirmed().signed().toWebhookRequest())).isSameAs(listener);
        assertThat(listener.toString()).startsWith("MicrometerWebhookListener[");
    }

    /** outcome|reason|key to count, from the delivery timers. */
    private Map<String, Long> counts() {
        return meters.find(MicrometerWebhookListener.DELIVERIES).timers().stream().collect(Collectors.toMap(
                t -> t.getId().getTag("outcome") + "|" + t.getId().getTag("reason") + "|" + t.getId().getTag("key"), Timer::count));
    }

}
