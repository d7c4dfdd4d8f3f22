package dev.wscheck.probe.tcp;

import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.ConnectFailures;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.ThreadClock;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * Opens a TCP connection to the target through the check's transport and closes it: refused,
 * timed out, unreachable and reset are told apart by {@link Outcome#classify}; the connect time
 * is recorded.
 */
public final class TcpProbe implements Probe {
    @Override
    public ProbeKind kind() {
        return ProbeKind.TCP;
    }

    @Override
    public ProbeResult run(CheckSpec check, ProbeContext ctx) {
        String host = check.target().host();
        int port = check.target().port();
        ProbeResult.Builder b = ProbeResult.builder().via(ctx.transport().route());
        ctx.address().ifPresent(b::address);
        ThreadClock.Reading r0 = ThreadClock.now();
        try (Socket s = ctx.transport().connect(host, port, ctx.address(), ctx.timeout())) {
            ThreadClock.Span span = r0.untilNow();
            Duration connect = span.wall();
            return b.phase(Phase.CONNECT, span)
                    .detail(ctx.transport().describe() + " => " + check.target().hostPort() + ": connected in " + connect.toMillis() + " ms")
                    .evidence(new TcpEvidence(s.getLocalSocketAddress().toString().replaceFirst("^/", ""), ctx.transport().describe()))
                    .build(connect);
        } catch (IOException e) {
            ThreadClock.Span span = r0.untilNow();
            Duration took = span.wall();
            Outcome o = Outcome.classify(e, Phase.CONNECT);
            return b.outcome(o).phase(Phase.CONNECT, span)
                    .detail(ctx.transport().describe() + " => " + check.target().hostPort() + ": " + ConnectFailures.describe(e, o, ctx.timeout()))
                    .build(took);
        }
    }
}
