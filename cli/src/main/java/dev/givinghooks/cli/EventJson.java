package dev.givinghooks.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Base64;
import java.util.Collection;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.core.JsonGenerator;

/**
 * Writes any event record as JSON, generically: a record becomes an object keyed by its
 * component names in declaration order, nested records and lists included.
 *
 * <p>Leaves: strings, booleans and numbers as themselves ({@code BigDecimal} money keeps its
 * scale, minor units stay integers); times, dates and durations as their ISO-8601 text; a
 * {@code Currency} as its code; an open enum as the provider's raw string. An open enum is a
 * type with a public no-argument {@code value()} method returning {@code String} that is not a
 * record of several components (a one-{@code String} record {@code value}, or a class with
 * constants and a raw value); a closed Java {@code enum} without one is written by name.
 * Anything else unknown is written as its {@code toString()}.
 */
final class EventJson {
    /** Deeper than any event nests; guards against a cyclic object graph. */
    private static final int MAX_DEPTH = 32;

    private EventJson() {
    }

    /** Writes {@code value} at the generator's current position. */
    static void write(JsonGenerator json, Object value) {
        write(json, value, 0);
    }

    private static void write(JsonGenerator json, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            json.writeString(String.valueOf(value));
            return;
        }
        if (value == null) {
            json.writeNull();
        } else if (value instanceof CharSequence || value instanceof Character) {
            json.writeString(value.toString());
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Number number) {
            writeNumber(json, number);
        } else if (value instanceof TemporalAccessor || value instanceof TemporalAmount || value instanceof ZoneId) {
            json.writeString(value.toString());
        } else if (value instanceof Currency currency) {
            json.writeString(currency.getCurrencyCode());
        } else if (value instanceof Optional<?> optional) {
            write(json, optional.orElse(null), depth + 1);
        } else if (value instanceof OptionalInt optional) {
            write(json, optional.isPresent() ? optional.getAsInt() : null, depth + 1);
        } else if (value instanceof OptionalLong optional) {
            write(json, optional.isPresent() ? optional.getAsLong() : null, depth + 1);
        } else if (value instanceof OptionalDouble optional) {
            write(json, optional.isPresent() ? optional.getAsDouble() : null, depth + 1);
        } else if (value instanceof byte[] bytes) {
            json.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Collection<?> collection) {
            json.writeStartArray();
            for (Object element : collection) {
                write(json, element, depth + 1);
            }
            json.writeEndArray();
        } else if (value instanceof Object[] array) {
            json.writeStartArray();
            for (Object element : array) {
                write(json, element, depth + 1);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeName(String.valueOf(entry.getKey()));
                write(json, entry.getValue(), depth + 1);
            }
            json.writeEndObject();
        } else {
            String raw = openEnumValue(value);
            if (raw != null) {
                json.writeString(raw);
            } else if (value instanceof Record record) {
                writeRecord(json, record, depth);
            } else if (value instanceof Enum<?> constant) {
                json.writeString(constant.name());
            } else {
                json.writeString(value.toString());
            }
        }
    }

    private static void writeNumber(JsonGenerator json, Number number) {
        if (number instanceof BigDecimal decimal) {
            json.writeNumber(decimal);
        } else if (number instanceof BigInteger integer) {
            json.writeNumber(integer);
        } else if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isFinite(d)) {
                json.writeNumber(d);
            } else {
                json.writeString(Double.toString(d));
            }
        } else if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            json.writeNumber(number.longValue());
        } else {
            json.writeNumber(new BigDecimal(number.toString()));
        }
    }

    private static void writeRecord(JsonGenerator json, Record record, int depth) {
        json.writeStartObject();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            json.writeName(component.getName());
            write(json, read(component.getAccessor(), record), depth + 1);
        }
        json.writeEndObject();
    }

    /**
     * Returns the raw provider string of an open enum, or {@code null} when the value is not
     * one: a record of several components is data, whatever accessors it has.
     */
    private static String openEnumValue(Object value) {
        Class<?> type = value.getClass();
        if (type.isRecord() && type.getRecordComponents().length != 1) {
            return null;
        }
        Method accessor;
        try {
            accessor = type.getMethod("value");
        } catch (NoSuchMethodException e) {
            return null;
        }
        if (accessor.getReturnType() != String.class || Modifier.isStatic(accessor.getModifiers())) {
            return null;
        }
        Object raw = read(accessor, value);
        return raw == null ? null : raw.toString();
    }

    private static Object read(Method accessor, Object target) {
        try {
            if (!accessor.canAccess(target)) {
                accessor.setAccessible(true);
            }
            return accessor.invoke(target);
        } catch (IllegalAccessException | RuntimeException e) {
            return "<unreadable " + accessor.getName() + ">";
        } catch (InvocationTargetException e) {
            return "<unreadable " + accessor.getName() + ": " + e.getCause().getClass().getSimpleName() + ">";
        }
    }
}
