package dev.givinghooks.cli;

import dev.givinghooks.Provider;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.sirgiving.SirGiving;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code givinghooks listen}: a verifying receiver for local development that prints one JSON
 * line per delivery, until interrupted or after {@code --count} deliveries.
 */
@Command(name = "listen", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "Receives webhooks over HTTP, verifies them and prints each as a JSON line.",
        synopsisHeading = "%nUsage: ", descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        description = {
            "Starts an HTTP server (embedded Jetty with the servlet adapter's WebhookFilter)",
            "that receives each configured provider at /webhooks/PROVIDER:",
            "/webhooks/sir-giving, /webhooks/giving-block and /webhooks/chuffed.",
            "",
            "Each delivery prints one JSON line on standard output: the verified event as",
            "verify prints it, {\"verified\":true,\"duplicate\":true,...} for an event already",
            "processed, or {\"verified\":false,\"provider\":...,\"reason\":...,\"detail\":...}.",
            "Verified deliveries are answered 200, duplicates 200 without processing,",
            "rejections with an application/problem+json response and the reason's status.",
            "",
            "Credentials come from the options or, when an option is absent, from these",
            "environment variables (comma-separated for a rotation):",
            "  " + ListenCommand.ENV_SIR_SECRETS + ", " + ListenCommand.ENV_CHUFFED_SECRETS + ",",
            "  " + ListenCommand.ENV_TGB_KEYS + " and " + ListenCommand.ENV_TGB_IVS + ".",
            "A provider without credentials is not received."
        },
        footer = {
            "",
            "Example:",
            "  export " + ListenCommand.ENV_CHUFFED_SECRETS + "=\"$CHUFFED_SECRET\"",
            "  givinghooks listen --port 8080 &",
            "  givinghooks send --provider chuffed --url http://127.0.0.1:8080/webhooks/chuffed"
        })
final class ListenCommand implements Callable<Integer> {
    static final String ENV_SIR_SECRETS = "GIVINGHOOKS_SIR_GIVING_SECRETS";
    static final String ENV_CHUFFED_SECRETS = "GIVINGHOOKS_CHUFFED_SECRETS";
    static final String ENV_TGB_KEYS = "GIVINGHOOKS_GIVING_BLOCK_KEYS";
    static final String ENV_TGB_IVS = "GIVINGHOOKS_GIVING_BLOCK_IVS";

    private final StdStreams io;
    private final Function<String, String> environment;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to bind (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--sir-giving-secret", paramLabel = "S", description = "A SIR Giving webhook secret; repeatable (rotation).")
    List<String> sirGivingSecrets = new ArrayList<>();

    @Option(names = "--giving-block-key", paramLabel = "HEX", description = "The Giving Block key; repeatable, paired with --giving-block-iv.")
    List<String> givingBlockKeys = new ArrayList<>();

    @Option(names = "--giving-block-iv", paramLabel = "HEX", description = "The Giving Block IV, paired with --giving-block-key.")
    List<String> givingBlockIvs = new ArrayList<>();

    @Option(names = "--chuffed-secret", paramLabel = "S", description = "A Chuffed webhook secret; repeatable (rotation).")
    List<String> chuffedSecrets = new ArrayList<>();

    @Option(names = "--key-mode", paramLabel = "MODE", description = "SIR Giving: whole (default), hex-suffix or utf8-suffix.")
    SirGiving.KeyMode keyMode;

    @Option(names = "--tolerance", paramLabel = "ISO-8601-DURATION",
            description = "SIR Giving window, The Giving Block maximum age, Chuffed maximum age of created_at.")
    Duration tolerance;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "1048576",
            description = "The largest body accepted (default: ${DEFAULT-VALUE}).")
    int maxBodyBytes;

    @Option(names = "--allow-insecure-short-secrets", description = "Accept secrets shorter than 16 bytes. Dangerous.")
    boolean allowShortSecrets;

    @Option(names = "--idempotency-store", paramLabel = "URI", defaultValue = "memory",
            description = {"Where deliveries are deduplicated: memory (default, this process only),",
                "or shared by several listen processes: redis://HOST:PORT (rediss:// for TLS),",
                "redis-cluster://HOST:PORT,HOST:PORT (the Cluster's seed nodes), or PostgreSQL:",
                "jdbc:postgresql://HOST:PORT/DB?user=... (its table is created when missing)."})
    String idempotencyStore;

    @Option(names = "--count", paramLabel = "N",
            description = "Stop after N deliveries, whatever their outcome (default: run until interrupted).")
    Long count;

