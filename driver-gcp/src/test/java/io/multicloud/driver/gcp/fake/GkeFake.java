package io.multicloud.driver.gcp.fake;

import io.multicloud.testkit.fake.FakeClock;

/** GKE clusters and node pools (not served yet). */
final class GkeFake {
    GkeFake(GcpFake fake, FakeClock clock) {
    }
}
