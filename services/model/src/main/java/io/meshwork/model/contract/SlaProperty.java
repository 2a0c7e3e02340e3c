package io.meshwork.model.contract;

import com.fasterxml.jackson.databind.JsonNode;

/** An ODCS v3 service-level agreement property, e.g. {@code latency: 4 h} or {@code frequency: 1 d}. */
public record SlaProperty(String property, JsonNode value, String unit, String element) {}
