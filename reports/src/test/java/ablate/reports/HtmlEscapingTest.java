package ablate.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every string from the suite or the trials reaches the HTML escaped: names, parameters, errors, claims, charts. */
class HtmlEscapingTest {
    @Test
    void hostileStringsAreEscapedEverywhere(@TempDir Path dir) {
        Fixtures.writeRealistic(dir);
        String html = HtmlReport.render(Analysis.of(dir));

        assertThat(html).doesNotContain(Fixtures.HOSTILE, Fixtures.HOSTILE_PARAM, Fixtures.HOSTILE_ERROR,
                "<b>markup</b>", "<img");
        assertThat(html.toLowerCase()).doesNotContain("<script");
        // Table cells (Pebble's escaping) and chart legends (JFreeSVG's XML escaping).
        assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;q&#39;",
                "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &apos;q&apos;",
                "reduction=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
                "&lt;b&gt;boom&lt;/b&gt; &amp; &quot;quoted&quot; &lt;/code&gt;&lt;script&gt;alert(2)&lt;/script&gt;",
                "claim with &lt;b&gt;markup&lt;/b&gt; &amp; &quot;quotes&quot;");
        // Inside attribute values a quote cannot end the attribute.
        assertThat(html).containsPattern("title=\"[^\"]*&lt;script&gt;alert\\(&quot;x&quot;\\)");
    }
}
