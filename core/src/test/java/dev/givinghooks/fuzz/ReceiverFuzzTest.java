package dev.givinghooks.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.givinghooks.TestSupport;
import dev.givinghooks.WebhookReceiver;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.spi.IdempotencyStore;

/**
 * Fuzzes the receiver, the lifecycle every adapter runs: any delivery, authentic or not, ends in
 * an answer (a refusal with a 4xx status, or 200 for a duplicate) or an accepted delivery that
 * settles once; nothing else escapes, and a refusal is never 5xx.
 */
class ReceiverFuzzTest {
    private static final String SECRET = "fuzz-chuffed-secret-0123456789";
    private static final WebhookReceiver RECEIVER = WebhookReceiver.builder(Chuffed.verifierBuilder().secrets(SECRET).maxBodyBytes(8192).build())
            .idempotencyStore(IdempotencyStore.inMemory(1000, TestSupport.fixedAt(1_746_876_000L))).build();

    @FuzzTest
    void anyDelivery(FuzzedDataProvider data) {
        boolean signed = data.consumeBoolean();
        int status = data.consumeInt(100, 599);
        String header = signed ? null : data.consumeString(80);
        byte[] body = data.consumeRemainingAsBytes();
        WebhookRequest request = TestSupport.request(body, Chuffed.SIGNATURE_HEADER, signed ? Chuffed.sign(SECRET, body) : header);
        WebhookReceiver.Outcome outcome = RECEIVER.receive(request);
        if (outcome instanceof WebhookReceiver.Accepted accepted) {
            accepted.settle(status);
            if (!accepted.settled()) {
                throw new AssertionError("settle did not settle");
            }
        } else if (outcome instanceof WebhookReceiver.Answer answer) {
            if (answer.status() >= 500 || answer.status() < 200) {
                throw new AssertionError("a delivery was answered " + answer.status());
            }
            if (!signed && answer.status() == 200) {
                throw new AssertionError("an unsigned delivery was acknowledged as a duplicate");
            }
        } else {
            throw new AssertionError("no outcome");
        }
    }
}
