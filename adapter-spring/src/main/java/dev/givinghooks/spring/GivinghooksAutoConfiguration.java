package dev.givinghooks.spring;

import dev.givinghooks.Provider;
import dev.givinghooks.WebhookListener;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.micrometer.MicrometerWebhookListener;
import dev.givinghooks.servlet.WebhookFilter;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.spi.IdempotencyStore;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring Boot auto-configuration of {@link VerifiedWebhook} endpoints from
 * {@link GivinghooksProperties}: a verifier per configured provider (unless the application
 * declares its own {@link WebhookVerifier} bean for it), an {@link IdempotencyStore} (unless it
 * declares one), the filter that receives deliveries for the annotated handler methods only, the
 * argument resolver, and, with Spring Security, a filter chain that lets webhook endpoints through
 * without login, session or CSRF token while every other endpoint keeps the application's rules.
 */
@AutoConfiguration(afterName = {
        // Boot's default security filter chains back off when any chain exists: they must be
        // registered before this one's, so that the application keeps them.
        "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        // The observation registry the metrics and spans go to, when Micrometer is there.
        "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, WebhookFilter.class})
@EnableConfigurationProperties(GivinghooksProperties.class)
public class GivinghooksAutoConfiguration {
    /** How core names a bad key of a list: by its position. */
    private static final Pattern KEY_MESSAGE = Pattern.compile("key (\\d+): (.*)", Pattern.DOTALL);

    /** Created by Spring Boot. */
    public GivinghooksAutoConfiguration() {
    }

    /**
     * The store {@code givinghooks.idempotency.store} names, unless the application declares an
     * {@link IdempotencyStore} bean: in memory, on Redis or in the application's database (with
     * their modules).
     *
     * @param properties the configuration
     * @param context where a Redis client bean of the application's is looked up
     * @return the store
     */
    @Bean
    @ConditionalOnMissingBean
    IdempotencyStore givinghooksIdempotencyStore(GivinghooksProperties properties, ApplicationContext context) {
        String store = properties.getIdempotency().getStore();
        return switch (store) {
            case "memory" -> IdempotencyStore.inMemory();
            case "redis" -> {
                requireModule(store, "dev.givinghooks.redis.RedisIdempotencyStore", context);
                yield RedisStores.create(properties.getRedis(), context);
            }
            case "jdbc" -> {
                requireModule(store, "dev.givinghooks.jdbc.JdbcIdempotencyStore", context);
                yield JdbcStores.create(properties.getJdbc(), context);
            }
            default -> throw new IllegalStateException("givinghooks.idempotency.store=" + store
                    + " is not a store: use memory, redis or jdbc, or declare an IdempotencyStore bean");
        };
    }

    private static void requireModule(String store, String type, ApplicationContext context) {
        if (!ClassUtils.isPresent(type, context.getClassLoader())) {
            throw new IllegalStateException("givinghooks.idempotency.store=" + store + " needs the givinghooks-idempotency-" + store
                    + " module on the class path");
        }
    }

    @Bean
    WebhookEndpoints givinghooksWebhookEndpoints(ApplicationContext context, GivinghooksProperties properties,
            ObjectProvider<WebhookVerifier<?>> verifierBeans, IdempotencyStore store, ObjectProvider<WebhookListener> listenerBeans) {
        Map<Provider, WebhookVerifier<?>> verifiers = verifiers(properties, verifierBeans.orderedStream().toList());
        WebhookListener listener = WebhookListener.all(listenerBeans.orderedStream().toList());
        GivinghooksProperties.Idempotency idempotency = properties.getIdempotency();
        return new WebhookEndpoints(context, verifiers, (verifier, expected) -> configured("givinghooks.idempotency",
                () -> WebhookFilter.builder(verifier).idempotencyStore(store).deduplication(idempotency.isEnabled())
                        .lease(idempotency.getLease()).retention(idempotency.getRetention()).failOpen(idempotency.isFailOpen())
                        .listener(listener).expectedEvent(expected).build()));
    }

    /**
     * Registers the endpoints filter on every path, for requests and error dispatches: it acts only
     * on requests bound for {@link VerifiedWebhook} handlers, and on the error dispatch of one of
     * those it settles the delivery before the error page is sent.
     */
    @Bean
    FilterRegistrationBean<WebhookEndpoints> givinghooksWebhookEndpointsRegistration(WebhookEndpoints endpoints) {
        FilterRegistrationBean<WebhookEndpoints> registration = new FilterRegistrationBean<>(endpoints);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        registration.setOrder(WebhookEndpoints.ORDER);
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean
    WebMvcConfigurer givinghooksArgumentResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new VerifiedWebhookArgumentResolver());
            }
        };
    }

    /** The verifiers: the application's beans, then one per provider configured in properties. */
    static Map<Provider, WebhookVerifier<?>> verifiers(GivinghooksProperties properties, List<WebhookVerifier<?>> beans) {
        Map<Provider, WebhookVerifier<?>> verifiers = new EnumMap<>(Provider.class);
        for (WebhookVerifier<?> bean : beans) {
            verifiers.putIfAbsent(bean.provider(), bean);
        }
        long size = properties.getMaxBodySize().toBytes();
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw new IllegalStateException("givinghooks.max-body-size must be between 1 byte and 2 GB");
        }
        int maxBodyBytes = (int) size;
        GivinghooksProperties.SirGivingSettings sir = properties.getSirGiving();
        if (!verifiers.containsKey(Provider.SIR_GIVING) && !sir.getSecrets().isEmpty()) {
            verifiers.put(Provider.SIR_GIVING, configured("givinghooks.sir-giving", () -> SirGiving.verifierBuilder()
                    .secrets(sir.getSecrets()).tolerance(sir.getTolerance()).keyMode(sir.getKeyMode()).maxBodyBytes(maxBodyBytes).build()));
        }
        GivinghooksProperties.ChuffedSettings chuffed = properties.getChuffed();
        if (!verifiers.containsKey(Provider.CHUFFED) && !chuffed.getSecrets().isEmpty()) {
            verifiers.put(Provider.CHUFFED, configured("givinghooks.chuffed", () -> {
                Chuffed.Builder builder = Chuffed.verifierBuilder().secrets(chuffed.getSecrets()).maxBodyBytes(maxBodyBytes);
                if (chuffed.getMaxAge() != null) {
                    builder.maxAge(chuffed.getMaxAge());
                }
                if (chuffed.isAllowInsecureShortSecrets()) {
                    builder.allowInsecureShortSecrets();
                }
                return builder.build();
            }));
        }
        GivinghooksProperties.GivingBlockSettings tgb = properties.getGivingBlock();
        if (tgb.getKeys().size() != tgb.getIvs().size()) {
            throw new IllegalStateException("Invalid givinghooks.giving-block: keys and ivs list " + tgb.getKeys().size() + " and "
                    + tgb.getIvs().size() + " values; they pair by position");
        }
        if (!verifiers.containsKey(Provider.GIVING_BLOCK) && !tgb.getKeys().isEmpty()) {
            List<GivingBlockKey> pairs = new ArrayList<>();
            for (int i = 0; i < tgb.getKeys().size(); i++) {
                String key = tgb.getKeys().get(i);
                String iv = tgb.getIvs().get(i);
                pairs.add(configured("givinghooks.giving-block.keys[" + i + "] and .ivs[" + i + "]", () -> GivingBlockKey.of(key, iv)));
            }
            verifiers.put(Provider.GIVING_BLOCK, configured("givinghooks.giving-block", () -> GivingBlock.decryptorBuilder()
                    .keys(pairs).maxAge(tgb.getMaxAge()).maxBodyBytes(maxBodyBytes).build()));
        }
        return verifiers;
    }

    /**
     * Builds from configuration; a refusal of core's, whose message names the problem and never a
     * value, becomes a startup failure that names the property too ("key 2" becomes "secrets[2]").
     */
    private static <T> T configured(String property, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            Matcher key = KEY_MESSAGE.matcher(message);
            throw new IllegalStateException("Invalid " + (key.matches() ? property + ".secrets[" + key.group(1) + "]: " + key.group(2)
                    : property + ": " + message));
        }
    }


    /**
     * With Micrometer's observation registry (Boot's Actuator): an observation per delivery,
     * {@code givinghooks.deliveries}, and per verification, {@code givinghooks.verification}, tagged
     * provider, outcome, reason and key index: metrics in Actuator, and spans where the
     * application traces. An application's own {@code MicrometerWebhookListener} bean replaces it.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.observation.ObservationRegistry", "dev.givinghooks.micrometer.MicrometerWebhookListener"})
    @ConditionalOnBean(type = "io.micrometer.observation.ObservationRegistry")
    static class WebhookObservations {
        @Bean
        @ConditionalOnMissingBean
        MicrometerWebhookListener givinghooksObservations(ObservationRegistry registry) {
            return MicrometerWebhookListener.of(registry);
        }
    }

    /**
     * With Spring Security: a filter chain of its own for webhook endpoints, first in order and
     * matching only requests bound for a {@link VerifiedWebhook} handler, that needs no login,
     * session or CSRF token (the signature is the authentication). Boot's default chain, or the
     * application's own, still guards every other request. Off with
     * {@code givinghooks.security.enabled=false}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class})
    @ConditionalOnBean(HttpSecurity.class)
    @ConditionalOnProperty(prefix = "givinghooks.security", name = "enabled", matchIfMissing = true)
    static class WebhookSecurity {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityFilterChain givinghooksSecurityFilterChain(HttpSecurity http, WebhookEndpoints endpoints) throws Exception {
            return http.securityMatcher(endpoints::matchesOrFailed)
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .requestCache(cache -> cache.disable())
                    .build();
        }
    }
}
