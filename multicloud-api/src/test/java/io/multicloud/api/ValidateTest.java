package io.multicloud.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidateTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "vm-1", "web-server-01", "x1", "z9", "a--b"})
    void namesFollowingTheRuleAreAccepted(String name) {
        assertThat(Validate.name("vm name", name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "VM-1", "1vm", "-vm", "vm-", "vm_1", "vm.1", "vm 1", "é", "aB", "a-é", "{a", "a/"})
    void namesBreakingTheRuleAreRefusedNamingTheField(String name) {
        assertThatThrownBy(() -> Validate.name("vm name", name))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("vm name");
    }

    @Test
    void namesLongerThan63CharactersAreRefused() {
        assertThatCode(() -> Validate.name("n", "a".repeat(63))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Validate.name("n", "a".repeat(64))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void portRangesAreChecked() {
        assertThat(PortRange.parse("8000-8080")).isEqualTo(PortRange.of(8000, 8080));
        assertThat(PortRange.parse("all")).isEqualTo(PortRange.ALL);
        assertThatThrownBy(() -> PortRange.of(0)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("port range start");
        assertThatThrownBy(() -> PortRange.of(70000)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> PortRange.of(90, 80)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("starts after it ends");
        assertThatThrownBy(() -> PortRange.parse("http")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void icmpRulesTakeNoPorts() {
        assertThat(new SecurityRule(Direction.INBOUND, Protocol.ICMP, null, null).ports()).isEqualTo(PortRange.ALL);
        assertThatThrownBy(() -> new SecurityRule(Direction.INBOUND, Protocol.ICMP, PortRange.of(22), null))
                .isInstanceOf(InvalidRequestException.class).extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("ports");
    }

    @Test
    void tagsAreChecked() {
        assertThatThrownBy(() -> VmRequest.named("vm-1").tag("", "x")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> VmRequest.named("vm-1").tag("k".repeat(129), "x")).isInstanceOf(InvalidRequestException.class);
        assertThat(VmRequest.named("vm-1").tag("team", "ml").tags()).containsEntry("team", "ml");
        VmRequest many = VmRequest.named("vm-1").tag("team", "ml").tags(java.util.Map.of("team", "web", "env", "prod"));
        assertThat(many.tags()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("team", "web", "env", "prod"));
        assertThatThrownBy(() -> VmRequest.named("vm-1").tags(java.util.Map.of("", "x")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("tags"));
    }
}
