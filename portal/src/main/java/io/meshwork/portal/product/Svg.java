package io.meshwork.portal.product;

import com.vaadin.flow.component.html.Div;

/**
 * Server-side SVG in a page: set as the inner HTML of a div (an element created as {@code <svg>} by
 * Flow would not be in the SVG namespace and draw nothing). Every text put into the markup goes
 * through {@link #escape}.
 */
final class Svg {

    private Svg() {
    }

    static Div of(String id, String markup, String label) {
        Div holder = new Div();
        holder.setId(id);
        holder.getElement().setProperty("innerHTML", markup);
        holder.getElement().setAttribute("role", "figure");
        holder.getElement().setAttribute("aria-label", label);
        holder.setWidthFull();
        return holder;
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
