package io.meshwork.dataplane.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The column names of a CSV file's header line (RFC 4180: comma, double quotes, "" for a quote),
 * read before DuckDB parses the file typed — the reader needs every column's name and type up
 * front, and its own detection is thrown off by the very malformed lines that must be quarantined.
 * Empty names become {@code column<n>}, repeated ones get a suffix, as DuckDB would name them.
 */
final class CsvHeader {

  private static final int MAX_HEADER = 1 << 20;

  private CsvHeader() {}

  /** @return the names, empty when the file has no header line that reads as UTF-8 text */
  static List<String> read(Path file) {
    String line;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      boolean quoted = false;
      int b;
      while ((b = in.read()) != -1 && bytes.size() < MAX_HEADER) {
        if (b == '"') {
          quoted = !quoted;
        } else if (b == '\n' && !quoted) {
          break;
        }
        bytes.write(b);
      }
      line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException notText) {
      return List.of();
    } catch (IOException e) {
      return List.of();
    }
    if (line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isBlank()) {
      return List.of();
    }
    return unique(split(line));
  }

  static List<String> split(String line) {
    List<String> names = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          current.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          current.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        names.add(current.toString());
        current.setLength(0);
      } else {
        current.append(ch);
      }
    }
    names.add(current.toString());
    return names;
  }

  private static List<String> unique(List<String> names) {
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).isEmpty() ? "column" + i : names.get(i);
      String candidate = name;
      for (int n = 1; !seen.add(candidate.toLowerCase(java.util.Locale.ROOT)); n++) {
        candidate = name + "_" + n;
      }
      out.add(candidate);
    }
    return out;
  }
}
