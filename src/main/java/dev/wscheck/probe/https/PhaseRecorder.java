package dev.wscheck.probe.https;

import dev.wscheck.probe.Phase;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
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
 */
final class PhaseRecorder extends EventListener {
    private final Map<Phase, Long> started = new EnumMap<>(Phase.class);
    private final Map<Phase, Long> ended = new EnumMap<>(Phase.class);
    private Phase current = Phase.CONNECT;
    private Handshake handshake;

    private synchronized void start(Phase p) {
        started.put(p, System.nanoTime());
        current = p;
    }

    private synchronized void end(Phase p) {
        if (started.containsKey(p) && !ended.containsKey(p)) {
            ended.put(p, System.nanoTime());
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

    /** Returns each phase's duration; a phase still running counts until now. */
    synchronized Map<Phase, Duration> durations() {
        Map<Phase, Duration> out = new EnumMap<>(Phase.class);
        long now = System.nanoTime();
        for (Map.Entry<Phase, Long> e : started.entrySet()) {
            long end = ended.getOrDefault(e.getKey(), now);
            out.put(e.getKey(), Duration.ofNanos(Math.max(0, end - e.getValue())));
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
