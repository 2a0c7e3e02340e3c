package io.meshwork.catalog.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.apache.lucene.util.automaton.CompiledAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * The catalog's in-process Lucene index: one document per data product, in memory, rebuilt from
 * MongoDB at start and updated on every registration. Blocking (CPU) work: call it from a worker.
 *
 * <p>Ranking is by where a word matches, not by term statistics, so it stays predictable as the
 * catalog grows: every match in a field scores that field's constant weight — the product's exact
 * name ≫ a word of its name ≫ tags ≫ a column name ≫ domain and owners ≫ descriptions. A word
 * that is in no product is matched with a typo (one edit in 4–7 letters, two from 8); the last word
 * also matches as a prefix; either way it scores a fraction of that. Every word of the query must
 * match somewhere.
 */
final class SearchIndex implements AutoCloseable {

  private static final String ID = "id";
  private static final String SORT_ID = "sort_id";
  private static final String SUMMARY = "summary";
  private static final String NAME_EXACT = "name_exact";
  private static final String VISIBLE_TO_ALL = "visible_to_all";
  /** Every word of a product in one field: where typos and prefixes are looked up. */
  private static final String ALL_TEXT = "all_text";
  /** How many indexed words typos and prefixes may stand for in one query, shared among its words. */
  private static final int MAX_EXPANSIONS = 24;
  /** Text fields and their weight; the first ones are highlighted too, under the names in {@link #HIGHLIGHTED}. */
  private static final Map<String, Float> WEIGHTS = weights();
  private static final Map<String, String> HIGHLIGHTED = Map.of(
      "name", "name", "tags", "tags", "columns", "columns", "domain_text", "domain", "owners", "owners",
      "description", "description", "column_descriptions", "columnDescriptions");
  private static final float EXACT_NAME_WEIGHT = 1000f;
  private static final float TYPO_FACTOR = 0.3f;
  private static final float PREFIX_FACTOR = 0.5f;
  private static final int MAX_FACET_VALUES = 50;

  /** Stored, with offsets in the postings: the highlighter reads where words are instead of analysing the text again. */
  private static final FieldType HIGHLIGHTABLE = highlightable();

  private final Analyzer analyzer = new WordAnalyzer();
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final FacetsConfig facetsConfig = new FacetsConfig();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  /** Facet ordinals of the current reader; rebuilt when a refresh brings a new reader. */
  private volatile FacetState facetState;

  private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {}

  /** One page of hits, the total, and counts per facet value over every hit. */
  record Result(List<JsonObject> items, long total, Map<String, Map<String, Integer>> facets) {}

