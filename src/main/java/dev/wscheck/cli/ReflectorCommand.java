package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import dev.wscheck.reflector.Reflector;
import dev.wscheck.reflector.ReflectorLimits;
import dev.wscheck.reflector.Responder;
import dev.wscheck.reflector.Wire;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wscheck reflector}: the responder an administrator runs inside AWS (docs/network-quality.md).
 * Parses and validates the command line, then hands over to {@code dev.wscheck.reflector}; runs until
 * the process is stopped (SIGTERM, Ctrl-C).
 */
@Command(name = "reflector",
        versionProvider = WscheckCommand.VersionProvider.class, mixinStandardHelpOptions = true,
        description = {"Answer authenticated wscheck probes on UDP and TCP (for check --reflector), until stopped.",
            "The shared key comes from the environment variable WSCHECK_REFLECTOR_KEY (at least 16 bytes)."})
final class ReflectorCommand implements Callable<Integer> {
    static final String KEY_VARIABLE = "WSCHECK_REFLECTOR_KEY";

    @ParentCommand
    WscheckCommand root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--listen", paramLabel = "ADDR", description = "Address to listen on (default: ${DEFAULT-VALUE}, every IPv4 address).")
    String listen = "0.0.0.0";

    @Option(names = "--udp", paramLabel = "PORTS", split = ",", description = "UDP ports (default: ${DEFAULT-VALUE}).")
    List<String> udp = new ArrayList<>(List.of("4172", "4195"));

    @Option(names = "--tcp", paramLabel = "PORTS", split = ",", description = "TCP ports (default: ${DEFAULT-VALUE}).")
    List<String> tcp = new ArrayList<>(List.of("4172", "4195"));

    @Override
    public Integer call() throws InterruptedException {
        java.util.Locale locale = GlobalOptions.merge(root.global, global).locale();
        String keyText = root.ctx.env().get(KEY_VARIABLE);
        if (keyText == null || keyText.isEmpty()) {
            throw new WscheckException("reflector: " + KEY_VARIABLE + " is not set; the reflector answers only probes signed with that shared key");
        }
        byte[] key;
        try {
            key = Wire.key(keyText);
        } catch (IllegalArgumentException e) {
            throw new WscheckException("reflector: " + KEY_VARIABLE + ": " + e.getMessage());
        }
        InetAddress address = literal(listen);
        List<Integer> udpPorts = ports("--udp", udp);
        List<Integer> tcpPorts = ports("--tcp", tcp);
        if (udpPorts.isEmpty() && tcpPorts.isEmpty()) {
            throw new WscheckException("reflector: give at least one port with --udp or --tcp");
        }
        Reflector reflector;
        try {
            reflector = Reflector.start(address, udpPorts, tcpPorts, key, ReflectorLimits.DEFAULT, Clock.systemUTC(), root.ctx.err()::println);
        } catch (IOException e) {
            throw new WscheckException("reflector: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Responder.Counts c = reflector.counts();
            reflector.close();
            root.ctx.err().println("wscheck reflector: " + Messages.text("stopped; " + describe(c), locale));
            stopped.countDown();
        }, "reflector-shutdown"));
        root.ctx.err().println("wscheck reflector: " + Messages.text("listening on " + address.getHostAddress() + ", UDP " + reflector.udpPorts()
                + ", TCP " + reflector.tcpPorts() + "; answers only probes signed with " + KEY_VARIABLE, locale));
        // A line a minute for the journal, so an administrator sees it working (or being probed).
        Thread ticker = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(60_000);
                    root.ctx.err().println("wscheck reflector: " + Messages.text(describe(reflector.counts()), locale));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "reflector-counts");
        ticker.setDaemon(true);
        ticker.start();
        stopped.await();
        return 0;
    }

    private static String describe(Responder.Counts c) {
        return "answered " + c.answered() + ", silent: unauthenticated " + c.unauthenticated() + ", stale " + c.stale()
                + ", rate-limited " + c.rateLimited() + ", replayed " + c.replayed();
    }

    private static InetAddress literal(String text) {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new WscheckException("reflector --listen " + text + ": give an IP address (e.g. 0.0.0.0 or ::), not a name");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new WscheckException("reflector --listen " + text + ": not an IP address");
        }
    }

    private static List<Integer> ports(String option, List<String> values) {
        List<Integer> out = new ArrayList<>();
        for (String v : values) {
            if (v.isBlank()) {
                continue;
            }
            int p;
            try {
                p = Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new WscheckException("reflector " + option + " " + v + ": not a port number");
            }
            if (p < 1 || p > 65535) {
                throw new WscheckException("reflector " + option + " " + v + ": port out of range 1..65535");
            }
            out.add(p);
        }
        return out;
    }
}
