package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import dev.wscheck.probe.reflector.ReflectorSettings;
import dev.wscheck.reflector.Wire;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code check --reflector HOST[:PORT]} and {@code --reflector-samples}, with the key from the environment. */
final class ReflectorOption {
    private static final Pattern FORM = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9.-]+)(?::(\\d{1,5}))?");

    private ReflectorOption() {}

    static Optional<ReflectorSettings> parse(String value, int samples, Map<String, String> env) {
        if (value == null) {
            return Optional.empty();
        }
        if (samples < 10 || samples > 1000) {
            throw new WscheckException("--reflector-samples " + samples + ": use 10 to 1000");
        }
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches()) {
            throw new WscheckException("--reflector " + value + ": write HOST or HOST:PORT (an IPv6 address in brackets: [2001:db8::1]:4172)");
        }
        String host = m.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        Optional<Integer> port = Optional.empty();
        if (m.group(2) != null) {
            int p = Integer.parseInt(m.group(2));
            if (p < 1 || p > 65535) {
                throw new WscheckException("--reflector " + value + ": port out of range 1..65535");
            }
            port = Optional.of(p);
        }
        String key = env.get(ReflectorCommand.KEY_VARIABLE);
        if (key == null || key.isEmpty()) {
            throw new WscheckException("--reflector " + value + ": set " + ReflectorCommand.KEY_VARIABLE + " to the reflector's shared key");
        }
        try {
            return Optional.of(new ReflectorSettings(host, port, Wire.key(key), samples));
        } catch (IllegalArgumentException e) {
            throw new WscheckException(ReflectorCommand.KEY_VARIABLE + ": " + e.getMessage());
        }
    }
}
