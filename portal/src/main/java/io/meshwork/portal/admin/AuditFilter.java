package io.meshwork.portal.admin;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit browser's filters, also its URL query ({@code ?product=&principal=&from=&to=}), so that a
 * filtered view can be bookmarked. Days are whole UTC days; {@code to} includes its day.
 */
public record AuditFilter(String product, String principal, LocalDate from, LocalDate to) {

    public AuditFilter {
        product = product == null ? "" : product.strip();
        principal = principal == null ? "" : principal.strip();
    }

    static AuditFilter none() {
        return new AuditFilter("", "", null, null);
    }

    /** The node's query parameters. */
    Map<String, String> asQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        if (!product.isEmpty()) {
            query.put("product", product);
        }
        if (!principal.isEmpty()) {
            query.put("principal", principal);
        }
        if (from != null) {
            query.put("from", from.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        }
        if (to != null) {
            query.put("to", to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        }
        return query;
    }

    /** The portal's own URL query: days as days. */
    Map<String, String> asUrlQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        if (!product.isEmpty()) {
            query.put("product", product);
        }
        if (!principal.isEmpty()) {
            query.put("principal", principal);
        }
        if (from != null) {
            query.put("from", from.toString());
        }
        if (to != null) {
            query.put("to", to.toString());
        }
        return query;
    }

    static AuditFilter fromUrlQuery(Map<String, String> query) {
        return new AuditFilter(query.get("product"), query.get("principal"), day(query.get("from")), day(query.get("to")));
    }

    private static LocalDate day(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException unreadable) {
            return null;
        }
    }
}
