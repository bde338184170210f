package com.wmsanalytics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void a_cell_with_control_characters_is_escaped_and_its_column_stays_aligned() {
        List<String> lines = new TextTable("view", "rows")
                .row("a\u001b[2Jb", 1)
                .row("plain", 22)
                .lines();

        assertEquals(List.of("view         rows", "a\\u001b[2Jb     1", "plain          22"), lines);
    }
}
