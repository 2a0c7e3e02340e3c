package io.meshwork.portal.search;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.PermitAll;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Find data products: words (names, descriptions, tags, owners, columns), narrowed by facets, each hit
 * with its matching passages marked. The whole query is the URL ({@code search?q=…&domain=…}), so a
 * search can be bookmarked and shared.
 */
@Route(value = "search", layout = MainLayout.class)
@PageTitle("Search | Meshwork")
@PermitAll
@AccessDeniedErrorRouter
public class SearchView extends VerticalLayout implements BeforeEnterObserver {

    private final SearchClient search;
    final TextField words = new TextField();
    final Span status = new Span();
    final VerticalLayout facets = new VerticalLayout();
    final VerticalLayout hits = new VerticalLayout();
    final HorizontalLayout pager = new HorizontalLayout();
    SearchQuery query = new SearchQuery("", Map.of(), 1);
    SearchResult result;

    public SearchView(SearchClient search) {
        this.search = search;
        setWidthFull();
        words.setId("search-words");
        words.setPlaceholder("Search products, columns, owners…");
        words.setAriaLabel("Search the catalog");
        words.setPrefixComponent(VaadinIcon.SEARCH.create());
        words.setClearButtonVisible(true);
        words.setWidth("min(640px, 100%)");
        words.addKeyPressListener(Key.ENTER, enter -> go(query.withText(words.getValue())));
        Button find = new Button("Search", click -> go(query.withText(words.getValue())));
        find.setId("search-go");
        find.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        status.setId("search-status");
        status.getElement().setAttribute("aria-live", "polite");
        facets.setId("search-facets");
        facets.setPadding(false);
        facets.setSpacing(false);
        facets.getElement().setAttribute("aria-label", "Narrow the results");
        facets.getStyle().set("flex", "0 1 240px").set("min-width", "200px");
        hits.setId("search-hits");
        hits.setPadding(false);
        hits.getStyle().set("flex", "1 1 420px").set("min-width", "0");
        pager.setId("search-pager");
        FlexLayout body = new FlexLayout(facets, hits);
        body.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        body.setWidthFull();
        body.getStyle().set("gap", "var(--lumo-space-l)");
        HorizontalLayout bar = new HorizontalLayout(words, find);
        bar.setWidthFull();
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        bar.getStyle().set("flex-wrap", "wrap");
        add(new H2("Search the catalog"), bar, status, body, pager);
    }

    private void go(SearchQuery next) {
        getUI().ifPresent(ui -> ui.navigate("search", QueryParameters.simple(next.asParameters())));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show(SearchQuery.fromUrl(event.getLocation().getQueryParameters().getParameters()));
    }

    void show(SearchQuery next) {
        query = next;
        words.setValue(query.text());
        try {
            result = search.search(query);
        } catch (NodeException failure) {
            result = null;
            hits.removeAll();
            facets.removeAll();
            pager.removeAll();
            status.setText("Could not search the catalog.");
            Problems.show(failure);
            return;
        }
        status.setText(statusText());
        showFacets();
        showHits();
        showPager();
    }

    private String statusText() {
        String quoted = query.text().isEmpty() ? "" : "\u201c" + query.text() + "\u201d";
        String narrowed = query.filters().isEmpty() ? "" : " (" + String.join(", ",
                query.filters().entrySet().stream().map(f -> SearchQuery.FACETS.get(f.getKey()).toLowerCase() + " " + f.getValue()).toList()) + ")";
        String fallback = result.fallback() ? " — the node has no search API yet: names and descriptions of the first catalog page only" : "";
        if (result.total() == 0) {
            return "No data product matches" + (quoted.isEmpty() ? "" : " " + quoted) + narrowed + ". Try fewer words or remove a filter." + fallback;
        }
        return result.total() + " data product(s)" + (quoted.isEmpty() ? "" : " for " + quoted) + narrowed + fallback;
    }

