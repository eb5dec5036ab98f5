package dev.givinghooks.testkit;

import static dev.givinghooks.Reason.BODY_TOO_LARGE;
import static dev.givinghooks.Reason.MALFORMED_PAYLOAD;
import static dev.givinghooks.Reason.MALFORMED_SIGNATURE;
import static dev.givinghooks.Reason.MALFORMED_TIMESTAMP;
import static dev.givinghooks.Reason.MISSING_SIGNATURE;
import static dev.givinghooks.Reason.MISSING_TIMESTAMP;
import static dev.givinghooks.Reason.SIGNATURE_MISMATCH;
import static dev.givinghooks.Reason.TIMESTAMP_IN_FUTURE;
import static dev.givinghooks.Reason.TIMESTAMP_TOO_OLD;
import static dev.givinghooks.Reason.UNDECRYPTABLE_PAYLOAD;

import dev.givinghooks.Provider;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.sirgiving.SirGiving;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the catalogue of positive and negative variants of every provider for one testkit. */
final class Catalogue {
    /*
     * Each variant isolates one property of a delivery and names the outcome core must produce:
     * the order of core's checks (size, signature shape, timestamp shape, MAC, window, JSON) is
     * respected, so a variant that breaks one thing keeps everything else valid (a stale
     * timestamp is correctly signed, a malformed signature comes with a valid timestamp, an
     * authentic-but-malformed body is correctly signed).
     */
    private static final byte[] CRLF = {'\r', '\n'};
    private static final String UNICODE = "Danke schön — 寄付 — 🎉🐕‍🦺";

    private final Testkit kit;
    private final Credentials credentials;
    private final Instant now;

    Catalogue(Testkit kit) {
        this.kit = kit;
        this.credentials = kit.credentials();
        this.now = kit.now();
    }

    List<Variant> all() {
        List<Variant> all = new ArrayList<>();
        for (Provider provider : Provider.values()) {
            all.addAll(of(provider));
        }
        return all;
    }

    List<Variant> of(Provider provider) {
        return switch (provider) {
            case SIR_GIVING -> sirGiving();
            case GIVING_BLOCK -> givingBlock();
            case CHUFFED -> chuffed();
        };
    }

