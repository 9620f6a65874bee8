package io.multicloud.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void aBlockKnowsWhatItContainsAndOverlaps() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        assertThat(vpc.contains(Cidr.parse("10.0.1.0/24"))).isTrue();
        assertThat(vpc.contains(Cidr.parse("10.1.0.0/24"))).isFalse();
        assertThat(vpc.contains("10.0.255.255")).isTrue();
        assertThat(Cidr.parse("10.0.1.0/24").overlaps(Cidr.parse("10.0.1.128/25"))).isTrue();
        assertThat(Cidr.parse("10.0.1.0/24").overlaps(Cidr.parse("10.0.2.0/24"))).isFalse();
        assertThat(vpc.size()).isEqualTo(65536);
        assertThat(Cidr.parse("10.0.1.0/24").addressAt(4)).isEqualTo("10.0.1.4");
        assertThat(Cidr.parse("0.0.0.0/0").contains(vpc)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "300.1.1.0/24", "10.0.0/24", "10.0.0.1/24", "a.b.c.d/8", "10.0.0.0/-1", "10.0.0.0/"})
    void malformedBlocksAreRefusedWithTheFieldNamed(String text) {
        assertThatThrownBy(() -> Validate.cidr("vpc cidr", text))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("vpc cidr")
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("vpc cidr");
    }

    @Test
    void hostBitsSetSuggestTheNetworkAddress() {
        assertThatThrownBy(() -> Cidr.parse("10.0.1.5/24")).hasMessageContaining("did you mean 10.0.1.0/24");
    }
}
