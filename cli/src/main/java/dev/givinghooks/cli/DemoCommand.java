package dev.givinghooks.cli;

import dev.givinghooks.Provider;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.Credentials;
import dev.givinghooks.testkit.Expected;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.Variant;
import dev.givinghooks.testkit.WebhookSender;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code givinghooks demo}: starts the {@code listen} receiver on a free loopback port with
 * generated credentials, fires the testkit's catalogue at it over real HTTP, and prints expected
 * against actual outcomes. Exit status 0 when every case came out as expected, 1 otherwise.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "Fires valid and invalid webhooks at a local receiver; shows what happened.",
        synopsisHeading = "%nUsage: ", descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        description = {
            "Starts the listen receiver on a free port of 127.0.0.1 with generated",
            "credentials for all three providers, then sends it, over real HTTP, every case",
            "of the testkit's catalogue: each documented event, rotated secrets and keys,",
            "unicode bodies, and the negative ones: tampered bytes, wrong secrets, stale and",
            "future timestamps, missing or malformed headers, undecryptable payloads,",
            "duplicates and oversized bodies. Prints a table of provider, case, expected and",
            "actual outcome (HTTP status and reason). Exit status 0 when every case came out",
            "as expected, 1 on any mismatch."
        },
        footer = {
            "",
            "Example:",
            "  givinghooks demo --seed 42"
        })
