package io.multicloud.core.catalog;

/** Where a catalog answer came from. */
public enum Source {
    /** Asked of a connected cloud's driver just now (as old as the catalog cache entry). */
    LIVE,
    /** The offline snapshot the library ships, built from public data of a given date. */
    SNAPSHOT
}
