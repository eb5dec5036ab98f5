package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.sirgiving.SirGiving;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §2.2 rule 1 and the crypto rules of STYLE §5: MACs are compared in constant time on
 * decoded bytes, and nothing of the body is parsed before it is authenticated. Timing cannot be
 * measured reliably in a unit test, so the comparison is checked where it is written.
 */
class CryptoRulesTest {
    static final Path MAIN = Path.of("src/main/java/dev/givinghooks");

    @Test
    void macsAreComparedWithMessageDigestIsEqual() throws IOException {
        String source = Files.readString(MAIN.resolve("internal/HmacSha256.java"));
        Matcher matches = Pattern.compile("public boolean matches\\([^)]*\\) \\{([^}]*)\\}").matcher(source);
        assertThat(matches.find()).as("HmacSha256.matches").isTrue();
        assertThat(matches.group(1)).contains("MessageDigest.isEqual(");
    }

    @Test
    void noVerifierComparesBytesOrSignaturesWithAnEarlyExitComparison() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            String text = Files.readString(source);
            assertThat(text).as(source.toString()).doesNotContain("Arrays.equals(").doesNotContain("Arrays.mismatch(");
            assertThat(text).as(source.toString()).doesNotContainPattern("(?i)signature\\w*\\.equals(IgnoreCase)?\\(");
        }
    }

    @Test
    void tagsDifferingAnywhereOrInLengthDoNotMatch() {
        HmacSha256 hmac = HmacSha256.of("0123456789abcdef".getBytes(StandardCharsets.UTF_8), null);
        byte[] body = "body".getBytes(StandardCharsets.UTF_8);
        byte[] tag = hmac.compute(null, body);
        assertThat(hmac.matches(null, body, tag)).isTrue();
        for (int i = 0; i < tag.length; i++) {
            byte[] changed = tag.clone();
            changed[i] ^= 1;
            assertThat(hmac.matches(null, body, changed)).as("byte %d", i).isFalse();
        }
        assertThat(hmac.matches(null, body, java.util.Arrays.copyOf(tag, 31))).isFalse();
        assertThat(hmac.matches(null, body, new byte[0])).isFalse();
    }

    @Test
    void hexDecodingAcceptsEitherCaseAndRejectsEverythingElse() {
        assertThat(Hex.decode("00ffAAbb")).containsExactly(0x00, 0xff, 0xaa, 0xbb);
        assertThat(Hex.decode("0")).isNull();
        assertThat(Hex.decode("0g")).isNull();
        assertThat(Hex.decode("\u0660\u0661")).isNull(); // Arabic-Indic digits are digits, not hex
        assertThat(Hex.decode("\uff10\uff11")).isNull(); // full-width digits
        assertThat(Hex.decode("")).isEmpty();
        char[] chars = "xx0aFFyy".toCharArray();
        assertThat(Hex.decode(chars, 2, 4)).containsExactly(0x0a, 0xff);
    }

    @Test
    void forgedBodiesAreRefusedForTheirSignatureNotTheirContent() {
        // Verify before parse: a forged body that is not JSON must not reach the parser.
        byte[] notJson = "\u0000not json at all".getBytes(StandardCharsets.UTF_8);
        String ts = "1746876000";
        Throwable sir = catchThrowable(() -> SirGiving.verifierBuilder().secrets("whsec_0123456789abcdef0123")
                .clock(TestSupport.fixedAt(1_746_876_000L)).build()
                .verify(TestSupport.request(notJson, SirGiving.TIMESTAMP_HEADER, ts, SirGiving.SIGNATURE_HEADER, "sha256=" + "00".repeat(32))));
        assertThat(((WebhookRejectedException) sir).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        Throwable chuffed = catchThrowable(() -> Chuffed.verifier("a customer-chosen chuffed secret")
                .verify(TestSupport.request(notJson, Chuffed.SIGNATURE_HEADER, "00".repeat(32))));
        assertThat(((WebhookRejectedException) chuffed).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(((WebhookRejectedException) chuffed).authenticBody()).isEmpty();
    }

    @Test
    void utf8ValidationIsStrict() {
        assertThat(Utf8.isValid("héllo 漢字 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0xAF})).isFalse();             // overlong '/'
        assertThat(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isFalse(); // surrogate
        assertThat(Utf8.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse(); // > U+10FFFF
        assertThat(Utf8.isValid(new byte[] {(byte) 0xE2, (byte) 0x82})).isFalse();             // truncated
        assertThat(Utf8.isValid(new byte[] {(byte) 0x80})).isFalse();                          // lone continuation
        assertThat(Utf8.isValid(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80})).isTrue();
    }
}
