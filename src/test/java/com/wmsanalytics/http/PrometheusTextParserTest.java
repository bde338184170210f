package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scrape tests lean on this parser, so it must reject what Prometheus would. */
class PrometheusTextParserTest {

    private static final String GOOD = """
            # HELP wait_seconds A histogram with an escaped \\\\ and a \\n in its help
            # TYPE wait_seconds histogram
            wait_seconds_bucket{job="daily",le="1.0"} 1
            wait_seconds_bucket{job="daily",le="+Inf"} 2
            wait_seconds_count{job="daily"} 2
            wait_seconds_sum{job="daily"} 3.5
            # TYPE odd gauge
            odd{path="C:\\\\dir",quote="say \\"hi\\"",}\tNaN 1700000000000
            odd{path="x"} -Inf
            odd 1e-3
            """;

    @Test
    void a_valid_text_parses_with_its_values_and_unescaped_labels() {
        Scrape scrape = PrometheusTextParser.parse(GOOD);

        assertEquals(2, scrape.value("wait_seconds_bucket", "job", "daily", "le", "+Inf"));
        assertEquals(3.5, scrape.value("wait_seconds_sum", "job", "daily"));
        assertTrue(Double.isNaN(scrape.value("odd", "path", "C:\\dir", "quote", "say \"hi\"")));
        assertEquals(Double.NEGATIVE_INFINITY, scrape.value("odd", "path", "x"));
        assertEquals(0.001, scrape.value("odd"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "# TYPE g gauge\n1g 1\n",
                "# TYPE g gauge\ng{a=b} 1\n",
                "# TYPE g gauge\ng{a=\"b\" c=\"d\"} 1\n",
                "# TYPE g gauge\ng{a=\"\\t\"} 1\n",
                "# TYPE g gauge\ng{__name__=\"x\"} 1\n",
                "# TYPE g gauge\ng{a=\"b\"} one\n",
                "# TYPE g gauge\ng{a=\"b\"} Infinity\n",
                "# TYPE g gauge\ng{a=\"b\"}\n",
                "# TYPE g gauge\ng 1",
                "# TYPE g gauge\ng 1\ng 2\n",
                "# TYPE g gauge\ng{a=\"1\",a=\"2\"} 1\n",
                "g 1\n",
                "# EOF\n",
                "# TYPE g meter\ng 1\n",
                "# TYPE h histogram\nh_bucket 1\n",
                "# TYPE g gauge\ng 1\n# TYPE c_total counter\nc_total 1\ng{a=\"b\"} 2\n",
            })
    void a_line_that_breaks_the_format_is_rejected(String text) {
        assertThrows(AssertionError.class, () -> PrometheusTextParser.parse(text));
    }
}
