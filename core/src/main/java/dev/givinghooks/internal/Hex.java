package dev.givinghooks.internal;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Table-driven hex decoding (either case) and lowercase encoding. Decoding reports failure with
 * {@code null} rather than an exception, so callers choose their own uniform reason; it does not
 * branch on the digits' values, only on the input length.
 */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();
    // Indexed by a byte's unsigned value: -1 for everything that is not a hex digit.
    private static final byte[] NIBBLE = new byte[256];

    static {
        Arrays.fill(NIBBLE, (byte) -1);
        for (int i = 0; i < 10; i++) {
            NIBBLE['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            NIBBLE['a' + i] = (byte) (10 + i);
            NIBBLE['A' + i] = (byte) (10 + i);
        }
    }

    private Hex() {
    }

    /** Returns the lowercase hex encoding of the bytes. */
    public static String encode(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** Decodes hex text of either case; {@code null} when the length is odd or a digit is not hex. */
    public static byte[] decode(CharSequence text) {
        return decode(text, 0, text.length());
    }

    /**
     * Decodes the hex characters from {@code start} (inclusive) to {@code end} (exclusive), of
     * either case, without copying them; {@code null} when their number is odd or one is not hex.
     */
    public static byte[] decode(CharSequence text, int start, int end) {
        int length = end - start;
        if ((length & 1) != 0) {
            return null;
        }
        byte[] out = new byte[length >> 1];
        int bad = 0;
        for (int i = start, j = 0; i < end; i += 2, j++) {
            int hi = nibble(text.charAt(i));
            int lo = nibble(text.charAt(i + 1));
            bad |= hi | lo;
            out[j] = (byte) ((hi << 4) | lo);
        }
        return bad < 0 ? null : out;
    }

    /** Decodes a range of hex characters of either case; {@code null} on failure. */
    public static byte[] decode(char[] text, int offset, int length) {
        if ((length & 1) != 0) {
            return null;
        }
        byte[] out = new byte[length >> 1];
        int bad = 0;
        for (int i = offset, j = 0, end = offset + length; i < end; i += 2, j++) {
            int hi = nibble(text[i]);
            int lo = nibble(text[i + 1]);
            bad |= hi | lo;
            out[j] = (byte) ((hi << 4) | lo);
        }
        return bad < 0 ? null : out;
    }

    /**
     * Decodes a range of ASCII hex bytes of either case, such as JSON text, without copying them;
     * {@code null} on failure. The lookup by unsigned byte value has no branch per digit: about
     * half the time of a lookup that first tests for ASCII, and a little under {@code HexFormat}'s.
     */
    public static byte[] decode(byte[] ascii, int offset, int length) {
        if ((length & 1) != 0) {
            return null;
        }
        byte[] out = new byte[length >> 1];
        int bad = 0;
        for (int j = 0, i = offset; j < out.length; j++, i += 2) {
            int hi = NIBBLE[ascii[i] & 0xFF];
            int lo = NIBBLE[ascii[i + 1] & 0xFF];
            bad |= hi | lo;
            out[j] = (byte) ((hi << 4) | lo);
        }
        return bad < 0 ? null : out;
    }

    private static int nibble(char c) {
        return c < 256 ? NIBBLE[c] : -1;
    }
}
