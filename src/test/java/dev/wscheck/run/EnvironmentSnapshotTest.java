package dev.wscheck.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The environment snapshot's parsers: default gateway, VPN adapter names, the WorkSpaces client's version. */
class EnvironmentSnapshotTest {

    @Test
    void defaultGatewayFromProcNetRoute(@TempDir Path tmp) throws Exception {
        Path route = tmp.resolve("route");
        Files.writeString(route, "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                + "eth0\t0001A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
                + "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n");
        assertEquals(Optional.of("192.168.1.1 (eth0)"), EnvironmentSnapshot.defaultGateway(route));
        assertEquals(Optional.empty(), EnvironmentSnapshot.defaultGateway(tmp.resolve("absent")));
    }

    static Stream<Arguments> vpnNames() {
        return Stream.of(Arguments.of("tun0", "tun0", true), Arguments.of("utun3", "utun3", true), Arguments.of("wg0", "wg0", true),
                Arguments.of("ppp0", "ppp0", true), Arguments.of("eth12", "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter", true),
                Arguments.of("net7", "PANGP Virtual Ethernet Adapter", true), Arguments.of("eth0", "eth0", false),
                Arguments.of("wlan0", "wlan0", false), Arguments.of("en0", "en0", false), Arguments.of("docker0", "docker0", false));
    }

    @ParameterizedTest(name = "{0} / {1}: VPN adapter {2}")
    @MethodSource("vpnNames")
    void vpnHeuristic(String name, String display, boolean vpn) {
        assertEquals(vpn, EnvironmentSnapshot.looksLikeVpn(name, display));
    }

    @Test
    void workspacesClientVersion(@TempDir Path tmp) throws Exception {
        assertEquals("not installed", EnvironmentSnapshot.workspacesClient(Map.of(), tmp));
        Path dpkg = tmp.resolve("var/lib/dpkg/status");
        Files.createDirectories(dpkg.getParent());
        Files.writeString(dpkg, "Package: curl\nVersion: 7.88\n\nPackage: workspacesclient\nStatus: install ok installed\nVersion: 2024.8.5191\n\n");
        assertEquals("2024.8.5191", EnvironmentSnapshot.workspacesClient(Map.of(), tmp));
        Path plist = tmp.resolve("Applications/WorkSpaces.app/Contents/Info.plist");
        Files.createDirectories(plist.getParent());
        Files.writeString(plist, "<dict>\n<key>CFBundleShortVersionString</key>\n<string>5.22.1</string>\n</dict>");
        assertEquals("5.22.1", EnvironmentSnapshot.workspacesClient(Map.of(), tmp));
        Path win = tmp.resolve("pf/Amazon Web Services, Inc/Amazon WorkSpaces/workspaces.exe");
        Files.createDirectories(win.getParent());
        Files.writeString(win, "MZ");
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        assertEquals("installed (version unknown)", EnvironmentSnapshot.workspacesClient(Map.of("ProgramFiles", tmp.resolve("pf").toString()), empty));
    }
}
