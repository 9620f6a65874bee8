package io.multicloud.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.InvalidRequestException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RemoteCommandTest {

    @Test
    void badRequestsAreRefusedNamingTheField() {
        assertThatThrownBy(RemoteCommand::of).isInstanceOf(InvalidRequestException.class).hasMessageContaining("commands");
        assertThatThrownBy(() -> RemoteCommand.of("ls", " ")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("command 2 is empty");
        assertThatThrownBy(() -> RemoteCommand.of("ls").parallelism(0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("parallelism");
        assertThatThrownBy(() -> RemoteCommand.of("ls").timeout(Duration.ZERO)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("commandTimeout");
        assertThatThrownBy(() -> RemoteCommand.of("ls").connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> RemoteCommand.of("ls").bastion("Not A Name")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void theTextFormHidesTheCommandsWhichMayCarrySecrets() {
        RemoteCommand command = RemoteCommand.of("curl -H 'token: s3cr3t' https://x").keepGoing().on("multicloud:subgroup=web");
        assertThat(command.toString()).doesNotContain("s3cr3t").contains("1 commands", "multicloud:subgroup=web");
        assertThat(command.continueOnFailure()).isTrue();
        assertThat(new CommandResult("echo s3cr3t", 0, "s3cr3t\n", "", Duration.ZERO).toString()).doesNotContain("s3cr3t");
    }

    @Test
    void defaultsAreAllVmsAtOnceStopOnFailureAndNoListener() {
        RemoteCommand command = RemoteCommand.of("ls");
        assertThat(command.selector()).isEmpty();
        assertThat(command.parallelism()).isEqualTo(RemoteCommand.DEFAULT_PARALLELISM);
        assertThat(command.continueOnFailure()).isFalse();
        assertThat(command.listener()).isSameAs(OutputListener.NONE);
    }
}
