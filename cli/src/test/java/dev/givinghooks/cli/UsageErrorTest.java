package dev.givinghooks.cli;

import static dev.givinghooks.cli.Cli.run;
import static dev.givinghooks.cli.Cli.utf8;
import static dev.givinghooks.cli.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Usage and configuration errors: a message on standard error, nothing on standard output, exit 2. */
class UsageErrorTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("no command", new String[] {}, "a command is required"),
                Arguments.of("unknown command", new String[] {"frobnicate"}, "frobnicate"),
                Arguments.of("no provider", new String[] {"verify", "--secret", CHUFFED_SECRET}, "--provider"),
                Arguments.of("unknown provider", new String[] {"verify", "--provider", "stripe"}, "sir-giving, giving-block, chuffed"),
                Arguments.of("no secret", new String[] {"verify", "--provider", "chuffed"}, "chuffed needs --secret"),
                Arguments.of("short secret", new String[] {"verify", "--provider", "chuffed", "--secret", "short"}, "shorter than 16 bytes"),
                Arguments.of("blank secret", new String[] {"verify", "--provider", "sir-giving", "--secret", "   "}, "blank"),
                Arguments.of("key for an HMAC provider", new String[] {"verify", "--provider", "sir-giving", "--secret", SIR_SECRET,
                    "--key", TGB_KEY, "--iv", TGB_IV}, "--key and --iv apply to giving-block"),
                Arguments.of("secret for TGB", new String[] {"verify", "--provider", "giving-block", "--secret", SIR_SECRET},
                    "--secret does not apply to giving-block"),
                Arguments.of("TGB without iv", new String[] {"verify", "--provider", "giving-block", "--key", TGB_KEY}, "--key and --iv"),
                Arguments.of("TGB unpaired", new String[] {"verify", "--provider", "giving-block", "--key", TGB_KEY, "--key", TGB_KEY,
                    "--iv", TGB_IV}, "in pairs"),
                Arguments.of("bad key hex", new String[] {"verify", "--provider", "giving-block", "--key", "zz" + TGB_KEY.substring(2),
                    "--iv", TGB_IV}, "encryption key is not 64 hex digits"),
                Arguments.of("short iv", new String[] {"verify", "--provider", "giving-block", "--key", TGB_KEY, "--iv", "abcd"},
                    "iv is not 32 hex digits"),
                Arguments.of("key mode for TGB", new String[] {"verify", "--provider", "giving-block", "--key", TGB_KEY, "--iv", TGB_IV,
                    "--key-mode", "whole"}, "--key-mode applies to sir-giving only"),
                Arguments.of("unknown key mode", new String[] {"verify", "--provider", "sir-giving", "--secret", SIR_SECRET,
                    "--key-mode", "base64"}, "whole, hex-suffix, utf8-suffix"),
                Arguments.of("secret unfit for key mode", new String[] {"verify", "--provider", "sir-giving",
                    "--secret", "not-a-whsec-secret-at-all", "--key-mode", "hex-suffix"}, "whsec_"),
                Arguments.of("bad --now", new String[] {"verify", "--provider", "chuffed", "--secret", CHUFFED_SECRET, "--now", "yesterday"},
                    "ISO-8601 instant"),
                Arguments.of("bad --tolerance", new String[] {"verify", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                    "--tolerance", "5m"}, "ISO-8601 duration"),
                Arguments.of("negative --tolerance", new String[] {"verify", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                    "--tolerance", "-PT5M"}, "positive"),
                Arguments.of("malformed header", new String[] {"verify", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                    "--header", "Signature " + CHUFFED_SIGNATURE}, "--header #1"),
                Arguments.of("missing body file", new String[] {"verify", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                    "--body-file", "/nonexistent/body.json"}, "does not exist"),
                Arguments.of("unknown option", new String[] {"verify", "--provider", "chuffed", "--sekret", CHUFFED_SECRET},
                    "did you mean --secret"),
                Arguments.of("sign without secret", new String[] {"sign", "--provider", "chuffed"}, "chuffed needs --secret"),
                Arguments.of("sign with two secrets", new String[] {"sign", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                    "--secret", CHUFFED_SECRET}, "exactly one --secret"),
                Arguments.of("sign with two key pairs", new String[] {"sign", "--provider", "giving-block", "--key", TGB_KEY,
                    "--iv", TGB_IV, "--key", TGB_KEY, "--iv", TGB_IV}, "one --key and one --iv"),
                Arguments.of("sign bad format", new String[] {"sign", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                    "--format", "xml"}, "json, http or curl"),
                Arguments.of("sign bad timestamp", new String[] {"sign", "--provider", "sir-giving", "--secret", SIR_SECRET,
                    "--timestamp", "1746876000.5"}, "unix seconds"),
                Arguments.of("sign timestamp for chuffed", new String[] {"sign", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                    "--timestamp", "1746876000"}, "--timestamp applies to sir-giving only"),
                Arguments.of("sign timestamp for TGB", new String[] {"sign", "--provider", "giving-block", "--key", TGB_KEY,
                    "--iv", TGB_IV, "--timestamp", "1746876000"}, "eventTimestamp"),
                Arguments.of("sign event type for SIR", new String[] {"sign", "--provider", "sir-giving", "--secret", SIR_SECRET,
                    "--event-type", "action.completed"}, "--event-type applies to giving-block only"),
                Arguments.of("sign relative url", new String[] {"sign", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                    "--format", "curl", "--url", "/webhooks/chuffed"}, "absolute http or https URL"),
                Arguments.of("sign ftp url", new String[] {"sign", "--provider", "chuffed", "--secret", CHUFFED_SECRET,
                    "--url", "ftp://example.org/x"}, "absolute http or https URL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void usageErrorsExitTwoWithAMessageOnStderrOnly(String name, String[] args, String expected) {
        Cli.Run result = run(utf8(CHUFFED_BODY), args);

        assertThat(result.exit()).as(result.stderr()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains(expected);
        assertThat(result.stderr()).doesNotContain(SIR_SECRET, TGB_KEY, TGB_IV, CHUFFED_SECRET, "Exception");
    }
}