    private List<Variant> sirGiving() {
        SirGivingFixtures sir = kit.sirGiving();
        String secret = credentials.sirGivingSecrets().get(0);
        String ts = Long.toString(now.getEpochSecond());
        List<Variant> v = new ArrayList<>();
        v.add(Variant.of("action-completed", sir.actionCompleted().signed(), Expected.verified(0)));
        v.add(Variant.of("action-failed", sir.actionFailed().signed(), Expected.verified(0)));
        v.add(Variant.of("transaction-completed", sir.transactionCompleted().signed(), Expected.verified(0)));
        v.add(Variant.of("unknown-type", sir.event("pool.low").data("poolId", "pool_" + kit.nextHex(6))
                .data("remaining", 120).signed(), Expected.verified(0)));
        v.add(Variant.of("rotated-secret", sir.actionCompleted().signedWith(credentials.sirGivingSecrets().get(1), ts),
                Expected.verified(1)));
        v.add(Variant.of("unicode-emoji-body", sir.actionCompleted().data("note", UNICODE).signed(), Expected.verified(0)));
        v.add(Variant.of("trailing-crlf-signed", SirGivingFixtures.sign(concat(sir.actionCompleted().body(), CRLF), secret, ts),
                Expected.verified(0)));

        Fixture good = sir.actionCompleted().signed();
        v.add(Variant.of("tampered-byte", good.withBody(tamper(good.body())), Expected.rejected(SIGNATURE_MISMATCH)));
        v.add(Variant.of("wrong-secret", sir.actionCompleted().signedWith(credentials.sirGivingWrongSecret(), ts),
                Expected.rejected(SIGNATURE_MISMATCH)));
        SirGivingEventBuilder reserialized = sir.actionCompleted();
        v.add(Variant.of("signature-over-reserialized-json", SirGivingFixtures.headers(reserialized.body(), ts,
                SirGiving.sign(secret, ts, JsonText.writePretty(reserialized.document()))), Expected.rejected(SIGNATURE_MISMATCH)));
        Fixture crlf = sir.actionCompleted().signed();
        v.add(Variant.of("trailing-crlf-added", crlf.withBody(concat(crlf.body(), CRLF)), Expected.rejected(SIGNATURE_MISMATCH)));
        v.add(Variant.of("stale-timestamp", sir.actionCompleted().signedAt(now.minus(Duration.ofMinutes(10))),
                Expected.rejected(TIMESTAMP_TOO_OLD)));
        v.add(Variant.of("future-timestamp", sir.actionCompleted().signedAt(now.plus(Duration.ofMinutes(10))),
                Expected.rejected(TIMESTAMP_IN_FUTURE)));
        v.add(Variant.of("missing-signature", sir.actionCompleted().signed().withoutHeader(SirGiving.SIGNATURE_HEADER),
                Expected.rejected(MISSING_SIGNATURE)));
        Fixture twice = sir.actionCompleted().signed();
        v.add(Variant.of("duplicated-signature", twice.withHeader(SirGiving.SIGNATURE_HEADER, twice.headers(SirGiving.SIGNATURE_HEADER).get(0)),
                Expected.rejected(MALFORMED_SIGNATURE)));
        Fixture bare = sir.actionCompleted().signed();
        v.add(Variant.of("signature-without-prefix", bare.withHeaderReplaced(SirGiving.SIGNATURE_HEADER,
                bare.headers(SirGiving.SIGNATURE_HEADER).get(0).substring(SirGiving.SIGNATURE_PREFIX.length())),
                Expected.rejected(MALFORMED_SIGNATURE)));
        v.add(Variant.of("signature-not-hex", sir.actionCompleted().signed().withHeaderReplaced(SirGiving.SIGNATURE_HEADER,
                SirGiving.SIGNATURE_PREFIX + "zz".repeat(32)), Expected.rejected(MALFORMED_SIGNATURE)));
        Fixture shortSig = sir.actionCompleted().signed();
        v.add(Variant.of("signature-truncated", shortSig.withHeaderReplaced(SirGiving.SIGNATURE_HEADER,
                shortSig.headers(SirGiving.SIGNATURE_HEADER).get(0).substring(0, SirGiving.SIGNATURE_PREFIX.length() + 62)),
                Expected.rejected(MALFORMED_SIGNATURE)));
        v.add(Variant.of("missing-timestamp", sir.actionCompleted().signed().withoutHeader(SirGiving.TIMESTAMP_HEADER),
                Expected.rejected(MISSING_TIMESTAMP)));
        v.add(Variant.of("duplicated-timestamp", sir.actionCompleted().signed().withHeader(SirGiving.TIMESTAMP_HEADER, ts),
                Expected.rejected(MALFORMED_TIMESTAMP)));
        v.add(Variant.of("timestamp-iso-8601", sir.actionCompleted().signedWith(secret, now.toString()),
                Expected.rejected(MALFORMED_TIMESTAMP)));
        v.add(Variant.of("timestamp-in-milliseconds", sir.actionCompleted().signedWith(secret, Long.toString(now.toEpochMilli())),
                Expected.rejected(MALFORMED_TIMESTAMP)));
        SirGivingEventBuilder big = sir.actionCompleted();
        v.add(Variant.of("oversized-body", SirGivingFixtures.sign(oversized(padding -> big.data("padding", padding).body()),
                secret, ts), Expected.rejected(BODY_TOO_LARGE)));
        v.add(Variant.of("authentic-not-json", SirGivingFixtures.sign(bytes("thank you for your donation"), secret, ts),
                Expected.rejected(MALFORMED_PAYLOAD)));
        v.add(Variant.of("authentic-without-id", sir.actionCompleted().withoutEnvelope("id").signed(),
                Expected.rejected(MALFORMED_PAYLOAD)));
        Fixture once = sir.actionCompleted().signed();
        v.add(new Variant("duplicate-delivery", Provider.SIR_GIVING, List.of(once, once), Expected.duplicate()));
        return v;
    }

