package dev.givinghooks.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.internal.Checks;
import dev.givinghooks.internal.Hex;

/** Fuzzes the header checks that run before any crypto (see package-info for long runs). */
class HeaderChecksFuzzTest {

    @FuzzTest
    void signatureHeader(FuzzedDataProvider data) {
        String prefix = data.consumeBoolean() ? "sha256=" : "";
        int count = data.consumeInt(0, 3);
        String[] headers = new String[2 * count];
        for (int i = 0; i < count; i++) {
            headers[2 * i] = i % 2 == 0 ? "X-Signature" : "x-signature";
            headers[2 * i + 1] = data.consumeString(1200);
        }
        WebhookRequest request = TestSupport.request(new byte[0], headers);
        byte[][] mac = new byte[1][];
        WebhookRejectedException rejected = FuzzAssertions.onlyRejections(
                () -> mac[0] = Checks.signature(Provider.SIR_GIVING, request, "X-Signature", prefix));
        if (rejected == null) {
            String value = headers[1].strip();
            // Accepted: exactly one header, the prefix and 64 hex digits that decode to the MAC.
            if (count != 1 || mac[0].length != 32 || !value.startsWith(prefix)
                    || !java.util.Arrays.equals(mac[0], Hex.decode(value.substring(prefix.length())))) {
                throw new AssertionError("accepted a malformed signature header");
            }
        } else if (rejected.reason() != Reason.MISSING_SIGNATURE && rejected.reason() != Reason.MALFORMED_SIGNATURE) {
            throw new AssertionError("unexpected reason " + rejected.reason());
        } else if (rejected.detail().length() > 200) {
            throw new AssertionError("detail echoes too much of the header: " + rejected.detail().length());
        }
    }

    @FuzzTest
    void singleHeader(FuzzedDataProvider data) {
        int count = data.consumeInt(0, 3);
        String[] headers = new String[2 * count];
        for (int i = 0; i < count; i++) {
            headers[2 * i] = "X-SIR-Timestamp";
            headers[2 * i + 1] = data.consumeString(1100);
        }
        WebhookRequest request = TestSupport.request(data.consumeRemainingAsBytes(), headers);
        String[] value = new String[1];
        WebhookRejectedException rejected = FuzzAssertions.onlyRejections(
                () -> value[0] = Checks.singleHeader(Provider.SIR_GIVING, request, "x-sir-timestamp", Reason.MALFORMED_TIMESTAMP));
        if (rejected == null && (count == 0) != (value[0] == null)) {
            throw new AssertionError("absent header not reported as null");
        }
        if (rejected != null && rejected.reason() != Reason.MALFORMED_TIMESTAMP) {
            throw new AssertionError("unexpected reason " + rejected.reason());
        }
    }
}
