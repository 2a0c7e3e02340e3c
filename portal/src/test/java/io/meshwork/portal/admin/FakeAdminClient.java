package io.meshwork.portal.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.client.RestClient;

/** An admin client that answers from memory and records what the views asked of it. */
class FakeAdminClient extends AdminClient {

    final List<String> calls = new ArrayList<>();
    final List<Provider> providers = new ArrayList<>();
    final List<ServiceAccount> serviceAccounts = new ArrayList<>();
    List<AuditEntry> audit = List.of();
    NodeException failure;

    FakeAdminClient() {
        super(NodeApi.create(URI.create("http://127.0.0.1:9"), RestClient.builder(), new ObjectMapper()));
    }

    private void failIfAsked() {
        if (failure != null) {
            NodeException f = failure;
            failure = null;
            throw f;
        }
    }

    @Override
    public List<Provider> providers() {
        return List.copyOf(providers);
    }

    @Override
    public Provider createProvider(Map<String, Object> request) {
        calls.add("create " + request);
        failIfAsked();
        Provider created = new Provider((String) request.get("alias"), (String) request.get("type"), "", true, "", "", "", "");
        providers.add(created);
        return created;
    }

    @Override
    public Provider setProviderEnabled(String alias, boolean enabled) {
        calls.add((enabled ? "enable " : "disable ") + alias);
        failIfAsked();
        return null;
    }

    @Override
    public void deleteProvider(String alias) {
        calls.add("delete " + alias);
        providers.removeIf(p -> p.alias().equals(alias));
    }

    @Override
    public List<Mapper> mappers(String alias) {
        return List.of();
    }

    @Override
    public List<ServiceAccount> serviceAccounts() {
        return List.copyOf(serviceAccounts);
    }

    @Override
    public void deleteServiceAccount(String id) {
        calls.add("delete service account " + id);
        failIfAsked();
        serviceAccounts.removeIf(a -> a.id().equals(id));
    }

    @Override
    public List<Policy> policies() {
        return List.of();
    }

    @Override
    public void deletePolicy(String id) {
        calls.add("delete policy " + id);
        failIfAsked();
    }

    @Override
    public Policy putPolicy(String id, ObjectNode policy) {
        calls.add("policy " + id + " " + policy);
        failIfAsked();
        return new Policy(id, "", policy.path("kind").asText(), "described");
    }

    @Override
    public List<AuditEntry> audit(AuditFilter filter, int offset, int limit) {
        calls.add("audit " + filter.asQuery() + " " + offset);
        failIfAsked();
        return audit;
    }
}
