package dev.givinghooks.internal;

import dev.givinghooks.Reason;
import dev.givinghooks.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Renders a refusal as an RFC 9457 problem document: {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code reason} and {@code provider}. The detail is the rejection's, which core
 * keeps free of secrets; nothing else of the request is echoed.
 */
public final class Problem {
    /** The media type of a problem document. */
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://givinghooks.dev/problems/";

    private Problem() {
    }

    /** Returns the problem type URI of a reason, such as {@code .../problems/signature-mismatch}. */
    public static String type(Reason reason) {
        return TYPE_BASE + slug(reason);
    }

    /** Returns the title of a reason, such as {@code Signature mismatch}. */
    public static String title(Reason reason) {
        String slug = slug(reason);
        return Character.toUpperCase(slug.charAt(0)) + slug.substring(1).replace('-', ' ');
    }

    /** Returns the UTF-8 JSON of the problem. */
    public static byte[] render(int status, WebhookRejectedException rejection) {
        StringBuilder json = new StringBuilder(256).append('{');
        member(json, "type", type(rejection.reason())).append(',');
        member(json, "title", title(rejection.reason())).append(',');
        json.append("\"status\":").append(status).append(',');
        member(json, "detail", rejection.detail()).append(',');
        member(json, "reason", rejection.reason().name()).append(',');
        member(json, "provider", rejection.provider().id()).append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String slug(Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static StringBuilder member(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
