package dev.givinghooks.servlet;

import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.chuffed.ChuffedEvent;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockEvent;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.sirgiving.SirGivingEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Signed (or encrypted) deliveries for the three providers, built with core's own signing. */
final class Deliveries {
    static final String SIR_SECRET = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String CHUFFED_SECRET = "a chuffed secret of some length";
    static final String TGB_KEY = "ae97bfa25b4abcbb7d8722fc5c60747bf7687ec22d1463174f0176ad6daa96ec";
    static final String TGB_IV = "9663f5821170b172c51ecdd86677132f";

    private Deliveries() {
    }

    static WebhookVerifier<SirGivingEvent> sirVerifier() {
        return SirGiving.verifier(SIR_SECRET);
    }

    static WebhookVerifier<ChuffedEvent> chuffedVerifier() {
        return Chuffed.verifier(CHUFFED_SECRET);
    }

    static WebhookVerifier<GivingBlockEvent> givingBlockVerifier() {
        return GivingBlock.decryptor(TGB_KEY, TGB_IV);
    }

    static byte[] sirBody(String id) {
        return ("{\"id\":\"" + id + "\",\"type\":\"action.completed\",\"createdAt\":\"2026-05-10T09:12:00Z\","
                + "\"data\":{\"actionId\":\"act_1\",\"tokensDistributed\":50,\"note\":\"caf\u00e9 \ud83c\udf89\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static HttpRequest.Builder sir(URI uri, byte[] body) {
        return sir(uri, body, SIR_SECRET);
    }

    static HttpRequest.Builder sir(URI uri, byte[] body, String secret) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header(SirGiving.TIMESTAMP_HEADER, timestamp)
                .header(SirGiving.SIGNATURE_HEADER, SirGiving.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    static byte[] chuffedBody(long id) {
        return ("{\"data\":{\"id\":" + id + ",\"created_at\":\"2026-05-10T09:12:00Z\",\"donation\":{\"amount\":1295,\"currency\":\"AUD\"},"
                + "\"recurring\":false,\"recurring_iteration\":0}}").getBytes(StandardCharsets.UTF_8);
    }

    static HttpRequest.Builder chuffed(URI uri, byte[] body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header(Chuffed.SIGNATURE_HEADER, Chuffed.sign(CHUFFED_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    static byte[] givingBlockBody(String id) {
        byte[] plaintext = ("{\"id\":\"" + id + "\",\"type\":\"Deposit\",\"status\":\"Complete\",\"currency\":\"ETH\",\"amount\":1.35,"
                + "\"organizationId\":1234567,\"eventTimestamp\":" + Instant.now().toEpochMilli() + "}").getBytes(StandardCharsets.UTF_8);
        return GivingBlock.envelope("DEPOSIT_TRANSACTION", GivingBlockKey.of(TGB_KEY, TGB_IV), plaintext);
    }

    static HttpRequest.Builder givingBlock(URI uri, byte[] body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
}
