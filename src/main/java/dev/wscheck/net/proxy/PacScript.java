package dev.wscheck.net.proxy;

import dev.wscheck.net.NameResolver;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * A PAC file, evaluated in Rhino's interpreter as untrusted input:
 * <ul>
 *   <li>no Java: only the safe standard objects (no {@code Packages}, {@code java}, LiveConnect),
 *       and a class shutter that refuses every Java class;</li>
 *   <li>bounded: loading the file and each {@code FindProxyForURL} call may run for at most the
 *       given time (checked every 10,000 interpreted instructions, so an endless loop ends), and the
 *       interpreter's stack depth is limited (endless recursion ends);</li>
 *   <li>the standard helpers (isPlainHostName, dnsDomainIs, localHostOrDomainIs, isResolvable,
 *       isInNet, dnsResolve, myIpAddress, dnsDomainLevels, shExpMatch, weekdayRange, dateRange,
 *       timeRange) and Microsoft's IPv6 extensions (isResolvableEx, isInNetEx, dnsResolveEx,
 *       myIpAddressEx, sortIpAddressList, getClientVersion) are written here, to the semantics
 *       the browsers' engines share (Mozilla's PAC utilities, which Chromium and pacparser
 *       derive from; docs/proxies.md lists each rule and where the engines differ); the DNS ones
 *       ask the run's DNS servers through a {@link NameResolver}, never the operating system.</li>
 *   <li>{@code FindProxyForURLEx} is called instead of {@code FindProxyForURL} when the file
 *       defines it, as Chromium and Windows do; an answer that is not a string is a failure.</li>
 * </ul>
 * Thread-safe: each evaluation enters its own Rhino context on the calling thread.
 */
public final class PacScript {
    /** How often (in interpreted instructions) the time limit is checked. */
    private static final int CHECK_EVERY = 10_000;
    private static final int MAX_STACK_DEPTH = 500;
    private static final SandboxFactory FACTORY = new SandboxFactory();

    private final String location;
    private final ScriptableObject scope;
    private final Duration limit;

    /** Thrown inside Rhino when a script runs past its time; an Error, so the script cannot catch it. */
    static final class TimeLimit extends Error {
        private static final long serialVersionUID = 1L;

        TimeLimit(String message) {
            super(message, null, false, false);
        }
    }

    /** Evaluation failed: the script does not compile, throws, returns nothing usable, or runs too long. */
    public static final class PacException extends Exception {
        private static final long serialVersionUID = 1L;

        public PacException(String message) {
            super(message);
        }
    }

    /** Contexts that interpret (the instruction observer needs it), see no Java, and check the time. */
    private static final class SandboxFactory extends ContextFactory {
        @Override
        protected Context makeContext() {
            Context cx = super.makeContext();
            cx.setInterpretedMode(true);
            cx.setInstructionObserverThreshold(CHECK_EVERY);
            cx.setMaximumInterpreterStackDepth(MAX_STACK_DEPTH);
            cx.setClassShutter(className -> false);
            cx.setLanguageVersion(Context.VERSION_ES6);
            return cx;
        }

        @Override
        protected void observeInstructionCount(Context cx, int instructionCount) {
            Object deadline = cx.getThreadLocal("deadline");
            if (deadline instanceof Long d && System.nanoTime() > d) {
                throw new TimeLimit("ran longer than its time limit");
            }
        }
    }

    private PacScript(String location, ScriptableObject scope, Duration limit) {
        this.location = location;
        this.scope = scope;
        this.limit = limit;
    }

    /**
     * Compiles and runs the PAC text once (defining FindProxyForURL). {@code location} names it in
     * messages. DNS helpers use {@code resolver} with at most {@code dnsTimeout} per lookup;
     * {@code myIpAddress} answers {@code myIp}; the time helpers read {@code clock}.
     */
    public static PacScript load(String location, String text, NameResolver resolver, Duration dnsTimeout,
                                 Supplier<Optional<InetAddress>> myIp, Clock clock, Duration limit) throws PacException {
        return load(location, text, resolver, dnsTimeout, myIp, () -> myIp.get().map(List::of).orElse(List.of()), clock, limit);
    }

