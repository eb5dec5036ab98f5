package dev.givinghooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same clock and seed, same bytes; another seed or time, other bytes. */
class DeterminismTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Test
    void sameClockAndSeedGiveByteIdenticalFixtures() {
        assertThat(everything(Testkit.create(CLOCK, 42))).isEqualTo(everything(Testkit.create(CLOCK, 42)));
        assertThat(TestVectors.export(Testkit.create(CLOCK, 42))).isEqualTo(TestVectors.export(Testkit.create(CLOCK, 42)));
    }

    @Test
    void anotherSeedOrTimeGivesOtherFixtures() {
        assertThat(everything(Testkit.create(CLOCK, 43))).isNotEqualTo(everything(Testkit.create(CLOCK, 42)));
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofSeconds(1));
        assertThat(everything(Testkit.create(later, 42))).isNotEqualTo(everything(Testkit.create(CLOCK, 42)));
    }

    @Test
    void eachFixtureGetsFreshIds() {
        Testkit kit = Testkit.create(CLOCK, 42);
        assertThat(kit.sirGiving().actionCompleted().body()).isNotEqualTo(kit.sirGiving().actionCompleted().body());
        assertThat(kit.catalogue()).isNotEqualTo(kit.catalogue());
    }

    @Test
    void generatorsRebuildASampleFromItsSeed() {
        for (long seed = -50; seed < 50; seed++) {
            assertThat(Generators.sample(seed).variant()).isEqualTo(Generators.sample(seed).variant());
            assertThat(Generators.mutated(seed).variant()).isEqualTo(Generators.mutated(seed).variant());
        }
    }

    private static List<Object> everything(Testkit kit) {
        return List.of(
                kit.sirGiving().actionCompleted().signed(), kit.sirGiving().actionFailed().signed(),
                kit.sirGiving().transactionCompleted().signed(), kit.sirGiving().event("pool.low").signed(),
                kit.givingBlock().deposit().encrypted(), kit.givingBlock().converted().encrypted(),
                kit.givingBlock().merchantStatus().encrypted(), kit.givingBlock().event("X").encrypted(),
                kit.chuffed().paymentConfirmed().perk("Badge", 1, null).recurring("weekly", 2).signed(),
                kit.catalogue());
    }
}
