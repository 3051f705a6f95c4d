package io.artifex.data.text.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Wikitext stripped to the plain text a reader sees. */
class WikiMarkupTest {

    /**
     * Planted bugs caught: keeping the link target instead of the label, not nesting templates
     * (the outer template's tail would leak), keeping a ref's note text.
     */
    @Test
    void stripsMarkupToText() {
        String wikitext = "{{Infobox city|name={{lang|fr|Paris}}|pop=2}}\n"
                + "'''Paris''' is the [[capital city|capital]] of [[France]].<ref name=\"a\">Some note {{cite}}</ref>"
                + " It has ''many'' [[File:Eiffel.jpg|thumb|The [[Eiffel Tower]]]] parks.<ref name=b/>\n"
                + "<!-- hidden -->\n"
                + "== History ==\n"
                + "* Founded by the [http://example.org Parisii] &amp; others.\n"
                + "{| class=\"wikitable\"\n| a || b\n|}\n"
                + "[[Category:Cities]]";
        assertThat(WikiMarkup.strip(wikitext)).isEqualTo(
                "Paris is the capital of France. It has many parks.\n\nHistory\nFounded by the Parisii & others.");
    }

    /** Unclosed markup never throws and keeps the text before it. */
    @Test
    void unclosedMarkupIsDroppedToTheEnd() {
        assertThat(WikiMarkup.strip("text {{unclosed template")).isEqualTo("text");
        assertThat(WikiMarkup.strip("see [[link without end")).isEqualTo("see link without end");
        assertThat(WikiMarkup.strip("a <ref>open note")).isEqualTo("a");
        assertThat(WikiMarkup.strip("")).isEmpty();
    }
}
