package dev.givinghooks.cli;

import dev.givinghooks.Provider;
import dev.givinghooks.sirgiving.SirGiving;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** Converters for option values the commands share, and the header option's parser. */
final class Options {
    private Options() {
    }

    /** Registers the shared converters on a command line and every subcommand it has now. */
    static void registerConverters(CommandLine commandLine) {
        commandLine.registerConverter(Provider.class, Options::provider);
        commandLine.registerConverter(SirGiving.KeyMode.class, Options::keyMode);
        commandLine.registerConverter(Instant.class, Options::instant);
        commandLine.registerConverter(Duration.class, Options::duration);
    }

    static Provider provider(String id) {
        try {
            return Provider.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + id + "' is not one of sir-giving, giving-block, chuffed");
        }
    }

    static SirGiving.KeyMode keyMode(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "whole" -> SirGiving.KeyMode.WHOLE;
            case "hex-suffix" -> SirGiving.KeyMode.HEX_SUFFIX;
            case "utf8-suffix" -> SirGiving.KeyMode.UTF8_SUFFIX;
            default -> throw new TypeConversionException("'" + name + "' is not one of whole, hex-suffix, utf8-suffix");
        };
    }

    /** The CLI spelling of a key mode, as {@link #keyMode} reads it. */
    static String keyModeName(SirGiving.KeyMode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not an ISO-8601 instant such as 2026-05-10T09:12:00Z");
        }
    }

    static Duration duration(String text) {
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not an ISO-8601 duration such as PT5M or PT1H");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("'" + text + "' is not a positive duration");
        }
        return duration;
    }

    /**
     * Parses {@code --header 'Name: value'} options into names and values, in the order given.
     * The value is trimmed of surrounding spaces and tabs, as HTTP does. Names that differ only
     * in case are kept apart here and merged by {@code WebhookRequest.of}.
     *
     * @throws UsageException naming the option's position (never its value, which may be a signature)
     */
    static Map<String, List<String>> headers(List<String> specs) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            String spec = specs.get(i);
            int colon = spec.indexOf(':');
            String name = colon < 0 ? "" : spec.substring(0, colon);
            if (!isToken(name)) {
                throw new UsageException("--header #" + (i + 1) + " is not 'Name: value' with a name of letters, digits and -");
            }
            String value = spec.substring(colon + 1).strip();
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return headers;
    }

    /** Whether {@code name} is an HTTP token (RFC 9110 tchar). */
    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean tchar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }
}
