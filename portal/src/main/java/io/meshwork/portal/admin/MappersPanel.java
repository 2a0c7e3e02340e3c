package io.meshwork.portal.admin;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.meshwork.portal.layout.FieldProblems;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A provider's mappers (what its sign-in gives a user), with a small form to add one and a delete per row. */
public class MappersPanel extends VerticalLayout {

    private final AdminClient admin;
    private final String alias;
    final Grid<Mapper> grid = new Grid<>(Mapper.class, false);
    final Span status = new Span();
    final TextField name = new TextField("Name");
    final Select<String> kind = new Select<>();
    final TextField claim = new TextField("Claim");
    final TextField value = new TextField("Claim value");
    final Select<String> role = new Select<>();
    final TextField group = new TextField("Domain group");
    final TextField template = new TextField("Username template");
    final Button add = new Button("Add mapper");

    public MappersPanel(AdminClient admin, String alias) {
        this.admin = admin;
        this.alias = alias;
        setPadding(false);
        setId("mappers-panel");
        status.setId("mappers-status");
        grid.setId("mappers-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(Mapper::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(Mapper::rule).setHeader("Rule").setFlexGrow(2);
        grid.addComponentColumn(mapper -> {
            Button delete = new Button("Delete", click -> delete(mapper));
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            delete.setAriaLabel("Delete mapper " + mapper.name());
            return delete;
        }).setAutoWidth(true).setFlexGrow(0);

        name.setId("mapper-name");
        kind.setLabel("Kind");
        kind.setId("mapper-kind");
        kind.setItems("role", "group", "username");
        kind.setItemLabelGenerator(k -> switch (k) {
            case "role" -> "claim → realm role";
            case "group" -> "claim → domain group";
            default -> "username template";
        });
        kind.addValueChangeListener(change -> showFieldsOf(change.getValue()));
        claim.setId("mapper-claim");
        value.setId("mapper-value");
        role.setLabel("Role");
        role.setId("mapper-role");
        role.setItems(Roles.ALL);
        group.setId("mapper-group");
        group.setPlaceholder("/domains/orders/members");
        template.setId("mapper-template");
        template.setPlaceholder("${ALIAS}.${CLAIM.preferred_username}");
        add.setId("mapper-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(click -> addMapper());
        kind.setValue("role");

        FormLayout form = new FormLayout(name, kind, claim, value, role, group, template, add);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("520px", 2));
        add(status, grid, new H4("Add a mapper"), form);
        refresh();
    }

    private void showFieldsOf(String k) {
        claim.setVisible(!"username".equals(k));
        value.setVisible(!"username".equals(k));
        role.setVisible("role".equals(k));
        group.setVisible("group".equals(k));
        template.setVisible("username".equals(k));
    }

    Map<String, Object> request() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.getValue().strip());
        body.put("kind", kind.getValue());
        switch (kind.getValue()) {
            case "role" -> {
                body.put("claim", claim.getValue().strip());
                body.put("value", value.getValue().strip());
                body.put("role", role.getValue());
            }
            case "group" -> {
                body.put("claim", claim.getValue().strip());
                body.put("value", value.getValue().strip());
                body.put("group", group.getValue().strip());
            }
            default -> body.put("template", template.getValue().strip());
        }
        return body;
    }

    void addMapper() {
        Map<String, HasValidation> fields = Map.of("name", name, "kind", kind, "claim", claim, "value", value,
                "role", role, "group", group, "template", template);
        FieldProblems.clear(fields.values());
        try {
            admin.addMapper(alias, request());
            Problems.done("Mapper " + name.getValue() + " added");
            name.clear();
            refresh();
        } catch (NodeException failure) {
            List<String> elsewhere = FieldProblems.show(failure, fields);
            if (!elsewhere.isEmpty()) {
                Problems.show(failure.title(), elsewhere, failure.traceId());
            }
        }
    }

    private void delete(Mapper mapper) {
        try {
            admin.deleteMapper(alias, mapper.id());
            Problems.done("Mapper " + mapper.name() + " deleted");
        } catch (NodeException failure) {
            Problems.show(failure);
        }
        refresh();
    }

    void refresh() {
        try {
            List<Mapper> mappers = admin.mappers(alias);
            grid.setItems(mappers);
            grid.setVisible(!mappers.isEmpty());
            status.setText(mappers.isEmpty() ? "No mappers: users from " + alias + " get no Meshwork role or domain yet."
                    : mappers.size() + " mapper(s)");
        } catch (NodeException failure) {
            grid.setVisible(false);
            status.setText("Could not load the mappers.");
            Problems.show(failure);
        }
    }
}
