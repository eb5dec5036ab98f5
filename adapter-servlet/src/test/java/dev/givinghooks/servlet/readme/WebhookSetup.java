package dev.givinghooks.servlet.readme;

import dev.givinghooks.servlet.WebhookFilter;
import dev.givinghooks.sirgiving.SirGiving;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** The README's plain-servlet registration snippet, verbatim; ReadmeSnippetTest runs it. */
// README:listener:start
@WebListener
public final class WebhookSetup implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        String secret = context.getInitParameter("sir-giving.webhook-secret");
        FilterRegistration.Dynamic registration =
                context.addFilter("sir-giving-webhooks", WebhookFilter.of(SirGiving.verifier(secret)));
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(null, false, "/webhooks/sir-giving");
    }
}
// README:listener:end
