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
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The README's servlet snippet, verbatim but for the {@code RECEIVED} list; ReadmeSnippetTest runs it. */
// README:servlet:start
@WebServlet("/webhooks/sir-giving")
public final class SirGivingWebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Verified<?>> verified = WebhookFilter.verified(request);
        if (verified.isEmpty() || !(verified.get().event() instanceof SirGivingEvent event)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND); // not through the filter: no webhook here
            return;
        }
        byte[] raw = request.getInputStream().readAllBytes(); // the exact bytes that were verified
        store(verified.get().idempotencyKey(), event.type(), raw);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
    // README:servlet:end

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    private static void store(String key, String type, byte[] raw) {
        RECEIVED.add(key + " " + type + " " + raw.length);
    }
}
