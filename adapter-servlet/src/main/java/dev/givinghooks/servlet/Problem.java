package dev.givinghooks.servlet;

import dev.givinghooks.WebhookRejectedException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Writes a refusal as an RFC 9457 problem document. */
final class Problem {
    static final String CONTENT_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://givinghooks.dev/problems/";

    private Problem() {
    }

    /** Writes the problem; the detail is the exception's, which core keeps free of secrets. */
    static void write(HttpServletResponse response, int status, WebhookRejectedException rejection) throws IOException {
        String slug = rejection.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String title = Character.toUpperCase(slug.charAt(0)) + slug.substring(1).replace('-', ' ');
        StringBuilder json = new StringBuilder(256).append('{');
        member(json, "type", TYPE_BASE + slug).append(',');
        member(json, "title", title).append(',');
        json.append("\"status\":").append(status).append(',');
        member(json, "detail", rejection.detail()).append(',');
        member(json, "reason", rejection.reason().name()).append(',');
        member(json, "provider", rejection.provider().id()).append('}');
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
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
