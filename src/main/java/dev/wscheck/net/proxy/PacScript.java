package dev.wscheck.net.proxy;

import dev.wscheck.net.NameResolver;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 *       timeRange) are written here; the DNS ones ask the run's DNS servers through a
 *       {@link NameResolver}, never the operating system.</li>
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
        Context cx = FACTORY.enterContext();
        try {
            cx.putThreadLocal("deadline", System.nanoTime() + limit.toNanos());
            ScriptableObject scope = cx.initSafeStandardObjects();
            Helpers.install(scope, resolver, dnsTimeout, myIp, clock);
            cx.evaluateString(scope, Helpers.JS, "pac-helpers", 1, null);
            cx.evaluateString(scope, text, location, 1, null);
            Object f = scope.get("FindProxyForURL", scope);
            if (!(f instanceof Function)) {
                throw new PacException("PAC file " + location + " defines no FindProxyForURL function");
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

    /** Returns what FindProxyForURL(url, host) answers, e.g. "PROXY proxy.corp:3128; DIRECT". */
    public String findProxyForUrl(String url, String host) throws PacException {
        Context cx = FACTORY.enterContext();
        try {
            cx.putThreadLocal("deadline", System.nanoTime() + limit.toNanos());
            Function f = (Function) scope.get("FindProxyForURL", scope);
            Object r = f.call(cx, scope, scope, new Object[] {url, host});
            if (r == null || r instanceof org.mozilla.javascript.Undefined) {
                throw new PacException("PAC file " + location + ": FindProxyForURL returned nothing for " + url);
            }
            return Context.toString(r);
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

    /** The helpers that need Java (DNS, the clock, patterns), and the pure ones in JavaScript. */
    static final class Helpers {
        /** The string-only helpers, written plainly in JavaScript. */
        static final String JS = String.join("\n",
                "function isPlainHostName(host) { return String(host).indexOf('.') < 0; }",
                "function dnsDomainIs(host, domain) {",
                "  host = String(host).toLowerCase(); domain = String(domain).toLowerCase();",
                "  return host.length >= domain.length && host.substring(host.length - domain.length) === domain;",
                "}",
                "function localHostOrDomainIs(host, hostdom) {",
                "  host = String(host).toLowerCase(); hostdom = String(hostdom).toLowerCase();",
                "  if (host === hostdom) return true;",
                "  return host.indexOf('.') < 0 && hostdom.indexOf(host + '.') === 0;",
                "}",
                "function dnsDomainLevels(host) { var n = 0, s = String(host); for (var i = 0; i < s.length; i++) if (s.charAt(i) === '.') n++; return n; }",
                "function isResolvable(host) { return dnsResolve(host) !== null; }",
                "function isInNet(host, pattern, mask) {",
                "  var ip = /^\\d{1,3}(\\.\\d{1,3}){3}$/.test(String(host)) ? String(host) : dnsResolve(host);",
                "  if (ip === null) return false;",
                "  return __inNet(ip, String(pattern), String(mask));",
                "}",
                "function alert(message) { }");

        static void install(ScriptableObject scope, NameResolver resolver, Duration dnsTimeout, Supplier<Optional<InetAddress>> myIp,
                            Clock clock) {
            define(scope, "dnsResolve", args -> {
                String host = arg(args, 0);
                try {
                    for (InetAddress a : resolver.resolve(host, dnsTimeout)) {
                        if (a instanceof Inet4Address) {
                            return a.getHostAddress();
                        }
                    }
                } catch (java.io.IOException e) {
                    return null;
                }
                return null;
            });
            define(scope, "myIpAddress", args -> myIp.get().map(InetAddress::getHostAddress).orElse("127.0.0.1"));
            define(scope, "shExpMatch", args -> BypassList.glob(arg(args, 1)).matcher(arg(args, 0)).matches());
            define(scope, "__inNet", args -> inNet(arg(args, 0), arg(args, 1), arg(args, 2)));
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
            return i < args.length ? Context.toString(args[i]) : "";
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

        /** Strips a trailing "GMT" argument; returns the zone to use. */
        private static ZoneId zone(List<String> args) {
            if (!args.isEmpty() && args.get(args.size() - 1).equalsIgnoreCase("GMT")) {
                args.remove(args.size() - 1);
                return ZoneOffset.UTC;
            }
            return null;
        }

        private static List<String> strings(Object[] args) {
            List<String> out = new ArrayList<>();
            for (Object a : args) {
                out.add(Context.toString(a));
            }
            return out;
        }

        private static ZonedDateTime now(Clock clock, ZoneId zone) {
            return ZonedDateTime.now(zone == null ? clock : clock.withZone(zone));
        }

        static boolean weekdayRange(Object[] raw, Clock clock) {
            List<String> args = strings(raw);
            ZoneId zone = zone(args);
            if (args.isEmpty()) {
                return false;
            }
            int today = now(clock, zone).getDayOfWeek().getValue() % 7; // SUN=0 .. SAT=6
            int from = day(args.get(0));
            int to = args.size() > 1 ? day(args.get(1)) : from;
            if (from < 0 || to < 0) {
                return false;
            }
            return from <= to ? today >= from && today <= to : today >= from || today <= to;
        }

        private static int day(String d) {
            return List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT").indexOf(d.toUpperCase(Locale.ROOT));
        }

        private static int month(String m) {
            return List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC").indexOf(m.toUpperCase(Locale.ROOT));
        }

        /**
         * dateRange(day), (day1, day2), (month), (month1, month2), (year), (year1, year2),
         * (day1, month1, day2, month2), (month1, year1, month2, year2),
         * (day1, month1, year1, day2, month2, year2); optional trailing "GMT".
         */
        static boolean dateRange(Object[] raw, Clock clock) {
            List<String> args = strings(raw);
            ZoneId zone = zone(args);
            LocalDate today = now(clock, zone).toLocalDate();
            // Each argument is a day (1-31), a month name or a year (4 digits).
            List<int[]> parts = new ArrayList<>(); // {kind, value}: 0 day, 1 month, 2 year
            for (String a : args) {
                if (month(a) >= 0) {
                    parts.add(new int[] {1, month(a) + 1});
                } else if (a.matches("\\d{4}")) {
                    parts.add(new int[] {2, Integer.parseInt(a)});
                } else if (a.matches("\\d{1,2}")) {
                    parts.add(new int[] {0, Integer.parseInt(a)});
                } else {
                    return false;
                }
            }
            if (parts.isEmpty() || parts.size() > 6) {
                return false;
            }
            int half = parts.size() == 1 ? 1 : parts.size() / 2;
            List<int[]> lo = parts.subList(0, half);
            List<int[]> hi = parts.size() == 1 ? lo : parts.subList(half, parts.size());
            // Compare on the fields the arguments name, most significant first.
            long now = key(today, lo);
            long a = key(lo);
            long b = key(hi);
            return a <= b ? now >= a && now <= b : now >= a || now <= b;
        }

        /** The date as a comparable number over the fields the pattern names (year, month, day). */
        private static long key(LocalDate d, List<int[]> pattern) {
            long k = 0;
            for (int kind : new int[] {2, 1, 0}) {
                if (pattern.stream().anyMatch(p -> p[0] == kind)) {
                    k = k * 10_000 + (kind == 2 ? d.getYear() : kind == 1 ? d.getMonthValue() : d.getDayOfMonth());
                }
            }
            return k;
        }

        private static long key(List<int[]> pattern) {
            long k = 0;
            for (int kind : new int[] {2, 1, 0}) {
                for (int[] p : pattern) {
                    if (p[0] == kind) {
                        k = k * 10_000 + p[1];
                    }
                }
            }
            return k;
        }

        /** timeRange(hour), (h1, h2), (h1, m1, h2, m2), (h1, m1, s1, h2, m2, s2); optional "GMT". */
        static boolean timeRange(Object[] raw, Clock clock) {
            List<String> args = strings(raw);
            ZoneId zone = zone(args);
            int[] n = new int[args.size()];
            for (int i = 0; i < n.length; i++) {
                if (!args.get(i).matches("\\d{1,2}")) {
                    return false;
                }
                n[i] = Integer.parseInt(args.get(i));
            }
            LocalTime t = now(clock, zone).toLocalTime();
            int sec = t.toSecondOfDay();
            int from;
            int to;
            switch (n.length) {
                case 1:
                    return t.getHour() == n[0];
                case 2:
                    from = n[0] * 3600;
                    to = n[1] * 3600 - 1; // from h1:00:00 up to, not including, h2:00:00
                    break;
                case 4:
                    from = n[0] * 3600 + n[1] * 60;
                    to = n[2] * 3600 + n[3] * 60;
                    break;
                case 6:
                    from = n[0] * 3600 + n[1] * 60 + n[2];
                    to = n[3] * 3600 + n[4] * 60 + n[5];
                    break;
                default:
                    return false;
            }
            return from <= to ? sec >= from && sec <= to : sec >= from || sec <= to;
        }
    }
}
