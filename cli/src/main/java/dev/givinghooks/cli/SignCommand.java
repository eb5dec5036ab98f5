package dev.givinghooks.cli;

import dev.givinghooks.Provider;
import dev.givinghooks.sirgiving.SirGiving;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
    private final StdStreams io;
    private final Clock clock;

    @Option(names = "--provider", required = true, paramLabel = "PROVIDER",
            description = "sir-giving, giving-block or chuffed.")
    Provider provider;

    @Mixin
    SigningCredentials credentials = new SigningCredentials();

    @Option(names = "--timestamp", paramLabel = "UNIX_SECONDS",
            description = "SIR Giving: the X-SIR-Timestamp to sign (default: now). The Giving Block carries its time"
                    + " inside the payload (eventTimestamp) and Chuffed has none.")
    String timestamp;

    @Option(names = "--event-type", paramLabel = "T",
            description = "The Giving Block: the envelope's eventType (default: the plaintext's own eventType, else "
                    + Signer.DEFAULT_GIVING_BLOCK_TYPE + "). SIR Giving's type is inside the signed body; Chuffed sends none.")
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
            case "curl" -> request.curl().getBytes(StandardCharsets.UTF_8);
            default -> request.json();
        };
        io.out().write(output, 0, output.length);
        io.out().flush();
        return ExitCodes.OK;
    }

    private SignedRequest sign(byte[] body) {
        Signer.Settings settings = new Signer.Settings(provider, credentials.secrets, credentials.keys, credentials.ivs,
                keyMode, timestamp, eventType);
        Signer.Signed signed = Signer.sign(settings, body, clock);
        String target = url != null ? url : "http://localhost:8080/webhooks/" + provider.id();
        return new SignedRequest(SignedRequest.url(target), signed.headers(), signed.body());
    }
}
