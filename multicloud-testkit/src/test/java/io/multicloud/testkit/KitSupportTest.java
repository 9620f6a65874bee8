package io.multicloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Validate;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kit's own helpers: unique names, the profile's checks, and waiting on a condition. */
class KitSupportTest {

    @Test
    void uniqueNamesFollowTheNameRuleAndNeverRepeat() {
        UniqueNames names = new UniqueNames();
        Set<String> seen = new HashSet<>();
        for (String prefix : new String[] {"vpc", "VM_Name", "9lives", "a-very-long-prefix-that-goes-on-and-on-and-on-and-on"}) {
            for (int i = 0; i < 50; i++) {
                String name = names.next(prefix);
                assertThat(Validate.name("name", name)).isEqualTo(name);
                assertThat(seen.add(name)).as("%s is new", name).isTrue();
            }
        }
        assertThat(new UniqueNames().token()).isNotEqualTo(names.token()).hasSize(5);
    }

    @Test
    void aProfileRefusesSubnetsThatOverlapOrLeaveTheVpc() {
        ConformanceProfile defaults = ConformanceProfile.defaults();
        assertThat(defaults.network("10.9.0.0/16", "10.9.1.0/24", "10.9.2.0/24").vpcCidr()).isEqualTo("10.9.0.0/16");
        assertThatThrownBy(() -> defaults.network("10.9.0.0/16", "10.9.1.0/24", "10.9.1.128/25"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.network("10.9.0.0/16", "10.9.1.0/24", "10.8.2.0/24"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.disk("gp3", 20, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void awaitReturnsAsSoonAsTheConditionHoldsAndFailsAfterTheTimeout() {
        int[] polls = {0};
        Await.until("the third poll", () -> ++polls[0] == 3, Duration.ofSeconds(5));
        assertThat(polls[0]).isEqualTo(3);
        assertThatThrownBy(() -> Await.until("never", () -> false, Duration.ofMillis(30)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("never");
    }
}
