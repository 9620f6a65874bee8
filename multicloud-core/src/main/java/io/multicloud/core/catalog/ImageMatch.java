package io.multicloud.core.catalog;

/**
 * An image that fits an offer and an OS wish.
 *
 * @param image the image (live, or a snapshot hint)
 * @param use what to put in the VM request's {@code image(...)}: the live image's name, or the
 *            portable alias of a hint ({@code ubuntu-22.04}, {@code ubuntu-22.04-arm64})
 * @param score higher is a better fit
 * @param why how it fits
 */
public record ImageMatch(CatalogImage image, String use, int score, String why) {
    @Override
    public String toString() {
        return use + " (" + image.provider() + " " + image.id() + ", " + image.source().name().toLowerCase(java.util.Locale.ROOT)
                + ") score " + score + ": " + why;
    }
}
