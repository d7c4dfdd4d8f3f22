package dev.wscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTML report in a real browser: headless Chromium (Debian package {@code chromium}, which
 * .ci/run installs) loads each golden HTML file from a file:// URL with every network feature
 * off, takes a screenshot and dumps the DOM. The screenshot must not be blank and every
 * requirement id must be in the DOM. Also, without a browser: nothing in the file loads anything.
 * Skipped, with the reason, where Chromium is not installed.
 */
class HtmlInBrowserTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    /** Anything that would make a browser fetch: scripts, stylesheets, images, frames, CSS url()/@import. */
    private static final Pattern LOADS = Pattern.compile("<script|<link|<img|<iframe|<object|<embed|url\\(|@import|\\ssrc=|\\shref=\"(?!#)",
            Pattern.CASE_INSENSITIVE);

    static Stream<String> files() {
        return Stream.of("check-tokyo.html", "check-tokyo.ja.html", "check-tokyo-inspected.html", "check-tokyo-inspected.ja.html");
    }

    @ParameterizedTest(name = "{0} loads nothing from anywhere")
    @MethodSource("files")
    void selfContained(String file) throws IOException {
        String html = Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8);
        var m = LOADS.matcher(html);
        assertFalse(m.find(), () -> file + " would load something: " + html.substring(Math.max(0, m.start() - 40), Math.min(html.length(), m.end() + 40)));
    }

    /**
     * One English and one Japanese file (the Japanese one also checked for its Japanese text in the
     * DOM): each Chromium start costs 10-15 s on a small CI machine.
     */
    static Stream<String> browserFiles() {
        return Stream.of("check-tokyo-inspected.html", "check-tokyo.ja.html");
    }

    @ParameterizedTest(name = "{0} in headless Chromium: not blank, every requirement id in the DOM")
    @MethodSource("browserFiles")
    void rendersInChromium(String file, @TempDir Path tmp) throws Exception {
        Optional<Path> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(), "headless Chromium is not installed (Debian package chromium; .ci/run installs it)");
        Path page = GOLDEN.resolve(file).toAbsolutePath();
        String url = page.toUri().toString();
        Path png = tmp.resolve("shot.png");
        run(chromium.get(), tmp.resolve("profile-shot"), tmp.resolve("shot.log"), "--screenshot=" + png, "--window-size=1000,1400", url);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() > 100 && img.getHeight() > 100, "no screenshot written");
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "the screenshot is blank or nearly so: " + colours.size() + " colours");

        Path dom = tmp.resolve("dom.html");
        run(chromium.get(), tmp.resolve("profile-dom"), dom, "--dump-dom", url);
        String text = Files.readString(dom, StandardCharsets.UTF_8);
        String source = Files.readString(page, StandardCharsets.UTF_8);
        List<String> ids = Pattern.compile("<tr id=\"req-([a-z0-9-]+)\"").matcher(source).results().map(r -> r.group(1)).toList();
        assertFalse(ids.isEmpty(), "no requirement rows in " + file);
        for (String id : ids) {
            assertTrue(text.contains("id=\"req-" + id + "\"") && text.contains(">" + id + "<"), id + " is not in the DOM Chromium built");
        }
        assertEquals(ids.size(), Pattern.compile("<tr id=\"req-").matcher(text).results().count(), "requirement rows in the DOM");
        if (file.contains(".ja.")) {
            // The browser read the file as UTF-8: the Japanese question and status words are in the DOM it built, not mojibake.
            assertTrue(text.contains("このネットワークから Amazon WorkSpaces を使えますか") && text.contains("不合格"), "Japanese text in the DOM of " + file);
        }
    }

    /** Runs Chromium with every network feature off and a fresh profile; its stdout goes to {@code out}. */
    private static void run(Path chromium, Path profile, Path out, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 90 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), "Chromium exit status for " + cmd);
    }

    static Optional<Path> chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
