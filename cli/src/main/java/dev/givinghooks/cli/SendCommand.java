package dev.givinghooks.cli;

import dev.givinghooks.Provider;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.GivingBlockEventBuilder;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.WebhookSender;
import dev.givinghooks.testkit.delivery.Delivery;
import dev.givinghooks.testkit.delivery.DeliveryReport;
import dev.givinghooks.testkit.delivery.DeliverySimulator;
import dev.givinghooks.testkit.delivery.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code givinghooks send}: POSTs a signed (or encrypted) delivery to a URL, built from a testkit
 * fixture named by its event type or from a file, and prints the response as one JSON line.
 */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "Sends a signed webhook (a testkit fixture or a file) to a URL.",
        synopsisHeading = "%nUsage: ", descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        description = {
            "POSTs one delivery, signed or encrypted as the provider would, to --url. The",
            "body is a realistic testkit fixture of --event (default: the provider's main",
            "event), or the bytes of --body-file (for The Giving Block: the plaintext).",
            "Events: sir-giving action.completed, action.failed, transaction.completed or",
            "any other type; giving-block DEPOSIT_TRANSACTION, TRANSACTION_CONVERTED,",
            "MERCHANT_STATUS_EVENT or any other; chuffed donation.payment_confirmed.",
            "",
            "Prints one JSON line, {\"status\":401,\"reason\":\"SIGNATURE_MISMATCH\",\"body\":\"...\"}",
            "(reason when the response is a problem with one). Exit status 0 for a 2xx",
            "answer, 1 for any other, 2 for a usage error, 3 when the URL cannot be reached.",
            "With --like-provider it retries as the provider would and prints a table of the",
            "attempts instead; exit status 0 when an attempt got a 2xx answer, 1 otherwise.",
            "Without --secret, --key or --iv the first entry of the variables that listen",
            "reads is used (" + ListenCommand.ENV_SIR_SECRETS + ", ...)."
        },
        footer = {
            "",
            "Examples:",
            "  givinghooks send --provider sir-giving --secret \"$SIR_SECRET\" \\",
            "      --event action.failed --url http://127.0.0.1:8080/webhooks/sir-giving",
            "  givinghooks send --provider chuffed --secret \"$CHUFFED_SECRET\" \\",
            "      --body-file donation.json --url https://example.org/hooks/chuffed",
            "  givinghooks send --provider chuffed --secret \"$CHUFFED_SECRET\" --like-provider \\",
            "      --url http://127.0.0.1:8080/webhooks/chuffed"
        })
