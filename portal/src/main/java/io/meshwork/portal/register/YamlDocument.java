package io.meshwork.portal.register;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A pasted or uploaded ODPS/ODCS YAML document, read as the owner types it: what it is (kind, id,
 * version), whether it parses (and where not), and the line each JSON pointer of the node's errors
 * names, so that every error shows at its place in the text.
 */
public final class YamlDocument {

    /** What a document is, as the catalog stores it. */
    public enum Kind {
        PRODUCT("DataProduct", "products"), CONTRACT("DataContract", "contracts");

        final String kindName;
        final String collection;

        Kind(String kindName, String collection) {
            this.kindName = kindName;
            this.collection = collection;
        }

        static Optional<Kind> of(Object kind) {
            for (Kind k : values()) {
                if (k.kindName.equals(kind)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }

        public String label() {
            return this == PRODUCT ? "data product (ODPS)" : "data contract (ODCS)";
        }
    }

    /** One problem in the text: at a line (1-based; 0 when the document as a whole), with its pointer. */
    public record Problem(int line, String pointer, String reason) {
        public String text() {
            return (line > 0 ? "line " + line + " · " : "") + (pointer.isEmpty() ? "" : pointer + ": ") + reason;
        }
    }

    private final String text;
    private final Node root;
    private final Map<String, Object> values;
    private final Problem syntaxError;

    private YamlDocument(String text, Node root, Map<String, Object> values, Problem syntaxError) {
        this.text = text;
        this.root = root;
        this.values = values;
        this.syntaxError = syntaxError;
    }

    @SuppressWarnings("unchecked")
    public static YamlDocument read(String text) {
        String source = text == null ? "" : text;
        if (source.isBlank()) {
            return new YamlDocument(source, null, Map.of(), new Problem(0, "", "paste or upload a YAML document"));
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        try {
            Yaml yaml = new Yaml(options);
            Node root = yaml.compose(new java.io.StringReader(source));
            Object loaded = new Yaml(options).load(source);
            if (!(loaded instanceof Map<?, ?> map)) {
                return new YamlDocument(source, root, Map.of(), new Problem(1, "", "the document must be a mapping (key: value lines)"));
            }
            return new YamlDocument(source, root, (Map<String, Object>) map, null);
        } catch (MarkedYAMLException unreadable) {
            Mark mark = unreadable.getProblemMark() != null ? unreadable.getProblemMark() : unreadable.getContextMark();
            String reason = unreadable.getProblem() == null ? "not valid YAML" : unreadable.getProblem();
            return new YamlDocument(source, null, Map.of(), new Problem(mark == null ? 0 : mark.getLine() + 1, "", reason));
        } catch (YAMLException unreadable) {
            return new YamlDocument(source, null, Map.of(), new Problem(0, "", "not valid YAML"));
        }
    }

    public String text() {
        return text;
    }

    public Optional<Problem> syntaxError() {
        return Optional.ofNullable(syntaxError);
    }

    public Optional<Kind> kind() {
        return Kind.of(values.get("kind"));
    }

    public String id() {
        Object id = values.get("id");
        return id == null ? "" : String.valueOf(id);
    }

    public String version() {
        Object version = values.get("version");
        return version == null ? "" : String.valueOf(version);
    }

    /**
     * What the portal can tell before the node is asked: the document parses, says what it is, and
     * has an id to be stored under. The node checks everything else (schema, contracts, owners).
     */
    public List<Problem> quickChecks() {
        List<Problem> problems = new ArrayList<>();
        if (syntaxError != null) {
            problems.add(syntaxError);
            return problems;
        }
        if (kind().isEmpty()) {
            problems.add(at("/kind", "must be DataProduct (ODPS) or DataContract (ODCS)"));
        }
        if (id().isBlank()) {
            problems.add(at("/id", "required: the id it is stored and found under"));
        } else if (!id().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            problems.add(at("/id", "letters, digits, '.', '_' and '-' only"));
        }
        return problems;
    }

    /** A problem at the line the pointer names (or the nearest line of it that exists). */
    public Problem at(String pointer, String reason) {
        return new Problem(line(pointer), pointer, reason);
    }

    /** The 1-based line of the element the JSON pointer names, or of its deepest existing parent; 0 for none. */
    public int line(String pointer) {
        if (root == null) {
            return 0;
        }
        Node node = root;
        if (pointer != null && pointer.startsWith("/")) {
            for (String raw : pointer.substring(1).split("/")) {
                String segment = raw.replace("~1", "/").replace("~0", "~");
                Node next = child(node, segment);
                if (next == null) {
                    break;
                }
                node = next;
            }
        }
        return node == root ? 0 : node.getStartMark().getLine() + 1;
    }

    private static Node child(Node node, String segment) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(segment)) {
                    // a scalar's line is its key's; a block's first line is below its key
                    return tuple.getValueNode() instanceof ScalarNode ? tuple.getKeyNode() : tuple.getValueNode();
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            try {
                int index = Integer.parseInt(segment);
                return index >= 0 && index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
            } catch (NumberFormatException notAnIndex) {
                return null;
            }
        }
        return null;
    }
}
