package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whatever a command prints, the terminal gets no control character it would obey. */
class TerminalTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void a_line_with_a_newline_and_an_escape_sequence_stays_one_visible_line() {
        terminal(false).println("view \u001b[31mbad\nname");
        terminal(false).error("error: \u001b]0;title\u0007");

        assertEquals("view \\u001b[31mbad\\nname\n", out.toString());
        assertEquals("error: \\u001b]0;title\\u0007\n", err.toString());
    }

    @Test
    void a_json_document_printed_line_by_line_stays_valid_json_with_the_same_values() throws Exception {
        String value = "\u001b[31mx\u009b2J\u202ey\n";
        terminal(false).printLines(Json.write(Map.of("view", value)));

        assertEquals(
                value, new ObjectMapper().readTree(out.toString()).get("view").asText());
        assertEquals(3, out.toString().lines().count(), out.toString());
    }

    @Test
    void progress_escapes_its_text_but_keeps_its_own_redraw_sequence() {
        terminal(true).progress("3/5 a\u001b[2Jb");

        assertEquals("\r3/5 a\\u001b[2Jb\u001b[K", err.toString());
    }

    private Terminal terminal(boolean interactive) {
        return new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), interactive);
    }
}
