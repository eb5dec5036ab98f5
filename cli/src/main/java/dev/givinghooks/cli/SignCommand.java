package dev.givinghooks.cli;

import dev.givinghooks.Provider;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.sirgiving.SirGiving;
import java.nio.file.Path;
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
 * {@code givinghooks sign}: signs (for The Giving Block: encrypts) a body the way the provider
 * does, and prints the delivery as JSON, a raw HTTP request or a curl command.
 */
@Command(name = "sign", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "Signs (or encrypts) a body as the provider would deliver it.",
        synopsisHeading = "%nUsage: ", descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        description = {
            "Signs a body as the provider would send it. SIR Giving and Chuffed bodies",
            "are signed as given; for The Giving Block the body given is the plaintext",
            "payload and the delivery body is its encrypted envelope",
            "{\"eventType\":...,\"payload\":\"<hex>\"}. The body is read byte-exact from",
            "--body-file, or else from standard input.",
            "",
            "--format json (default) prints one line:",
            "  {\"headers\":{...},\"body\":\"<exact body as UTF-8>\",\"bodyBase64\":\"...\"}",
            "--format http prints the raw HTTP/1.1 request, --format curl a curl command",
            "for a POSIX shell."
        },
        footer = {
            "",
            "Examples:",
            "  printf %%s '{\"id\":\"evt_1\",\"type\":\"action.completed\",\"data\":{}}' \\",
            "    | givinghooks sign --provider sir-giving --secret \"$SIR_SECRET\" \\",
            "        --format curl --url http://localhost:8080/webhooks/sir-giving",
            "  givinghooks sign --provider giving-block --key \"$TGB_KEY\" \\",
            "      --iv \"$TGB_IV\" --event-type DEPOSIT_TRANSACTION --body-file deposit.json"
        })
final class SignCommand implements Callable<Integer> {
    /** The envelope type used when neither {@code --event-type} nor the plaintext names one. */
    static final String DEFAULT_GIVING_BLOCK_TYPE = "DEPOSIT_TRANSACTION";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private final StdStreams io;
    private final Clock clock;

    @Option(names = "--provider", required = true, paramLabel = "PROVIDER",
            description = "sir-giving, giving-block or chuffed.")
    Provider provider;

    @Option(names = "--secret", paramLabel = "S", description = "The webhook secret (SIR Giving, Chuffed).")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--key", paramLabel = "HEX", description = "The Giving Block encryption key, 64 hex digits.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--iv", paramLabel = "HEX", description = "The Giving Block IV, 32 hex digits.")
    List<String> ivs = new ArrayList<>();

    @Option(names = "--timestamp", paramLabel = "UNIX_SECONDS",
            description = "SIR Giving: the X-SIR-Timestamp to sign (default: now). The Giving Block carries its time"
                    + " inside the payload (eventTimestamp) and Chuffed has none.")
    String timestamp;

    @Option(names = "--event-type", paramLabel = "T",
            description = "The Giving Block: the envelope's eventType (default: the plaintext's own eventType, else "
                    + DEFAULT_GIVING_BLOCK_TYPE + "). SIR Giving's type is inside the signed body; Chuffed sends none.")
    String eventType;

    @Option(names = "--body-file", paramLabel = "PATH", description = "The body, read byte-exact (default: standard input).")
    Path bodyFile;

    @Option(names = "--format", paramLabel = "json|http|curl", defaultValue = "json",
            description = "What to print (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--url", paramLabel = "URL",
            description = "Where the http and curl formats send to (default: http://localhost:8080/webhooks/PROVIDER).")
    String url;

    @Option(names = "--key-mode", paramLabel = "MODE",
            description = "SIR Giving: how key bytes come from the secret: whole (default), hex-suffix or utf8-suffix.")
    SirGiving.KeyMode keyMode;

    SignCommand(StdStreams io, Clock clock) {
        this.io = io;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (!List.of("json", "http", "curl").contains(format)) {
            throw new UsageException("--format must be json, http or curl");
        }
        SignedRequest request = sign(Bodies.read(bodyFile, io.in()));
        byte[] output = switch (format) {
            case "http" -> request.http();
            case "curl" -> request.curl().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            default -> request.json();
        };
        io.out().write(output, 0, output.length);
        io.out().flush();
        return ExitCodes.OK;
    }

    private SignedRequest sign(byte[] body) {
        if (provider != Provider.SIR_GIVING && keyMode != null) {
            throw new UsageException("--key-mode applies to sir-giving only");
        }
        if (provider != Provider.SIR_GIVING && timestamp != null) {
            throw new UsageException("--timestamp applies to sir-giving only: "
                    + (provider == Provider.GIVING_BLOCK ? "The Giving Block's time is the payload's eventTimestamp"
                            : "Chuffed sends no timestamp"));
        }
        if (provider != Provider.GIVING_BLOCK && eventType != null) {
            throw new UsageException("--event-type applies to giving-block only: "
                    + (provider == Provider.SIR_GIVING ? "SIR Giving's type is inside the signed body" : "Chuffed sends none"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        byte[] deliveryBody = body;
        try {
            switch (provider) {
                case SIR_GIVING -> {
                    Credentials.secretsOnly(provider, secrets, keys, ivs);
                    String seconds = timestamp == null ? Long.toString(clock.instant().getEpochSecond()) : checked(timestamp);
                    String signature = SirGiving.sign(oneSecret(), keyMode == null ? SirGiving.KeyMode.WHOLE : keyMode, seconds, body);
                    headers.put("User-Agent", "SIRGiving-Webhooks/1.0");
                    headers.put(SirGiving.TIMESTAMP_HEADER, seconds);
                    headers.put(SirGiving.SIGNATURE_HEADER, signature);
                }
                case GIVING_BLOCK -> {
                    List<GivingBlockKey> pairs = Credentials.keyPairs(secrets, keys, ivs);
                    if (pairs.size() > 1) {
                        throw new UsageException("sign takes one --key and one --iv");
                    }
                    String type = eventType != null ? eventType : ownEventType(body);
                    deliveryBody = GivingBlock.envelope(type, pairs.get(0), body);
                }
                case CHUFFED -> {
                    Credentials.secretsOnly(provider, secrets, keys, ivs);
                    headers.put(Chuffed.SIGNATURE_HEADER, Chuffed.sign(oneSecret(), body));
                }
            }
        } catch (IllegalArgumentException e) {
            // Core's messages name the problem (blank secret, secret unfit for the key mode), never the value.
            throw new UsageException(e.getMessage());
        }
        String target = url != null ? url : "http://localhost:8080/webhooks/" + provider.id();
        return new SignedRequest(SignedRequest.url(target), headers, deliveryBody);
    }

    private String oneSecret() {
        if (secrets.size() != 1) {
            throw new UsageException("sign takes exactly one --secret");
        }
        return secrets.get(0);
    }

    private static String checked(String seconds) {
        if (seconds.isEmpty() || seconds.length() > MAX_TIMESTAMP_DIGITS || !seconds.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UsageException("--timestamp must be unix seconds: 1 to " + MAX_TIMESTAMP_DIGITS + " decimal digits");
        }
        return seconds;
    }

    /** The plaintext's own string {@code eventType}, as a merchant status event carries, else the default. */
    private static String ownEventType(byte[] plaintext) {
        try {
            JsonNode type = JSON.readTree(plaintext).get("eventType");
            return type != null && type.isString() && !type.stringValue().isEmpty() ? type.stringValue() : DEFAULT_GIVING_BLOCK_TYPE;
        } catch (JacksonException e) {
            return DEFAULT_GIVING_BLOCK_TYPE;
        }
    }
}
