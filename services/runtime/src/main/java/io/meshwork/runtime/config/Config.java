package io.meshwork.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Layered configuration: built-in defaults, then an optional properties file, then the
 * environment. Keys are dotted lower case ({@code http.port}); the environment spells them
 * {@code MESHWORK_HTTP_PORT}. The file is {@code MESHWORK_CONFIG} if set, else
 * {@code <home>/meshwork.properties} when it exists.
 */
public final class Config {

  private static final String ENV_PREFIX = "MESHWORK_";

  private final Map<String, String> values;

  private Config(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Config of(Map<String, String> values) {
    return new Config(values);
  }

  /**
   * Loads defaults from a classpath resource, then the file, then {@code env}.
   *
   * @param defaultsResource classpath properties with every key the service knows
   * @param env the process environment (a parameter so that tests pass their own)
   */
  public static Config load(String defaultsResource, Map<String, String> env) {
    Map<String, String> values = new HashMap<>(readResource(defaultsResource));
    Map<String, String> fromEnv = fromEnvironment(env);
    String home = fromEnv.getOrDefault("home", values.getOrDefault("home", ""));
    Optional<Path> file = Optional.ofNullable(env.get(ENV_PREFIX + "CONFIG"))
        .map(Path::of)
        .or(() -> home.isBlank() ? Optional.empty() : Optional.of(expandHome(home).resolve("meshwork.properties")).filter(Files::isRegularFile));
    file.ifPresent(path -> values.putAll(readFile(path)));
    values.putAll(fromEnv);
    return new Config(values);
  }

  private static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> values = new HashMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX) && !name.equals(ENV_PREFIX + "CONFIG")) {
        values.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return values;
  }

  public String get(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing configuration " + key + " (environment " + envName(key) + ")");
    }
    return value;
  }

  public Optional<String> find(String key) {
    return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
  }

  public int getInt(String key) {
    String value = get(key);
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("configuration " + key + " (" + envName(key) + ") must be a number, got '" + value + "'");
    }
  }

  public boolean getBoolean(String key) {
    return Boolean.parseBoolean(get(key).trim());
  }

  public Path getPath(String key) {
    return expandHome(get(key));
  }

  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static Path expandHome(String path) {
    return path.startsWith("~/") ? Path.of(System.getProperty("user.home"), path.substring(2)) : Path.of(path);
  }

  private static Map<String, String> readResource(String resource) {
    try (InputStream in = Config.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing defaults resource " + resource);
      }
      Properties properties = new Properties();
      properties.load(in);
      return toMap(properties);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read defaults resource " + resource, e);
    }
  }

  private static Map<String, String> readFile(Path path) {
    try (Reader reader = Files.newBufferedReader(path)) {
      Properties properties = new Properties();
      properties.load(reader);
      return toMap(properties);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read configuration file " + path + ": " + e.getMessage());
    }
  }

  private static Map<String, String> toMap(Properties properties) {
    Map<String, String> map = new HashMap<>();
    properties.forEach((k, v) -> map.put(k.toString(), v.toString()));
    return map;
  }
}