    ListenCommand(StdStreams io, Function<String, String> environment) {
        this.io = io;
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535");
        }
        if (maxBodyBytes <= 0) {
            throw new UsageException("--max-body-bytes must be positive");
        }
        if (count != null && count <= 0) {
            throw new UsageException("--count must be positive");
        }
        Map<Provider, WebhookVerifier<?>> verifiers = verifiers(Clock.systemUTC());
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong deliveries = new AtomicLong();
        Runnable delivered = () -> {
            if (count != null && deliveries.incrementAndGet() >= count) {
                done.countDown();
            }
        };
        IdempotencyStore store = Stores.open(idempotencyStore);
        Receiver receiver;
        try {
            receiver = start(verifiers, store, delivered);
        } catch (RuntimeException e) {
            Stores.close(store);
            throw e;
        }
        Thread stop = new Thread(() -> {
            receiver.close();
            done.countDown();
        }, "givinghooks-listen-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            io.err().println("givinghooks listen: receiving");
            receiver.endpoints().forEach((provider, url) -> io.err().printf("  %-13s %s%n", provider.id(), url));
            io.err().println(count == null ? "One JSON line per delivery on standard output; Ctrl-C stops."
                    : "One JSON line per delivery on standard output; stops after " + count + ".");
            io.err().flush();
            done.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
                receiver.close();
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the receiver
            }
        }
        return ExitCodes.OK;
    }

    private Receiver start(Map<Provider, WebhookVerifier<?>> verifiers, IdempotencyStore store, Runnable delivered) {
        try {
            return Receiver.start(host, port, verifiers, store, maxBodyBytes, line -> {
                io.out().write(line, 0, line.length);
                io.out().flush();
            }, delivered);
        } catch (IOException e) {
            throw new UsageException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("the receiver did not start", e);
        }
    }

    /** The verifier of every provider that has credentials, from the options or the environment. */
    Map<Provider, WebhookVerifier<?>> verifiers(Clock clock) {
        List<String> sir = orEnvironment(sirGivingSecrets, ENV_SIR_SECRETS);
        List<String> keys = orEnvironment(givingBlockKeys, ENV_TGB_KEYS);
        List<String> ivs = orEnvironment(givingBlockIvs, ENV_TGB_IVS);
        List<String> chuffed = orEnvironment(chuffedSecrets, ENV_CHUFFED_SECRETS);
        if (sir.isEmpty() && keys.isEmpty() && ivs.isEmpty() && chuffed.isEmpty()) {
            throw new UsageException("no credentials: give --sir-giving-secret, --giving-block-key with --giving-block-iv, or"
                    + " --chuffed-secret (or " + ENV_SIR_SECRETS + ", " + ENV_TGB_KEYS + " with " + ENV_TGB_IVS + ", "
                    + ENV_CHUFFED_SECRETS + ")");
        }
        if (keyMode != null && sir.isEmpty()) {
            throw new UsageException("--key-mode applies to sir-giving, which has no secret here");
        }
        Map<Provider, WebhookVerifier<?>> verifiers = new LinkedHashMap<>();
        if (!sir.isEmpty()) {
            verifiers.put(Provider.SIR_GIVING, build(Provider.SIR_GIVING, sir, List.of(), List.of(), keyMode, allowShortSecrets, clock));
        }
        if (!keys.isEmpty() || !ivs.isEmpty()) {
            verifiers.put(Provider.GIVING_BLOCK, build(Provider.GIVING_BLOCK, List.of(), keys, ivs, null, false, clock));
        }
        if (!chuffed.isEmpty()) {
            verifiers.put(Provider.CHUFFED, build(Provider.CHUFFED, chuffed, List.of(), List.of(), null, allowShortSecrets, clock));
        }
        return verifiers;
    }

    private WebhookVerifier<?> build(Provider provider, List<String> secrets, List<String> keys, List<String> ivs,
            SirGiving.KeyMode mode, boolean allowShort, Clock clock) {
        try {
            return Verifiers.build(new Verifiers.Settings(provider, secrets, keys, ivs, mode, tolerance, allowShort, maxBodyBytes), clock);
        } catch (UsageException e) {
            throw new UsageException(provider.id() + ": " + e.getMessage());
        }
    }

    private List<String> orEnvironment(List<String> given, String variable) {
        if (!given.isEmpty()) {
            return given;
        }
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            values.add(part.strip());
        }
        return values;
    }
}
