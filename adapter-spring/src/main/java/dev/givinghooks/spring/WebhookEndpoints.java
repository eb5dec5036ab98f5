package dev.givinghooks.spring;

import dev.givinghooks.Provider;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookEvent;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.chuffed.ChuffedEvent;
import dev.givinghooks.givingblock.GivingBlockEvent;
import dev.givinghooks.servlet.WebhookFilter;
import dev.givinghooks.sirgiving.SirGivingEvent;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * The handler methods with a {@link VerifiedWebhook} parameter, found once the application
 * context is ready, each with the servlet adapter's {@link WebhookFilter} that receives its
 * deliveries (its provider's verifier, and only its parameter's event type). As a filter, it hands
 * a request bound for such a method to that method's {@code WebhookFilter} and leaves every other
 * request alone: the body is captured only for the annotated handlers, before Spring's message
 * converters could read it.
 */
final class WebhookEndpoints implements Filter, SmartInitializingSingleton {
    /** After Spring Security's filter chain (-100), so that an application's own rules on these paths run first. */
    static final int ORDER = -50;

    /** How each endpoint's filter is built from its verifier and event type. */
    @FunctionalInterface
    interface Receivers {
        WebhookFilter filter(WebhookVerifier<?> verifier, Class<? extends WebhookEvent> expectedEvent);
    }

    private record Endpoint(RequestMappingInfo mapping, String handler, WebhookFilter filter) {
    }

    private final ApplicationContext context;
    private final Map<Provider, WebhookVerifier<?>> verifiers;
    private final Receivers receivers;
    private volatile List<Endpoint> endpoints = List.of();
    private volatile boolean stringPatterns;

    WebhookEndpoints(ApplicationContext context, Map<Provider, WebhookVerifier<?>> verifiers, Receivers receivers) {
        this.context = context;
        this.verifiers = verifiers;
        this.receivers = receivers;
    }

    /** Builds one receiving filter per annotated handler method; a parameter the configuration cannot serve fails startup. */
    @Override
    public void afterSingletonsInstantiated() {
        List<Endpoint> found = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mapping.getHandlerMethods().entrySet()) {
                MethodParameter parameter = webhookParameter(handler.getValue());
                if (parameter != null) {
                    Class<? extends WebhookEvent> type = eventType(parameter);
                    Provider provider = provider(parameter, type);
                    WebhookVerifier<?> verifier = verifiers.get(provider);
                    if (verifier == null) {
                        throw new IllegalStateException(handler.getValue() + " takes @VerifiedWebhook " + type.getSimpleName()
                                + ", but " + provider.id() + " is not configured: set givinghooks." + provider.id()
                                + (provider == Provider.GIVING_BLOCK ? ".keys and .ivs" : ".secrets") + ", or declare its WebhookVerifier bean");
                    }
                    found.add(new Endpoint(handler.getKey(), handler.getValue().toString(), receivers.filter(verifier, type)));
                }
            }
        }
        stringPatterns = found.stream().anyMatch(endpoint -> endpoint.mapping().getPathPatternsCondition() == null);
        endpoints = List.copyOf(found);
    }

    /** Returns the handler's one {@link VerifiedWebhook} parameter, or {@code null}. */
    private static MethodParameter webhookParameter(HandlerMethod method) {
        MethodParameter found = null;
        for (MethodParameter parameter : method.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(VerifiedWebhook.class)) {
                if (found != null) {
                    throw new IllegalStateException(method + " has more than one @VerifiedWebhook parameter");
                }
                found = parameter;
            }
        }
        return found;
    }

    /** The event type a parameter takes: its own type, or the type argument of {@code Verified<...>}. */
    private static Class<? extends WebhookEvent> eventType(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        if (type == Verified.class) {
            type = ResolvableType.forMethodParameter(parameter).getGeneric(0).resolve(WebhookEvent.class);
        }
        if (!WebhookEvent.class.isAssignableFrom(type)) {
            throw new IllegalStateException("@VerifiedWebhook " + parameter + " must be a webhook event type or Verified<...> of one");
        }
        return type.asSubclass(WebhookEvent.class);
    }

    private static Provider provider(MethodParameter parameter, Class<?> type) {
        Provider inferred = SirGivingEvent.class.isAssignableFrom(type) ? Provider.SIR_GIVING
                : GivingBlockEvent.class.isAssignableFrom(type) ? Provider.GIVING_BLOCK
                : ChuffedEvent.class.isAssignableFrom(type) ? Provider.CHUFFED : null;
        String named = parameter.getParameterAnnotation(VerifiedWebhook.class).provider();
        if (named.isEmpty()) {
            if (inferred == null) {
                throw new IllegalStateException("@VerifiedWebhook " + parameter + ": the type names no provider; set provider = \"sir-giving\", \"giving-block\" or \"chuffed\"");
            }
            return inferred;
        }
        Provider provider;
        try {
            provider = Provider.fromId(named);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("@VerifiedWebhook " + parameter + ": " + e.getMessage(), e);
        }
        if (inferred != null && inferred != provider) {
            throw new IllegalStateException("@VerifiedWebhook " + parameter + " names " + named + " for a " + inferred.id() + " event type");
        }
        return provider;
    }

    /**
     * Spring Security's matcher for the webhook chain: a request bound for a {@link VerifiedWebhook}
     * handler, or the error dispatch of a verified delivery whose handler failed, so that the
     * failure is answered as one (5xx), not as a login challenge.
     */
    boolean matchesOrFailed(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            return WebhookFilter.verified(request).isPresent();
        }
        return match(request) != null;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req.getDispatcherType() == DispatcherType.ERROR && !endpoints.isEmpty()) {
            endpoints.get(0).filter().doFilter(req, res, chain); // settles a failed delivery, if this is one, then passes on
            return;
        }
        Endpoint endpoint = req instanceof HttpServletRequest request && request.getDispatcherType() == DispatcherType.REQUEST ? match(request) : null;
        if (endpoint == null) {
            chain.doFilter(req, res);
        } else {
            endpoint.filter().doFilter(req, res, chain);
        }
    }

    /** The endpoint whose mapping matches the request, by Spring MVC's own conditions. */
    private Endpoint match(HttpServletRequest request) {
        List<Endpoint> current = endpoints;
        if (current.isEmpty()) {
            return null;
        }
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        if (!parsed) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        Object lookupPath = request.getAttribute(UrlPathHelper.PATH_ATTRIBUTE);
        try {
            if (lookupPath == null && stringPatterns) {
                UrlPathHelper.defaultInstance.resolveAndCacheLookupPath(request); // what string patterns match against
            }
            for (Endpoint endpoint : current) {
                if (endpoint.mapping().getMatchingCondition(request) != null) {
                    return endpoint;
                }
            }
            return null;
        } finally {
            // Leave the request as found: the DispatcherServlet parses it again, its own way.
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
            if (lookupPath == null) {
                request.removeAttribute(UrlPathHelper.PATH_ATTRIBUTE);
            }
        }
    }

    /** Lists the endpoints by handler; never a secret. */
    @Override
    public String toString() {
        return "WebhookEndpoints" + endpoints.stream().map(Endpoint::handler).toList();
    }
}
