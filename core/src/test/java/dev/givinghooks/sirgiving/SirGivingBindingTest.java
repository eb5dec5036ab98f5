package dev.givinghooks.sirgiving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.RandomInputs;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code action.completed} data bound as it streams ({@link SirGivingEvents#readCompletedData})
 * gives exactly what the tree mapping gives ({@code bind} off), or declines: on random envelopes
 * built to provoke it, the verifier's result (event, idempotency key, or rejection) is the same
 * either way.
 */
class SirGivingBindingTest {
    private static final String[] TYPES = {ActionCompleted.TYPE, ActionCompleted.TYPE, ActionCompleted.TYPE,
        ActionFailed.TYPE, TransactionCompleted.TYPE, "action.Completed", "other"};
    private static final String[] CREATED_AT = {"\"2026-05-10T09:12:00.482Z\"", "\"2026-05-10T11:12:00+02:00\"",
        "\"2026-05-10\"", "null", "1746868320", "\"\"", "1e999999999", "[]"};
    private static final String[] TEXTS = {"\"act_1\"", "\"\"", "\"caf\u00e9 \\u00e9\\\"\"", "null", "42", "-0",
        "99999999999999999999999", "1.5", "true", "[\"x\"]", "{\"k\":1}"};
    private static final String[] INTEGERS = {"50", "0", "-7", "9223372036854775807", "9223372036854775808", "\"75\"",
        "50.0", "5e1", "1e999999999", "null", "\"x\"", "-0", "[50]"};
    private static final String[] ID_LISTS = {"[]", "[\"txn_1\"]", "[\"txn_1\",\"txn_2\",\"txn_\\u0033\"]", "null",
        "[\"txn_1\",null]", "[\"txn_1\",2]", "[[\"txn_1\"]]", "\"txn_1\"", "{}", "[\"txn_1\",{\"k\":1}]"};

    static Stream<Long> seeds() {
        return RandomInputs.seeds(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bindingAsItStreamsGivesWhatTheTreeGives(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 50; i++) {
            byte[] body = envelope(random).getBytes(StandardCharsets.UTF_8);
            String text = new String(body, StandardCharsets.UTF_8);
            assertThat(outcome(() -> SirGivingVerifier.readEnvelope(body, 0))).as(text)
                    .isEqualTo(outcome(() -> SirGivingVerifier.readEnvelope(body, 0, false)));
        }
    }

    /** The generator reaches both sides of the fast path, or the property above would prove little. */
    @Test
    void theRandomEnvelopesAreBothBoundAndDeclined() {
        int bound = 0;
        int declined = 0;
        SplittableRandom random = new SplittableRandom(RandomInputs.BASE_SEED);
        for (int i = 0; i < 2_000; i++) {
            byte[] body = envelope(random).getBytes(StandardCharsets.UTF_8);
            try {
                if (SirGivingVerifier.readEnvelope(body, 0, true).event() instanceof ActionCompleted) {
                    bound++;
                }
            } catch (SirGivingEvents.Declined e) {
                declined++;
            } catch (WebhookRejectedException e) {
                // rejected either way, compared by the property above
            }
        }
        assertThat(bound).as("bound").isGreaterThan(150);
        assertThat(declined).as("declined").isGreaterThan(150);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"evt_1\",\"type\":\"action.completed\",\"data\":{\"actionId\":\"act_1\",\"tokensDistributed\":50}}",
        "{\"id\":\"evt_1\",\"type\":\"action.completed\",\"createdAt\":\"2026-05-10T09:12:00.482Z\",\"data\":{\"actionId\":\"act_1\","
                + "\"idempotencyKey\":\"purchase_1\",\"status\":\"COMPLETED\",\"tokensDistributed\":50,"
                + "\"transactionIds\":[\"txn_1\",\"txn_2\"],\"partnerReference\":\"order-7\"}}",
        "{\"type\":\"action.completed\",\"data\":{\"tokensDistributed\":0,\"actionId\":\"act_1\",\"transactionIds\":null,"
                + "\"status\":null},\"id\":\"evt_1\"}"})
    void theShapesSirGivingSendsAreBoundWithoutATree(String envelope) {
        byte[] body = envelope.getBytes(StandardCharsets.UTF_8);

        Verified<SirGivingEvent> verified = SirGivingVerifier.readEnvelope(body, 0, true);

        assertThat(verified.event()).isInstanceOf(ActionCompleted.class)
                .isEqualTo(SirGivingVerifier.readEnvelope(body, 0, false).event());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"evt_1\",\"type\":\"action.completed\",\"data\":{\"actionId\":\"act_1\",\"tokensDistributed\":\"50\"}}",
        "{\"id\":\"evt_1\",\"type\":\"action.completed\",\"data\":{\"actionId\":7,\"tokensDistributed\":50}}",
        "{\"id\":\"evt_1\",\"type\":\"action.completed\",\"data\":{\"tokensDistributed\":50}}",
        "{\"id\":\"evt_1\",\"type\":\"action.completed\",\"createdAt\":\"yesterday\",\"data\":{\"actionId\":\"a\",\"tokensDistributed\":5}}"})
    void otherShapesAreLeftToTheTreeMapping(String envelope) {
        byte[] body = envelope.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SirGivingVerifier.readEnvelope(body, 0, true)).isInstanceOf(SirGivingEvents.Declined.class);
        assertThat(SirGivingVerifier.readEnvelope(body, 0).event())
                .isEqualTo(SirGivingVerifier.readEnvelope(body, 0, false).event());
    }

    /** The event and key of a verified body, or the reason and message of its rejection. */
    private static String outcome(Supplier<Verified<SirGivingEvent>> read) {
        try {
            Verified<SirGivingEvent> verified = read.get();
            return verified.event() + " key=" + verified.idempotencyKey();
        } catch (WebhookRejectedException e) {
            return e.reason() + ": " + e.getMessage();
        }
    }

    private static String envelope(SplittableRandom random) {
        List<String> members = new ArrayList<>();
        members.add("\"id\":" + (random.nextInt(10) > 0 ? "\"evt_1\"" : pick(random, "\"\"", "null", "7")));
        members.add("\"type\":\"" + pick(random, TYPES) + "\"");
        if (random.nextInt(4) > 0) {
            members.add("\"createdAt\":" + (random.nextInt(3) > 0 ? CREATED_AT[0] : pick(random, CREATED_AT)));
        }
        if (random.nextInt(10) > 0) {
            members.add("\"data\":" + (random.nextInt(12) > 0 ? data(random) : pick(random, "null", "[]", "\"x\"", "{}")));
        }
        if (random.nextInt(5) == 0) {
            members.add("\"extra\":" + SirGivingEventsTest.randomValue(random, 2));
        }
        if (random.nextInt(4) > 0) {
            // type before data, as SIR Giving sends it: the order the fast path needs
            members.sort((a, b) -> a.startsWith("\"type\"") ? -1 : b.startsWith("\"type\"") ? 1 : 0);
        } else {
            Collections.shuffle(members, new Random(random.nextLong()));
        }
        String json = "{" + String.join(",", members) + "}";
        return switch (random.nextInt(40)) {
            case 0 -> json + " {}";
            case 1 -> json.substring(0, json.length() - 1);
            default -> json;
        };
    }

    private static String data(SplittableRandom random) {
        List<String> fields = new ArrayList<>();
        boolean common = random.nextInt(3) > 0;
        fields.add("\"actionId\":" + (common ? "\"act_1\"" : pick(random, TEXTS)));
        fields.add("\"tokensDistributed\":" + (common ? "50" : pick(random, INTEGERS)));
        fields.add("\"idempotencyKey\":" + (common ? "\"purchase_1\"" : pick(random, TEXTS)));
        fields.add("\"status\":" + (common ? "\"COMPLETED\"" : pick(random, TEXTS)));
        fields.add("\"transactionIds\":" + (common ? ID_LISTS[2] : pick(random, ID_LISTS)));
        fields.removeIf(field -> random.nextInt(6) == 0);
        if (random.nextInt(3) == 0) {
            fields.add("\"partnerReference\":" + SirGivingEventsTest.randomValue(random, 2));
        }
        if (random.nextInt(30) == 0) {
            fields.add(fields.isEmpty() ? "\"status\":null" : fields.get(0));
        }
        Collections.shuffle(fields, new Random(random.nextLong()));
        return "{" + String.join(",", fields) + "}";
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
