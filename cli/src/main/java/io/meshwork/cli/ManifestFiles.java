package io.meshwork.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -f} option that {@code apply} and {@code diff} share (a picocli mixin): which manifests to read. */
final class ManifestFiles {

  @Option(names = {"-f", "--file"}, required = true, description = "File or directory (recursively: *.yaml, *.yml, *.json)")
  List<Path> files;

  List<Manifests.Manifest> load() {
    return Manifests.load(files);
  }
}
