package io.meshwork.access.pdp;

/** How a masked column is served: as null, as a hash of its value, or with all but a few characters hidden. */
public enum MaskKind { NULL, HASH, PARTIAL }