    private void showFacets() {
        facets.removeAll();
        for (Map.Entry<String, String> facet : SearchQuery.FACETS.entrySet()) {
            List<SearchResult.FacetValue> values = result.facets().getOrDefault(facet.getKey(), List.of());
            if (values.isEmpty()) {
                continue;
            }
            H4 title = new H4(facet.getValue());
            title.getStyle().set("margin", "var(--lumo-space-s) 0 0 0");
            UnorderedList list = new UnorderedList();
            list.getStyle().set("list-style", "none").set("padding", "0").set("margin", "0");
            for (SearchResult.FacetValue value : values) {
                boolean chosen = value.value().equals(query.filters().get(facet.getKey()));
                Button toggle = new Button(value.value() + " (" + value.count() + ")",
                        click -> go(query.toggle(facet.getKey(), value.value())));
                toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, chosen ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_TERTIARY);
                toggle.setId("facet-" + facet.getKey() + "-" + value.value().replaceAll("[^A-Za-z0-9_-]", "_"));
                toggle.addClassName("search-facet");
                toggle.setAriaLabel((chosen ? "Remove filter " : "Filter by ") + facet.getValue().toLowerCase() + " "
                        + value.value() + ", " + value.count() + " products");
                toggle.getElement().setAttribute("aria-pressed", String.valueOf(chosen));
                list.add(new ListItem(toggle));
            }
            facets.add(title, list);
        }
        facets.setVisible(facets.getComponentCount() > 0);
    }

    private void showHits() {
        hits.removeAll();
        for (SearchResult.Hit hit : result.items()) {
            hits.add(card(hit));
        }
    }

    private Div card(SearchResult.Hit hit) {
        Div card = new Div();
        card.addClassName("search-hit");
        card.getStyle().set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("width", "100%").set("box-sizing", "border-box");
        Anchor name = new Anchor("product/" + URLEncoder.encode(hit.id(), StandardCharsets.UTF_8));
        H3 heading = new H3();
        heading.getStyle().set("margin", "0");
        if (hit.highlights().containsKey("name")) {
            Highlight.of(hit.highlights().get("name")).forEach(heading::add);
        } else {
            heading.setText(hit.name());
        }
        name.add(heading);
        name.setId("hit-" + hit.id());
        Span domain = new Span("domain " + hit.domain());
        domain.getElement().getThemeList().add("badge contrast");
        Span status = new Span(hit.status());
        status.getElement().getThemeList().add("active".equals(hit.status()) ? "badge success" : "badge");
        HorizontalLayout meta = new HorizontalLayout(domain, status);
        meta.getStyle().set("flex-wrap", "wrap");
        hit.tags().forEach(tag -> {
            Span t = new Span("#" + tag);
            t.getElement().getThemeList().add("badge pill");
            meta.add(t);
        });
        if (!hit.owners().isEmpty()) {
            meta.add(new Span("owners: " + String.join(", ", hit.owners())));
        }
        card.add(name, meta);
        Paragraph description = new Paragraph();
        description.getStyle().set("margin", "var(--lumo-space-xs) 0");
        if (hit.highlights().containsKey("description")) {
            Highlight.of(hit.highlights().get("description")).forEach(description::add);
        } else {
            description.setText(hit.description());
        }
        card.add(description);
        hit.highlights().forEach((field, passage) -> {
            if (!field.equals("name") && !field.equals("description")) {
                Div line = new Div(new Span(field + ": "));
                line.addClassName("search-passage");
                line.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
                Highlight.of(passage).forEach(line::add);
                card.add(line);
            }
        });
        return card;
    }

    private void showPager() {
        pager.removeAll();
        long pages = (result.total() + SearchClient.PAGE_SIZE - 1) / SearchClient.PAGE_SIZE;
        if (pages <= 1 || result.fallback()) {
            return;
        }
        Button previous = new Button("Previous", click -> go(query.withPage(query.page() - 1)));
        previous.setEnabled(query.page() > 1);
        Button next = new Button("Next", click -> go(query.withPage(query.page() + 1)));
        next.setEnabled(query.page() < pages);
        pager.add(previous, new Span("page " + query.page() + " of " + pages), next);
    }
}
