package dev.givinghooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.SignatureVerifier;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookEvent;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.junit.CatalogueSource;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** Every catalogue variant against core directly: positives verify, negatives fail with their reason. */
class CatalogueAgainstCoreTest {
    private static final Testkit KIT = Testkit.create();

    @ParameterizedTest
    @CatalogueSource
    void everyVariantProducesItsTaggedOutcome(Variant variant) {
        IdempotencyStore store = IdempotencyStore.inMemory();
        List<Fixture> deliveries = variant.deliveries();
        for (Fixture earlier : deliveries.subList(0, deliveries.size() - 1)) {
            Verified<? extends WebhookEvent> verified = KIT.verifier(variant.provider()).verify(earlier.toWebhookRequest());
            IdempotencyStore.Claim claim = store.claim(verified.idempotencyKey(), Duration.ofMinutes(5));
            assertThat(claim.status()).isEqualTo(IdempotencyStore.Status.ACQUIRED);
            assertThat(store.complete(claim, Duration.ofHours(1))).isTrue();
        }
        Fixture last = variant.fixture();
        Expected expected = variant.expected();
        switch (expected.outcome()) {
            case VERIFIED -> {
                Verified<? extends WebhookEvent> verified = KIT.verifier(variant.provider()).verify(last.toWebhookRequest());
                assertThat(verified.keyIndex()).isEqualTo(expected.keyIndex());
                assertThat(verified.provider()).isEqualTo(variant.provider());
                assertThat(store.claim(verified.idempotencyKey(), Duration.ofMinutes(5)).status())
                        .as("a positive's idempotency key is new").isEqualTo(IdempotencyStore.Status.ACQUIRED);
            }
            case DUPLICATE -> {
                Verified<? extends WebhookEvent> verified = KIT.verifier(variant.provider()).verify(last.toWebhookRequest());
                assertThat(store.claim(verified.idempotencyKey(), Duration.ofMinutes(5)).status())
                        .isEqualTo(IdempotencyStore.Status.DONE);
            }
            case REJECTED -> assertThatThrownBy(() -> KIT.verifier(variant.provider()).verify(last.toWebhookRequest()))
                    .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(expected.reason());
                        assertThat(e.provider()).isEqualTo(variant.provider());
                        assertThat(e.getMessage()).doesNotContain(KIT.credentials().sirGivingSecrets().get(0))
                                .doesNotContain(KIT.credentials().chuffedSecrets().get(0));
                    });
        }
    }

    /** The reasons a signature-only check gives: everything before the body is read. */
    private static final Set<Reason> SIGNATURE_STAGE = EnumSet.of(Reason.BODY_TOO_LARGE, Reason.MISSING_SIGNATURE,
            Reason.MALFORMED_SIGNATURE, Reason.SIGNATURE_MISMATCH, Reason.MISSING_TIMESTAMP, Reason.MALFORMED_TIMESTAMP,
            Reason.TIMESTAMP_TOO_OLD, Reason.TIMESTAMP_IN_FUTURE);

    @ParameterizedTest
    @CatalogueSource(providers = {Provider.SIR_GIVING, Provider.CHUFFED})
    void theSignatureOnlyCheckRefusesWhatTheVerifierRefusesBeforeReadingTheBody(Variant variant) {
        SignatureVerifier signatures = KIT.signatureVerifier(variant.provider());
        Expected expected = variant.expected();
        if (expected.outcome() == Expected.Outcome.REJECTED && SIGNATURE_STAGE.contains(expected.reason())) {
            assertThatThrownBy(() -> signatures.verifySignature(variant.fixture().toWebhookRequest()))
                    .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.reason()).isEqualTo(expected.reason()));
        } else {
            int keyIndex = signatures.verifySignature(variant.fixture().toWebhookRequest());
            if (expected.outcome() == Expected.Outcome.VERIFIED) {
                assertThat(keyIndex).isEqualTo(expected.keyIndex());
            }
        }
    }

    @Test
    void theGivingBlockHasNoSignatureVerifier() {
        assertThatThrownBy(() -> KIT.signatureVerifier(Provider.GIVING_BLOCK)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catalogueCoversEveryDocumentedEventAndEveryListedNegative() {
        Set<String> names = KIT.catalogue().stream().map(v -> v.provider().id() + "/" + v.name()).collect(Collectors.toSet());
        assertThat(names).contains(
                "sir-giving/action-completed", "sir-giving/action-failed", "sir-giving/transaction-completed",
                "sir-giving/unknown-type", "giving-block/deposit", "giving-block/converted", "giving-block/merchant-status",
                "giving-block/unknown-type", "chuffed/payment-confirmed", "chuffed/payment-confirmed-with-perk",
                "chuffed/payment-confirmed-recurring",
                "sir-giving/tampered-byte", "sir-giving/wrong-secret", "sir-giving/stale-timestamp", "sir-giving/future-timestamp",
                "sir-giving/missing-signature", "sir-giving/duplicated-signature", "sir-giving/signature-not-hex",
                "sir-giving/missing-timestamp", "sir-giving/duplicated-timestamp", "sir-giving/timestamp-iso-8601",
                "sir-giving/signature-over-reserialized-json", "sir-giving/rotated-secret", "sir-giving/unicode-emoji-body",
                "sir-giving/trailing-crlf-added", "sir-giving/oversized-body", "sir-giving/duplicate-delivery",
                "giving-block/truncated-ciphertext", "giving-block/re-padded-extra-block", "giving-block/wrong-key",
                "giving-block/plaintext-not-json", "giving-block/rotated-key", "giving-block/duplicate-delivery",
                "chuffed/tampered-byte", "chuffed/wrong-secret", "chuffed/duplicate-delivery", "chuffed/rotated-secret");
        for (Provider provider : Provider.values()) {
            List<Variant> variants = KIT.catalogue(provider);
            assertThat(variants.stream().map(Variant::name).distinct().count()).as("unique names").isEqualTo(variants.size());
            assertThat(variants).anyMatch(v -> v.expected().keyIndex() == 1);
            assertThat(variants).anyMatch(v -> v.expected().outcome() == Expected.Outcome.DUPLICATE);
        }
        Set<Reason> reasons = KIT.catalogue().stream().map(v -> v.expected().reason()).filter(r -> r != null)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Reason.class)));
        // Every reason a verifier can give for a single delivery. The receiver's own are shown elsewhere:
        // DUPLICATE_IN_PROGRESS needs concurrency (contract suite), INCOMPLETE_BODY a transport that
        // breaks off, STORE_UNAVAILABLE a failing store, UNEXPECTED_EVENT an endpoint that takes one event
        // type (core's WebhookReceiverTest, the adapters' tests).
        assertThat(reasons).isEqualTo(EnumSet.complementOf(EnumSet.of(Reason.DUPLICATE_IN_PROGRESS, Reason.INCOMPLETE_BODY,
                Reason.STORE_UNAVAILABLE, Reason.UNEXPECTED_EVENT)));
    }

    @Test
    void oversizedBodiesAreJustOverTheLimit() {
        for (Provider provider : Provider.values()) {
            Variant oversized = KIT.catalogue(provider).stream().filter(v -> v.name().equals("oversized-body")).findFirst().orElseThrow();
            assertThat(oversized.fixture().body().length).isGreaterThan(KIT.maxBodyBytes()).isLessThan(2 * KIT.maxBodyBytes());
            Testkit roomy = KIT.withMaxBodyBytes(4 * KIT.maxBodyBytes());
            // With a larger limit the same delivery is authentic: only its size was wrong.
            if (provider != Provider.GIVING_BLOCK) {
                assertThat(roomy.verifier(provider).verify(oversized.fixture().toWebhookRequest()).keyIndex()).isZero();
            }
        }
    }
}
