package io.artifex.data.text.source;

import java.util.regex.Pattern;

/**
 * Strips MediaWiki markup to plain text: comments, {@code <ref>} notes, templates
 * {@code {{...}}} and tables {@code {|...|}} (nested) are dropped; {@code [[target|label]]}
 * becomes {@code label} and {@code [[target]]} {@code target}; file, image and category links
 * are dropped; external links {@code [url label]} keep the label; bold and italic quotes, other
 * HTML tags, heading marks and list marks are removed; common entities are decoded. Each step is a
 * single left-to-right pass, so the cost is linear in the input.
 *
 * <p>Thread-safety: stateless (static methods only, no mutable static state); safe to call from
 * several threads on arguments that no other thread mutates.
 */
public final class WikiMarkup {

    private static final Pattern COMMENT = Pattern.compile("<!--.*?(-->|\\z)", Pattern.DOTALL);
    private static final Pattern REF = Pattern.compile("<ref\\b[^>/]{0,1000}/>|<ref\\b[^>]{0,1000}>.*?(</ref\\s*>|\\z)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern DROPPED_TAGS = Pattern.compile(
            "<(math|gallery|timeline|score|syntaxhighlight|source|nowiki)\\b[^>]{0,1000}>.*?(</\\1\\s*>|\\z)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTERNAL = Pattern.compile("\\[(?:https?|ftp)://[^\\s\\]]*(?:\\s+([^\\]]*))?\\]");
    private static final Pattern QUOTES = Pattern.compile("'{2,5}");
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^<>]{0,500}>");
    private static final Pattern HEADING = Pattern.compile("(?m)^(=+)\\s*(.*?)\\s*\\1\\s*$");
    private static final Pattern LIST = Pattern.compile("(?m)^[*#:;]+\\s*");
    private static final Pattern MAGIC = Pattern.compile("__[A-Z]+__");
    private static final Pattern BLANKS = Pattern.compile("\\n{3,}");
    private static final Pattern SPACES = Pattern.compile("[ \\t]{2,}");

    private WikiMarkup() {
    }

    /** The plain text of the wikitext {@code markup}. */
    public static String strip(String markup) {
        String s = COMMENT.matcher(markup).replaceAll("");
        s = REF.matcher(s).replaceAll("");
        s = DROPPED_TAGS.matcher(s).replaceAll("");
        s = dropNested(s, "{{", "}}");
        s = dropNested(s, "{|", "|}");
        s = links(s);
        s = EXTERNAL.matcher(s).replaceAll(m -> m.group(1) == null ? "" : java.util.regex.Matcher.quoteReplacement(m.group(1)));
        s = QUOTES.matcher(s).replaceAll("");
        s = TAG.matcher(s).replaceAll("");
        s = HEADING.matcher(s).replaceAll("$2");
        s = LIST.matcher(s).replaceAll("");
        s = MAGIC.matcher(s).replaceAll("");
        s = entities(s);
        s = SPACES.matcher(s).replaceAll(" ");
        s = BLANKS.matcher(s).replaceAll("\n\n");
        return s.strip();
    }

    /** {@code s} without the (nested) spans from {@code open} to its matching {@code close}. */
    static String dropNested(String s, String open, String close) {
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith(open, i)) {
                depth++;
                i += open.length();
            } else if (depth > 0 && s.startsWith(close, i)) {
                depth--;
                i += close.length();
            } else {
                if (depth == 0) {
                    out.append(s.charAt(i));
                }
                i++;
            }
        }
        return out.toString();
    }

    /** Internal links: [[a|b]] -> b, [[a]] -> a, [[File:...]]/[[Image:...]]/[[Category:...]] (nested) -> nothing. */
    static String links(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("[[", i)) {
                int end = matching(s, i);
                String inner = s.substring(i + 2, end < 0 ? s.length() : end);
                i = end < 0 ? s.length() : end + 2;
                int colon = inner.indexOf(':');
                String prefix = colon > 0 ? inner.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT) : "";
                if (prefix.equals("file") || prefix.equals("image") || prefix.equals("category")
                        || colon > 0 && colon <= 3 && inner.substring(0, colon).matches("[a-z-]{2,3}")) {
                    continue; // media, categories and interlanguage links carry no article text
                }
                // a link inside a link (rare outside the dropped file captions): keep its words, not its brackets
                String label = inner.replace("[[", "").replace("]]", "");
                int bar = label.lastIndexOf('|');
                out.append(bar >= 0 ? label.substring(bar + 1) : label);
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    /** The index of the "]]" closing the "[[" at {@code start}, counting nested links; -1 if unclosed. */
    private static int matching(String s, int start) {
        int depth = 0;
        int i = start;
        while (i < s.length() - 1) {
            if (s.startsWith("[[", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("]]", i)) {
                depth--;
                if (depth == 0) {
                    return i;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static String entities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&nbsp;", " ").replace("&ndash;", "\u2013").replace("&mdash;", "\u2014")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
