package io.meshwork.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.document.DocumentFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "get", description = "List products or contracts, or print one (get product ID -o yaml).")
final class GetCommand implements Callable<Integer> {

  @ParentCommand MeshworkCli cli;
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "products | contracts | product | contract")
  String what;

  @Parameters(index = "1", arity = "0..1", description = "The id, for a single product or contract")
  String id;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table | yaml | json (default: ${DEFAULT-VALUE})")
  String output;

  @Override
  public Integer call() {
    String collection = switch (what) {
      case "products", "product" -> "products";
      case "contracts", "contract" -> "contracts";
      default -> throw new CliException("get what? products, contracts, product ID or contract ID — not '" + what + "'", 2);
    };
    Session session = cli.session();
    PrintWriter out = spec.commandLine().getOut();
    if (id != null) {
      JsonNode document = session.getJson("/api/v1/" + collection + "/" + id);
      out.print(output.equals("json") ? DocumentFormat.JSON.write(document) + System.lineSeparator() : DocumentFormat.YAML.write(document));
      return 0;
    }
    JsonNode body = session.getJson("/api/v1/" + collection + "?limit=500");
    if (!output.equals("table")) {
      out.print(output.equals("json") ? DocumentFormat.JSON.write(body) + System.lineSeparator() : DocumentFormat.YAML.write(body));
      return 0;
    }
    List<String[]> rows = new java.util.ArrayList<>();
    rows.add(new String[] {"ID", "NAME", "DOMAIN", "STATUS", "VERSION"});
    body.path("items").forEach(item -> rows.add(new String[] {
        item.path("id").asText(), item.path("name").asText(), item.path("domain").asText(),
        item.path("status").asText(), item.path("version").asText("")}));
    int[] widths = new int[5];
    rows.forEach(r -> { for (int i = 0; i < 5; i++) widths[i] = Math.max(widths[i], r[i].length()); });
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        line.append(String.format("%-" + (widths[i] + 2) + "s", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println(body.path("total").asLong() + " " + collection);
    return 0;
  }
}
