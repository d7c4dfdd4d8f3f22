package dev.wscheck.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds JSON straight from a streaming parser into the {@link CatalogFile} records: records by
 * component name, {@code List}, {@code Map<String, ?>} (file order kept), {@code String},
 * {@code Integer}, {@code Boolean}. Only for the built-in catalog, which the build has already
 * validated with the full loader ({@link CatalogCompiler}); so an unknown field or a wrong type
 * here is a build bug and fails loudly. Generic over the records, so a field added to
 * {@link CatalogFile} needs no change here.
 */
final class RecordBinder {
    private RecordBinder() {}

    /** Reads the value at the parser's current token as {@code type}. */
    static Object read(JsonParser p, Type type) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            return record(p, raw);
        }
        if (raw == List.class) {
            expect(p, JsonToken.START_ARRAY, type);
            Type item = arg(type, 0);
            List<Object> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.add(read(p, item));
            }
            return out;
        }
        if (raw == Map.class) {
            expect(p, JsonToken.START_OBJECT, type);
            Type value = arg(type, 1);
            Map<String, Object> out = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                out.put(key, read(p, value));
            }
            return out;
        }
        if (raw == String.class) {
            if (!t.isScalarValue()) {
                throw new IllegalStateException("built-in catalog: expected text for " + type + " at " + p.currentLocation());
            }
            return p.getText();
        }
        if (raw == Integer.class) {
            expect(p, JsonToken.VALUE_NUMBER_INT, type);
            return p.getIntValue();
        }
        if (raw == Boolean.class) {
            if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                throw new IllegalStateException("built-in catalog: expected true/false at " + p.currentLocation());
            }
            return t == JsonToken.VALUE_TRUE;
        }
        throw new IllegalStateException("built-in catalog: no binding for " + type);
    }

    private static Object record(JsonParser p, Class<?> type) throws IOException {
        expect(p, JsonToken.START_OBJECT, type);
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            int i = indexOf(components, name);
            if (i < 0) {
                throw new IllegalStateException("built-in catalog: unknown field '" + name + "' in " + type.getSimpleName());
            }
            values[i] = read(p, components[i].getGenericType());
        }
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c.newInstance(values);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("built-in catalog: cannot build " + type.getSimpleName() + ": " + e, e);
        }
    }

    private static int indexOf(RecordComponent[] components, String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void expect(JsonParser p, JsonToken token, Type type) {
        if (p.currentToken() != token) {
            throw new IllegalStateException("built-in catalog: expected " + token + " for " + type + " at " + p.currentLocation()
                    + ", found " + p.currentToken());
        }
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType pt) {
            return (Class<?>) pt.getRawType();
        }
        throw new IllegalStateException("built-in catalog: no binding for " + t);
    }

    private static Type arg(Type t, int i) {
        if (t instanceof ParameterizedType pt) {
            return pt.getActualTypeArguments()[i];
        }
        throw new IllegalStateException("built-in catalog: raw collection type " + t);
    }
}
