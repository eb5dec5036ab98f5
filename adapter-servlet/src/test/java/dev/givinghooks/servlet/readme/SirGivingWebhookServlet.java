package dev.givinghooks.servlet.readme;

import dev.givinghooks.Verified;
import dev.givinghooks.servlet.WebhookFilter;
import dev.givinghooks.sirgiving.SirGivingEvent;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The README's servlet snippet, verbatim but for the {@code RECEIVED} list; ReadmeSnippetTest runs it. */
// README:servlet:start
@WebServlet("/webhooks/sir-giving")
public final class SirGivingWebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Verified<?> verified = WebhookFilter.verified(request).orElseThrow();
        SirGivingEvent event = WebhookFilter.event(request, SirGivingEvent.class).orElseThrow();
        byte[] raw = request.getInputStream().readAllBytes(); // the exact bytes that were verified
        store(verified.idempotencyKey(), event.type(), raw);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
    // README:servlet:end

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    private static void store(String key, String type, byte[] raw) {
        RECEIVED.add(key + " " + type + " " + raw.length);
    }
}
