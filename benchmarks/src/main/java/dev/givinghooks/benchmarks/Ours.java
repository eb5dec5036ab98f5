package dev.givinghooks.benchmarks;

import dev.givinghooks.Reason;
import dev.givinghooks.SignatureVerifier;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.chuffed.ChuffedEvent;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockEvent;
import dev.givinghooks.sirgiving.PartnerApiSigner;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.sirgiving.SirGivingEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The library through its public API only, with every default. One verifier of each kind is
 * shared by all benchmark threads, as an application shares it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Ours {
    /** Body size in bytes (a Giving Block body is the largest whole-block size not above it). */
    @Param({"1024", "16384"})
    public int size;

    private WebhookVerifier<SirGivingEvent> sir;
    private SignatureVerifier sirSignatures;
    private WebhookVerifier<ChuffedEvent> chuffed;
    private SignatureVerifier chuffedSignatures;
    private WebhookVerifier<GivingBlockEvent> tgb;
    private PartnerApiSigner partnerApi;

    private WebhookRequest sirFull;
    private WebhookRequest sirForgedRequest;
    private WebhookRequest chuffedFull;
    private WebhookRequest tgbFull;
    private byte[] partnerBody;
    private long partnerTimestamp;

    @Setup
    public void setUp() {
        sir = SirGiving.verifier(Bodies.SIR_SECRET);
        sirSignatures = SirGiving.signatureVerifier(Bodies.SIR_SECRET);
        chuffed = Chuffed.verifier(Bodies.CHUFFED_SECRET);
        chuffedSignatures = Chuffed.signatureVerifier(Bodies.CHUFFED_SECRET);
        tgb = GivingBlock.decryptor(Bodies.TGB_KEY_HEX, Bodies.TGB_IV_HEX);
        partnerApi = PartnerApiSigner.of("sk_test_51bench0partner0key", Bodies.PARTNER_HMAC_SECRET);

        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        sirFull = sirRequest(timestamp, Bodies.sirActionCompleted(size));
        byte[] forgedBody = Bodies.sirActionCompleted(size);
        sirForgedRequest = WebhookRequest.of(Map.of(
                SirGiving.TIMESTAMP_HEADER, List.of(timestamp),
                SirGiving.SIGNATURE_HEADER, List.of(SirGiving.sign("whsec_not-the-configured-secret-at-all", timestamp, forgedBody))),
                forgedBody);
        chuffedFull = chuffedRequest(Bodies.chuffedDonation(size));
        tgbFull = WebhookRequest.of(Map.of("Content-Type", List.of("application/json")),
                Bodies.tgbEnvelope(Bodies.tgbDeposit(size, System.currentTimeMillis())));
        partnerBody = Bodies.sirActionCompleted(size);
        partnerTimestamp = System.currentTimeMillis() / 1000;

        // Fail the trial at once if a body does not verify: a rejection would measure the wrong thing.
        sirSignature();
        sirVerify();
        chuffedSignature();
        chuffedVerify();
        tgbVerify();
        if (sirForged().reason() != Reason.SIGNATURE_MISMATCH) {
            throw new IllegalStateException("forged delivery not refused for its signature");
        }
    }

    private static WebhookRequest sirRequest(String timestamp, byte[] body) {
        return WebhookRequest.of(Map.of(
                "Content-Type", List.of("application/json"),
                SirGiving.TIMESTAMP_HEADER, List.of(timestamp),
                SirGiving.SIGNATURE_HEADER, List.of(SirGiving.sign(Bodies.SIR_SECRET, timestamp, body))), body);
    }

    private static WebhookRequest chuffedRequest(byte[] body) {
        return WebhookRequest.of(Map.of(
                "Content-Type", List.of("application/json"),
                Chuffed.SIGNATURE_HEADER, List.of(Chuffed.sign(Bodies.CHUFFED_SECRET, body))), body);
    }

    /** SIR Giving signature and timestamp check of the {@code action.completed} delivery, body unread. */
    @Benchmark
    public int sirSignature() {
        return sirSignatures.verifySignature(sirFull);
    }

    /** SIR Giving refusal of a well-formed signature made with another secret, over the full body. */
    @Benchmark
    public WebhookRejectedException sirForged() {
        try {
            sir.verify(sirForgedRequest);
            throw new IllegalStateException("forged delivery accepted");
        } catch (WebhookRejectedException e) {
            return e;
        }
    }

    /** SIR Giving verify and typed event of the {@code action.completed} body. */
    @Benchmark
    public Verified<SirGivingEvent> sirVerify() {
        return sir.verify(sirFull);
    }

    /** Chuffed signature check of the donation delivery, body unread. */
    @Benchmark
    public int chuffedSignature() {
        return chuffedSignatures.verifySignature(chuffedFull);
    }

    /** Chuffed verify and typed event of the donation body. */
    @Benchmark
    public Verified<ChuffedEvent> chuffedVerify() {
        return chuffed.verify(chuffedFull);
    }

    /** The Giving Block envelope parse, hex decode, decrypt, window and typed event. */
    @Benchmark
    public Verified<GivingBlockEvent> tgbVerify() {
        return tgb.verify(tgbFull);
    }

    /**
     * {@link #tgbVerify} and its idempotency key, the SHA-256 of the plaintext, which is derived
     * only when asked for: what a deduplicating adapter pays.
     */
    @Benchmark
    public String tgbVerifyAndKey() {
        return tgb.verify(tgbFull).idempotencyKey();
    }

    /** SIR partner-API request signing ({@code X-Signature}) of a POST with the body as payload. */
    @Benchmark
    public String partnerApiSign() {
        return partnerApi.signature(partnerTimestamp, "POST", "/v1/partner/actions/submit", partnerBody);
    }
}
