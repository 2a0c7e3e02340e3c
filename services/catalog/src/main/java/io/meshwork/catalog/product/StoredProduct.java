package io.meshwork.catalog.product;

import io.meshwork.model.product.DataProduct;

/**
 * A product as the repository holds it: the product and the revision counter that makes
 * concurrent updates safe without transactions (an update names the revision it read).
 */
record StoredProduct(DataProduct product, long revision) {}
