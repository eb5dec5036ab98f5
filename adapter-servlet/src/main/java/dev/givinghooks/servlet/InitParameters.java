package dev.givinghooks.servlet;

import dev.givinghooks.Provider;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.sirgiving.SirGiving;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link WebhookFilter} from a filter's init parameters (see the table in
 * {@link WebhookFilter}). Error messages name the parameter, never a secret's value.
 */
final class InitParameters {
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> COMMON = Set.of("provider", "max-body-bytes", "deduplication", "lease", "retention", "tolerance");
    private static final Map<Provider, Set<String>> SPECIFIC = Map.of(
            Provider.SIR_GIVING, Set.of("secrets", "key-mode"),
            Provider.GIVING_BLOCK, Set.of("key", "iv"),
            Provider.CHUFFED, Set.of("secrets"));

    private final String filterName;
    private final Map<String, String> values;

    private InitParameters(String filterName, Map<String, String> values) {
        this.filterName = filterName;
        this.values = values;
    }

    static WebhookFilter.Builder builder(FilterConfig config) throws ServletException {
        Map<String, String> values = new HashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            values.put(name, config.getInitParameter(name));
        }
        return builder(config.getFilterName(), values, System::getenv);
    }

    static WebhookFilter.Builder builder(String filterName, Map<String, String> raw, UnaryOperator<String> environment)
            throws ServletException {
        Map<String, String> values = new HashMap<>();
        InitParameters params = new InitParameters(filterName, values);
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            values.put(entry.getKey(), params.resolve(entry.getKey(), entry.getValue(), environment));
        }
        try {
            return params.build();
        } catch (IllegalArgumentException e) {
            throw params.fault(e.getMessage());
        }
    }

    private WebhookFilter.Builder build() throws ServletException {
        String providerId = required("provider");
        Provider provider;
        try {
            provider = Provider.fromId(providerId.strip());
        } catch (IllegalArgumentException e) {
            throw fault("init parameter 'provider': " + e.getMessage());
        }
        for (String name : values.keySet()) {
            if (!COMMON.contains(name) && !SPECIFIC.get(provider).contains(name)) {
                throw fault("unknown init parameter '" + name + "' for provider " + provider.id());
            }
        }
        Integer maxBodyBytes = values.containsKey("max-body-bytes") ? positiveInt("max-body-bytes") : null;
        Duration tolerance = values.containsKey("tolerance") ? duration("tolerance") : null;
        WebhookVerifier<?> verifier = switch (provider) {
            case SIR_GIVING -> {
                SirGiving.Builder b = SirGiving.verifierBuilder().secrets(list("secrets"));
                if (values.containsKey("key-mode")) {
                    b.keyMode(keyMode(values.get("key-mode")));
                }
                if (tolerance != null) {
                    b.tolerance(tolerance);
                }
                if (maxBodyBytes != null) {
                    b.maxBodyBytes(maxBodyBytes);
                }
                yield b.build();
            }
            case GIVING_BLOCK -> {
                List<String> keys = list("key");
                List<String> ivs = list("iv");
                if (keys.size() != ivs.size()) {
                    throw fault("init parameters 'key' and 'iv' list " + keys.size() + " and " + ivs.size() + " values; they pair by position");
                }
                List<GivingBlockKey> pairs = new ArrayList<>();
                for (int i = 0; i < keys.size(); i++) {
                    pairs.add(GivingBlockKey.of(keys.get(i), ivs.get(i)));
                }
                GivingBlock.Builder b = GivingBlock.decryptorBuilder().keys(pairs);
                if (tolerance != null) {
                    b.maxAge(tolerance);
                }
                if (maxBodyBytes != null) {
                    b.maxBodyBytes(maxBodyBytes);
                }
                yield b.build();
            }
            case CHUFFED -> {
                Chuffed.Builder b = Chuffed.verifierBuilder().secrets(list("secrets"));
                if (tolerance != null) {
                    b.maxAge(tolerance);
                }
                if (maxBodyBytes != null) {
                    b.maxBodyBytes(maxBodyBytes);
                }
                yield b.build();
            }
        };
        WebhookFilter.Builder builder = WebhookFilter.builder(verifier); // the body limit follows the verifier's
        if (values.containsKey("deduplication")) {
            builder.deduplication(bool("deduplication"));
        }
        if (values.containsKey("lease")) {
            builder.lease(duration("lease"));
        }
        if (values.containsKey("retention")) {
            builder.retention(duration("retention"));
        }
        return builder;
    }

    private String resolve(String name, String value, UnaryOperator<String> environment) throws ServletException {
        Matcher m = ENV.matcher(value == null ? "" : value.strip());
        if (!m.matches()) {
            return value;
        }
        String resolved = environment.apply(m.group(1));
        if (resolved == null) {
            throw fault("init parameter '" + name + "' names environment variable " + m.group(1) + ", which is not set");
        }
        return resolved;
    }

    private String required(String name) throws ServletException {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw fault("init parameter '" + name + "' is required");
        }
        return value;
    }

    private List<String> list(String name) throws ServletException {
        List<String> items = new ArrayList<>();
        for (String item : required(name).split(",", -1)) {
            if (item.isBlank()) {
                throw fault("init parameter '" + name + "' has an empty item");
            }
            items.add(item.strip());
        }
        return items;
    }

    private int positiveInt(String name) throws ServletException {
        try {
            int value = Integer.parseInt(required(name).strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw fault("init parameter '" + name + "' is not a positive integer");
    }

    private Duration duration(String name) throws ServletException {
        try {
            return Duration.parse(required(name).strip());
        } catch (DateTimeParseException e) {
            throw fault("init parameter '" + name + "' is not an ISO-8601 duration such as PT5M");
        }
    }

    private boolean bool(String name) throws ServletException {
        String value = required(name).strip().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw fault("init parameter '" + name + "' is neither true nor false");
        }
        return value.equals("true");
    }

    private SirGiving.KeyMode keyMode(String value) throws ServletException {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "whole" -> SirGiving.KeyMode.WHOLE;
            case "hex-suffix" -> SirGiving.KeyMode.HEX_SUFFIX;
            case "utf8-suffix" -> SirGiving.KeyMode.UTF8_SUFFIX;
            default -> throw fault("init parameter 'key-mode' is none of whole, hex-suffix, utf8-suffix");
        };
    }

    private ServletException fault(String message) {
        return new ServletException("WebhookFilter '" + filterName + "': " + message);
    }
}
