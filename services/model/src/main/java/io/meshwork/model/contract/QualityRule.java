package io.meshwork.model.contract;

/** An ODCS v3 data quality rule ({@code quality[]} of an object or property), as far as Meshwork reads it. */
public record QualityRule(String name, String type, String metric, String dimension, String severity, String description) {}
