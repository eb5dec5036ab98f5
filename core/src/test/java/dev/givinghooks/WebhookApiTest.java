package dev.givinghooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared API values: requests, reasons, providers, results and the rejection exception. */
class WebhookApiTest {

    @Test
    void reasonsMapToTheirDocumentedStatuses() {
        for (Reason reason : Reason.values()) {
            int expected = switch (reason) {
                case MALFORMED_PAYLOAD, INCOMPLETE_BODY -> 400;
                case BODY_TOO_LARGE -> 413;
                case STORE_UNAVAILABLE -> 503;
                case UNEXPECTED_EVENT -> 422;
                case DUPLICATE_IN_PROGRESS -> 409;
                default -> 401;
            };
            assertThat(reason.httpStatus()).as(reason.name()).isEqualTo(expected);
            assertThat(reason.isAuthenticationFailure()).isEqualTo(expected == 401);
        }
    }

    @Test
    void providersRoundTripTheirIds() {
        for (Provider provider : Provider.values()) {
            assertThat(Provider.fromId(provider.id())).isEqualTo(provider);
        }
        assertThat(Provider.SIR_GIVING.id()).isEqualTo("sir-giving");
        assertThat(Provider.GIVING_BLOCK.id()).isEqualTo("giving-block");
        assertThat(Provider.CHUFFED.id()).isEqualTo("chuffed");
        assertThatThrownBy(() -> Provider.fromId("stripe")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestFoldsHeaderNamesWithoutRegardToCase() {
        WebhookRequest request = WebhookRequest.of(Map.of("Signature", List.of("a"), "SIGNATURE", List.of("b")), new byte[0]);
        assertThat(request.headers("signature")).containsExactlyInAnyOrder("a", "b");
        // A name as it was spelled is looked up directly; it must still find both spellings' values.
        assertThat(request.headers("Signature")).containsExactlyInAnyOrder("a", "b");
        assertThat(request.headers("SIGNATURE")).containsExactlyInAnyOrder("a", "b");
        assertThat(request.headers("absent")).isEmpty();
        assertThat(WebhookRequest.of(name -> null, new byte[0]).headers("x")).isEmpty();
    }

    @Test
    void requestFromABufferTakesOnlyTheRemainingBytesAndLeavesThePosition() {
        ByteBuffer buffer = ByteBuffer.wrap("xxbodyyy".getBytes(StandardCharsets.US_ASCII), 2, 4);
        WebhookRequest request = WebhookRequest.of(name -> List.of(), buffer);
        assertThat(new String(request.body(), StandardCharsets.US_ASCII)).isEqualTo("body");
        assertThat(buffer.position()).isEqualTo(2);
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] {1, 2, 3}).flip();
        assertThat(WebhookRequest.of(name -> List.of(), direct).body()).containsExactly(1, 2, 3);
    }

    @Test
    void pathIsOptionalAndCarriedByWithPath() {
        WebhookRequest request = WebhookRequest.of(name -> List.of(), new byte[] {1});
        assertThat(request.path()).isEmpty();
        assertThat(request.withPath("/hooks/a").path()).contains("/hooks/a");
        assertThat(request.withPath("/hooks/a").toString()).contains("/hooks/a").contains("bodyLength=1");
    }

    @Test
    void rejectionCarriesProviderReasonDetailAndNoStackTrace() {
        WebhookRejectedException e = new WebhookRejectedException(Provider.SIR_GIVING, Reason.SIGNATURE_MISMATCH, "no match");
        assertThat(e.getMessage()).isEqualTo("sir-giving: SIGNATURE_MISMATCH: no match");
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.authenticBody()).isEmpty();
        byte[] body = {1, 2};
        WebhookRejectedException authentic = new WebhookRejectedException(Provider.CHUFFED, Reason.MALFORMED_PAYLOAD, "x", body);
        byte[] copy = authentic.authenticBody().orElseThrow();
        copy[0] = 9;
        assertThat(authentic.authenticBody().orElseThrow()).containsExactly(1, 2);
    }

    @Test
    void verifiedCopiesItsBodyOnTheWayOutAndRefusesNegativeIndexes() {
        WebhookEvent event = anEvent();
        byte[] body = {1};
        Verified<?> verified = Verified.of(event, 0, "chuffed:1:0", body);
        verified.body()[0] = 7;
        assertThat(verified.body()).containsExactly(1);
        assertThat(verified.provider()).isEqualTo(Provider.CHUFFED);
        assertThatThrownBy(() -> Verified.of(event, -1, "k", body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeferredIdempotencyKeyIsDerivedOnceWhenFirstAskedFor() {
        WebhookEvent event = anEvent();
        java.util.concurrent.atomic.AtomicInteger derivations = new java.util.concurrent.atomic.AtomicInteger();
        byte[] body = {1};
        Verified<?> verified = Verified.of(event, 1, () -> "chuffed:" + derivations.incrementAndGet(), body);

        assertThat(derivations).hasValue(0);
        assertThat(verified.idempotencyKey()).isEqualTo("chuffed:1");
        assertThat(verified.idempotencyKey()).isEqualTo("chuffed:1");
        assertThat(verified.toString()).contains("idempotencyKey=chuffed:1");
        assertThat(derivations).hasValue(1);
        assertThat(Verified.of(event, 0, () -> null, body)).satisfies(
                nullKey -> assertThatThrownBy(nullKey::idempotencyKey).isInstanceOf(NullPointerException.class));
    }

    /** A real event, from a verified Chuffed delivery. */
    private static WebhookEvent anEvent() {
        String secret = "a customer-chosen chuffed secret";
        byte[] signed = "{}".getBytes(StandardCharsets.UTF_8);
        return dev.givinghooks.chuffed.Chuffed.verifier(secret)
                .verify(TestSupport.request(signed, "Signature", dev.givinghooks.chuffed.Chuffed.sign(secret, signed))).event();
    }
}
