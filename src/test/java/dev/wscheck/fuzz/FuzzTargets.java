package dev.wscheck.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.engine.SharedResources;
import dev.wscheck.fixtures.UdpFixture;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.HttpConnectTransport;
import dev.wscheck.net.ProxyEndpoint;
import dev.wscheck.net.Socks5Transport;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.net.proxy.BypassList;
import dev.wscheck.net.proxy.ProxyConfig;
import dev.wscheck.net.proxy.ProxySelection;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.Target;
import dev.wscheck.probe.dns.DnsProbe;
import dev.wscheck.run.ProxySetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Every parser of wscheck that reads outside input, one line each in {@link #ALL}: its name, how
 * one input is fed to it, and the well-formed seeds that inputs are mutated from. Adding a parser
 * is one more line there; the fuzz property and the replay of
 * committed findings pick it up.
 *
 * <p>A parser either returns (it accepted the input, or reported a precise outcome, which
 * {@link Feed} checks is not {@code error}) or throws {@link dev.wscheck.WscheckException} with one
 * line; the rule itself is in {@link FuzzRule}.
 */
final class FuzzTargets {
    private FuzzTargets() {}

    /** Feeds one input to one parser; returns the outcome it reported, if it reports one. */
    interface Feed {
        Optional<Outcome> parse(byte[] input) throws Exception;
    }

    /**
     * @param weight the target's share of the CI run's tries, relative to the others: a parser fed
     *               directly has {@link #DIRECT}; one fed through the whole command line costs 5-10
     *               times as much per input (picocli's model alone is ~45 ms), and gets an eighth of
     *               the share, so that adding it keeps the suite's time about the same (a longer
     *               local run, {@code -Dwscheck.fuzz.targets}, evens it out)
     */
    record FuzzTarget(String name, Feed feed, List<byte[]> seeds, int weight) {
        FuzzTarget(String name, Feed feed, List<byte[]> seeds) {
            this(name, feed, seeds, DIRECT);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final int DIRECT = 8;
    static final int THROUGH_THE_CLI = 1;

    static final List<FuzzTarget> ALL = List.of(
            new FuzzTarget("catalog-yaml", FuzzTargets::catalog, List.of(resource("/catalog/minimal.yaml"))),
            new FuzzTarget("catalog-json", FuzzTargets::catalog, List.of(asJson(resource("/catalog/minimal.yaml")))),
            new FuzzTarget("ip-ranges", FuzzTargets::ipRanges, List.of(utf8(IP_RANGES_SEED()))),
            new FuzzTarget("pac-result", FuzzTargets::pacResult, List.of(utf8("PROXY 198.18.1.1:3128; DIRECT"), utf8("SOCKS5 [::1]:1080; PROXY p:80"),
                    utf8("DIRECT"))),
            new FuzzTarget("dns-answer", FuzzTargets::dnsAnswer, List.of(dnsSeed(false), dnsSeed(true))),
            new FuzzTarget("http-proxy-reply", FuzzTargets::httpProxyReply, List.of(utf8("HTTP/1.1 200 Connection established\r\n\r\n"),
                    utf8("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"x\"\r\n\r\n"))),
            new FuzzTarget("socks5-reply", FuzzTargets::socksReply, List.of(new byte[] {5, 0, 5, 0, 0, 1, 127, 0, 0, 1, 1, (byte) 0xbb},
                    new byte[] {5, 0, 5, 0, 0, 3, 4, 'h', 'o', 's', 't', 1, (byte) 0xbb})),
            new FuzzTarget("config-file", FileFeeds::config, FileFeeds.configSeeds(), THROUGH_THE_CLI),
            new FuzzTarget("history-run", FileFeeds::history, FileFeeds.historySeeds(), THROUGH_THE_CLI));

    static FuzzTarget named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException("no fuzz target " + name));
    }

    // ---- the feeds ---------------------------------------------------------------------------

    private static Optional<Outcome> catalog(byte[] input) throws IOException {
        Path f = Files.createTempFile("wscheck-fuzz-", ".yaml");
        try {
            Files.write(f, input);
            CatalogLoader.fromFile(f);
            return Optional.empty();
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static Optional<Outcome> ipRanges(byte[] input) throws IOException {
        Path f = Files.createTempFile("wscheck-fuzz-", ".json");
        try {
            Files.write(f, input);
            IpRanges.load("--ip-ranges", f);
            return Optional.empty();
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /** The input is what FindProxyForURL returns; the selection must turn any answer into a decision. */
    private static Optional<Outcome> pacResult(byte[] input) throws IOException {
        String answer = new String(input, StandardCharsets.UTF_8);
        StringBuilder js = new StringBuilder("function FindProxyForURL(url, host) { return \"");
        for (char c : answer.toCharArray()) {
            js.append(String.format("\\u%04x", (int) c));
        }
        js.append("\"; }\n");
        Path f = Files.createTempFile("wscheck-fuzz-", ".pac");
        try {
            Files.writeString(f, js, StandardCharsets.UTF_8);
            ProxyConfig config = ProxyConfig.pacFile("fuzz", f.toString(), Optional.empty(), BypassList.items(List.of()), List.of());
            ProxySelection sel = ProxySelection.of(config, new ProxySelection.PacOptions(ProxySetup.resolver(new DnsServers(List.of(), "explicit")),
                    Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(1), Optional::empty, Clock.systemUTC()));
            sel.decide("https://broker.wscheck.test/", "broker.wscheck.test");
            return Optional.empty();
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /** The input is a DNS answer (its id is made to match the query), as dnsjava hands it over to the DNS probe. */
    private static Optional<Outcome> dnsAnswer(byte[] input) {
        try (UdpFixture server = UdpFixture.responding(q -> {
            byte[] out = input.clone();
            if (out.length >= 2 && q.length >= 2) {
                out[0] = q[0];
                out[1] = q[1];
            }
            return Optional.of(out);
        }); SharedResources res = new SharedResources(new DnsServers(List.of(new InetSocketAddress("127.0.0.1", server.port())), "explicit"),
                new TrustSettings(List.of(), List.of(), "fuzz"), 1, Duration.ZERO, true)) {
            ProbeResult r = new DnsProbe().run(new CheckSpec(ProbeKind.DNS, Target.parse("https://broker.wscheck.test/")),
                    new ProbeContext(Duration.ofMillis(400), Optional.empty(), DirectTransport.INSTANCE, res));
            return Optional.of(r.outcome());
        }
    }

    private static Optional<Outcome> httpProxyReply(byte[] input) throws IOException {
        try (ReplyServer proxy = new ReplyServer(input)) {
            HttpConnectTransport t = new HttpConnectTransport(ProxyEndpoint.parse("http://127.0.0.1:" + proxy.port(), true), Optional.empty(),
                    ProxySetup.resolver(new DnsServers(List.of(), "explicit")), "wscheck-fuzz");
            return connect(t::connect);
        }
    }

    private static Optional<Outcome> socksReply(byte[] input) throws IOException {
        try (ReplyServer proxy = new ReplyServer(input)) {
            Socks5Transport t = new Socks5Transport(ProxyEndpoint.parse("socks5://127.0.0.1:" + proxy.port(), true), Optional.empty(),
                    ProxySetup.resolver(new DnsServers(List.of(), "explicit")));
            return connect(t::connect);
        }
    }

    private interface Connect {
        Socket connect(String host, int port, Optional<java.net.InetAddress> address, Duration timeout) throws IOException;
    }

    /** A transport either gives a socket or throws an exception that carries its outcome. */
    private static Optional<Outcome> connect(Connect c) throws IOException {
        try (Socket s = c.connect("broker.wscheck.test", 443, Optional.empty(), Duration.ofMillis(500))) {
            return Optional.of(Outcome.OK);
        } catch (dev.wscheck.probe.ProbeException e) {
            return Optional.of(e.outcome());
        }
    }

    // ---- seeds -------------------------------------------------------------------------------

    private static byte[] resource(String path) {
        try (InputStream in = FuzzTargets.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fuzz seed " + path + " is missing", e);
        }
    }

    private static byte[] asJson(byte[] yaml) {
        try {
            Object tree = new ObjectMapper(new YAMLFactory()).readValue(yaml, Object.class);
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String IP_RANGES_SEED() {
        return """
                {"syncToken": "1700000000", "createDate": "2026-08-22-15-17-05",
                 "prefixes": [{"ip_prefix": "198.18.2.0/24", "region": "ap-northeast-1", "service": "WORKSPACES_GATEWAYS", "network_border_group": "ap-northeast-1"},
                              {"ip_prefix": "198.18.3.0/24", "region": "ap-northeast-1", "service": "AMAZON", "network_border_group": "ap-northeast-1"}],
                 "ipv6_prefixes": [{"ipv6_prefix": "2001:db8::/32", "region": "ap-northeast-1", "service": "AMAZON", "network_border_group": "ap-northeast-1"}]}
                """;
    }

    /** A recursive resolver's answer: A records, or a CNAME then an AAAA record. */
    private static byte[] dnsSeed(boolean cname) {
        try {
            Name name = Name.fromString("broker.wscheck.test.");
            Message m = new Message(0);
            m.getHeader().setFlag(Flags.QR);
            m.getHeader().setFlag(Flags.RD);
            m.getHeader().setFlag(Flags.RA);
            m.addRecord(Record.newRecord(name, Type.A, DClass.IN), Section.QUESTION);
            if (cname) {
                Name target = Name.fromString("edge.wscheck.test.");
                m.addRecord(new CNAMERecord(name, DClass.IN, 60, target), Section.ANSWER);
                m.addRecord(new AAAARecord(target, DClass.IN, 60, Address.getByAddress("2001:db8::7")), Section.ANSWER);
            } else {
                m.addRecord(new ARecord(name, DClass.IN, 60, Address.getByAddress("198.18.2.7")), Section.ANSWER);
                m.addRecord(new ARecord(name, DClass.IN, 60, Address.getByAddress("198.18.2.8")), Section.ANSWER);
            }
            return m.toWire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
