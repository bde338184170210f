package com.wmsanalytics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void esc_newline_and_carriage_return_become_visible_escapes() {
        assertEquals("\\u001b[31mbad\\nname\\rx", ControlCharacters.escape("\u001b[31mbad\nname\rx"));
    }

    @Test
    void a_tab_is_left_as_it_is() {
        assertEquals("\tat x", ControlCharacters.escape("\tat x"));
    }

    @Test
    void del_c1_controls_and_bidirectional_overrides_are_escaped() {
        assertEquals(
                "a\\u007fb\\u009b2Jc\\u202ed\\u2066e", ControlCharacters.escape("a\u007fb\u009b2Jc\u202ed\u2066e"));
    }

    @Test
    void printable_text_in_any_script_is_returned_as_it_is() {
        String text = "Grüße aus 東京 ✓ \\n is two characters";
        assertSame(text, ControlCharacters.escape(text));
    }
}