    /** As above; {@code myIps} are every address of this PC, for {@code myIpAddressEx}. */
    public static PacScript load(String location, String text, NameResolver resolver, Duration dnsTimeout,
                                 Supplier<Optional<InetAddress>> myIp, Supplier<List<InetAddress>> myIps, Clock clock,
                                 Duration limit) throws PacException {
        Context cx = FACTORY.enterContext();
        try {
            cx.putThreadLocal("deadline", System.nanoTime() + limit.toNanos());
            ScriptableObject scope = cx.initSafeStandardObjects();
            Helpers.install(scope, resolver, dnsTimeout, myIp, myIps, clock);
            cx.evaluateString(scope, Helpers.JS, "pac-helpers", 1, null);
            cx.evaluateString(scope, text, location, 1, null);
            if (!(entryPoint(scope) instanceof Function)) {
                throw new PacException("PAC file " + location + " defines no FindProxyForURL (or FindProxyForURLEx) function");
            }
            return new PacScript(location, scope, limit);
        } catch (TimeLimit e) {
            throw new PacException("PAC file " + location + " did not finish loading within " + limit.toMillis() + " ms");
        } catch (RhinoException e) {
            throw new PacException("PAC file " + location + " fails to load: " + describe(e));
        } catch (StackOverflowError e) {
            throw new PacException("PAC file " + location + " fails to load: too deep recursion");
        } finally {
            Context.exit();
        }
    }

    /** FindProxyForURLEx when the file defines it (Chromium and Windows prefer it), else FindProxyForURL. */
    private static Object entryPoint(Scriptable scope) {
        Object ex = scope.get("FindProxyForURLEx", scope);
        return ex instanceof Function ? ex : scope.get("FindProxyForURL", scope);
    }

    /**
     * Returns what FindProxyForURL(url, host) answers (FindProxyForURLEx when defined), e.g.
     * "PROXY proxy.corp:3128; DIRECT". An answer that is not a string (a number, null, an object,
     * nothing) is a failure, as in the browsers: it is not converted.
     */
    public String findProxyForUrl(String url, String host) throws PacException {
        Context cx = FACTORY.enterContext();
        try {
            cx.putThreadLocal("deadline", System.nanoTime() + limit.toNanos());
            Function f = (Function) entryPoint(scope);
            Object r = f.call(cx, scope, scope, new Object[] {url, host});
            if (!(r instanceof CharSequence)) {
                String what = r == null ? "null" : r instanceof org.mozilla.javascript.Undefined ? "nothing"
                        : "a " + org.mozilla.javascript.ScriptRuntime.typeof(r) + " (" + Context.toString(r) + ")";
                throw new PacException("PAC file " + location + ": FindProxyForURL returned " + what + ", not a string, for " + url);
            }
            return r.toString();
        } catch (TimeLimit e) {
            throw new PacException("PAC file " + location + ": FindProxyForURL(" + url + ") ran longer than " + limit.toMillis() + " ms");
        } catch (RhinoException e) {
            throw new PacException("PAC file " + location + ": FindProxyForURL(" + url + ") throws: " + describe(e));
        } catch (StackOverflowError e) {
            throw new PacException("PAC file " + location + ": FindProxyForURL(" + url + ") recurses too deeply");
        } finally {
            Context.exit();
        }
    }

    private static String describe(RhinoException e) {
        String d = e.details();
        return (d == null ? e.getMessage() : d) + (e.lineNumber() > 0 ? " (line " + e.lineNumber() + ")" : "");
    }