final class SendCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StdStreams io;
    private final Clock clock;
    private final Function<String, String> environment;

    @Option(names = "--provider", required = true, paramLabel = "PROVIDER", description = "sir-giving, giving-block or chuffed.")
    Provider provider;

    @Option(names = "--event", paramLabel = "TYPE", description = "The fixture to send, by event type.")
    String event;

    @Option(names = "--body-file", paramLabel = "PATH", description = "Send these bytes instead of a fixture.")
    Path bodyFile;

    @Mixin
    SigningCredentials credentials = new SigningCredentials();

    @Option(names = "--url", paramLabel = "URL",
            description = "Where to send (default: http://localhost:8080/webhooks/PROVIDER).")
    String url;

    @Option(names = "--timestamp", paramLabel = "UNIX_SECONDS", description = "SIR Giving: the X-SIR-Timestamp (default: now).")
    String timestamp;

    @Option(names = "--event-type", paramLabel = "T", description = "The Giving Block: the envelope's eventType.")
    String eventType;

    @Option(names = "--key-mode", paramLabel = "MODE", description = "SIR Giving: whole (default), hex-suffix or utf8-suffix.")
    SirGiving.KeyMode keyMode;

    @Option(names = "--like-provider", description = {"Deliver as the provider does: retry a non-2xx answer, no answer within",
        "the attempt timeout, or an unreachable URL, on the provider's schedule (Chuffed:",
        "5 attempts, 2 s, back-off over 2 days), and print the attempt table. The back-off",
        "is not waited out: the table shows it on a virtual clock. SIR Giving retries are",
        "signed anew when sent."})
    boolean likeProvider;

    @Option(names = "--attempts", paramLabel = "N", description = "With --like-provider: at most N attempts (default: the provider's).")
    Integer attempts;

    @Option(names = "--attempt-timeout", paramLabel = "ISO-8601-DURATION",
            description = "With --like-provider: how long each attempt waits for the answer (default: the provider's).")
    Duration attemptTimeout;

    SendCommand(StdStreams io, Clock clock, Function<String, String> environment) {
        this.io = io;
        this.clock = clock;
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (event != null && bodyFile != null) {
            throw new UsageException("give --event or --body-file, not both");
        }
        if (!likeProvider && (attempts != null || attemptTimeout != null)) {
            throw new UsageException("--attempts and --attempt-timeout go with --like-provider");
        }
        RetryPolicy policy = likeProvider ? policy() : null;
        URI target = SignedRequest.url(url != null ? url : "http://localhost:8080" + Receiver.path(provider));
        String type = eventType;
        byte[] body;
        if (bodyFile != null) {
            body = Bodies.read(bodyFile, io.in());
        } else {
            Testkit kit = Testkit.create(clock, new SecureRandom().nextLong());
            if (provider == Provider.GIVING_BLOCK) {
                GivingBlockEventBuilder builder = givingBlockFixture(kit);
                body = builder.plaintext();
                type = type != null ? type : builder.eventType();
            } else {
                body = fixtureBody(kit);
            }
        }
        Signer.Settings settings = new Signer.Settings(provider, credential(credentials.secrets, provider == Provider.GIVING_BLOCK ? null
                : provider == Provider.SIR_GIVING ? ListenCommand.ENV_SIR_SECRETS : ListenCommand.ENV_CHUFFED_SECRETS),
                credential(credentials.keys, provider == Provider.GIVING_BLOCK ? ListenCommand.ENV_TGB_KEYS : null),
                credential(credentials.ivs, provider == Provider.GIVING_BLOCK ? ListenCommand.ENV_TGB_IVS : null),
                keyMode, timestamp, type);
        Fixture fixture = fixture(settings, body, target);
        if (policy != null) {
            return deliverLikeTheProvider(policy, settings, body, fixture, target);
        }

        WebhookSender.Response response;
        try {
            response = WebhookSender.create().send(fixture, target);
        } catch (IOException e) {
            io.err().println("givinghooks send: cannot send to " + target + ": " + (e.getMessage() == null ? e : e.getMessage()));
            io.err().flush();
            return ExitCodes.FAILURE;
        }
        String reason = reason(response);
        JsonLines.print(io.out(), json -> {
            json.writeStartObject();
            json.writeNumberProperty("status", response.status());
            if (reason != null) {
                json.writeStringProperty("reason", reason);
            }
            json.writeStringProperty("body", response.bodyText());
            json.writeEndObject();
        });
        return response.status() / 100 == 2 ? ExitCodes.OK : ExitCodes.REJECTED;
    }

    private Fixture fixture(Signer.Settings settings, byte[] body, URI target) {
        Signer.Signed signed = Signer.sign(settings, body, clock);
        List<Fixture.Header> headers = new ArrayList<>();
        signed.headers().forEach((name, value) -> headers.add(new Fixture.Header(name, value)));
        return Fixture.of(provider, headers, signed.body()).withPath(target.getRawPath());
    }

    private RetryPolicy policy() {
        RetryPolicy policy = RetryPolicy.of(provider);
        try {
            if (attempts != null) {
                policy = policy.withAttempts(attempts);
            }
            if (attemptTimeout != null) {
                policy = policy.withTimeout(attemptTimeout);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--attempts must be at least 1 and --attempt-timeout positive");
        }
        return policy;
    }

    /**
     * Sends with the provider's retries and prints the attempt table. SIR Giving retries are
     * signed anew at the real time they are sent (unless --timestamp fixes it), so that an
     * endpoint on a real clock takes them; the others are re-sent byte for byte.
     */
    private int deliverLikeTheProvider(RetryPolicy policy, Signer.Settings settings, byte[] body, Fixture first, URI target)
            throws InterruptedException {
        Delivery delivery = provider == Provider.SIR_GIVING && timestamp == null
                ? Delivery.resigned(provider, at -> fixture(settings, body, target))
                : Delivery.of(first);
        DeliveryReport report = DeliverySimulator.builder().policy(policy).build().deliver(delivery.named(provider.id()), target);
        io.out().print(report);
        io.out().flush();
        return report.delivered() ? ExitCodes.OK : ExitCodes.REJECTED;
    }

    private byte[] fixtureBody(Testkit kit) {
        if (provider == Provider.SIR_GIVING) {
            String name = event == null ? "action.completed" : event;
            return switch (name) {
                case "action.completed" -> kit.sirGiving().actionCompleted().body();
                case "action.failed" -> kit.sirGiving().actionFailed().body();
                case "transaction.completed" -> kit.sirGiving().transactionCompleted().body();
                default -> kit.sirGiving().event(name).body();
            };
        }
        if (event != null && !event.equals("donation.payment_confirmed")) {
            throw new UsageException("chuffed has one documented event: donation.payment_confirmed (or send --body-file)");
        }
        return kit.chuffed().paymentConfirmed().body();
    }

    private GivingBlockEventBuilder givingBlockFixture(Testkit kit) {
        String name = event == null ? "DEPOSIT_TRANSACTION" : event.toUpperCase(Locale.ROOT);
        return switch (name) {
            case "DEPOSIT_TRANSACTION" -> kit.givingBlock().deposit();
            case "TRANSACTION_CONVERTED" -> kit.givingBlock().converted();
            case "MERCHANT_STATUS_EVENT" -> kit.givingBlock().merchantStatus();
            default -> kit.givingBlock().event(event);
        };
    }

    /** The option's values, or else the first entry of the environment variable listen reads. */
    private List<String> credential(List<String> given, String variable) {
        if (!given.isEmpty() || variable == null) {
            return given;
        }
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            return given;
        }
        return List.of(value.split(",", -1)[0].strip());
    }

    /** The {@code reason} member of a problem response, if there is one. */
    private static String reason(WebhookSender.Response response) {
        if (response.body().length == 0 || response.status() / 100 == 2) {
            return null;
        }
        try {
            JsonNode reason = JSON.readTree(response.body()).get("reason");
            return reason != null && reason.isString() ? reason.stringValue() : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
