package io.meshwork.portal.search;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A search passage with the query's words marked, as components: the node sends escaped text with
 * {@code <em>…</em>} around each match; it is rebuilt here from text nodes, never set as HTML.
 */
final class Highlight {

    private Highlight() {
    }

    static List<Component> of(String passage) {
        List<Component> parts = new ArrayList<>();
        String rest = passage == null ? "" : passage;
        while (!rest.isEmpty()) {
            int open = rest.indexOf("<em>");
            int close = open < 0 ? -1 : rest.indexOf("</em>", open);
            if (open < 0 || close < 0) {
                parts.add(new Span(unescape(rest)));
                break;
            }
            if (open > 0) {
                parts.add(new Span(unescape(rest.substring(0, open))));
            }
            Span match = new Span(unescape(rest.substring(open + 4, close)));
            match.getElement().setAttribute("class", "search-match");
            match.getStyle().set("background", "var(--lumo-primary-color-10pct)").set("font-weight", "600");
            parts.add(match);
            rest = rest.substring(close + 5);
        }
        return parts;
    }

    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&#x2F;", "/").replace("&amp;", "&");
    }
}
