package io.multicloud.core.catalog;

import io.multicloud.api.Architecture;
import io.multicloud.api.Platform;
import java.util.Objects;

/**
 * A machine image the catalog knows for a region (live) or for every region of a cloud (snapshot
 * hints: {@code region} is {@code "*"}).
 *
 * @param provider the driver name
 * @param region the region, or {@code "*"} for every region of the provider
 * @param name the name to put in a VM request: the driver's own name for a live image, the
 *             portable alias the drivers accept ({@code ubuntu-22.04}, {@code ubuntu-22.04-arm64})
 *             for a snapshot hint
 * @param id the cloud's own id or URN ({@code Canonical:ubuntu-24_04-lts:server:24.04.202603120})
 * @param os the operating system ({@code Ubuntu})
 * @param osVersion its version ({@code 22.04}), empty when unknown
 * @param platform Linux or Windows
 * @param architecture what it boots on, {@code null} when unknown
 * @param source live or snapshot
 */
public record CatalogImage(String provider, String region, String name, String id, String os, String osVersion,
                           Platform platform, Architecture architecture, Source source) {
    /** The region value of a hint that holds for every region. */
    public static final String ANY_REGION = "*";

    public CatalogImage {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        id = id == null ? "" : id;
        os = os == null ? "" : os;
        osVersion = osVersion == null ? "" : osVersion;
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(source, "source");
    }
}
