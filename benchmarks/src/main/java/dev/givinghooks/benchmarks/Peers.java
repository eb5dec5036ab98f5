package dev.givinghooks.benchmarks;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * Peer libraries doing equivalent HMAC-SHA256 work on the same SIR Giving body, each given a
 * valid delivery made with its own signing scheme. All of them take the body as a
 * {@code String}; it is decoded once in set-up, which favours the peers (a receiver holding the
 * raw bytes would pay for the decoding on every request).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Peers {
    private static final String STRIPE_SECRET = "whsec_5f0c3a9e1b7d42c68e2f9a4b3c1d0e7f";
    private static final long TOLERANCE_SECONDS = 300;

    /** Body size in bytes. */
    @Param({"1024", "16384"})
    public int size;

    private String payload;
    private String stripeHeader;
    private com.svix.Webhook svix;
    private Map<String, List<String>> svixHeaders;
    private com.standardwebhooks.Webhook standardWebhooks;
    private Map<String, List<String>> standardHeaders;

    @Setup
    public void setUp() throws Exception {
        payload = new String(Bodies.sirActionCompleted(size), StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() / 1000;

        // Stripe: Stripe-Signature "t=<unix>,v1=<hex HMAC of t.payload>", keyed with the whole secret text.
        stripeHeader = "t=" + now + ",v1=" + Webhook.Util.computeHmacSha256(STRIPE_SECRET, now + "." + payload);

        // Svix and Standard Webhooks: whsec_<base64 key>; "v1,<base64 HMAC of id.t.payload>".
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (31 * i + 7);
        }
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        String messageId = "msg_2Xz9p6Qd1kLm3Nb4Vc5Ty7Rw8";

        svix = new com.svix.Webhook(secret);
        svixHeaders = Map.of(
                "svix-id", List.of(messageId),
                "svix-timestamp", List.of(Long.toString(now)),
                "svix-signature", List.of(svix.sign(messageId, now, payload)));

        standardWebhooks = new com.standardwebhooks.Webhook(secret);
        standardHeaders = Map.of(
                "webhook-id", List.of(messageId),
                "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(standardWebhooks.sign(messageId, now, payload)));

        // Fail the trial at once if a peer rejects its delivery.
        stripeVerifyHeader();
        stripeConstructEvent();
        svixVerify();
        standardWebhooksVerify();
    }

    /** stripe-java signature check. */
    @Benchmark
    public boolean stripeVerifyHeader() throws SignatureVerificationException {
        return Webhook.Signature.verifyHeader(payload, stripeHeader, STRIPE_SECRET, TOLERANCE_SECONDS);
    }

    /** stripe-java signature check and Gson parse into its {@code Event}. */
    @Benchmark
    public Event stripeConstructEvent() throws SignatureVerificationException {
        return Webhook.constructEvent(payload, stripeHeader, STRIPE_SECRET, TOLERANCE_SECONDS);
    }

    /** Svix signature check. */
    @Benchmark
    public Map<String, List<String>> svixVerify() throws Exception {
        svix.verify(payload, svixHeaders);
        return svixHeaders;
    }

    /** Standard Webhooks signature check. */
    @Benchmark
    public Map<String, List<String>> standardWebhooksVerify() throws Exception {
        standardWebhooks.verify(payload, standardHeaders);
        return standardHeaders;
    }
}