    private List<Variant> givingBlock() {
        GivingBlockFixtures tgb = kit.givingBlock();
        Credentials.KeyPair key = credentials.givingBlockKeys().get(0);
        List<Variant> v = new ArrayList<>();
        v.add(Variant.of("deposit", tgb.deposit().encrypted(), Expected.verified(0)));
        v.add(Variant.of("converted", tgb.converted().encrypted(), Expected.verified(0)));
        v.add(Variant.of("merchant-status", tgb.merchantStatus().encrypted(), Expected.verified(0)));
        v.add(Variant.of("unknown-type", tgb.event("DONATION_REFUNDED").encrypted(), Expected.verified(0)));
        v.add(Variant.of("rotated-key", tgb.deposit().encryptedWith(credentials.givingBlockKeys().get(1)), Expected.verified(1)));
        v.add(Variant.of("unicode-emoji-payload", tgb.deposit().set("externalId", UNICODE).encrypted(), Expected.verified(0)));
        GivingBlockEventBuilder upper = tgb.deposit();
        v.add(Variant.of("uppercase-hex-payload", envelope(upper.eventType(),
                GivingBlock.encrypt(key.toKey(), upper.plaintext()).toUpperCase(Locale.ROOT)), Expected.verified(0)));

        v.add(Variant.of("wrong-key", tgb.deposit().encryptedWith(credentials.givingBlockWrongKey()), Expected.rejected(UNDECRYPTABLE_PAYLOAD)));
        v.add(Variant.of("tampered-ciphertext", withCiphertext(tgb.deposit(), key, c -> { c[3] ^= 0x01; return c; }),
                Expected.rejected(UNDECRYPTABLE_PAYLOAD)));
        v.add(Variant.of("truncated-ciphertext", withCiphertext(tgb.deposit(), key, c -> java.util.Arrays.copyOf(c, c.length - 16)),
                Expected.rejected(UNDECRYPTABLE_PAYLOAD)));
        GivingBlockEventBuilder odd = tgb.deposit();
        String oddHex = GivingBlock.encrypt(key.toKey(), odd.plaintext());
        v.add(Variant.of("odd-length-hex", envelope(odd.eventType(), oddHex.substring(0, oddHex.length() - 1)),
                Expected.rejected(UNDECRYPTABLE_PAYLOAD)));
        v.add(Variant.of("bad-padding", withCiphertext(tgb.deposit(), key, c -> { c[c.length - 17] ^= (byte) 0x80; return c; }),
                Expected.rejected(UNDECRYPTABLE_PAYLOAD)));
        v.add(Variant.of("re-padded-extra-block", withCiphertext(tgb.deposit(), key, c -> concat(c, java.util.Arrays.copyOf(c, 16))),
                Expected.rejected(UNDECRYPTABLE_PAYLOAD)));
        v.add(Variant.of("plaintext-not-json", GivingBlockFixtures.encrypt(GivingBlockFixtures.DEPOSIT_TRANSACTION,
                bytes("deposit complete"), key), Expected.rejected(UNDECRYPTABLE_PAYLOAD)));
        v.add(Variant.of("plaintext-not-utf8", GivingBlockFixtures.encrypt(GivingBlockFixtures.DEPOSIT_TRANSACTION,
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, key), Expected.rejected(UNDECRYPTABLE_PAYLOAD)));
        v.add(Variant.of("plaintext-json-array", GivingBlockFixtures.encrypt(GivingBlockFixtures.DEPOSIT_TRANSACTION,
                bytes("[{\"eventTimestamp\":" + now.toEpochMilli() + "}]"), key), Expected.rejected(UNDECRYPTABLE_PAYLOAD)));
        v.add(Variant.of("envelope-without-payload", GivingBlockFixtures.envelope(bytes("{\"eventType\":\"DEPOSIT_TRANSACTION\"}")),
                Expected.rejected(UNDECRYPTABLE_PAYLOAD)));
        v.add(Variant.of("stale-event-timestamp", tgb.deposit().eventTimestamp(now.minus(Duration.ofHours(2))).encrypted(),
                Expected.rejected(TIMESTAMP_TOO_OLD)));
        v.add(Variant.of("future-event-timestamp", tgb.deposit().eventTimestamp(now.plus(Duration.ofMinutes(10))).encrypted(),
                Expected.rejected(TIMESTAMP_IN_FUTURE)));
        v.add(Variant.of("missing-event-timestamp", tgb.deposit().remove("eventTimestamp").encrypted(),
                Expected.rejected(MISSING_TIMESTAMP)));
        v.add(Variant.of("malformed-event-timestamp", tgb.deposit().set("eventTimestamp", "yesterday").encrypted(),
                Expected.rejected(MALFORMED_TIMESTAMP)));
        v.add(Variant.of("event-type-disagrees", tgb.merchantStatus().eventType(GivingBlockFixtures.DEPOSIT_TRANSACTION).encrypted(),
                Expected.rejected(MALFORMED_PAYLOAD)));
        GivingBlockEventBuilder untyped = tgb.deposit();
        Map<String, Object> noType = new LinkedHashMap<>();
        noType.put("payload", GivingBlock.encrypt(key.toKey(), untyped.plaintext()));
        v.add(Variant.of("envelope-without-event-type", GivingBlockFixtures.envelope(JsonText.write(noType)),
                Expected.rejected(MALFORMED_PAYLOAD)));
        GivingBlockEventBuilder big = tgb.deposit();
        big.set("padding", "x".repeat(kit.maxBodyBytes() / 2 + 64));
        v.add(Variant.of("oversized-body", big.encrypted(), Expected.rejected(BODY_TOO_LARGE)));
        Fixture once = tgb.deposit().encrypted();
        v.add(new Variant("duplicate-delivery", Provider.GIVING_BLOCK, List.of(once, once), Expected.duplicate()));
        return v;
    }

