package com.wmsanalytics.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import com.wmsanalytics.config.ConfigLoader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/wms-analytics.service passes {@code systemd-analyze verify}.
 *
 * <p>verify checks that ExecStart's program exists, and there is no installation here, so
 * the test verifies a copy whose ExecStart runs {@code /bin/true} (or {@code /usr/bin/true});
 * every other line is the unit's own. User= and Group= stay: systemd-analyze does not look
 * the user up (checked with systemd 252, Debian 12). Should a later version reject the
 * missing wms-analytics user, drop those two lines from the copy here and say so.
 *
 * <p>The man pages that Documentation= names come with the package, so the test does not look
 * for them ({@code --man=no}); .ci/run verifies the installed unit with them.
 *
 * <p>verify exits 0 even when it ignores a line it cannot parse, and only says so on its
 * output, so the test also requires that no output line mentions the unit file.
 */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("conf/wms-analytics.service");

    @TempDir
    Path dir;

    @Test
    void the_unit_passes_systemd_analyze_verify() throws Exception {
        Verify result = verify(copyForVerify(Files.readString(UNIT)));

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(List.of(), result.linesAbout(UNIT.getFileName().toString()), result.output());
    }

    @Test
    void verify_reports_a_line_that_systemd_ignores() throws Exception {
        // The space in JAVA_OPTS unquoted, and a misspelt key.
        String broken = Files.readString(UNIT)
                .replaceAll("(?m)^Environment=\"(JAVA_OPTS=.*)\"$", "Environment=$1")
                .replace("Restart=on-failure", "Restart=on-failure\nRestrat=always");
        Verify result = verify(copyForVerify(broken));

        List<String> complaints = result.linesAbout(UNIT.getFileName().toString());
        assertTrue(complaints.stream().anyMatch(l -> l.contains("Invalid environment assignment")), result.output());
        assertTrue(complaints.stream().anyMatch(l -> l.contains("Restrat")), result.output());
    }

    @Test
    void only_exec_start_differs_in_the_verified_copy() throws IOException {
        String unit = Files.readString(UNIT);
        List<String> original = unit.lines().toList();
        List<String> changed = Files.readAllLines(copyForVerify(unit)).stream()
                .filter(l -> !original.contains(l))
                .toList();

        assertEquals(List.of("ExecStart=" + trueProgram() + " run"), changed);
        assertTrue(unit.contains("\nExecStart=/usr/bin/wms-analytics run\n"), unit);
    }

    @Test
    void systemd_waits_longer_than_the_scheduler_shutdown_timeout_before_it_kills() throws IOException {
        Matcher stop = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)min$").matcher(Files.readString(UNIT));
        assertTrue(stop.find(), "TimeoutStopSec=<n>min");
        Duration shutdown = new ConfigLoader(Map.of())
                .load(
                        ConfigFactory.parseString(
                                "wms-analytics.publishers = [{ name = wms, url = \"jdbc:postgresql://h/db\" }]"),
                        "test")
                .scheduler()
                .shutdownTimeout();

        assertTrue(
                Duration.ofMinutes(Long.parseLong(stop.group(1))).compareTo(shutdown) > 0,
                stop.group() + " vs " + shutdown);
    }

    @Test
    void without_systemd_analyze_on_the_path_the_test_fails_and_says_what_to_install() {
        AssertionError e = assertThrows(AssertionError.class, () -> systemdAnalyze(dir.toString()));
        assertEquals(
                "systemd-analyze is not on the PATH; install Debian's systemd package (apt-get install systemd)",
                e.getMessage());
    }

    private record Verify(int exitCode, String output) {
        List<String> linesAbout(String unitName) {
            return output.lines().filter(l -> l.contains(unitName)).toList();
        }
    }

    private Verify verify(Path unit) throws IOException, InterruptedException {
        // --man=no: the man pages of Documentation= are installed by the package, not here.
        Process process = new ProcessBuilder(systemdAnalyze().toString(), "verify", "--man=no", unit.toString())
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("systemd-analyze verify did not finish within 60 s");
        }
        return new Verify(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Path copyForVerify(String unit) throws IOException {
        String copy = unit.replaceAll("(?m)^ExecStart=\\S+", "ExecStart=" + trueProgram());
        return Files.writeString(dir.resolve(UNIT.getFileName()), copy);
    }

    private static Path trueProgram() {
        return Stream.of(Path.of("/bin/true"), Path.of("/usr/bin/true"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("neither /bin/true nor /usr/bin/true exists"));
    }

    private static Path systemdAnalyze() {
        return systemdAnalyze(System.getenv().getOrDefault("PATH", ""));
    }

    /** Fails, rather than skips, without systemd-analyze: the unit would go unchecked. */
    private static Path systemdAnalyze(String path) {
        return Stream.of(path.split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "systemd-analyze"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(
                                "systemd-analyze is not on the PATH; install Debian's systemd package (apt-get install systemd)"));
    }
}
