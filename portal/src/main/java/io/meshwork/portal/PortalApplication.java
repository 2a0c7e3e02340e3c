package io.meshwork.portal;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Meshwork portal: a Vaadin Flow application, an OIDC client of Keycloak, a client of the mesh node.
 * Server push (websocket one way, plain HTTP requests the other, Flow's default transport) lets live
 * views — a pipeline run's progress — update without the browser asking.
 */
@SpringBootApplication
@Push
public class PortalApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
