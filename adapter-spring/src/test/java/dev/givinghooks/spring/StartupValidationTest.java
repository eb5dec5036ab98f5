package dev.givinghooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.givinghooks.spring.app.ShopApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad secret or key fails startup with a message that names the property, and its value appears nowhere. */
class StartupValidationTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty SIR Giving secret    | givinghooks.sir-giving.secrets[0]=                                  | givinghooks.sir-giving.secrets[0] | ' '",
        "short Chuffed secret       | givinghooks.chuffed.secrets=tiny-s3cret                              | givinghooks.chuffed    | tiny-s3cret",
        "bad hex key                | givinghooks.giving-block.keys=zz11223344556677889900aabbccddeeff00112233445566778899aabbccddee;givinghooks.giving-block.ivs=00112233445566778899aabbccddeeff | givinghooks.giving-block.keys[0] | zz11223344556677889900aabbccddeeff",
        "keys and ivs of two lengths | givinghooks.giving-block.keys=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff;givinghooks.giving-block.ivs=00112233445566778899aabbccddeeff,ffeeddccbbaa99887766554433221100 | givinghooks.giving-block | ffeeddccbbaa99887766554433221100",
        "store that is not there    | givinghooks.idempotency.store=cassandra                              | givinghooks.idempotency.store | no-secret-here",
        "Redis URI that is not one  | givinghooks.idempotency.store=redis;givinghooks.redis.uri=http://user:redis-pa55word@host | givinghooks.redis.uri | redis-pa55word",
        "Redis store with no Redis  | givinghooks.idempotency.store=redis                                  | givinghooks.redis.uri | no-secret-here",
        "JDBC store with no database | givinghooks.idempotency.store=jdbc                                  | DataSource            | no-secret-here",
    })
    void startupFailsNamingThePropertyNeverItsValue(String name, String properties, String property, String value) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        Throwable failure;
        try {
            System.setOut(capture);
            System.setErr(capture);
            failure = catchThrowable(() -> BootApps.run(ShopApplication.class, Map.of(), properties.split(";")).close());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(failure).as(name).isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        assertThat(messages.toString()).as(name).contains(property);
        String logged = captured.toString(StandardCharsets.UTF_8);
        if (!value.isBlank()) {
            assertThat(messages.toString()).as("exception messages").doesNotContain(value);
            assertThat(logged).as("what was logged").doesNotContain(value);
        }
    }
}
