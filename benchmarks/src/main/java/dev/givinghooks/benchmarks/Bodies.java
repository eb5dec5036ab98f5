package dev.givinghooks.benchmarks;

import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockKey;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The bodies every benchmark shares: realistic provider JSON grown to an exact size with
 * realistic repeated content (transaction ids, a donor's answer, a memo), so that floors, the
 * verifiers and the peers hash, decrypt and parse the very same bytes. Seeded: every run and
 * every fork sees identical bodies.
 */
final class Bodies {
    /*
     * Sizes are exact for the HMAC bodies (1024 and 16384 bytes). A Giving Block body is the
     * envelope around hex ciphertext, so it is the largest whole-block size not above the
     * target (1007 and 16367 bytes).
     */

    /** The SIR Giving webhook secret: {@code whsec_} and 64 hex digits, as SIR issues them. */
    static final String SIR_SECRET = "whsec_5f0c3a9e1b7d42c68e2f9a4b3c1d0e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d";
    /** The secret a Chuffed customer chose. */
    static final String CHUFFED_SECRET = "kitchen-rebuild-2026-webhook-secret";
    /** The Giving Block key and IV (hex), as issued with API credentials. */
    static final String TGB_KEY_HEX = "ae97bfa25b4abcbb7d8722fc5c60747bf7687ec22d1463174f0176ad6daa96ec";
    static final String TGB_IV_HEX = "9663f5821170b172c51ecdd86677132f";
    /** The SIR partner-API HMAC secret (64 hex characters, used as text). */
    static final String PARTNER_HMAC_SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static final HexFormat HEX = HexFormat.of();
    private static final String TGB_ENVELOPE_START = "{\"eventType\":\"DEPOSIT_TRANSACTION\",\"payload\":\"";
    private static final String TGB_ENVELOPE_END = "\"}";
    private static final String[] WORDS = ("thank you for rebuilding the kitchen our family ate there every week "
            + "after the flood took the house and the volunteers kept the stoves going so please use this "
            + "for the new cool room and the ramp at the back door").split(" ");

    private Bodies() {
    }

    /** A SIR Giving {@code action.completed} envelope of exactly {@code size} bytes. */
    static byte[] sirActionCompleted(int size) {
        RandomGenerator random = random(1);
        StringBuilder json = new StringBuilder(size)
                .append("{\"id\":\"evt_").append(hex(random, 12)).append("\",\"type\":\"action.completed\",")
                .append("\"createdAt\":\"2026-05-10T09:12:00.482Z\",\"data\":{\"actionId\":\"act_").append(hex(random, 12))
                .append("\",\"idempotencyKey\":\"purchase_").append(random.nextInt(10_000, 99_999))
                .append("\",\"status\":\"COMPLETED\",\"tokensDistributed\":50,\"transactionIds\":[");
        String tail = "],\"partnerReference\":\"order-";
        String close = "\"}}";
        boolean first = true;
        // Each id adds 31 bytes (30 with the first); stop while the reference keeps 8 or more.
        while (json.length() + 31 + tail.length() + 8 + close.length() <= size) {
            json.append(first ? "" : ",").append("\"txn_").append(hex(random, 12)).append('"');
            first = false;
        }
        json.append(tail);
        return fill(json, size, close, random);
    }

    /** A Chuffed "Donation: Payment Confirmed" body of exactly {@code size} bytes. */
    static byte[] chuffedDonation(int size) {
        RandomGenerator random = random(2);
        StringBuilder json = new StringBuilder(size)
                .append("{\"data\":{\"id\":").append(random.nextInt(1_000_000, 9_999_999))
                .append(",\"created_at\":\"2026-05-10T09:12:00Z\",")
                .append("\"donation\":{\"amount\":5000,\"currency\":\"AUD\"},")
                .append("\"total\":{\"amount\":5295,\"currency\":\"AUD\"},")
                .append("\"donation_converted\":{\"amount\":5000,\"currency\":\"AUD\"},")
                .append("\"recurring\":true,\"recurring_period\":\"monthly\",\"recurring_iteration\":3,")
                .append("\"payment_type\":\"stripe\",\"visibility\":\"visible\",")
                .append("\"payment_vendor\":{\"name\":\"stripe\",\"reference\":\"py_").append(hex(random, 12)).append("\"},")
                .append("\"recipient\":{\"type\":\"campaign\",\"id\":118842},")
                .append("\"campaign\":{\"id\":118842,\"title\":\"Rebuild the Lismore community kitchen after the floods\"},")
                .append("\"identity\":{\"email\":\"jordan.lee@example.org\",\"first_name\":\"Jordan\",\"last_name\":\"Lee\",")
                .append("\"subscriptions\":{\"campaign\":true},\"address\":\"12 Molesworth Street, Lismore NSW 2480\",")
                .append("\"phone\":\"+61 400 000 000\"},")
                .append("\"perk\":{\"title\":\"Thank-you card\",\"multiplier\":1,\"answer\":\"");
        return fill(json, size, "\"}}}", random);
    }

    /**
     * A Giving Block {@code DEPOSIT_TRANSACTION} plaintext sized so that its encrypted envelope is
     * the largest whole-block body not above {@code bodySize}.
     */
    static byte[] tgbDeposit(int bodySize, long eventTimestampMillis) {
        int maxCiphertext = (bodySize - TGB_ENVELOPE_START.length() - TGB_ENVELOPE_END.length()) / 2;
        int ciphertext = maxCiphertext / 16 * 16;
        int plaintextSize = ciphertext - 9; // PKCS#7 then adds 9 bytes of padding
        RandomGenerator random = random(3);
        StringBuilder json = new StringBuilder(plaintextSize)
                .append("{\"id\":\"").append(uuid(random)).append("\",\"type\":\"Deposit\",\"status\":\"Complete\",")
                .append("\"timestampms\":\"").append(eventTimestampMillis - 4_100_000).append("\",\"eid\":\"")
                .append(random.nextInt(100_000_000, 999_999_999)).append("\",\"transactionHash\":\"0x").append(hex(random, 32))
                .append("\",\"currency\":\"ETH\",\"amount\":1.35,\"organizationId\":1234567,\"eventTimestamp\":")
                .append(eventTimestampMillis).append(",\"pledgeId\":\"").append(uuid(random))
                .append("\",\"valueAtDonationTimeUSD\":4159.42,\"paymentMethod\":\"Crypto\",")
                .append("\"payoutCurrency\":\"USD\",\"externalId\":\"donor-");
        return fill(json, plaintextSize, "\"}", random);
    }

    /** The delivery body around a Giving Block plaintext. */
    static byte[] tgbEnvelope(byte[] plaintext) {
        return GivingBlock.envelope("DEPOSIT_TRANSACTION", GivingBlockKey.of(TGB_KEY_HEX, TGB_IV_HEX), plaintext);
    }

    /** The {@code payload} hex of a Giving Block envelope built by {@link #tgbEnvelope}. */
    static String tgbPayloadHex(byte[] envelope) {
        String text = new String(envelope, StandardCharsets.UTF_8);
        if (!text.startsWith(TGB_ENVELOPE_START) || !text.endsWith(TGB_ENVELOPE_END)) {
            throw new IllegalStateException("unexpected envelope layout");
        }
        return text.substring(TGB_ENVELOPE_START.length(), text.length() - TGB_ENVELOPE_END.length());
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static byte[] fill(StringBuilder json, int size, String close, RandomGenerator random) {
        int room = size - json.length() - close.length();
        if (room < 0) {
            throw new IllegalArgumentException("size " + size + " is too small for the fixed fields");
        }
        StringBuilder text = new StringBuilder(room);
        while (text.length() < room) {
            text.append(text.length() == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        text.setLength(room);
        if (room > 0 && text.charAt(room - 1) == ' ') {
            text.setCharAt(room - 1, '.');
        }
        byte[] bytes = json.append(text).append(close).toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length != size) {
            throw new IllegalStateException("built " + bytes.length + " bytes, not " + size);
        }
        return bytes;
    }

    private static RandomGenerator random(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    private static String hex(RandomGenerator random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HEX.formatHex(value);
    }

    private static String uuid(RandomGenerator random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString().toLowerCase(Locale.ROOT);
    }
}
