package org.noisyflow.spec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.DuplicateKeyException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Loads the YAML of a sweep file into maps, lists and scalars, with limits that keep hostile input
 * cheap: the text size, one document per file, the length of integers, and the size of the
 * document after its aliases are expanded.
 *
 * <p>The document is composed into nodes first, where an alias is a shared node, and checked
 * before any Java object is built. snakeyaml-engine 2.10 limits only the number of aliases (50),
 * and 48 aliases can nest to 3^24 values. Hashing a mapping key built from them takes 3^24 steps,
 * and printing such a value exhausts the heap.
 */
final class SpecYaml {
    /** Maximum document length in characters, 3 MiB, the default code-point limit of snakeyaml-engine 2.10. */
    static final int MAX_CHARS = 3 * 1024 * 1024;
    /**
     * Maximum number of nodes (scalars, lists and mappings) with every alias expanded. A document
     * without aliases has about one node per character or fewer, so aliases cannot make a document cost more than the
     * largest one that could be written out.
     */
    static final long MAX_EXPANDED_NODES = MAX_CHARS;
    /**
     * Maximum length of an integer scalar in characters. snakeyaml-engine 2.10 parses a longer integer with
     * {@code new BigInteger(String)}, whose time grows with the square of the length: about 14 s
     * for a million digits with Java 17 on a 2-core development VM. Every integer that a sweep file can use fits in 64 bits, which is 20 digits,
     * so longer ones still reach the usual "outside the 64-bit range" message.
     */
    static final int MAX_INTEGER_CHARS = 100;

    private SpecYaml() {
    }

    /**
     * Parses one YAML document, or returns null for a stream without a document.
     *
     * @throws SpecException for malformed YAML, a second document, or a document above the limits
     */
    static Object load(String text, String source) {
        if (text.length() > MAX_CHARS) {
            throw new SpecException(source, "(document)", null, "the document has " + text.length()
                    + " characters, more than the limit of " + MAX_CHARS, shortenFix());
        }
        LoadSettings settings = LoadSettings.builder().setLabel(source).setCodePointLimit(MAX_CHARS).build();
        try {
            Iterator<Node> documents = new Compose(settings).composeAllFromString(text).iterator();
            if (!documents.hasNext()) {
                return null;
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                throw new SpecException(source, "(document)", null,
                        "the file contains a second YAML document" + atLine(second.getStartMark()),
                        "remove the '---' line and the document after it, or put each sweep in its own file");
            }
            checkExpandedSize(root, source);
            return new StandardConstructor(settings).constructSingleDocument(Optional.of(root));
        } catch (ReaderException e) {
            throw new SpecException(source, "(document)", null, String.format("the file contains the character "
                    + "U+%04X%s, which YAML does not allow", e.getCodePoint(), atLine(text, e.getPosition())),
                    String.format("remove it, or write it as the escape \\u%04x inside double quotes", e.getCodePoint()));
        } catch (DuplicateKeyException e) {
            throw new SpecException(source, "(document)", null, "the YAML is invalid: " + oneLine(e.getProblem())
                    + atLine(e.getProblemMark()), "keep one of the two entries");
        } catch (MarkedYamlEngineException e) {
            throw new SpecException(source, "(document)", null, "the YAML is malformed: " + oneLine(e.getMessage()),
                    e.getProblemMark().isPresent() ? "correct the syntax at the line shown"
                            : "correct the YAML as the message says");
        } catch (YamlEngineException e) {
            throw new SpecException(source, "(document)", null, "the YAML is invalid: " + oneLine(e.getMessage()),
                    "correct the YAML as the message says");
        } catch (StackOverflowError e) {
            throw new SpecException(source, "(document)", null,
                    "the YAML is nested too deeply to read", "flatten the document");
        }
    }

    /** Returns the fix for a document above the size limits. */
    static String shortenFix() {
        return "generate long axes with linspace, logspace or range in place of listing every value, "
                + "or split the sweep into several files";
    }

    /**
     * Rejects a node graph that expands to more than {@link #MAX_EXPANDED_NODES} nodes or contains
     * itself through an alias. Each shared node is counted once and reused, so the walk visits each
     * node and edge once. The walk keeps its own stack, because the composer has already accepted
     * nesting deeper than the thread's stack might allow for a second recursion.
     */
    private static void checkExpandedSize(Node root, String source) {
        Map<Node, Long> expanded = new IdentityHashMap<>();
        Set<Node> entered = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node node = stack.peek();
            if (expanded.containsKey(node)) {
                stack.pop();
                continue;
            }
            List<Node> children = children(node);
            if (node instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())
                    && scalar.getValue().length() > MAX_INTEGER_CHARS) {
                throw new SpecException(source, "(document)", null, "the integer" + atLine(node.getStartMark())
                        + " has " + scalar.getValue().length() + " characters, more than the limit of "
                        + MAX_INTEGER_CHARS, "give an integer between -2^63 and 2^64-1");
            }
            if (entered.add(node)) {
                // A child that is entered but not finished lies on the path to this node.
                for (Node child : children) {
                    if (entered.contains(child) && !expanded.containsKey(child)) {
                        throw new SpecException(source, "(document)", null, "an alias makes a list or "
                                + "mapping contain itself" + atLine(child.getStartMark()),
                                "replace the alias (*name) inside its own anchor (&name) with the values");
                    }
                    stack.push(child);
                }
                continue;
            }
            long size = 1;
            for (Node child : children) {
                size += expanded.get(child);
            }
            if (size > MAX_EXPANDED_NODES) {
                throw new SpecException(source, "(document)", null, "the aliases (*name) expand the "
                        + "document to more than " + MAX_EXPANDED_NODES + " nodes" + atLine(node.getStartMark()),
                        "write the repeated values out once, without nesting aliases");
            }
            expanded.put(node, size);
            stack.pop();
        }
    }

    private static List<Node> children(Node node) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        if (node instanceof MappingNode mapping) {
            List<Node> nodes = new ArrayList<>(2 * mapping.getValue().size());
            for (NodeTuple entry : mapping.getValue()) {
                nodes.add(entry.getKeyNode());
                nodes.add(entry.getValueNode());
            }
            return nodes;
        }
        return List.of();
    }

    private static String atLine(Optional<Mark> mark) {
        return mark.map(m -> " at line " + (m.getLine() + 1)).orElse("");
    }

    /** Returns " at line N" for the code point at position of text, or "" if it lies outside. */
    private static String atLine(String text, int position) {
        if (position < 0 || position > text.codePointCount(0, text.length())) {
            return "";
        }
        int end = text.offsetByCodePoints(0, position);
        return " at line " + (text.substring(0, end).chars().filter(c -> c == '\n').count() + 1);
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
