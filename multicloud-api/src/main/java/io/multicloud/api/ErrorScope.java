package io.multicloud.api;

/** How far a quota or capacity problem reaches, so that a caller knows where else to try. */
public enum ErrorScope {
    /** Only this zone is affected: another zone of the region may work. */
    ZONE,
    /** The whole region is affected: another region may work. */
    REGION,
    /** The whole cloud account is affected. */
    CLOUD
}
