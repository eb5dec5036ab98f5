package dev.givinghooks.internal;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import java.util.List;

/** Checks of what a sender controls before any crypto runs: body size and header shapes. */
public final class Checks {
    /** Longest header value looked at, in characters. */
    public static final int MAX_HEADER_LENGTH = 1024;
    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private Checks() {
    }

    /** Validates a configured body limit. */
    public static int positiveBodyLimit(int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        return maxBodyBytes;
    }

    /** Refuses a body over the limit with {@link Reason#BODY_TOO_LARGE}. */
    public static void bodySize(Provider provider, WebhookRequest request, int maxBodyBytes) {
        if (request.body().length > maxBodyBytes) {
            throw new WebhookRejectedException(provider, Reason.BODY_TOO_LARGE,
                    "body has " + request.body().length + " bytes; at most " + maxBodyBytes + " allowed");
        }
    }

    /**
     * Returns the one value of a header, or {@code null} when it is absent.
     *
     * @throws WebhookRejectedException with {@code malformed} when it was sent more than once or
     *         is longer than {@link #MAX_HEADER_LENGTH}
     */
    public static String singleHeader(Provider provider, WebhookRequest request, String name, Reason malformed) {
        List<String> values = request.headers(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new WebhookRejectedException(provider, malformed, name + " header was sent " + values.size() + " times");
        }
        String value = values.get(0);
        if (value.length() > MAX_HEADER_LENGTH) {
            throw new WebhookRejectedException(provider, malformed, name + " header is longer than " + MAX_HEADER_LENGTH);
        }
        return value;
    }

    /**
     * Returns the seconds of a timestamp header's value, as {@link #singleHeader} found it, checked
     * to be 1 to 12 decimal digits (twelve reach the year 33658; longer values are malformed, not
     * merely old). One pass checks and adds up the digits: no sign or radix to look for, as
     * {@link Long#parseLong} does, and no overflow.
     *
     * @param value the header's one value, or {@code null} when it is absent
     * @throws WebhookRejectedException with {@link Reason#MISSING_TIMESTAMP} or
     *         {@link Reason#MALFORMED_TIMESTAMP}
     */
    public static long unixSeconds(Provider provider, String header, String value) {
        if (value == null) {
            throw new WebhookRejectedException(provider, Reason.MISSING_TIMESTAMP, header + " header is missing");
        }
        int length = value.length();
        if (length == 0 || length > MAX_TIMESTAMP_DIGITS) {
            throw new WebhookRejectedException(provider, Reason.MALFORMED_TIMESTAMP,
                    header + " header is not 1 to " + MAX_TIMESTAMP_DIGITS + " decimal digits");
        }
        long seconds = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new WebhookRejectedException(provider, Reason.MALFORMED_TIMESTAMP, header + " header is not decimal digits");
            }
            seconds = seconds * 10 + (c - '0');
        }
        return seconds;
    }

    /**
     * Decodes a signature header value of the form {@code prefix + 64 hex digits} (either case).
     *
     * @throws WebhookRejectedException with {@link Reason#MISSING_SIGNATURE} or
     *         {@link Reason#MALFORMED_SIGNATURE}; the detail shows at most the first 4 characters
     */
    public static byte[] signature(Provider provider, WebhookRequest request, String header, String prefix) {
        String value = singleHeader(provider, request, header, Reason.MALFORMED_SIGNATURE);
        if (value == null) {
            throw new WebhookRejectedException(provider, Reason.MISSING_SIGNATURE, header + " header is missing");
        }
        // The bounds of value.strip(), found without copying: this runs on every delivery.
        int start = 0;
        int end = value.length();
        while (start < end && mayBeSpace(value.charAt(start)) && Character.isWhitespace(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (end > start && mayBeSpace(value.charAt(end - 1)) && Character.isWhitespace(value.codePointBefore(end))) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        if (!value.startsWith(prefix, start)) {
            throw malformed(provider, header, value.substring(start, end), "does not start with '" + prefix + "'");
        }
        if (end - start != prefix.length() + 2 * HmacSha256.LENGTH) {
            throw malformed(provider, header, value.substring(start, end), "is not " + 2 * HmacSha256.LENGTH + " hex digits");
        }
        byte[] mac = Hex.decode(value, start + prefix.length(), end);
        if (mac == null) {
            throw malformed(provider, header, value.substring(start, end), "is not hex");
        }
        return mac;
    }

    /** False for the printable ASCII characters, none of which is white space: the usual case skips the Unicode lookup. */
    private static boolean mayBeSpace(char c) {
        return c <= ' ' || c > '~';
    }

    private static WebhookRejectedException malformed(Provider provider, String header, String value, String problem) {
        String shown = value.length() <= 4 ? value : value.substring(0, 4) + "…";
        return new WebhookRejectedException(provider, Reason.MALFORMED_SIGNATURE,
                header + " header '" + printable(shown) + "' " + problem);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7F || c == '…' ? Character.toString(c) : "?"));
        return out.toString();
    }
}
