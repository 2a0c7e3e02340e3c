package io.meshwork.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code meshwork}: the GitOps command line. Registration from files in Git, usable in CI:
 * {@code apply} is idempotent and exits non-zero when the node rejects anything.
 */
@Command(
    name = "meshwork",
    mixinStandardHelpOptions = true,
    version = "meshwork 0.1",
    description = "Register and inspect Meshwork data products and contracts from files.",
    subcommands = {LoginCommand.class, ApplyCommand.class, DiffCommand.class, GetCommand.class, LineageCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:rejected by the node, or (diff) differences found", "2:usage or connection error"})
public final class MeshworkCli {

  @Option(names = "--node", scope = ScopeType.INHERIT, defaultValue = "${env:MESHWORK_NODE_URL:-http://127.0.0.1:8081}",
      description = "Mesh node URL (MESHWORK_NODE_URL). Default: ${DEFAULT-VALUE}")
  String node;

  @Option(names = "--keycloak", scope = ScopeType.INHERIT, defaultValue = "${env:MESHWORK_KEYCLOAK_URL:-http://127.0.0.1:8180}",
      description = "Keycloak URL (MESHWORK_KEYCLOAK_URL). Default: ${DEFAULT-VALUE}")
  String keycloak;

  @Option(names = "--realm", scope = ScopeType.INHERIT, defaultValue = "${env:MESHWORK_REALM:-meshwork}",
      description = "Realm (MESHWORK_REALM). Default: ${DEFAULT-VALUE}")
  String realm;

  @Option(names = "--config-dir", scope = ScopeType.INHERIT,
      defaultValue = "${env:MESHWORK_CLI_HOME:-${sys:user.home}/.meshwork/cli}",
      description = "Where login keeps its tokens (MESHWORK_CLI_HOME). Default: ${DEFAULT-VALUE}")
  Path configDir;

  Session session() {
    return new Session(node, keycloak, realm, configDir);
  }

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs one command line with the given output streams; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new MeshworkCli())
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler((ex, cmd, parsed) -> {
          cmd.getErr().println("meshwork: " + (ex instanceof CliException ? ex.getMessage() : ex.toString()));
          return ex instanceof CliException cli ? cli.exitCode() : 2;
        });
    return commandLine.execute(args);
  }
}