    private List<Variant> chuffed() {
        ChuffedFixtures chuffed = kit.chuffed();
        String secret = credentials.chuffedSecrets().get(0);
        List<Variant> v = new ArrayList<>();
        v.add(Variant.of("payment-confirmed", chuffed.paymentConfirmed().signed(), Expected.verified(0)));
        v.add(Variant.of("payment-confirmed-with-perk", chuffed.paymentConfirmed().perk("Kennel sponsor badge", 2, "Rex")
                .signed(), Expected.verified(0)));
        v.add(Variant.of("payment-confirmed-recurring", chuffed.paymentConfirmed().recurring("monthly", 3).signed(),
                Expected.verified(0)));
        v.add(Variant.of("payment-confirmed-direct-debit-anonymous", chuffed.paymentConfirmed().paymentType("stripe_direct_debit")
                .visibility("anonymous").signed(), Expected.verified(0)));
        v.add(Variant.of("unknown-event", chuffed.otherEvent().signed(), Expected.verified(0)));
        v.add(Variant.of("rotated-secret", chuffed.paymentConfirmed().signedWith(credentials.chuffedSecrets().get(1)),
                Expected.verified(1)));
        v.add(Variant.of("unicode-emoji-body", chuffed.paymentConfirmed().set("note", UNICODE).signed(), Expected.verified(0)));
        Fixture upper = chuffed.paymentConfirmed().signed();
        v.add(Variant.of("uppercase-hex-signature", upper.withHeaderReplaced(Chuffed.SIGNATURE_HEADER,
                upper.headers(Chuffed.SIGNATURE_HEADER).get(0).toUpperCase(Locale.ROOT)), Expected.verified(0)));
        v.add(Variant.of("trailing-crlf-signed", ChuffedFixtures.sign(concat(chuffed.paymentConfirmed().body(), CRLF), secret),
                Expected.verified(0)));
        ChuffedDonationBuilder first = chuffed.paymentConfirmed().recurring("monthly", 3);
        Fixture iteration3 = first.signed();
        Fixture iteration4 = first.recurring("monthly", 4).signed();
        v.add(new Variant("recurring-next-iteration", Provider.CHUFFED, List.of(iteration3, iteration4), Expected.verified(0)));

        Fixture good = chuffed.paymentConfirmed().signed();
        v.add(Variant.of("tampered-byte", good.withBody(tamper(good.body())), Expected.rejected(SIGNATURE_MISMATCH)));
        v.add(Variant.of("wrong-secret", chuffed.paymentConfirmed().signedWith(credentials.chuffedWrongSecret()),
                Expected.rejected(SIGNATURE_MISMATCH)));
        ChuffedDonationBuilder reserialized = chuffed.paymentConfirmed();
        v.add(Variant.of("signature-over-reserialized-json", ChuffedFixtures.headers(reserialized.body(),
                Chuffed.sign(secret, JsonText.writePretty(reserialized.document()))), Expected.rejected(SIGNATURE_MISMATCH)));
        Fixture crlf = chuffed.paymentConfirmed().signed();
        v.add(Variant.of("trailing-crlf-added", crlf.withBody(concat(crlf.body(), CRLF)), Expected.rejected(SIGNATURE_MISMATCH)));
        v.add(Variant.of("missing-signature", chuffed.paymentConfirmed().signed().withoutHeader(Chuffed.SIGNATURE_HEADER),
                Expected.rejected(MISSING_SIGNATURE)));
        Fixture twice = chuffed.paymentConfirmed().signed();
        v.add(Variant.of("duplicated-signature", twice.withHeader(Chuffed.SIGNATURE_HEADER, twice.headers(Chuffed.SIGNATURE_HEADER).get(0)),
                Expected.rejected(MALFORMED_SIGNATURE)));
        Fixture prefixed = chuffed.paymentConfirmed().signed();
        v.add(Variant.of("signature-with-sha256-prefix", prefixed.withHeaderReplaced(Chuffed.SIGNATURE_HEADER,
                "sha256=" + prefixed.headers(Chuffed.SIGNATURE_HEADER).get(0)), Expected.rejected(MALFORMED_SIGNATURE)));
        v.add(Variant.of("signature-not-hex", chuffed.paymentConfirmed().signed().withHeaderReplaced(Chuffed.SIGNATURE_HEADER,
                "zz".repeat(32)), Expected.rejected(MALFORMED_SIGNATURE)));
        Fixture shortSig = chuffed.paymentConfirmed().signed();
        v.add(Variant.of("signature-truncated", shortSig.withHeaderReplaced(Chuffed.SIGNATURE_HEADER,
                shortSig.headers(Chuffed.SIGNATURE_HEADER).get(0).substring(0, 62)), Expected.rejected(MALFORMED_SIGNATURE)));
        ChuffedDonationBuilder big = chuffed.paymentConfirmed();
        v.add(Variant.of("oversized-body", ChuffedFixtures.sign(oversized(padding -> big.set("padding", padding).body()), secret),
                Expected.rejected(BODY_TOO_LARGE)));
        v.add(Variant.of("authentic-not-json", ChuffedFixtures.sign(bytes("donation confirmed"), secret),
                Expected.rejected(MALFORMED_PAYLOAD)));
        Fixture once = chuffed.paymentConfirmed().signed();
        v.add(new Variant("duplicate-delivery", Provider.CHUFFED, List.of(once, once), Expected.duplicate()));
        return v;
    }

    /** A body exactly one byte over the limit: the body with a padding field sized to fit. */
    private byte[] oversized(java.util.function.Function<String, byte[]> withPadding) {
        int base = withPadding.apply("").length;
        return withPadding.apply("x".repeat(kit.maxBodyBytes() + 1 - base));
    }

    private static Fixture withCiphertext(GivingBlockEventBuilder builder, Credentials.KeyPair key,
            java.util.function.UnaryOperator<byte[]> change) {
        byte[] ciphertext = HexFormat.of().parseHex(GivingBlock.encrypt(key.toKey(), builder.plaintext()));
        return envelope(builder.eventType(), HexFormat.of().formatHex(change.apply(ciphertext)));
    }

    private static Fixture envelope(String eventType, String payloadHex) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventType", eventType);
        envelope.put("payload", payloadHex);
        return GivingBlockFixtures.envelope(JsonText.write(envelope));
    }

    /** Flips the lowest bit of the byte in the middle of the body. */
    static byte[] tamper(byte[] body) {
        byte[] changed = body.clone();
        changed[changed.length / 2] ^= 0x01;
        return changed;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
