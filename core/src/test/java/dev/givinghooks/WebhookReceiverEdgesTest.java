package dev.givinghooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.WebhookReceiver.Accepted;
import dev.givinghooks.WebhookReceiver.Outcome;
import dev.givinghooks.WebhookReceiver.Refused;
import dev.givinghooks.sirgiving.ActionFailed;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.spi.IdempotencyStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The receiver at its edges: limits, messages, timings, toString and the paths without deduplication. */
class WebhookReceiverEdgesTest {
    private static WebhookRequest typed(String type) {
        byte[] body = ("{\"id\":\"evt_edge\",\"type\":\"" + type + "\",\"createdAt\":\"2025-05-10T11:20:00Z\",\"data\":{}}")
                .getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(WebhookReceiverTest.NOW);
        return TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, timestamp, SirGiving.SIGNATURE_HEADER,
                SirGiving.sign(WebhookReceiverTest.SECRET, timestamp, body));
    }

    @Test
    void aBodyExactlyAtTheLimitIsVerifiedAndOneByteMoreIsRefused() {
        WebhookRequest delivery = WebhookReceiverTest.delivery("evt_limit");
        int length = delivery.body().length;
        Outcome atLimit = WebhookReceiver.builder(WebhookReceiverTest.VERIFIER).maxBodyBytes(length).build().receive(delivery);
        assertThat(atLimit).isInstanceOf(Accepted.class);
        Outcome over = WebhookReceiver.builder(WebhookReceiverTest.VERIFIER).maxBodyBytes(length - 1).build().receive(delivery);
        assertThat(over).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.rejection().getMessage()).endsWith("body has " + length + " bytes; at most " + (length - 1) + " allowed");
        });
    }

    @Test
    void anUnexpectedEventTypeIsNamedWholeUpTo100CharactersThenCut() {
        WebhookReceiver failuresOnly = WebhookReceiver.builder(WebhookReceiverTest.VERIFIER).expectedEvent(ActionFailed.class).build();
        String hundred = "t".repeat(100);
        assertThat(failuresOnly.receive(typed(hundred))).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.rejection().getMessage()).contains("event type " + hundred + " is not taken here (ActionFailed is)");
        });
        assertThat(failuresOnly.receive(typed(hundred + "u"))).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.rejection().getMessage()).contains("event type " + hundred + "... is not taken here"));
    }

    @Test
    void theListenerIsToldHowLongTheDeliveryTookSinceItsAcceptance() throws Exception {
        List<Duration> took = new CopyOnWriteArrayList<>();
        WebhookListener timing = new WebhookListener() {
            @Override
            public void onSettled(Verified<?> verified, boolean processed, Duration duration) {
                took.add(duration);
            }
        };
        for (IdempotencyStore store : new IdempotencyStore[] {IdempotencyStore.inMemory(), null}) {
            WebhookReceiver.Builder builder = WebhookReceiver.builder(WebhookReceiverTest.VERIFIER).listener(timing);
            WebhookReceiver receiver = store == null ? builder.deduplication(false).build() : builder.idempotencyStore(store).build();
            Accepted accepted = (Accepted) receiver.receive(WebhookReceiverTest.delivery("evt_took_" + (store == null)));
            Thread.sleep(20);
            accepted.settle(200).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        assertThat(took).hasSize(2).allSatisfy(duration -> assertThat(duration).isBetween(Duration.ofMillis(20), Duration.ofSeconds(10)));
    }

    @Test
    void withoutDeduplicationBothPathsAcceptAndSettleOnce() throws Exception {
        WebhookReceiver plain = WebhookReceiver.builder(WebhookReceiverTest.VERIFIER).deduplication(false).build();
        Outcome async = plain.receiveAsync(WebhookReceiverTest.delivery("evt_plain")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(async).isInstanceOf(Accepted.class);
        Accepted accepted = (Accepted) async;
        assertThat(accepted.toString()).doesNotContain("settled");
        assertThat(accepted.settle(200)).isNotNull();
        assertThat(accepted.settle(500)).as("a second ending is a completed no-op").isNotNull();
        assertThat(accepted.settled()).isTrue();
        assertThat(accepted.toString()).endsWith(", settled]");
        assertThat(plain.receive(WebhookReceiverTest.delivery("evt_plain"))).as("no deduplication: accepted again").isInstanceOf(Accepted.class);
    }

    @Test
    void aListenerWhoseForDeliveryFailsIsLeftOutOfThatDelivery() {
        List<String> told = new CopyOnWriteArrayList<>();
        WebhookListener failing = new WebhookListener() {
            @Override
            public WebhookListener forDelivery(WebhookRequest request) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onVerified(WebhookRequest request, Verified<?> verified) {
                told.add("verified");
            }
        };
        Outcome outcome = WebhookReceiver.builder(WebhookReceiverTest.VERIFIER).listener(failing).build().receive(WebhookReceiverTest.delivery("evt_l"));
        assertThat(outcome).isInstanceOf(Accepted.class);
        assertThat(told).isEmpty();
    }

    @Test
    void answersShowTheirStatusAndReasonNeverASecret() {
        WebhookReceiver receiver = WebhookReceiver.builder(WebhookReceiverTest.VERIFIER).build();
        Accepted first = (Accepted) receiver.receive(WebhookReceiverTest.delivery("evt_show"));
        first.settle(200);
        Outcome duplicate = receiver.receive(WebhookReceiverTest.delivery("evt_show"));
        assertThat(duplicate.toString()).startsWith("Duplicate[").contains("sir-giving:evt_show");
        Outcome refused = receiver.receive(TestSupport.request(new byte[] {'{', '}'}));
        assertThat(refused.toString()).startsWith("Refused[401, ").doesNotContain(WebhookReceiverTest.SECRET);
    }
}
