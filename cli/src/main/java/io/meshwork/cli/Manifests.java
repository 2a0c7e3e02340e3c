package io.meshwork.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.error.InvalidException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The documents named on the command line ({@code -f file|dir}, directories read recursively):
 * ODCS contracts and ODPS products, contracts first so that products' references resolve.
 */
final class Manifests {

  /** One document to apply, where it came from and the API path it goes to. */
  record Manifest(Path file, String kind, String id, JsonNode document) {

    String apiPath() {
      return (kind.equals("DataContract") ? "/api/v1/contracts/" : "/api/v1/products/") + id;
    }

    String label() {
      return (kind.equals("DataContract") ? "contract " : "product ") + id;
    }
  }

  private Manifests() {}

  static List<Manifest> load(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).filter(Manifests::isDocument).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new CliException("cannot read " + path + ": " + e.getMessage(), 2);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new CliException("no such file or directory: " + path, 2);
      }
    }
    List<Manifest> manifests = new ArrayList<>();
    for (Path file : files) {
      manifests.add(read(file));
    }
    manifests.sort(Comparator.comparing((Manifest m) -> m.kind().equals("DataContract") ? 0 : 1));
    return manifests;
  }

  private static boolean isDocument(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static Manifest read(Path file) {
    DocumentFormat format = file.toString().endsWith(".json") ? DocumentFormat.JSON : DocumentFormat.YAML;
    JsonNode document;
    try {
      document = format.read(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), 2);
    } catch (InvalidException e) {
      throw new CliException(file + ": " + e.violations().get(0).reason(), 1);
    }
    String kind = document.path("kind").asText();
    String id = document.path("id").asText();
    if (!kind.equals("DataProduct") && !kind.equals("DataContract")) {
      throw new CliException(file + ": kind must be DataProduct (ODPS) or DataContract (ODCS), found '" + kind + "'", 1);
    }
    if (id.isBlank()) {
      throw new CliException(file + ": the document has no id", 1);
    }
    return new Manifest(file, kind, id, document);
  }
}
