package dev.givinghooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.Reason;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookEvent;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.sirgiving.SirGiving;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The exported vectors alone (no testkit objects) are enough to configure verifiers and check every outcome. */
class TestVectorsTest {
    @TempDir
    Path dir;

    @Test
    void exportedVectorsVerifyFromTheJsonAlone() throws Exception {
        Path file = dir.resolve("vectors.json");
        TestVectors.write(Testkit.create(), file);
        JsonNode root = JsonMapper.builder().build().readTree(Files.readAllBytes(file));
        assertThat(root.get("format").asString()).isEqualTo(TestVectors.FORMAT);
        Clock clock = Clock.fixed(Instant.parse(root.get("now").asString()), ZoneOffset.UTC);
        int limit = root.get("maxBodyBytes").asInt();
        JsonNode credentials = root.get("credentials");
        Map<String, WebhookVerifier<? extends WebhookEvent>> verifiers = new LinkedHashMap<>();
        JsonNode sir = credentials.get("sir-giving");
        verifiers.put("sir-giving", SirGiving.verifierBuilder().secrets(strings(sir.get("secrets"))).clock(clock).maxBodyBytes(limit)
                .tolerance(Duration.ofSeconds(sir.get("toleranceSeconds").asLong())).build());
        List<GivingBlockKey> keys = new ArrayList<>();
        credentials.get("giving-block").get("keys").forEach(k -> keys.add(GivingBlockKey.of(k.get("key").asString(), k.get("iv").asString())));
        verifiers.put("giving-block", GivingBlock.decryptorBuilder().keys(keys).clock(clock).maxBodyBytes(limit).build());
        verifiers.put("chuffed", Chuffed.verifierBuilder().secrets(strings(credentials.get("chuffed").get("secrets")))
                .maxBodyBytes(limit).build());

        int checked = 0;
        for (JsonNode vector : root.get("vectors")) {
            WebhookVerifier<? extends WebhookEvent> verifier = verifiers.get(vector.get("provider").asString());
            Set<String> processed = new HashSet<>();
            List<WebhookRequest> requests = new ArrayList<>();
            vector.get("deliveries").forEach(d -> requests.add(request(d)));
            for (WebhookRequest earlier : requests.subList(0, requests.size() - 1)) {
                processed.add(verifier.verify(earlier).idempotencyKey());
            }
            WebhookRequest last = requests.get(requests.size() - 1);
            JsonNode expected = vector.get("expected");
            String name = vector.get("name").asString();
            switch (expected.get("outcome").asString()) {
                case "verified" -> {
                    Verified<? extends WebhookEvent> verified = verifier.verify(last);
                    assertThat(verified.keyIndex()).as(name).isEqualTo(expected.get("keyIndex").asInt());
                    assertThat(processed).as(name).doesNotContain(verified.idempotencyKey());
                    assertThat(expected.get("httpStatus").asInt()).isEqualTo(200);
                }
                case "duplicate" -> assertThat(processed).as(name).contains(verifier.verify(last).idempotencyKey());
                case "rejected" -> {
                    Reason reason = Reason.valueOf(expected.get("reason").asString());
                    assertThat(expected.get("httpStatus").asInt()).isEqualTo(reason.httpStatus());
                    assertThatThrownBy(() -> verifier.verify(last)).as(name)
                            .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
                }
                default -> throw new AssertionError("unknown outcome in " + name);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(Testkit.create().catalogue().size());
    }

    private static WebhookRequest request(JsonNode delivery) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        delivery.get("headers").forEach(pair -> headers.computeIfAbsent(pair.get(0).asString(), n -> new ArrayList<>())
                .add(pair.get(1).asString()));
        return WebhookRequest.of(headers, Base64.getDecoder().decode(delivery.get("bodyBase64").asString()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
