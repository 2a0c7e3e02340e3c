package io.meshwork.cli;

import io.meshwork.model.document.DocumentFormat;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "apply", description = "Register or update every contract and product in the files (idempotent); prints what changed.")
final class ApplyCommand implements Callable<Integer> {

  @ParentCommand MeshworkCli cli;
  @Spec CommandSpec spec;

  @Mixin ManifestFiles manifests;

  @Override
  public Integer call() {
    Session session = cli.session();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int rejected = 0;
    int changed = 0;
    for (Manifests.Manifest manifest : manifests.load()) {
      Changes changes = Changes.of(session, manifest);
      changes.print(out);
      if (changes.none()) {
        continue;
      }
      HttpResponse<String> response = session.node("PUT", manifest.apiPath(), DocumentFormat.JSON.mediaType(),
          DocumentFormat.JSON.write(manifest.document()), "application/json");
      if (response.statusCode() == 200 || response.statusCode() == 201) {
        changed++;
      } else {
        rejected++;
        err.println("! " + manifest.label() + " rejected (" + manifest.file() + "): " + Session.problem(response));
      }
    }
    out.println(changed + " applied, " + rejected + " rejected");
    return rejected == 0 ? 0 : 1;
  }
}
