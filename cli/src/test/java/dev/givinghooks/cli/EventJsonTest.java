package dev.givinghooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.chuffed.ChuffedEvent;
import dev.givinghooks.givingblock.GivingBlockEvent;
import dev.givinghooks.sirgiving.SirGivingEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    /** An open enum as a record: one String component named value, with known constants. */
    record Period(String value) {
        static final Period MONTHLY = new Period("monthly");
    }

    /** An open enum as a class with constants and a raw value. */
    static final class PaymentType {
        static final PaymentType STRIPE = new PaymentType("stripe");
        private final String raw;

        private PaymentType(String raw) {
            this.raw = raw;
        }

        public String value() {
            return raw;
        }

        @Override
        public String toString() {
            return "PaymentType[" + raw + "]";
        }
    }

    enum Visibility { VISIBLE, ANONYMOUS }

    /** A closed enum that knows its wire string. */
    enum Recipient {
        CAMPAIGN("campaign");

        private final String wire;

        Recipient(String wire) {
            this.wire = wire;
        }

        public String value() {
            return wire;
        }
    }

    record Money(long amount, Currency currency) {
    }

    record Status(int code, String value) {
    }

    record Campaign(long id) {
    }

    record Donation(String id, BigDecimal amount, Money donation, Instant createdAt, LocalDate day, Duration delay,
            Period period, PaymentType paymentType, Visibility visibility, Recipient recipient, Status status,
            Campaign campaign, List<Campaign> campaigns, Optional<String> note, Optional<String> absent, Map<String, Object> extra,
            boolean recurring, Integer iteration, double ratio, String missing) {
    }

    private static String json(Object value) {
        return new String(JsonLines.line(json -> EventJson.write(json, value)), StandardCharsets.UTF_8).strip();
    }

    @Test
    void recordsBecomeObjectsKeyedByComponentNameInOrderNestedAndListed() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("k", List.of(1, "two"));
        Donation donation = new Donation("d1", new BigDecimal("36.00"), new Money(1295, Currency.getInstance("AUD")),
                Instant.parse("2026-05-10T09:12:00.5Z"), LocalDate.of(2026, 5, 10), Duration.ofMinutes(90), Period.MONTHLY,
                PaymentType.STRIPE, Visibility.ANONYMOUS, Recipient.CAMPAIGN, new Status(600, "APPROVED"), new Campaign(7),
                List.of(new Campaign(8), new Campaign(9)), Optional.of("hi \"there\""), Optional.empty(), extra, true, 3, 0.25, null);

        assertThat(json(donation)).isEqualTo("{\"id\":\"d1\",\"amount\":36.00,\"donation\":{\"amount\":1295,\"currency\":\"AUD\"},"
                + "\"createdAt\":\"2026-05-10T09:12:00.500Z\",\"day\":\"2026-05-10\",\"delay\":\"PT1H30M\",\"period\":\"monthly\","
                + "\"paymentType\":\"stripe\",\"visibility\":\"ANONYMOUS\",\"recipient\":\"campaign\","
                + "\"status\":{\"code\":600,\"value\":\"APPROVED\"},\"campaign\":{\"id\":7},\"campaigns\":[{\"id\":8},{\"id\":9}],"
                + "\"note\":\"hi \\\"there\\\"\",\"absent\":null,\"extra\":{\"k\":[1,\"two\"]},\"recurring\":true,\"iteration\":3,"
                + "\"ratio\":0.25,\"missing\":null}");
    }

    @Test
    void bigDecimalsAreWrittenPlainNeverInExponentForm() {
        assertThat(json(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(json(new BigDecimal("0.0000001"))).isEqualTo("0.0000001");
    }

    @Test
    void everyUnrecognizedEventOfCoreIsWritten() {
        assertThat(json(new SirGivingEvent.Unrecognized("evt_1", "x.y", Instant.EPOCH, "{\"a\":1}", "unknown event type")))
                .isEqualTo("{\"id\":\"evt_1\",\"type\":\"x.y\",\"createdAt\":\"1970-01-01T00:00:00Z\",\"rawData\":\"{\\\"a\\\":1}\","
                        + "\"reason\":\"unknown event type\"}");
        assertThat(json(new GivingBlockEvent.Unrecognized("X", "{}", "r"))).isEqualTo("{\"type\":\"X\",\"rawPayload\":\"{}\",\"reason\":\"r\"}");
        assertThat(json(new ChuffedEvent.Unrecognized("unknown", "{}", "r"))).isEqualTo("{\"type\":\"unknown\",\"rawBody\":\"{}\",\"reason\":\"r\"}");
    }

    record Node(String name, Object next) {
    }

    @Test
    void deepOrCyclicGraphsEndInsteadOfOverflowing() {
        Object chain = null;
        for (int i = 0; i < 100; i++) {
            chain = new Node("n" + i, chain);
        }
        assertThat(json(chain)).startsWith("{\"name\":\"n99\",\"next\":{");
        List<Object> cyclic = new java.util.ArrayList<>();
        cyclic.add(cyclic);
        assertThat(json(cyclic)).startsWith("[[[[");
    }
}