    /**
     * The helpers. The string ones are JavaScript, so that they fail as the browsers' do (a
     * number passed to isPlainHostName is a TypeError, not a string); DNS, addresses and the clock
     * are Java. Every rule here is the browsers' (docs/proxies.md, "PAC helpers"): comparisons
     * are case-sensitive, shExpMatch turns only '.', '*' and '?' into regular-expression syntax
     * (so the "(a|b)" alternation real PAC files use works), end bounds of timeRange are
     * inclusive, a day or month name must be upper case.
     */
    static final class Helpers {
        /** The string-only helpers, written plainly in JavaScript. */
        static final String JS = String.join("\n",
                "function isPlainHostName(host) { return host.search(/[.:]/) == -1; }",
                "function dnsDomainIs(host, domain) {",
                "  return host.length >= domain.length && host.substring(host.length - domain.length) == domain;",
                "}",
                "function localHostOrDomainIs(host, hostdom) {",
                "  return host == hostdom || hostdom.lastIndexOf(host + '.', 0) == 0;",
                "}",
                "function dnsDomainLevels(host) { return host.split('.').length - 1; }",
                "function isResolvable(host) { return dnsResolve(host) != null; }",
                "function isResolvableEx(host) { return dnsResolveEx(host) != ''; }",
                "function isInNet(host, pattern, mask) {",
                "  var ip = /^\\d{1,3}(\\.\\d{1,3}){3}$/.test(String(host)) ? String(host) : dnsResolve(host);",
                "  if (ip == null) return false;",
                "  return __inNet(ip, String(pattern), String(mask));",
                "}",
                "function shExpMatch(str, pattern) {",
                "  var re = String(pattern).replace(/\\./g, '\\\\.').replace(/\\*/g, '.*').replace(/\\?/g, '.');",
                "  return new RegExp('^' + re + '$').test(str);",
                "}",
                "function getClientVersion() { return '1.0'; }",
                "function alert(message) { }");

        static void install(ScriptableObject scope, NameResolver resolver, Duration dnsTimeout, Supplier<Optional<InetAddress>> myIp,
                            Supplier<List<InetAddress>> myIps, Clock clock) {
            define(scope, "dnsResolve", args -> {
                for (InetAddress a : resolve(resolver, arg(args, 0), dnsTimeout)) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
                return null;
            });
            define(scope, "dnsResolveEx", args -> join(resolveAll(resolver, arg(args, 0), dnsTimeout)));
            define(scope, "myIpAddress", args -> myIp.get().map(InetAddress::getHostAddress).orElse("127.0.0.1"));
            define(scope, "myIpAddressEx", args -> join(myIps.get()));
            define(scope, "__inNet", args -> inNet(arg(args, 0), arg(args, 1), arg(args, 2)));
            define(scope, "isInNetEx", args -> inNetEx(arg(args, 0), arg(args, 1)));
            define(scope, "sortIpAddressList", args -> sortIpAddressList(arg(args, 0)));
            define(scope, "weekdayRange", args -> weekdayRange(args, clock));
            define(scope, "dateRange", args -> dateRange(args, clock));
            define(scope, "timeRange", args -> timeRange(args, clock));
        }

        interface Body {
            Object apply(Object[] args);
        }

        private static void define(ScriptableObject scope, String name, Body body) {
            BaseFunction f = new BaseFunction() {
                private static final long serialVersionUID = 1L;

                @Override
                public Object call(Context cx, Scriptable s, Scriptable thisObj, Object[] args) {
                    return body.apply(args);
                }

                @Override
                public String getFunctionName() {
                    return name;
                }
            };
            ScriptableObject.defineProperty(scope, name, f, ScriptableObject.DONTENUM);
        }

        private static String arg(Object[] args, int i) {
            return i < args.length ? Context.toString(args[i]) : "undefined";
        }

