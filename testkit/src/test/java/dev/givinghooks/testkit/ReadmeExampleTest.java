package dev.givinghooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.Provider;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.sirgiving.SirGivingEvent;
import dev.givinghooks.testkit.junit.CatalogueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The example at the top of testkit/README.md; keep the two identical. */
class ReadmeExampleTest {
    private final Testkit kit = Testkit.create();   // fixed clock 2026-05-10T09:12:00Z, fixed seed

    @Test
    void creditsTheActionOnce() throws Exception {
        Fixture delivery = kit.sirGiving().actionCompleted().tokensDistributed(50).signed();
        Verified<SirGivingEvent> verified = kit.sirGivingVerifier().verify(delivery.toWebhookRequest());
        assertThat(verified.idempotencyKey()).startsWith("sir-giving:evt_");
        // or over HTTP: WebhookSender.create().send(delivery, URI.create("http://127.0.0.1:8080/webhooks/sir-giving"))
    }

    @ParameterizedTest
    @CatalogueSource(providers = Provider.CHUFFED, positives = false)
    void refusesEveryNegative(Variant variant) {
        assertThatThrownBy(() -> kit.chuffedVerifier().verify(variant.fixture().toWebhookRequest()))
                .isInstanceOfSatisfying(WebhookRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(variant.expected().reason()));
    }
}
