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

@Command(name = "login", description = "Sign in to Keycloak (password grant of the meshwork-cli client) and keep the tokens for later commands.")
final class LoginCommand implements Callable<Integer> {

  @ParentCommand MeshworkCli cli;
  @Spec CommandSpec spec;

  @Option(names = {"-u", "--username"}, required = true, description = "Your user name")
  String username;

  @Option(names = "--password-stdin", description = "Read the password from standard input (for scripts) instead of prompting")
  boolean passwordStdin;

  @Override
  public Integer call() throws IOException {
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
      throw new CliException("no terminal to ask for the password: use --password-stdin", 2);
    }
    char[] password = console.readPassword("Password for %s: ", username);
    return password == null ? null : new String(password);
  }
}
