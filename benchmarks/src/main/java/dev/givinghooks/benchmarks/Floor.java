package dev.givinghooks.benchmarks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor: what the verifiers' work costs done by hand with the JDK and Jackson, with nothing
 * a library adds (no header checks, no window, no limits, no events). Each thread has its own
 * {@code Mac} and {@code Cipher}, initialised once, which is the cheapest correct reuse there is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Floor {
    private static final HexFormat HEX = HexFormat.of();
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Body size in bytes (a Giving Block body is the largest whole-block size not above it). */
    @Param({"1024", "16384"})
    public int size;

    private Mac mac;
    private byte[] sirPrefix;
    private byte[] sirBody;
    private String sirSignatureHex;
    private byte[] chuffedBody;
    private Cipher cipher;
    private String tgbPayloadHex;
    private byte[] tgbCiphertext;
    private byte[] tgbPlaintext;

    @Setup
    public void setUp() throws GeneralSecurityException {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Bodies.SIR_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        sirPrefix = (System.currentTimeMillis() / 1000 + ".").getBytes(StandardCharsets.UTF_8);
        sirBody = Bodies.sirActionCompleted(size);
        mac.update(sirPrefix);
        sirSignatureHex = HEX.formatHex(mac.doFinal(sirBody));
        chuffedBody = Bodies.chuffedDonation(size);

        cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HEX.parseHex(Bodies.TGB_KEY_HEX), "AES"),
                new IvParameterSpec(HEX.parseHex(Bodies.TGB_IV_HEX)));
        tgbPlaintext = Bodies.tgbDeposit(size, System.currentTimeMillis());
        tgbPayloadHex = Bodies.tgbPayloadHex(Bodies.tgbEnvelope(tgbPlaintext));
        tgbCiphertext = HEX.parseHex(tgbPayloadHex);

        if (!hmacSha256() || !MessageDigest.isEqual(aesCbcDecrypt(), tgbPlaintext)) {
            throw new IllegalStateException("floor set-up does not round-trip");
        }
    }

    /** HMAC-SHA256 of {@code timestamp + "." + body} with a reused Mac; hex-decode the received tag; constant-time compare. */
    @Benchmark
    public boolean hmacSha256() {
        mac.update(sirPrefix);
        byte[] computed = mac.doFinal(sirBody);
        return MessageDigest.isEqual(computed, HEX.parseHex(sirSignatureHex));
    }

    /** AES-256-CBC decryption (PKCS#7) of the raw ciphertext bytes with a reused Cipher. */
    @Benchmark
    public byte[] aesCbcDecrypt() throws GeneralSecurityException {
        return cipher.doFinal(tgbCiphertext);
    }

    /** Hex decoding of the Giving Block payload with {@link HexFormat}. */
    @Benchmark
    public byte[] hexDecode() {
        return HEX.parseHex(tgbPayloadHex);
    }

    /** Jackson record binding of the SIR Giving body. */
    @Benchmark
    public SirEnvelope jsonRecordSir() {
        return MAPPER.readValue(sirBody, SirEnvelope.class);
    }

    /** Jackson record binding of the Chuffed body. */
    @Benchmark
    public ChuffedBody jsonRecordChuffed() {
        return MAPPER.readValue(chuffedBody, ChuffedBody.class);
    }

    /** Jackson record binding of the Giving Block plaintext. */
    @Benchmark
    public TgbDeposit jsonRecordTgb() {
        return MAPPER.readValue(tgbPlaintext, TgbDeposit.class);
    }

    record SirEnvelope(String id, String type, String createdAt, SirData data) {
    }

    record SirData(String actionId, String idempotencyKey, String status, int tokensDistributed,
            List<String> transactionIds, String partnerReference) {
    }

    private record ChuffedBody(ChuffedData data) {
    }

    private record ChuffedData(long id, String created_at, Money donation, Money total, Money donation_converted,
            boolean recurring, String recurring_period, int recurring_iteration, String payment_type, String visibility,
            Vendor payment_vendor, Recipient recipient, Campaign campaign, Identity identity, Perk perk) {
    }

    private record Money(long amount, String currency) {
    }

    private record Vendor(String name, String reference) {
    }

    private record Recipient(String type, long id) {
    }

    private record Campaign(long id, String title) {
    }

    private record Identity(String email, String first_name, String last_name, String address, String phone) {
    }

    private record Perk(String title, int multiplier, String answer) {
    }

    private record TgbDeposit(String id, String type, String status, String timestampms, String eid, String transactionHash,
            String currency, BigDecimal amount, long organizationId, long eventTimestamp, String pledgeId,
            BigDecimal valueAtDonationTimeUSD, String paymentMethod, BigDecimal payoutAmount, String payoutCurrency,
            String campaignId, String externalId) {
    }
}
