package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wscheck.WscheckException;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -o} is all or none: a write that fails after the up-front check (a full disk, a
 * root-squashed NFS share, /proc) names the target the user gave, and leaves no file behind —
 * neither the failed one, nor the other -o targets, nor a temporary file.
 */
class ReportFilesTest {
    @TempDir
    Path tmp;

    /** A file system whose writes to one target's temporary file fail as a full disk does. */
    private static ReportFiles.Opener diskFullFor(String targetName) {
        return t -> {
            Writer real = ReportFiles.Opener.FILES.open(t);
            if (!t.getFileName().toString().startsWith("." + targetName + ".")) {
                return real;
            }
            return new Writer() {
                @Override
                public void write(char[] c, int off, int len) throws IOException {
                    throw new FileSystemException(t.toString(), null, "No space left on device");
                }

                @Override
                public void flush() {}

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        };
    }

    @Test
    void aWriteThatFailsLeavesNoFileAndNamesTheTarget() throws Exception {
        Path json = tmp.resolve("report.json");
        Path md = tmp.resolve("report.md");
        Path xml = tmp.resolve("report.xml");
        Files.writeString(xml, "previous run", StandardCharsets.UTF_8);
        List<ReportFiles.Output> outs = List.of(new ReportFiles.Output(json, w -> w.write("{}")),
                new ReportFiles.Output(md, w -> w.write("| id |")), new ReportFiles.Output(xml, w -> w.write("<testsuite/>")));
        WscheckException e = assertThrows(WscheckException.class, () -> ReportFiles.writeAll(outs, diskFullFor("report.md")));
        assertEquals("-o " + md + ": cannot write: No space left on device", e.getMessage());
        assertFalse(Files.exists(json), "the report written before the failure is not left behind");
        assertFalse(Files.exists(md));
        assertEquals("previous run", Files.readString(xml), "a target written after the failure keeps its old content");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("report.xml"), s.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    @Test
    void whenEveryWriteSucceedsEveryTargetIsReplaced() throws Exception {
        Path json = tmp.resolve("a.json");
        Path md = tmp.resolve("a.md");
        Files.writeString(md, "old");
        ReportFiles.writeAll(List.of(new ReportFiles.Output(json, w -> w.write("{}")), new ReportFiles.Output(md, w -> w.write("new"))));
        assertEquals("{}", Files.readString(json));
        assertEquals("new", Files.readString(md));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(2, s.count(), "no temporary file left");
        }
    }

    @Test
    void aRendererThatThrowsLeavesNothingBehind() {
        Path json = tmp.resolve("b.json");
        Path md = tmp.resolve("b.md");
        assertThrows(WscheckException.class, () -> ReportFiles.writeAll(List.of(new ReportFiles.Output(json, w -> w.write("{}")),
                new ReportFiles.Output(md, w -> {
                    throw new IOException("renderer broke");
                }))));
        assertFalse(Files.exists(json));
        assertFalse(Files.exists(md));
    }

    /**
     * As root, access(2) says a /proc directory is writable, but no file can be created there: the
     * up-front check must create one for real, so the run stops before any probe, naming the target.
     */
    @Test
    void aProcTargetAsRootIsRefusedBeforeAnyProbeAndTheOtherTargetIsNotWritten() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root passes access(2) on /proc");
        Path good = tmp.resolve("ok.json");
        Path proc = Path.of("/proc/wscheck-report.json");
        try (TcpFixture accept = TcpFixture.accepting()) {
            Path catalog = TestCatalogs.write(tmp.resolve("c.yaml"), TestCatalogs.HEAD + """
                    requirements:
                      - {id: pcoip-streaming-tcp, category: streaming, title: "TCP", protocol: pcoip, proxy: never, probes: [tcp], endpoints: ["tcp://127.0.0.1:${ACCEPT}"], source: T}
                    """, Map.of("ACCEPT", Integer.toString(accept.port())));
            CliRun r = CliRun.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(), "--dns-server", "127.0.0.1:9",
                    "-o", good.toString(), "-o", proc.toString());
            assertEquals(3, r.exit(), r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.errLines()[0].startsWith("wscheck: -o " + proc + ": cannot write: "), r.err());
            assertFalse(r.err().contains(".tmp"), "the temporary file is never named: " + r.err());
            assertEquals(0, accept.accepted(), "no probe ran");
            assertFalse(Files.exists(good));
        }
    }
}
