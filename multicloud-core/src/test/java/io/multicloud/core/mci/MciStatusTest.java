package io.multicloud.core.mci;

import static io.multicloud.api.VmStatus.CREATING;
import static io.multicloud.api.VmStatus.FAILED;
import static io.multicloud.api.VmStatus.REBOOTING;
import static io.multicloud.api.VmStatus.RESUMING;
import static io.multicloud.api.VmStatus.RUNNING;
import static io.multicloud.api.VmStatus.SUSPENDED;
import static io.multicloud.api.VmStatus.SUSPENDING;
import static io.multicloud.api.VmStatus.TERMINATED;
import static io.multicloud.api.VmStatus.TERMINATING;
import static io.multicloud.api.VmStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.VmStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MciStatusTest {

    @Test
    void allRunningIsNotPartial() {
        MciStatus status = MciStatus.of(List.of(RUNNING, RUNNING, RUNNING, RUNNING));

        assertThat(status.toString()).isEqualTo("Running:4 (R:4/4)");
        assertThat(status.dominant()).isEqualTo(RUNNING);
        assertThat(status.partial()).isFalse();
        assertThat(status.running()).isEqualTo(4);
        assertThat(status.total()).isEqualTo(4);
    }

    @Test
    void threeRunningOfFourIsPartialRunning() {
        MciStatus status = MciStatus.of(List.of(RUNNING, CREATING, RUNNING, RUNNING));

        assertThat(status.toString()).isEqualTo("Partial-Running:3 (R:3/4)");
        assertThat(status.dominant()).isEqualTo(RUNNING);
        assertThat(status.partial()).isTrue();
        assertThat(status.count(CREATING)).isEqualTo(1);
    }

    @Test
    void dominantIsTheLargestCountEvenWhenNothingRuns() {
        MciStatus status = MciStatus.of(List.of(SUSPENDED, SUSPENDED, SUSPENDED, SUSPENDING));

        assertThat(status.toString()).isEqualTo("Partial-Suspended:3 (R:0/4)");
        assertThat(status.running()).isZero();
    }

    @Test
    void aSingleStatusOtherThanRunningPrintsItsDisplayName() {
        assertThat(MciStatus.of(List.of(TERMINATED, TERMINATED))).hasToString("Terminated:2 (R:0/2)");
        assertThat(MciStatus.of(List.of(CREATING))).hasToString("Creating:1 (R:0/1)");
    }

    @Test
    void aTieBetweenFailedAndRunningShowsFailed() {
        MciStatus status = MciStatus.of(List.of(RUNNING, FAILED, RUNNING, FAILED));

        assertThat(status.dominant()).isEqualTo(FAILED);
        assertThat(status).hasToString("Partial-Failed:2 (R:2/4)");
    }

    @Test
    void aTieBetweenATransitionalStatusAndACalmOneShowsTheTransition() {
        assertThat(MciStatus.of(List.of(RUNNING, SUSPENDING)).dominant()).isEqualTo(SUSPENDING);
        assertThat(MciStatus.of(List.of(SUSPENDED, RESUMING)).dominant()).isEqualTo(RESUMING);
        assertThat(MciStatus.of(List.of(TERMINATED, TERMINATING)).dominant()).isEqualTo(TERMINATING);
        assertThat(MciStatus.of(List.of(RUNNING, CREATING)).dominant()).isEqualTo(CREATING);
    }

    @Test
    void aTieBetweenUnknownAndATransitionShowsUnknownButFailedStillWins() {
        assertThat(MciStatus.of(List.of(CREATING, UNKNOWN)).dominant()).isEqualTo(UNKNOWN);
        assertThat(MciStatus.of(List.of(UNKNOWN, FAILED)).dominant()).isEqualTo(FAILED);
    }

    @Test
    void everyPairOfStatusesTiesTowardsTheOneEarlierInTheTieOrder() {
        List<VmStatus> order = MciStatus.TIE_ORDER;
        for (int i = 0; i < order.size(); i++) {
            for (int j = i + 1; j < order.size(); j++) {
                VmStatus first = order.get(i);
                VmStatus second = order.get(j);
                assertThat(MciStatus.of(List.of(second, first)).dominant()).as("%s vs %s", first, second).isEqualTo(first);
                assertThat(MciStatus.of(List.of(first, second)).dominant()).as("%s vs %s", first, second).isEqualTo(first);
            }
        }
    }

    @Test
    void theTieOrderNamesEveryStatusOnceTroubleThenProgressThenCalm() {
        assertThat(MciStatus.TIE_ORDER).containsExactly(FAILED, UNKNOWN, CREATING, RESUMING, REBOOTING, SUSPENDING,
                TERMINATING, RUNNING, SUSPENDED, TERMINATED);
        assertThat(MciStatus.TIE_ORDER).containsExactlyInAnyOrder(VmStatus.values());
    }

    @Test
    void aLargerCountBeatsAnEarlierPlaceInTheTieOrder() {
        MciStatus status = MciStatus.of(List.of(FAILED, RUNNING, RUNNING, REBOOTING));

        assertThat(status.dominant()).isEqualTo(RUNNING);
        assertThat(status).hasToString("Partial-Running:2 (R:2/4)");
    }

    @Test
    void anMciWithNoVmsIsEmptyAndNotPartial() {
        MciStatus status = MciStatus.of(List.of());

        assertThat(status).hasToString("Empty:0 (R:0/0)");
        assertThat(status.isEmpty()).isTrue();
        assertThat(status.partial()).isFalse();
        assertThat(status.running()).isZero();
        assertThat(status.total()).isZero();
        assertThat(status.counts()).isEmpty();
        assertThatThrownBy(status::dominant).isInstanceOf(IllegalStateException.class).hasMessageContaining("no VMs");
    }

    @Test
    void theCountsAreDataInStatusOrderWithoutZeros() {
        MciStatus status = MciStatus.of(List.of(RUNNING, FAILED, CREATING, RUNNING, RUNNING));

        assertThat(status.counts()).containsExactly(Map.entry(CREATING, 1), Map.entry(RUNNING, 3), Map.entry(FAILED, 1));
        assertThat(status.count(SUSPENDED)).isZero();
        assertThat(status.counts()).doesNotContainKey(SUSPENDED);
        assertThat(status.total()).isEqualTo(5);
    }

    @Test
    void theCountsCannotBeChangedNorChangedThroughTheMapTheyCameFrom() {
        Map<VmStatus, Integer> given = new HashMap<>(Map.of(RUNNING, 2, FAILED, 0));
        MciStatus status = new MciStatus(given, 2);
        given.put(CREATING, 5);

        assertThat(status.counts()).containsExactly(Map.entry(RUNNING, 2));
        assertThatThrownBy(() -> status.counts().put(CREATING, 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalCountsMakeEqualStatusesWhateverTheMapType() {
        EnumMap<VmStatus, Integer> counts = new EnumMap<>(VmStatus.class);
        counts.put(RUNNING, 3);
        counts.put(CREATING, 1);

        assertThat(new MciStatus(Map.of(CREATING, 1, RUNNING, 3, SUSPENDED, 0), 4))
                .isEqualTo(new MciStatus(counts, 4))
                .isEqualTo(MciStatus.of(List.of(RUNNING, CREATING, RUNNING, RUNNING)));
    }

    @Test
    void aTotalThatIsNotTheSumOfTheCountsIsRefused() {
        assertThatThrownBy(() -> new MciStatus(Map.of(RUNNING, 3), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum");
        assertThatThrownBy(() -> new MciStatus(Map.of(RUNNING, -1), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void aNullStatusIsRefused() {
        List<VmStatus> withNull = new ArrayList<>();
        withNull.add(RUNNING);
        withNull.add(null);

        assertThatThrownBy(() -> MciStatus.of(withNull)).isInstanceOf(NullPointerException.class);
    }
}
