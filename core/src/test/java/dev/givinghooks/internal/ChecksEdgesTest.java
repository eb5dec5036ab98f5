package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.WebhookRejectedException;
import org.junit.jupiter.api.Test;

/** Header checks and hex decoding at their exact limits, and what a refusal shows of a bad value. */
class ChecksEdgesTest {
    @Test
    void aHeaderOfExactlyTheMaximumLengthIsTakenAndOneCharacterMoreIsNot() {
        String longest = "a".repeat(Checks.MAX_HEADER_LENGTH);
        assertThat(Checks.singleHeader(Provider.CHUFFED, TestSupport.request(new byte[0], "X-Any", longest), "X-Any", Reason.MALFORMED_SIGNATURE))
                .isEqualTo(longest);
        assertThatThrownBy(() -> Checks.singleHeader(Provider.CHUFFED, TestSupport.request(new byte[0], "X-Any", longest + "a"), "X-Any",
                Reason.MALFORMED_SIGNATURE)).isInstanceOfSatisfying(WebhookRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_SIGNATURE));
    }

    @Test
    void aTimestampIsOneToTwelveDecimalDigitsReadInOnePass() {
        assertThat(Checks.unixSeconds(Provider.SIR_GIVING, "X-T", "0")).isZero();
        assertThat(Checks.unixSeconds(Provider.SIR_GIVING, "X-T", "000000000001")).isEqualTo(1);
        assertThat(Checks.unixSeconds(Provider.SIR_GIVING, "X-T", "1746876000")).isEqualTo(1_746_876_000L);
        assertThat(Checks.unixSeconds(Provider.SIR_GIVING, "X-T", "999999999999")).isEqualTo(999_999_999_999L);
        assertThat(timestampRefusal(null)).isEqualTo(Reason.MISSING_TIMESTAMP);
        for (String bad : new String[] {"", "1000000000000", "-1", "+1", "1 ", "17468760O0", "１", "12/", "12:"}) {
            assertThat(timestampRefusal(bad)).as(bad).isEqualTo(Reason.MALFORMED_TIMESTAMP);
        }
    }

    private static Reason timestampRefusal(String value) {
        try {
            Checks.unixSeconds(Provider.SIR_GIVING, "X-T", value);
            throw new AssertionError("accepted " + value);
        } catch (WebhookRejectedException e) {
            return e.reason();
        }
    }

    @Test
    void aRefusalShowsFourCharactersOfABadValueAtMostPrintableOnly() {
        assertThat(refusal("abcd")).contains("'abcd'");
        assertThat(refusal("abcde")).contains("'abcd…'");
        // U+001F and U+007F are not printable; U+0020 and U+007E are.
        assertThat(refusal("a\u001f \u007e\u007f")).contains("'a? ~…'");
        assertThat(refusal("ab~\u007f")).contains("'ab~?'");
    }

    private static String refusal(String value) {
        try {
            Checks.signature(Provider.CHUFFED, TestSupport.request(new byte[0], "Signature", value), "Signature", "");
            throw new AssertionError("accepted " + value);
        } catch (WebhookRejectedException e) {
            return e.getMessage();
        }
    }

    @Test
    void hexRefusesCharactersBeyondLatin1WithoutFailing() {
        assertThat(Hex.decode("0\u00ff")).isNull();
        assertThat(Hex.decode("0\u0100")).isNull();
        assertThat(Hex.decode("\uffff0")).isNull();
        assertThat(Hex.decode("0f")).containsExactly(0x0f);
    }

    @Test
    void cryptoHelpersNeverShowTheirKey() {
        assertThat(HmacSha256.of(new byte[32], null)).hasToString("HmacSha256[key=redacted]");
        assertThat(AesCbc.of(new byte[32], new byte[16], null).toString()).doesNotContain("0000").contains("redacted");
    }
}
