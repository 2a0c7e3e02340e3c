package io.meshwork.model.contract;

/** An ODCS v3 role that gives access to the data, e.g. {@code orders_reader} with {@code read} access. */
public record ContractRole(String role, String access, String description) {}
