package dev.wscheck.probe.https;

import dev.wscheck.probe.Phase;
import dev.wscheck.probe.ThreadClock;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Follows one okhttp call through its phases, to time them and to know which phase a failure
 * happened in: {@link Phase#CONNECT} from the connect start (through the transport) to the TLS
 * start, {@link Phase#TLS} for the handshake, {@link Phase#REQUEST} from the end of the handshake
 * to the first byte of the response headers. One recorder per call.
 *
 * <p>okhttp reports a synchronous call's events on the calling thread (the probe's), so each phase
 * is also split into CPU and CPU-wait time with {@link ThreadClock}; an event from another thread
 * (never seen with {@code execute()}) leaves that phase's split unknown.
 */
final class PhaseRecorder extends EventListener {
    private final Map<Phase, ThreadClock.Reading> started = new EnumMap<>(Phase.class);
    private final Map<Phase, ThreadClock.Reading> ended = new EnumMap<>(Phase.class);
    private final Map<Phase, Thread> threads = new EnumMap<>(Phase.class);
    private Phase current = Phase.CONNECT;
    private Handshake handshake;

    private synchronized void start(Phase p) {
        started.put(p, ThreadClock.now());
        threads.put(p, Thread.currentThread());
        current = p;
    }

    private synchronized void end(Phase p) {
        if (started.containsKey(p) && !ended.containsKey(p)) {
            ThreadClock.Reading now = ThreadClock.now();
            ended.put(p, threads.get(p) == Thread.currentThread() ? now
                    : new ThreadClock.Reading(now.wallNanos(), -1, -1));
        }
    }

    /** Returns the phase that was running last: the one a failure belongs to. */
    synchronized Phase current() {
        return current;
    }

    /** Returns the handshake once TLS completed. */
    synchronized Optional<Handshake> handshake() {
        return Optional.ofNullable(handshake);
    }

    /** Returns each phase's wall time and CPU split; a phase still running counts until now. */
    synchronized Map<Phase, ThreadClock.Span> spans() {
        Map<Phase, ThreadClock.Span> out = new EnumMap<>(Phase.class);
        for (Map.Entry<Phase, ThreadClock.Reading> e : started.entrySet()) {
            ThreadClock.Reading end = ended.get(e.getKey());
            if (end == null) {
                ThreadClock.Reading now = ThreadClock.now();
                end = threads.get(e.getKey()) == Thread.currentThread() ? now : new ThreadClock.Reading(now.wallNanos(), -1, -1);
            }
            out.put(e.getKey(), e.getValue().until(end));
        }
        return out;
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        start(Phase.CONNECT);
    }

    @Override
    public void secureConnectStart(Call call) {
        end(Phase.CONNECT);
        start(Phase.TLS);
    }

    @Override
    public void secureConnectEnd(Call call, Handshake hs) {
        end(Phase.TLS);
        synchronized (this) {
            handshake = hs;
        }
        // From here on, a failure is the exchange's, even before the request is written.
        start(Phase.REQUEST);
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        end(Phase.CONNECT);
    }

    @Override
    public void responseHeadersStart(Call call) {
        end(Phase.REQUEST);
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        end(Phase.REQUEST);
    }
}
