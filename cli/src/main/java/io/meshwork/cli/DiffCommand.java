package io.meshwork.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "diff", description = "Show what 'apply' would change, without changing anything. Exit code 1 when there are differences.")
final class DiffCommand implements Callable<Integer> {

  @ParentCommand MeshworkCli cli;
  @Spec CommandSpec spec;

  @Mixin ManifestFiles manifests;

  @Override
  public Integer call() {
    Session session = cli.session();
    PrintWriter out = spec.commandLine().getOut();
    boolean differences = false;
    for (Manifests.Manifest manifest : manifests.load()) {
      Changes changes = Changes.of(session, manifest);
      changes.print(out);
      differences |= !changes.none();
    }
    return differences ? 1 : 0;
  }
}
