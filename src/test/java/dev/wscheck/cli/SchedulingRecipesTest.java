package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import picocli.CommandLine;

/**
 * The scheduler recipes in scripts/scheduling (docs/scheduling.md), checked by the real programs
 * where this machine has them: every configuration file beside a recipe parses as check options;
 * systemd-analyze verify accepts the service and timer; Debian's crontab (-n, its dry run) accepts
 * the cron line; the launchd plist is well-formed XML with what launchd needs. No PowerShell can
 * be installed from Debian's packages, so the Windows script is checked for its structure.
 */
class SchedulingRecipesTest {
    private static final Path DIR = Path.of("scripts/scheduling");

    @TempDir
    Path tmp;

    private static String text(String file) throws IOException {
        return Files.readString(DIR.resolve(file));
    }

    @ParameterizedTest(name = "{0} holds valid check options")
    @ValueSource(strings = {"systemd/wscheck.properties", "cron/wscheck.properties", "launchd/wscheck.properties", "windows/wscheck.properties"})
    void everyConfigurationBesideARecipeParses(String file) throws IOException {
        Path config = Files.writeString(tmp.resolve("wscheck.properties"), text(file).replace("@LOCALAPPDATA@", "C:/Users/u/AppData/Local"));
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine cl = WscheckCommand.commandLine(new CliContext(sink, sink, Map.of(), false, false));
        CommandLine check = cl.getSubcommands().get("check");
        ConfigFile c = ConfigFile.read(config, "--config").validate(check.getCommandSpec());
        check.setDefaultValueProvider(c);
        cl.parseArgs("check"); // every value through check's own converters
        CheckCommand parsed = check.getCommand();
        assertEquals("ap-northeast-1", parsed.what.region);
        assertEquals(Integer.valueOf(2), parsed.schedule.alertAfter);
        assertTrue(parsed.schedule.quiet);
        assertFalse(parsed.outputs.isEmpty());
        assertTrue(parsed.schedule.history.toString().replace('\\', '/').endsWith("wscheck/history"), parsed.schedule.history.toString());
    }

    private static int run(List<String> cmd, StringBuilder out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd));
        out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return p.exitValue();
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    @Test
    void systemdAnalyzeVerifiesTheServiceAndTimer() throws Exception {
        Assumptions.assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed (apt-get install systemd)");
        // ExecStart must name an executable file: the recipe's /opt path is replaced by one that exists here.
        Path fake = tmp.resolve("bin/wscheck");
        Files.createDirectories(fake.getParent());
        Files.writeString(fake, "#!/bin/sh\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path service = Files.writeString(tmp.resolve("wscheck.service"), text("systemd/wscheck.service").replace("/opt/wscheck/bin/wscheck", fake.toString()));
        Path timer = Files.writeString(tmp.resolve("wscheck.timer"), text("systemd/wscheck.timer"));
        StringBuilder out = new StringBuilder();
        assertEquals(0, run(List.of("systemd-analyze", "verify", service.toString(), timer.toString()), out), out.toString());
        assertEquals("", out.toString().strip(), "no warning");
        // and the checker is not a rubber stamp:
        Files.writeString(timer, text("systemd/wscheck.timer").replace("OnCalendar=*:0/15", "OnCalendar=every quarter hour"));
        assertNotEquals(0, run(List.of("systemd-analyze", "verify", service.toString(), timer.toString()), new StringBuilder()));
    }

    @Test
    void debiansCronAcceptsTheCronLine() throws Exception {
        Assumptions.assumeTrue(onPath("crontab"), "crontab is not installed (apt-get install cron)");
        // /etc/cron.d lines have a user field; a user crontab has not: the same line without it, checked by crontab -n (dry run).
        List<String> lines = new ArrayList<>();
        for (String l : text("cron/wscheck.cron").split("\n")) {
            Matcher m = Pattern.compile("^((?:\\S+\\s+){5})(\\S+)\\s+(.*)$").matcher(l);
            lines.add(!l.startsWith("#") && !l.contains("=") && m.matches() ? m.group(1) + m.group(3) : l);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("*/15 * * * * flock -n ")), lines.toString());
        Path crontab = Files.writeString(tmp.resolve("crontab"), String.join("\n", lines) + "\n");
        StringBuilder out = new StringBuilder();
        assertEquals(0, run(List.of("crontab", "-n", crontab.toString()), out), out.toString());
        Path bad = Files.writeString(tmp.resolve("bad"), "*/15 * * * mon-funday /bin/true\n");
        assertNotEquals(0, run(List.of("crontab", "-n", bad.toString()), new StringBuilder()), "crontab -n rejects a bad line");
    }

    @Test
    void theLaunchdPlistIsWellFormedAndRunsCheck() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setValidating(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(text("launchd/dev.wscheck.check.plist").getBytes(StandardCharsets.UTF_8)));
        assertEquals("plist", d.getDocumentElement().getNodeName());
        String all = d.getDocumentElement().getTextContent();
        assertTrue(all.contains("dev.wscheck.check") && all.contains("check") && all.contains("900"), all);
        // Keys and values alternate in a dict: as many <key> as values.
        assertEquals(d.getElementsByTagName("key").getLength(),
                d.getElementsByTagName("string").getLength() - 2 + d.getElementsByTagName("integer").getLength()
                        + d.getElementsByTagName("array").getLength() + d.getElementsByTagName("true").getLength(), "key/value pairs");
    }

    @Test
    void thePowerShellScriptRegistersAPerUserTaskWithoutAdministratorRights() throws IOException {
        String ps = text("windows/register-task.ps1");
        assertTrue(ps.startsWith("#Requires -Version 5.1"));
        assertEquals(count(ps, '{'), count(ps, '}'), "braces balance");
        assertEquals(count(ps, '('), count(ps, ')'), "parentheses balance");
        for (String needed : List.of("[CmdletBinding(SupportsShouldProcess = $true)]", "Register-ScheduledTask", "-LogonType Interactive",
                "-RunLevel Limited", "-MultipleInstances IgnoreNew", "Join-Path $env:APPDATA 'wscheck'", "wscheck.properties", "@LOCALAPPDATA@")) {
            assertTrue(ps.contains(needed), "script should contain " + needed);
        }
        for (String forbidden : List.of("Highest", "SYSTEM", "ServiceAccount", "-RunLevel Highest", "schtasks /ru")) {
            assertFalse(ps.contains(forbidden), "needs administrator rights: " + forbidden);
        }
        // Every $Variable used is a parameter, assigned, or automatic.
        List<String> automatic = List.of("true", "false", "null", "env", "PSScriptRoot", "PSCmdlet", "ErrorActionPreference");
        Matcher used = Pattern.compile("\\$([A-Za-z][A-Za-z0-9]*)").matcher(ps);
        while (used.find()) {
            String v = used.group(1);
            assertTrue(automatic.contains(v) || Pattern.compile("(?m)(^\\s*\\$" + v + "\\s*=|\\]\\s*\\$" + v + "\\b)").matcher(ps).find(),
                    "$" + v + " is never assigned or declared");
        }
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
