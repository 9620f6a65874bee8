package io.multicloud.examples;

import io.multicloud.api.Cloud;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.catalog.ImageMatch;
import io.multicloud.core.catalog.Offer;
import io.multicloud.core.catalog.Priority;
import io.multicloud.core.catalog.Recommendation;

/**
 * "Where are the cheapest two GPUs with at least 24 GB near Seoul?", answered from the catalog
 * snapshot the library ships (no cloud account), then again with a live mock connection in Seoul
 * merged in, with an image picked for the chosen offer.
 * <pre>./dev run WhereToRun</pre>
 */
public final class WhereToRun {
    private WhereToRun() {
    }

    public static void main(String[] args) {
        try (MultiCloud mc = MultiCloud.create()) {
            System.out.println("Catalog: " + mc.catalog().snapshot());
            Recommendation shipped = cheapestTwoGpusNearSeoul(mc);
            System.out.println(shipped);

            Cloud seoul = mc.connect("mock", "mercury"); // the mock's region in Seoul
            Recommendation live = cheapestTwoGpusNearSeoul(mc);
            System.out.println("With a live mock connection in Seoul:");
            System.out.println(live);

            // Of the places a connected cloud can launch now: the best one and an image for it
            Recommendation launchable = mc.recommend()
                    .where("acceleratorCount").atLeast(2)
                    .where("acceleratorMemoryGiB").atLeast(24)
                    .providers(seoul.config().driver())
                    .orderBy(Priority.cost())
                    .limit(1)
                    .run();
            Offer chosen = launchable.best();
            ImageMatch image = mc.catalog().image(chosen, "ubuntu 22.04");
            System.out.println("Launch on " + seoul.config().name() + ": spec " + chosen.specName() + " ("
                    + chosen.source().name().toLowerCase(java.util.Locale.ROOT) + ", " + chosen.origin() + "), image "
                    + image.use() + " [" + image.why() + "]");
        }
    }

    /** Two or more GPUs of 24 GB or more each, within 1,000 km of Seoul, cheapest first. */
    static Recommendation cheapestTwoGpusNearSeoul(MultiCloud mc) {
        return mc.recommend()
                .where("acceleratorCount").atLeast(2)
                .where("acceleratorMemoryGiB").atLeast(24)
                .near(37.5665, 126.978, 1000, "Seoul")
                .orderBy(Priority.cost())
                .limit(5)
                .run();
    }
}
