package dev.givinghooks.testkit;

import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.sirgiving.SirGiving;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exports a testkit's catalogue as language-neutral JSON test vectors, so that an implementation
 * in any language can be checked against the same deliveries and outcomes.
 *
 * <p>Format {@value #FORMAT} — one UTF-8 JSON object:
 * <pre>
 * {
 *   "format": "givinghooks-test-vectors/1",
 *   "now": "2026-05-10T09:12:00Z",            the verifier's clock (ISO-8601 instant)
 *   "maxBodyBytes": 65536,                     the verifier's body limit
 *   "credentials": {
 *     "sir-giving":   {"secrets": ["whsec_…", "whsec_…"], "keyMode": "whole",
 *                      "toleranceSeconds": 300},
 *     "giving-block": {"keys": [{"key": "&lt;64 hex&gt;", "iv": "&lt;32 hex&gt;"}, …],
 *                      "maxAgeSeconds": 3600, "futureSkewSeconds": 300},
 *     "chuffed":      {"secrets": ["…", "…"]}
 *   },
 *   "vectors": [
 *     {"name": "sir-giving/tampered-byte", "provider": "sir-giving",
 *      "deliveries": [{"method": "POST", "path": "/webhooks/sir-giving",
 *                      "headers": [["X-SIR-Timestamp", "1778404320"], …],
 *                      "body": "&lt;UTF-8 text, or null when not valid UTF-8&gt;",
 *                      "bodyBase64": "&lt;the exact bytes&gt;"}],
 *      "expected": {"outcome": "rejected", "reason": "SIGNATURE_MISMATCH", "httpStatus": 401}}
 *   ]
 * }
 * </pre>
 * Secrets and keys are listed in the order a verifier is configured with them; a verified
 * outcome names the 0-based {@code keyIndex} that must match. Headers are {@code [name, value]}
 * pairs in order, repeated names included. Deliveries before the last must verify and be
 * processed; {@code expected} is about the last. Outcomes: {@code verified} (with
 * {@code keyIndex}), {@code rejected} (with {@code reason}, one of core's {@code Reason} names),
 * {@code duplicate} (the last delivery repeats an earlier processed one: acknowledge with 200,
 * do not process again). The credentials are test-only values derived from the seed.
 *
 * <p>Stateless and thread-safe.
 */
public final class TestVectors {
    /** The format identifier written in every export. */
    public static final String FORMAT = "givinghooks-test-vectors/1";

    private TestVectors() {
    }

    /**
     * Exports a testkit's catalogue, with its clock, body limit and credentials.
     *
     * @param kit the testkit
     * @return indented UTF-8 JSON
     */
    public static byte[] export(Testkit kit) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("now", kit.now().toString());
        root.put("maxBodyBytes", kit.maxBodyBytes());
        Credentials c = kit.credentials();
        Map<String, Object> credentials = new LinkedHashMap<>();
        Map<String, Object> sir = new LinkedHashMap<>();
        sir.put("secrets", c.sirGivingSecrets());
        sir.put("keyMode", "whole");
        sir.put("toleranceSeconds", SirGiving.DEFAULT_TOLERANCE.toSeconds());
        credentials.put("sir-giving", sir);
        Map<String, Object> tgb = new LinkedHashMap<>();
        List<Map<String, Object>> keys = new ArrayList<>();
        for (Credentials.KeyPair pair : c.givingBlockKeys()) {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("key", pair.keyHex());
            key.put("iv", pair.ivHex());
            keys.add(key);
        }
        tgb.put("keys", keys);
        tgb.put("maxAgeSeconds", GivingBlock.DEFAULT_MAX_AGE.toSeconds());
        tgb.put("futureSkewSeconds", GivingBlock.DEFAULT_FUTURE_SKEW.toSeconds());
        credentials.put("giving-block", tgb);
        credentials.put("chuffed", Map.of("secrets", c.chuffedSecrets()));
        root.put("credentials", credentials);
        List<Map<String, Object>> vectors = new ArrayList<>();
        for (Variant variant : kit.catalogue()) {
            Map<String, Object> vector = new LinkedHashMap<>();
            vector.put("name", variant.provider().id() + "/" + variant.name());
            vector.put("provider", variant.provider().id());
            List<Map<String, Object>> deliveries = new ArrayList<>();
            for (Fixture fixture : variant.deliveries()) {
                Map<String, Object> delivery = fixture.toJsonMap();
                delivery.remove("provider");
                deliveries.add(delivery);
            }
            vector.put("deliveries", deliveries);
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("outcome", variant.expected().outcome().name().toLowerCase(Locale.ROOT));
            switch (variant.expected().outcome()) {
                case VERIFIED -> expected.put("keyIndex", variant.expected().keyIndex());
                case REJECTED -> expected.put("reason", variant.expected().reason().name());
                case DUPLICATE -> { }
            }
            expected.put("httpStatus", variant.expected().httpStatus());
            vector.put("expected", expected);
            vectors.add(vector);
        }
        root.put("vectors", vectors);
        return JsonText.writePretty(root);
    }

    /**
     * Writes {@link #export(Testkit)} to a file.
     *
     * @param kit the testkit
     * @param file the file to create or replace
     * @throws IOException when writing fails
     */
    public static void write(Testkit kit, Path file) throws IOException {
        Files.write(file, export(kit));
    }
}
