package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bash completion the build ships, sourced into a real bash and asked what a TAB would offer. */
class CompletionTest {

    @TempDir
    Path dir;

    @Test
    void a_command_prefix_completes_to_the_commands_it_starts() throws Exception {
        assertEquals(List.of("refresh"), complete("wms-analytics", "re"));
        assertEquals(List.of("verify", "views"), complete("wms-analytics", "v"));
    }

    @Test
    void an_option_prefix_completes_to_the_subcommands_options() throws Exception {
        assertEquals(List.of("--gate-timeout", "--group"), complete("wms-analytics", "refresh", "--g"));
    }

    @Test
    void an_options_value_is_not_completed_with_commands() throws Exception {
        assertEquals(List.of(), complete("wms-analytics", "refresh", "--group", "re"));
    }

    /** COMPREPLY, sorted, after completing the last word of {@code words} as bash's TAB does. */
    private List<String> complete(String... words) throws IOException, InterruptedException {
        Path script = Files.writeString(dir.resolve("wms-analytics"), CliDocs.completion(CliDocs.commandLine()));
        String line = String.join(" ", words);
        // compopt only changes how bash displays the candidates, and works only inside a real TAB.
        String program =
                "source \"$1\"; shift; compopt() { :; }; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\""
                        + line + "\";"
                        + " COMP_POINT=${#COMP_LINE}; _complete_wms-analytics wms-analytics \"${@: -1}\" \"${@: -2:1}\";"
                        + " printf '%s\\n' \"${COMPREPLY[@]}\" | sort";
        List<String> command = new ArrayList<>(List.of("bash", "-c", program, "bash", script.toString()));
        command.addAll(List.of(words));
        Process bash = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