  SearchIndex() {
    SearchQuery.FACETS.forEach(facet -> facetsConfig.setMultiValued(facet, true));
    try {
      writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64));
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds or replaces products; {@code refresh} makes them searchable now (bulk loads refresh once at the end). */
  void put(List<SearchDocument> documents, boolean refresh) {
    try {
      for (SearchDocument d : documents) {
        writer.updateDocument(new Term(ID, d.id()), facetsConfig.build(toLucene(d)));
      }
      if (refresh) {
        searchers.maybeRefreshBlocking();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void remove(String id) {
    try {
      writer.deleteDocuments(new Term(ID, id));
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Result search(SearchQuery query, Visibility visibility) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return search(searcher, query, visibility);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Result search(IndexSearcher searcher, SearchQuery query, Visibility visibility) throws IOException {
    Query text = textQuery(searcher.getIndexReader(), query.text());
    BooleanQuery.Builder all = new BooleanQuery.Builder().add(text == null ? new MatchAllDocsQuery() : text, Occur.MUST);
    query.filters().forEach((facet, values) -> {
      BooleanQuery.Builder anyOf = new BooleanQuery.Builder();
      values.forEach(v -> anyOf.add(new TermQuery(new Term(filterField(facet), v)), Occur.SHOULD));
      all.add(anyOf.build(), Occur.FILTER);
    });
    if (!visibility.everything()) {
      BooleanQuery.Builder visible = new BooleanQuery.Builder().add(new TermQuery(new Term(VISIBLE_TO_ALL, "yes")), Occur.SHOULD);
      visibility.domains().forEach(d -> visible.add(new TermQuery(new Term(filterField("domain"), d)), Occur.SHOULD));
      all.add(visible.build(), Occur.FILTER);
    }
    FacetsCollector hits = new FacetsCollector();
    int wanted = query.page() * query.size();
    Sort order = new Sort(SortField.FIELD_SCORE, new SortField(SORT_ID, SortField.Type.STRING));
    TopDocs top = FacetsCollector.search(searcher, all.build(), Math.max(1, wanted), order, true, hits);
    long total = hits.getMatchingDocs().stream().mapToLong(m -> m.totalHits).sum();

    int from = Math.min((query.page() - 1) * query.size(), top.scoreDocs.length);
    ScoreDoc[] page = java.util.Arrays.copyOfRange(top.scoreDocs, from, Math.min(wanted, top.scoreDocs.length));
    Map<String, String[]> highlights = text == null || page.length == 0 ? Map.of() : highlight(searcher, text, page);
    List<JsonObject> items = new ArrayList<>();
    for (int i = 0; i < page.length; i++) {
      JsonObject item = new JsonObject(searcher.storedFields().document(page[i].doc).get(SUMMARY));
      item.put("score", Float.isNaN(page[i].score) ? null : page[i].score);
      JsonObject matched = new JsonObject();
      for (Map.Entry<String, String[]> field : highlights.entrySet()) {
        String snippet = field.getValue()[i];
        if (snippet != null) {
          matched.put(HIGHLIGHTED.get(field.getKey()), snippet);
        }
      }
      items.add(item.put("highlights", matched));
    }
    return new Result(items, total, facets(searcher, hits));
  }

  private Map<String, String[]> highlight(IndexSearcher searcher, Query text, ScoreDoc[] page) throws IOException {
    UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
        .withHandleMultiTermQuery(false)
        // the query has no phrases: skip the phrase machinery, which costs on every hit
        .withHighlightPhrasesStrictly(false)
        .withMaxNoHighlightPassages(0)
        .withFormatter(new DefaultPassageFormatter("<em>", "</em>", " … ", true))
        .build();
    String[] fields = HIGHLIGHTED.keySet().toArray(String[]::new);
    int[] docs = java.util.Arrays.stream(page).mapToInt(d -> d.doc).toArray();
    int[] passages = new int[fields.length];
    java.util.Arrays.fill(passages, 1);
    return highlighter.highlightFields(fields, text, docs, passages);
  }

  private Map<String, Map<String, Integer>> facets(IndexSearcher searcher, FacetsCollector hits) throws IOException {
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    SearchQuery.FACETS.forEach(f -> counts.put(f, new LinkedHashMap<>()));
    if (searcher.getIndexReader().maxDoc() == 0) {
      return counts;
    }
    Facets facets = new SortedSetDocValuesFacetCounts(facetState(searcher.getIndexReader()), hits);
    for (String facet : SearchQuery.FACETS) {
      FacetResult result;
      try {
        result = facets.getTopChildren(MAX_FACET_VALUES, facet);
      } catch (IllegalArgumentException noSuchFacetYet) {
        continue;
      }
      if (result != null) {
        for (LabelAndValue value : result.labelValues) {
          counts.get(facet).put(value.label, value.value.intValue());
        }
      }
    }
    return counts;
  }

  private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
    FacetState current = facetState;
    if (current == null || current.reader() != reader) {
      current = new FacetState(reader, new DefaultSortedSetDocValuesReaderState(reader, facetsConfig));
      facetState = current;
    }
    return current.state();
  }

  /**
   * Null when the text has no words: then everything visible matches. Typos and prefixes are
   * expanded once, against the words of all fields, into the indexed words they stand for
   * ("zebar" → zebra); every field is then asked for those words. One automaton per query word,
   * rather than one per field and segment, keeps a typo as cheap as an exact word — and the
   * highlighter sees plain words.
   */
  private Query textQuery(IndexReader reader, String text) throws IOException {
    List<String> words = words(text);
    if (words.isEmpty()) {
      return null;
    }
    int budget = Math.max(3, MAX_EXPANSIONS / words.size());
    BooleanQuery.Builder everyWord = new BooleanQuery.Builder();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      Map<String, Float> variants = new LinkedHashMap<>();
      variants.put(word, 1f);
      int edits = word.length() < 4 ? 0 : word.length() < 8 ? 1 : 2;
      // a word the catalog knows is taken as typed: expanding common words to their neighbours
      // multiplies the clauses every hit is scored on, for matches that rank below anyway
      if (edits > 0 && reader.docFreq(new Term(ALL_TEXT, word)) == 0) {
        typos(reader, word, edits, budget).forEach(t -> variants.putIfAbsent(t, TYPO_FACTOR));
      }
      if (i == words.size() - 1 && word.length() >= 2) {
        prefixed(reader, word, budget).forEach(t -> variants.merge(t, PREFIX_FACTOR, Math::max));
      }
      BooleanQuery.Builder anyField = new BooleanQuery.Builder();
      WEIGHTS.forEach((field, weight) -> variants.forEach((variant, factor) ->
          anyField.add(weighted(new TermQuery(new Term(field, variant)), weight * factor), Occur.SHOULD)));
      everyWord.add(anyField.build(), Occur.MUST);
    }
    return new BooleanQuery.Builder()
        .add(weighted(new TermQuery(new Term(NAME_EXACT, exact(text))), EXACT_NAME_WEIGHT), Occur.SHOULD)
        .add(everyWord.build(), Occur.SHOULD)
        .setMinimumNumberShouldMatch(1)
        .build();
  }

  /** Indexed words within {@code edits} of {@code word} (same first letter, transpositions count as one), at most {@code limit}. */
  private static List<String> typos(IndexReader reader, String word, int edits, int limit) throws IOException {
    CompiledAutomaton automaton = new CompiledAutomaton(new LevenshteinAutomata(word.substring(1), true).toAutomaton(edits, word.substring(0, 1)));
    List<String> found = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(ALL_TEXT);
      if (terms == null) {
        continue;
      }
      TermsEnum matches = automaton.getTermsEnum(terms);
      for (BytesRef term = matches.next(); term != null && found.size() < limit; term = matches.next()) {
        String text = term.utf8ToString();
        if (!text.equals(word) && !found.contains(text)) {
          found.add(text);
        }
      }
    }
    return found;
  }

  /** Indexed words that start with {@code prefix}, at most {@code limit}. */
  private static List<String> prefixed(IndexReader reader, String prefix, int limit) throws IOException {
    BytesRef start = new BytesRef(prefix);
    List<String> found = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(ALL_TEXT);
      if (terms == null) {
        continue;
      }
      TermsEnum iterator = terms.iterator();
      if (iterator.seekCeil(start) == TermsEnum.SeekStatus.END) {
        continue;
      }
      for (BytesRef term = iterator.term(); term != null && StringHelper.startsWith(term, start) && found.size() < limit; term = iterator.next()) {
        String text = term.utf8ToString();
        if (!text.equals(prefix) && !found.contains(text)) {
          found.add(text);
        }
      }
    }
    return found;
  }

  private static Query weighted(Query query, float weight) {
    return new BoostQuery(new ConstantScoreQuery(query), weight);
  }

  private List<String> words(String text) {
    List<String> words = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("name", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken() && words.size() < 16) {
        words.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words;
  }

  private Document toLucene(SearchDocument d) {
    Document doc = new Document();
    doc.add(new StringField(ID, d.id(), Field.Store.NO));
    doc.add(new SortedDocValuesField(SORT_ID, new BytesRef(d.id())));
    doc.add(new StringField(NAME_EXACT, exact(d.name()), Field.Store.NO));
    doc.add(new StringField(NAME_EXACT, exact(d.id()), Field.Store.NO));
    doc.add(new Field("name", d.name(), HIGHLIGHTABLE));
    doc.add(new TextField("id_text", d.id(), Field.Store.NO));
    doc.add(new Field("tags", String.join(", ", d.tags()), HIGHLIGHTABLE));
    doc.add(new Field("columns", String.join(", ", d.columns().stream().map(SearchDocument.Column::name).toList()), HIGHLIGHTABLE));
    doc.add(new Field("domain_text", d.domain(), HIGHLIGHTABLE));
    doc.add(new Field("owners", String.join(", ", d.owners()), HIGHLIGHTABLE));
    doc.add(new Field("description", d.description(), HIGHLIGHTABLE));
    doc.add(new Field("column_descriptions", String.join(" · ", d.columns().stream()
        .filter(c -> c.description() != null).map(c -> c.name() + ": " + c.description()).toList()), HIGHLIGHTABLE));
    boolean draft = d.status().equals("proposed") || d.status().equals("draft");
    doc.add(new TextField(ALL_TEXT, String.join(" ", d.id(), d.name(), String.join(" ", d.tags()), d.domain(), String.join(" ", d.owners()),
        d.description(), String.join(" ", d.columns().stream().map(c -> c.name() + " " + (c.description() == null ? "" : c.description())).toList())),
        Field.Store.NO));
    doc.add(new StringField(VISIBLE_TO_ALL, draft ? "no" : "yes", Field.Store.NO));
    facet(doc, "domain", List.of(d.domain()));
    facet(doc, "tag", d.tags());
    facet(doc, "owner", d.owners());
    facet(doc, "classification", d.columns().stream().map(SearchDocument.Column::classification).filter(c -> c != null).distinct().toList());
    facet(doc, "status", List.of(d.status()));
    facet(doc, "portType", d.portTypes());
    doc.add(new StoredField(SUMMARY, summary(d).encode()));
    return doc;
  }

  private static void facet(Document doc, String facet, List<String> values) {
    values.stream().filter(v -> v != null && !v.isBlank()).distinct().forEach(v -> {
      doc.add(new StringField(filterField(facet), v, Field.Store.NO));
      doc.add(new SortedSetDocValuesFacetField(facet, v));
    });
  }

  /** What a hit shows without a trip to the database. */
  private static JsonObject summary(SearchDocument d) {
    JsonObject summary = new JsonObject()
        .put("id", d.id())
        .put("name", d.name())
        .put("domain", d.domain())
        .put("status", d.status())
        .put("description", d.description())
        .put("tags", new JsonArray(d.tags()))
        .put("owners", new JsonArray(d.owners()))
        .put("portTypes", new JsonArray(d.portTypes()));
    if (d.conformance() != null) {
      summary.put("conformance", d.conformance().summary());
    }
    return summary;
  }

  private static String filterField(String facet) {
    return "f_" + facet;
  }

  private static String exact(String text) {
    return text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static FieldType highlightable() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  private static Map<String, Float> weights() {
    Map<String, Float> weights = new LinkedHashMap<>();
    weights.put("name", 50f);
    weights.put("id_text", 40f);
    weights.put("tags", 20f);
    weights.put("columns", 15f);
    weights.put("domain_text", 10f);
    weights.put("owners", 10f);
    weights.put("description", 3f);
    weights.put("column_descriptions", 2f);
    return weights;
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Words are runs of letters and digits, lower-cased and without accents: {@code customer_email} → customer, email. */
  private static final class WordAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer words = CharTokenizer.fromSeparatorCharPredicate(ch -> !Character.isLetterOrDigit(ch));
      return new TokenStreamComponents(words, new ASCIIFoldingFilter(new LowerCaseFilter(words)));
    }
  }
}
