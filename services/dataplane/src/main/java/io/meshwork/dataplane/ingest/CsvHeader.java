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
import java.util.Locale;
import java.util.Set;

/**
 * The header line of a CSV file (RFC 4180: double quotes, "" for a quote): its delimiter and column
 * names, read before DuckDB parses the file typed — the reader needs every column's name and type up
 * front, and its own detection is thrown off by the very malformed lines that must be quarantined.
 * The delimiter is the comma, unless splitting at a semicolon, tab or bar names more of the contract's
 * columns. Empty names become {@code column<n>}, repeated ones get a suffix.
 */
record CsvHeader(char delimiter, List<String> names) {

  private static final int MAX_HEADER = 1 << 20;
  private static final char[] DELIMITERS = {',', ';', '\t', '|'};

  /** @return the header, with no names when the file has no header line that reads as UTF-8 text */
  static CsvHeader read(Path file, Set<String> contractColumns) {
    String line = firstLine(file);
    CsvHeader best = new CsvHeader(',', List.of());
    if (line == null || line.isBlank()) {
      return best;
    }
    long bestMatches = -1;
    for (char delimiter : DELIMITERS) {
      List<String> names = unique(split(line, delimiter));
      long matches = names.stream().filter(n -> contractColumns.contains(n.trim().toLowerCase(Locale.ROOT))).count();
      if (matches > bestMatches) {
        best = new CsvHeader(delimiter, names);
        bestMatches = matches;
      }
    }
    return best;
  }

  private static String firstLine(Path file) {
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
      return null;
    } catch (IOException e) {
      return null;
    }
    if (line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  static List<String> split(String line, char delimiter) {
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
      } else if (ch == delimiter) {
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
      for (int n = 1; !seen.add(candidate.toLowerCase(Locale.ROOT)); n++) {
        candidate = name + "_" + n;
      }
      out.add(candidate);
    }
    return out;
  }
}