final class DemoCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StdStreams io;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for the credentials and fixtures, to repeat a run (default: random, printed).")
    Long seed;

    @Option(names = "--verbose", description = "Also print the receiver's JSON line for every delivery, on standard error.")
    boolean verbose;

    DemoCommand(StdStreams io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        long runSeed = seed != null ? seed : new SecureRandom().nextLong();
        Clock clock = Clock.systemUTC();
        Testkit kit = Testkit.create(clock, runSeed);
        Map<Provider, WebhookVerifier<?>> verifiers = verifiers(kit);
        PrintStream err = io.err();
        try (Receiver receiver = Receiver.start("127.0.0.1", 0, verifiers, IdempotencyStore.inMemory(), kit.maxBodyBytes(), line -> {
            if (verbose) {
                err.write(line, 0, line.length);
                err.flush();
            }
        }, () -> { })) {
            return fire(kit.catalogue(), receiver.base(), runSeed);
        }
    }

    /**
     * Builds the receiver's verifiers the way {@code listen} does, from the testkit's generated
     * credentials (current and previous secret or key pair), limit and clock.
     */
    static Map<Provider, WebhookVerifier<?>> verifiers(Testkit kit) {
        Credentials credentials = kit.credentials();
        List<String> keys = credentials.givingBlockKeys().stream().map(Credentials.KeyPair::keyHex).toList();
        List<String> ivs = credentials.givingBlockKeys().stream().map(Credentials.KeyPair::ivHex).toList();
        Map<Provider, WebhookVerifier<?>> verifiers = new LinkedHashMap<>();
        verifiers.put(Provider.SIR_GIVING, Verifiers.build(new Verifiers.Settings(Provider.SIR_GIVING, credentials.sirGivingSecrets(),
                List.of(), List.of(), null, null, false, kit.maxBodyBytes()), kit.clock()));
        verifiers.put(Provider.GIVING_BLOCK, Verifiers.build(new Verifiers.Settings(Provider.GIVING_BLOCK, List.of(), keys, ivs,
                null, null, false, kit.maxBodyBytes()), kit.clock()));
        verifiers.put(Provider.CHUFFED, Verifiers.build(new Verifiers.Settings(Provider.CHUFFED, credentials.chuffedSecrets(),
                List.of(), List.of(), null, null, false, kit.maxBodyBytes()), kit.clock()));
        return verifiers;
    }

    /**
     * Sends every variant's deliveries to {@code base} and prints the table; returns
     * {@link ExitCodes#OK} when every outcome was the expected one, else {@link ExitCodes#REJECTED}.
     */
    int fire(List<Variant> variants, URI base, long runSeed) throws InterruptedException {
        WebhookSender sender = WebhookSender.create();
        List<String[]> rows = new ArrayList<>();
        int mismatches = 0;
        for (Variant variant : variants) {
            Outcome got = null;
            boolean earlierOk = true;
            List<Fixture> deliveries = variant.deliveries();
            for (int i = 0; i < deliveries.size(); i++) {
                Fixture fixture = deliveries.get(i);
                got = send(sender, fixture, base.resolve(fixture.path()));
                if (i < deliveries.size() - 1 && !got.equals(Outcome.verified(got.keyIndex()))) {
                    earlierOk = false;
                }
            }
            Outcome expected = Outcome.of(variant.expected());
            boolean ok = earlierOk && expected.equals(got);
            if (!ok) {
                mismatches++;
            }
            rows.add(new String[] {variant.provider().id(), variant.name(), expected.toString(),
                got + (earlierOk ? "" : " (an earlier delivery was not verified)"), ok ? "ok" : "MISMATCH"});
        }
        print(rows);
        io.out().printf("%n%d cases over HTTP to %s (seed %d): %d as expected, %d %s.%n", variants.size(), base, runSeed,
                variants.size() - mismatches, mismatches, mismatches == 1 ? "mismatch" : "mismatches");
        io.out().flush();
        return mismatches == 0 ? ExitCodes.OK : ExitCodes.REJECTED;
    }

    private static Outcome send(WebhookSender sender, Fixture fixture, URI endpoint) throws InterruptedException {
        WebhookSender.Response response;
        try {
            response = sender.send(fixture, endpoint);
        } catch (IOException e) {
            return new Outcome(0, "no response: " + e.getClass().getSimpleName(), -1);
        }
        JsonNode json = null;
        if (response.body().length > 0) {
            try {
                json = JSON.readTree(response.body());
            } catch (JacksonException e) {
                json = null;
            }
        }
        if (response.status() == 200) {
            if (response.body().length == 0) {
                return Outcome.duplicate();
            }
            JsonNode keyIndex = json == null ? null : json.get("keyIndex");
            return keyIndex != null && keyIndex.isInt() ? Outcome.verified(keyIndex.intValue())
                    : new Outcome(200, "unexpected body", -1);
        }
        JsonNode reason = json == null ? null : json.get("reason");
        return new Outcome(response.status(), reason != null && reason.isString() ? reason.stringValue() : "no reason", -1);
    }

    private void print(List<String[]> rows) {
        String[] heading = {"PROVIDER", "CASE", "EXPECTED", "GOT", ""};
        int[] widths = new int[heading.length];
        for (int column = 0; column < heading.length; column++) {
            widths[column] = heading[column].length();
            for (String[] row : rows) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        PrintStream out = io.out();
        out.println(line(heading, widths));
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.length; column++) {
            line.append(cells[column]);
            if (column < cells.length - 1) {
                line.append(" ".repeat(widths[column] - cells[column].length() + 2));
            }
        }
        return line.toString().stripTrailing();
    }

    /**
     * What a delivery came to, as the demo compares it: an HTTP status with a reason (or
     * "verified" with its key index, or "duplicate").
     *
     * @param status the HTTP status, 0 when no response came
     * @param reason the rejection reason, {@code verified} or {@code duplicate}
     * @param keyIndex the key index when verified, otherwise -1
     */
    record Outcome(int status, String reason, int keyIndex) {
        static Outcome verified(int keyIndex) {
            return new Outcome(200, "verified", keyIndex);
        }

        static Outcome duplicate() {
            return new Outcome(200, "duplicate", -1);
        }

        static Outcome of(Expected expected) {
            return switch (expected.outcome()) {
                case VERIFIED -> verified(expected.keyIndex());
                case DUPLICATE -> duplicate();
                case REJECTED -> new Outcome(expected.httpStatus(), expected.reason().name(), -1);
            };
        }

        @Override
        public String toString() {
            return status + " " + reason + (keyIndex >= 0 ? " (key " + keyIndex + ")" : "");
        }
    }
}
