package dev.givinghooks.spring;

import dev.givinghooks.Verified;
import dev.givinghooks.servlet.WebhookFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a {@link VerifiedWebhook} parameter to the delivery {@link WebhookEndpoints} verified
 * for this request: the event, or the whole {@link Verified} result. The endpoint's filter has
 * already refused any other event type than the parameter's, so the event fits it.
 */
final class VerifiedWebhookArgumentResolver implements HandlerMethodArgumentResolver {
    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(VerifiedWebhook.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
        Verified<?> verified = servletRequest == null ? null : WebhookFilter.verified(servletRequest).orElse(null);
        if (verified == null) {
            throw new IllegalStateException("no verified webhook on this request for " + parameter
                    + ": the request did not pass through the givinghooks endpoint filter");
        }
        return parameter.getParameterType() == Verified.class ? verified : verified.event();
    }
}