        /** Every address of {@code host} (an IP literal is itself), none when it does not resolve. */
        private static List<InetAddress> resolve(NameResolver resolver, String host, Duration timeout) {
            Optional<InetAddress> literal = NameResolver.literal(host);
            if (literal.isPresent()) {
                return List.of(literal.get());
            }
            try {
                return resolver.resolve(host, timeout);
            } catch (java.io.IOException e) {
                return List.of();
            }
        }

        /** Every IPv4 and IPv6 address of {@code host}, none when it does not resolve. */
        private static List<InetAddress> resolveAll(NameResolver resolver, String host, Duration timeout) {
            Optional<InetAddress> literal = NameResolver.literal(host);
            if (literal.isPresent()) {
                return List.of(literal.get());
            }
            try {
                return resolver.resolveAll(host, timeout);
            } catch (java.io.IOException e) {
                return List.of();
            }
        }

        /** Microsoft's list form: addresses joined by ';', "" for none. */
        private static String join(List<InetAddress> addresses) {
            List<String> out = new ArrayList<>();
            for (InetAddress a : addresses) {
                out.add(text(a));
            }
            return String.join(";", out);
        }

        /** An address as the browsers print it: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as ::). */
        static String text(InetAddress a) {
            if (a instanceof Inet4Address) {
                return a.getHostAddress();
            }
            byte[] b = a.getAddress();
            int[] g = new int[8];
            for (int i = 0; i < 8; i++) {
                g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
            }
            int bestStart = -1;
            int bestLen = 0;
            for (int i = 0; i < 8; ) {
                if (g[i] != 0) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    sb.append("::");
                    i += bestLen - 1;
                    continue;
                }
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(g[i]));
            }
            return sb.toString();
        }

        static boolean inNet(String ip, String pattern, String mask) {
            Optional<InetAddress> a = NameResolver.literal(ip);
            Optional<InetAddress> p = NameResolver.literal(pattern);
            Optional<InetAddress> m = NameResolver.literal(mask);
            if (a.isEmpty() || p.isEmpty() || m.isEmpty()) {
                return false;
            }
            byte[] ab = a.get().getAddress();
            byte[] pb = p.get().getAddress();
            byte[] mb = m.get().getAddress();
            if (ab.length != 4 || pb.length != 4 || mb.length != 4) {
                return false;
            }
            for (int i = 0; i < 4; i++) {
                if ((ab[i] & mb[i]) != (pb[i] & mb[i])) {
                    return false;
                }
            }
            return true;
        }

        /**
         * isInNetEx(ip, "prefix/length"): the address must be an IP literal (as in Chromium; a
         * name is not resolved) of the prefix's family; a malformed prefix or length is false.
         */
        static boolean inNetEx(String ip, String prefix) {
            int slash = prefix.indexOf('/');
            if (slash < 0 || !prefix.substring(slash + 1).matches("\\d{1,3}")) {
                return false;
            }
            Optional<InetAddress> a = NameResolver.literal(ip);
            Optional<InetAddress> p = NameResolver.literal(prefix.substring(0, slash));
            if (a.isEmpty() || p.isEmpty()) {
                return false;
            }
            byte[] ab = a.get().getAddress();
            byte[] pb = p.get().getAddress();
            int len = Integer.parseInt(prefix.substring(slash + 1));
            if (ab.length != pb.length || len > ab.length * 8) {
                return false;
            }
            for (int bit = 0; bit < len; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((ab[bit / 8] & mask) != (pb[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * sortIpAddressList("a;b;c"): IPv6 addresses first, then IPv4, each in ascending order,
         * joined by ';'. An empty list or an entry that is not an IP literal gives false.
         */
        static Object sortIpAddressList(String list) {
            List<InetAddress> addresses = new ArrayList<>();
            for (String part : list.split(";", -1)) {
                Optional<InetAddress> a = NameResolver.literal(part.trim());
                if (part.isBlank() || a.isEmpty()) {
                    return false;
                }
                addresses.add(a.get());
            }
            addresses.sort((x, y) -> {
                byte[] bx = x.getAddress();
                byte[] by = y.getAddress();
                if (bx.length != by.length) {
                    return by.length - bx.length; // 16-byte IPv6 before 4-byte IPv4
                }
                return java.util.Arrays.compareUnsigned(bx, by);
            });
            return join(addresses);
        }

        /** Removes a last argument that is exactly "GMT" (upper case, as the browsers compare it); returns the zone. */
        private static ZoneId zone(List<Object> args, Clock clock) {
            if (!args.isEmpty() && "GMT".equals(stringOf(args.get(args.size() - 1)))) {
                args.remove(args.size() - 1);
                return ZoneOffset.UTC;
            }
            return clock.getZone();
        }

        private static String stringOf(Object o) {
            return o instanceof CharSequence ? o.toString() : null;
        }

        private static List<Object> list(Object[] args) {
            return new ArrayList<>(java.util.Arrays.asList(args));
        }

        private static LocalDateTime now(Clock clock, ZoneId zone) {
            return LocalDateTime.ofInstant(clock.instant(), zone);
        }

        /**
         * weekdayRange(wd1[, wd2][, "GMT"]): day names are SUN..SAT in upper case (anything else
         * makes it false); a range that wraps (FRI, MON) includes the weekend, as in Firefox.
         */
        static boolean weekdayRange(Object[] raw, Clock clock) {
            List<Object> args = list(raw);
            ZoneId zone = zone(args, clock);
            if (args.isEmpty()) {
                return false;
            }
            int today = now(clock, zone).getDayOfWeek().getValue() % 7; // SUN=0 .. SAT=6
            int from = day(args.get(0));
            int to = args.size() == 2 ? day(args.get(1)) : from;
            if (from < 0 || to < 0) {
                return false;
            }
            return from <= to ? today >= from && today <= to : today >= from || today <= to;
        }

        private static int day(Object d) {
            return List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT").indexOf(Context.toString(d));
        }

        private static int month(Object m) {
            return List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC").indexOf(Context.toString(m));
        }

        /** JavaScript's parseInt(x) in base 10: leading blanks, a sign, digits; NaN (empty) otherwise. */
        private static OptionalInt parseInt(Object value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d+)").matcher(Context.toString(value));
            if (!m.find()) {
                return OptionalInt.empty();
            }
            try {
                return OptionalInt.of(Integer.parseInt(m.group(1)));
            } catch (NumberFormatException e) {
                return OptionalInt.of(Integer.MAX_VALUE);
            }
        }

        /**
         * dateRange as the browsers compute it. One argument: a day of the month (below 32), a
         * month name or a year. Otherwise the first half of the arguments (rounded down) sets
         * the start, a date that begins as 1 January 00:00:00 of this year, and the rest sets the
         * end, which begins as 31 December 23:59:59; each argument sets the field it names, in
         * order, with the calendar's roll-over. With only a day on each side (two arguments) both
         * ends are moved into the current month. Both ends are inclusive; nothing wraps.
         */
        static boolean dateRange(Object[] raw, Clock clock) {
            List<Object> args = list(raw);
            if (args.isEmpty()) {
                return false;
            }
            ZoneId zone = zone(args, clock);
            LocalDateTime now = now(clock, zone);
            int argc = args.size();
            if (argc == 0) {
                return false;
            }
            if (argc == 1) {
                OptionalInt n = parseInt(args.get(0));
                if (n.isEmpty()) {
                    return now.getMonthValue() - 1 == month(args.get(0));
                }
                return n.getAsInt() < 32 ? now.getDayOfMonth() == n.getAsInt() : now.getYear() == n.getAsInt();
            }
            int year = now(clock, clock.getZone()).getYear();
            java.util.GregorianCalendar start = calendar(year, 0, 1, 0, 0, 0);
            java.util.GregorianCalendar end = calendar(year, 11, 31, 23, 59, 59);
            boolean adjustMonth = false;
            for (int i = 0; i < argc; i++) {
                java.util.GregorianCalendar c = i < argc / 2 ? start : end;
                OptionalInt n = parseInt(args.get(i));
                if (n.isEmpty()) {
                    c.set(java.util.Calendar.MONTH, month(args.get(i)));
                } else if (n.getAsInt() < 32) {
                    if (i < argc / 2) {
                        adjustMonth = argc <= 2;
                    }
                    c.set(java.util.Calendar.DAY_OF_MONTH, n.getAsInt());
                } else {
                    c.set(java.util.Calendar.YEAR, n.getAsInt());
                }
                c.getTimeInMillis(); // roll over now, as each JavaScript setter does
            }
            if (adjustMonth) {
                int month = now(clock, clock.getZone()).getMonthValue() - 1;
                for (java.util.GregorianCalendar c : List.of(start, end)) {
                    c.set(java.util.Calendar.MONTH, month);
                    c.getTimeInMillis();
                }
            }
            LocalDateTime from = wall(start);
            LocalDateTime to = wall(end);
            LocalDateTime t = now.withNano(0);
            return !from.isAfter(t) && !t.isAfter(to);
        }

        /** A lenient calendar on wall-clock time (no zone shifts), like a JavaScript Date's local fields. */
        private static java.util.GregorianCalendar calendar(int year, int month, int day, int h, int m, int sec) {
            java.util.GregorianCalendar c = new java.util.GregorianCalendar(java.util.TimeZone.getTimeZone("UTC"), Locale.ROOT);
            c.setLenient(true);
            c.clear();
            c.set(year, month, day, h, m, sec);
            c.getTimeInMillis();
            return c;
        }

        private static LocalDateTime wall(java.util.GregorianCalendar c) {
            return LocalDateTime.ofInstant(c.toInstant(), ZoneOffset.UTC);
        }

        /**
         * timeRange as the browsers compute it: (hour) is that hour; (h1, h2) is h1 <= hour <= h2,
         * so the end hour is included; (h1, m1, h2, m2) runs from h1:m1 to h2:m2:59, so the end
         * minute is included; (h1, m1, s1, h2, m2, s2) to that second. Nothing wraps past midnight.
         * Three or five arguments throw, as in the browsers.
         */
        static boolean timeRange(Object[] raw, Clock clock) {
            List<Object> args = list(raw);
            if (args.isEmpty()) {
                return false;
            }
            ZoneId zone = zone(args, clock);
            LocalDateTime now = now(clock, zone);
            int argc = args.size();
            double[] n = new double[argc];
            for (int i = 0; i < argc; i++) {
                n[i] = Context.toNumber(args.get(i));
            }
            switch (argc) {
                case 1:
                    return now.getHour() == n[0];
                case 2:
                    return n[0] <= now.getHour() && now.getHour() <= n[1];
                case 4:
                case 6:
                    break;
                default:
                    throw new org.mozilla.javascript.JavaScriptException("timeRange: bad number of arguments", "timeRange", 0);
            }
            if (java.util.Arrays.stream(n).anyMatch(Double::isNaN)) {
                return false;
            }
            int middle = argc / 2;
            LocalDateTime day = now.toLocalDate().atStartOfDay();
            // The start keeps the current second (four arguments) and fraction, as a Date made from now does.
            LocalDateTime from = day.plusHours((long) n[0]).plusMinutes((long) n[1])
                    .plusSeconds(argc == 6 ? (long) n[2] : now.getSecond()).plusNanos(now.getNano());
            LocalDateTime to = day.plusHours((long) n[middle]).plusMinutes((long) n[middle + 1])
                    .plusSeconds(argc == 6 ? (long) n[5] : 59).plusNanos(now.getNano());
            return !from.isAfter(now) && !now.isAfter(to);
        }
    }
}
