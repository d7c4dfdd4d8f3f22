package dev.wscheck.probe.reflector;

import java.util.Optional;

/**
 * Where {@code check --reflector} measures and with what: the reflector's host, the one port it
 * listens on when given as HOST:PORT (else each streaming port, 4172 and 4195, is measured on that
 * port of the reflector), the shared key ({@code WSCHECK_REFLECTOR_KEY}) and the datagrams per port.
 */
public record ReflectorSettings(String host, Optional<Integer> port, byte[] key, int samples) {

    /** The reflector's port that stands for the streaming port {@code streamingPort}. */
    public int portFor(int streamingPort) {
        return port.orElse(streamingPort);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ReflectorSettings[" + host + port.map(p -> ":" + p).orElse("") + ", samples " + samples + "]";
    }
}
