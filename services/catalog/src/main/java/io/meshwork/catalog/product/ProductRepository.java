package io.meshwork.catalog.product;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.error.ConflictException;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Products in the {@code products} collection, one document per product. The ODPS descriptor is
 * stored verbatim as JSON text: MongoDB field names may not contain dots or start with '$', and
 * a descriptor may carry any unmodelled field, so the text is what guarantees an exact round
 * trip. The fields the platform queries on sit beside it.
 */
final class ProductRepository {

  private static final String COLLECTION = "products";

  private final Vertx vertx;
  private final MongoCollection<Document> products;

  ProductRepository(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.products = database.getCollection(COLLECTION);
  }

  Future<Void> createIndexes() {
    return Reactive.first(vertx, products.createIndex(Indexes.ascending("domain"), new IndexOptions().name("by_domain")))
        .mapEmpty();
  }

  Future<Optional<StoredProduct>> find(String id) {
    return Reactive.first(vertx, products.find(Filters.eq("_id", id)).first())
        .map(doc -> Optional.ofNullable(doc).map(ProductRepository::fromDocument));
  }

  Future<List<DataProduct>> list(int offset, int limit) {
    return Reactive.all(vertx, products.find().sort(Sorts.ascending("_id")).skip(offset).limit(limit))
        .map(docs -> docs.stream().map(d -> fromDocument(d).product()).toList());
  }

  Future<Long> count() {
    return Reactive.first(vertx, products.countDocuments());
  }

  /** Inserts a new product; fails with a conflict when another request created it first. */
  Future<Void> insert(DataProduct product, String by) {
    Document doc = toDocument(product, 1, by).append("createdAt", Date.from(Instant.now())).append("createdBy", by);
    return Reactive.first(vertx, products.insertOne(doc))
        .recover(err -> Future.failedFuture(isDuplicateKey(err)
            ? new ConflictException("Product " + product.id() + " was created concurrently; retry the request")
            : err))
        .mapEmpty();
  }

  /** Replaces a product if nobody changed it since {@code readRevision}; else a conflict. */
  Future<Void> replace(DataProduct product, long readRevision, String by) {
    Document update = new Document("$set", toDocument(product, readRevision + 1, by));
    return Reactive.first(vertx, products.updateOne(Filters.and(Filters.eq("_id", product.id()), Filters.eq("revision", readRevision)), update))
        .map(result -> {
          if (result.getMatchedCount() == 0) {
            throw new ConflictException("Product " + product.id() + " was changed concurrently; retry the request");
          }
          return null;
        });
  }

  private static Document toDocument(DataProduct product, long revision, String by) {
    return new Document("_id", product.id())
        .append("domain", product.domain())
        .append("status", product.status().wireName())
        .append("name", product.name())
        .append("revision", revision)
        .append("descriptor", DocumentFormat.JSON.write(product.document()))
        .append("updatedAt", Date.from(Instant.now()))
        .append("updatedBy", by);
  }

  private static StoredProduct fromDocument(Document doc) {
    byte[] json = doc.getString("descriptor").getBytes(StandardCharsets.UTF_8);
    DataProduct product = DataProduct.from(DocumentFormat.JSON.read(json));
    return new StoredProduct(product, ((Number) doc.get("revision")).longValue());
  }

  private static boolean isDuplicateKey(Throwable err) {
    return err instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }
}
