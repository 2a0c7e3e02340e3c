package io.meshwork.model.contract;

/** An ODCS v3 server: where the data physically resides. */
public record Server(String server, String type, String environment, String description) {}
