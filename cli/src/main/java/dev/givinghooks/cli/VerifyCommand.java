package dev.givinghooks.cli;

import dev.givinghooks.Provider;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.sirgiving.SirGiving;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code givinghooks verify}: verifies (or decrypts) one delivery and prints the outcome as one
 * line of JSON. Exit status 0 when verified, 1 when rejected, 2 for a usage or configuration
 * error. Neither the output nor an error message ever contains a secret, key, IV or expected
 * signature.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        header = "Verifies (or decrypts) a delivery; prints the outcome as a JSON line.",
        synopsisHeading = "%nUsage: ", descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        description = {
            "Verifies one webhook delivery (The Giving Block: decrypts it and checks its",
            "age) and prints the outcome as exactly one line of JSON on standard output.",
            "The body is read byte-exact from --body-file, or else from standard input.",
            "",
            "Verified, exit status 0:",
            "  {\"verified\":true,\"provider\":\"sir-giving\",\"type\":\"action.completed\",",
            "   \"id\":\"sir-giving:evt_...\",\"keyIndex\":0,\"event\":{...}}",
            "Rejected, exit status 1:",
            "  {\"verified\":false,\"provider\":\"sir-giving\",",
            "   \"reason\":\"SIGNATURE_MISMATCH\",\"detail\":\"...\"}",
            "Usage or configuration error, exit status 2: a message on standard error."
        },
        footer = {
            "",
            "Examples:",
            "  givinghooks verify --provider sir-giving --secret \"$SIR_SECRET\" \\",
            "      --header 'X-SIR-Timestamp: 1746876000' \\",
            "      --header 'X-SIR-Signature: sha256=d481f80e...' --body-file delivery.json",
            "  givinghooks verify --provider giving-block --key \"$TGB_KEY\" \\",
            "      --iv \"$TGB_IV\" --now 2021-12-29T12:00:00Z < notification.json",
            "",
            "A secret on the command line is visible in the process list; an argument",
            "file keeps it out: givinghooks verify @secret.args --provider chuffed ..."
        })
final class VerifyCommand implements Callable<Integer> {
    private final StdStreams io;

    @Option(names = "--provider", required = true, paramLabel = "PROVIDER",
            description = "sir-giving, giving-block or chuffed.")
    Provider provider;

    @Option(names = "--secret", paramLabel = "S",
            description = "A webhook secret (SIR Giving, Chuffed). Repeat it during a rotation: the first that matches"
                    + " is reported as keyIndex (0-based, in the order given).")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--key", paramLabel = "HEX",
            description = "The Giving Block encryption key, 64 hex digits. Repeat --key and --iv in pairs during a rotation.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--iv", paramLabel = "HEX", description = "The Giving Block IV, 32 hex digits, paired with --key.")
    List<String> ivs = new ArrayList<>();

    @Option(names = "--header", paramLabel = "'Name: value'", description = "A received header; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--body-file", paramLabel = "PATH", description = "The body, read byte-exact (default: standard input).")
    Path bodyFile;

    @Option(names = "--now", paramLabel = "ISO-8601-INSTANT",
            description = "Check timestamps against this fixed time instead of the clock, e.g. 2021-12-29T12:00:00Z.")
    Instant now;

    @Option(names = "--tolerance", paramLabel = "ISO-8601-DURATION",
            description = "SIR Giving: the replay window, both ways (default PT5M). The Giving Block: the maximum age"
                    + " (default PT1H). Chuffed: a maximum age of the signed created_at (default: none).")
    Duration tolerance;

    @Option(names = "--key-mode", paramLabel = "MODE",
            description = "SIR Giving: how key bytes come from the secret: whole (default; the UTF-8 of the whole"
                    + " whsec_... string), hex-suffix or utf8-suffix (of the part after whsec_).")
    SirGiving.KeyMode keyMode;

    @Option(names = "--allow-insecure-short-secrets",
            description = "Accept secrets shorter than 16 bytes (SIR Giving, Chuffed). Dangerous: a short secret can be"
                    + " guessed offline from one captured delivery.")
    boolean allowShortSecrets;

    VerifyCommand(StdStreams io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        WebhookVerifier<?> verifier = verifier();
        WebhookRequest request = WebhookRequest.of(Options.headers(headers), Bodies.read(bodyFile, io.in()));
        byte[] outcome;
        int exit;
        try {
            outcome = OutcomeJson.verified(verifier.verify(request));
            exit = ExitCodes.OK;
        } catch (WebhookRejectedException e) {
            outcome = OutcomeJson.rejected(e);
            exit = ExitCodes.REJECTED;
        }
        io.out().write(outcome, 0, outcome.length);
        io.out().flush();
        return exit;
    }
    /** Builds the verifier the options describe; every configuration problem is a {@link UsageException}. */
    private WebhookVerifier<?> verifier() {
        Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC);
        return Verifiers.build(new Verifiers.Settings(provider, secrets, keys, ivs, keyMode, tolerance, allowShortSecrets, null), clock);
    }
}
