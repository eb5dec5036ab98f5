package dev.givinghooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookEvent;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.testkit.junit.RandomSampleSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property tests over the seeded generators: hundreds of random deliveries of every provider.
 * Each case's name carries the seed that rebuilds it ({@code Generators.sample(seed)}); fix the
 * base seed of a run with {@code -Dgivinghooks.seed=N}.
 */
class GeneratedSamplesPropertyTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @RandomSampleSource(count = 300)
    void randomDeliveriesVerifyWithTheKeyTheyWereMadeWith(Sample sample) {
        Variant variant = sample.variant();
        Verified<? extends WebhookEvent> verified = sample.testkit().verifier(variant.provider()).verify(variant.fixture().toWebhookRequest());
        assertThat(verified.keyIndex()).isEqualTo(variant.expected().keyIndex());
        assertThat(verified.idempotencyKey()).startsWith(variant.provider().id() + ":");
        if (variant.provider() != Provider.GIVING_BLOCK) {
            assertThat(verified.body()).isEqualTo(variant.fixture().body());
        }
    }

    @ParameterizedTest
    @RandomSampleSource(count = 300, negative = true)
    void randomMutationsAreRejectedWithTheirReason(Sample sample) {
        Variant variant = sample.variant();
        assertThatThrownBy(() -> sample.testkit().verifier(variant.provider()).verify(variant.fixture().toWebhookRequest()))
                .isInstanceOfSatisfying(WebhookRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(variant.expected().reason()));
    }

    @ParameterizedTest
    @RandomSampleSource(count = 200)
    void jsonRenderingKeepsEveryHeaderLineAndTheExactBody(Sample sample) {
        Fixture fixture = sample.variant().fixture();
        JsonNode json = JSON.readTree(fixture.toJson());
        assertThat(json.get("provider").asString()).isEqualTo(fixture.provider().id());
        assertThat(Base64.getDecoder().decode(json.get("bodyBase64").asString())).isEqualTo(fixture.body());
        assertThat(json.get("body").asString().getBytes(StandardCharsets.UTF_8)).isEqualTo(fixture.body());
        List<Fixture.Header> headers = new java.util.ArrayList<>();
        json.get("headers").forEach(pair -> headers.add(new Fixture.Header(pair.get(0).asString(), pair.get(1).asString())));
        assertThat(headers).isEqualTo(fixture.headers());
    }

    static LongStream seeds() {
        long base = Long.getLong("givinghooks.seed", Generators.newSeed());
        System.out.println("window edge cases: base seed " + base + "L");
        RandomGenerator seeds = Generators.random(base);
        return LongStream.generate(seeds::nextLong).limit(200);
    }

    @ParameterizedTest(name = "seed {0}L")
    @MethodSource("seeds")
    void sirGivingWindowEdgesAreInclusiveBothWays(long seed) {
        RandomGenerator random = Generators.random(seed);
        Testkit kit = Testkit.create(Clock.fixed(Generators.instant(random), ZoneOffset.UTC), random.nextLong());
        long now = kit.now().getEpochSecond();
        long tolerance = 300;
        String secret = kit.credentials().sirGivingSecrets().get(random.nextInt(2));
        byte[] body = kit.sirGiving().actionCompleted().data("note", Generators.text(random, 10)).body();
        for (long offset : new long[] {-tolerance, tolerance, random.nextLong(-tolerance, tolerance + 1)}) {
            Fixture inside = SirGivingFixtures.sign(body, secret, Long.toString(now + offset));
            assertThat(kit.sirGivingVerifier().verify(inside.toWebhookRequest()).event()).isNotNull();
        }
        assertReason(kit, SirGivingFixtures.sign(body, secret, Long.toString(now - tolerance - 1)), Reason.TIMESTAMP_TOO_OLD);
        assertReason(kit, SirGivingFixtures.sign(body, secret, Long.toString(now + tolerance + 1)), Reason.TIMESTAMP_IN_FUTURE);
    }

    @ParameterizedTest(name = "seed {0}L")
    @MethodSource("seeds")
    void givingBlockWindowEdgesAreInclusiveBothWays(long seed) {
        RandomGenerator random = Generators.random(seed);
        Testkit kit = Testkit.create(Clock.fixed(Generators.instant(random), ZoneOffset.UTC), random.nextLong());
        Duration maxAge = Duration.ofHours(1);
        Duration skew = Duration.ofMinutes(5);
        for (Duration offset : List.of(maxAge.negated(), skew, Duration.ofMillis(random.nextLong(-maxAge.toMillis(), skew.toMillis() + 1)))) {
            Fixture inside = kit.givingBlock().deposit().eventTimestamp(kit.now().plus(offset)).encrypted();
            assertThat(kit.givingBlockDecryptor().verify(inside.toWebhookRequest()).keyIndex()).isZero();
        }
        assertReason(kit, kit.givingBlock().deposit().eventTimestamp(kit.now().minus(maxAge).minusMillis(1)).encrypted(),
                Reason.TIMESTAMP_TOO_OLD);
        assertReason(kit, kit.givingBlock().deposit().eventTimestamp(kit.now().plus(skew).plusMillis(1)).encrypted(),
                Reason.TIMESTAMP_IN_FUTURE);
    }

    @ParameterizedTest(name = "seed {0}L")
    @MethodSource("seeds")
    void anyBodyBytesSignedWithAnySecretVerifyAndAnyOtherSecretDoesNot(long seed) {
        RandomGenerator random = Generators.random(seed);
        Testkit kit = Testkit.create(Clock.fixed(Generators.instant(random), ZoneOffset.UTC), random.nextLong());
        byte[] body = Generators.bytes(random, 2048);
        String ts = Long.toString(kit.now().getEpochSecond());
        // Arbitrary bytes are authentic or not before they are JSON: a valid MAC over non-JSON is MALFORMED_PAYLOAD.
        assertReason(kit, SirGivingFixtures.sign(body, kit.credentials().sirGivingSecrets().get(0), ts), Reason.MALFORMED_PAYLOAD);
        assertReason(kit, SirGivingFixtures.sign(body, kit.credentials().sirGivingWrongSecret(), ts), Reason.SIGNATURE_MISMATCH);
        assertReason(kit, ChuffedFixtures.sign(body, kit.credentials().chuffedSecrets().get(1)), Reason.MALFORMED_PAYLOAD);
        assertReason(kit, ChuffedFixtures.sign(body, kit.credentials().chuffedWrongSecret()), Reason.SIGNATURE_MISMATCH);
    }

    private static void assertReason(Testkit kit, Fixture fixture, Reason reason) {
        assertThatThrownBy(() -> kit.verifier(fixture.provider()).verify(fixture.toWebhookRequest()))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
