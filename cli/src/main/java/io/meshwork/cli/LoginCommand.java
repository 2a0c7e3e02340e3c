package io.meshwork.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "login", description = {
    "Sign in to Keycloak and keep the tokens for later commands.",
    "Without --username: the device flow — open the URL it prints in any browser, confirm the code, sign in there",
    "(works over SSH and with single sign-on or identity providers). With --username: the password grant."})
final class LoginCommand implements Callable<Integer> {

  @ParentCommand MeshworkCli cli;
  @Spec CommandSpec spec;

  @Option(names = {"-u", "--username"}, description = "Sign in with this user's password (password grant) instead of the device flow")
  String username;

  @Option(names = "--password-stdin", description = "Read the password from standard input (for scripts) instead of prompting")
  boolean passwordStdin;

  @Option(names = "--device", description = "Use the device flow (the default when no --username is given)")
  boolean device;

  @Override
  public Integer call() throws IOException {
    if (device || username == null) {
      if (username != null || passwordStdin) {
        throw new CliException("--device signs in in the browser: leave out --username and --password-stdin", 2);
      }
      String user = cli.session().loginWithDevice(spec.commandLine().getOut(), Session.DeviceWait.REAL);
      spec.commandLine().getOut().println("Signed in as " + user + " to realm " + cli.realm + ".");
      return 0;
    }
    String password = passwordStdin ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() : prompt();
    if (password == null || password.isEmpty()) {
      throw new CliException("no password given", 2);
    }
    cli.session().login(username, password);
    spec.commandLine().getOut().println("Signed in as " + username + " to realm " + cli.realm + ".");
    return 0;
  }

  private String prompt() {
    Console console = System.console();
    if (console == null) {
      throw new CliException("no terminal to ask for the password: use --password-stdin, or sign in with the device flow (no --username)", 2);
    }
    char[] password = console.readPassword("Password for %s: ", username);
    return password == null ? null : new String(password);
  }
}
