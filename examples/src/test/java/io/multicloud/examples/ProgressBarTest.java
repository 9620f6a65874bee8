package io.multicloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.ResourceKind;
import io.multicloud.core.mci.ProgressEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress bar's lines read as English for every action an MCI reports. */
class ProgressBarTest {

    @Test
    void everyActionIsShownInThePastTense() {
        assertThat(ProgressBar.past("create")).isEqualTo("created");
        assertThat(ProgressBar.past("delete")).isEqualTo("deleted");
        assertThat(ProgressBar.past("suspend")).isEqualTo("suspended");
        assertThat(ProgressBar.past("resume")).isEqualTo("resumed");
        assertThat(ProgressBar.past("reboot")).isEqualTo("rebooted");
        assertThat(ProgressBar.past("terminate")).isEqualTo("terminated");
        assertThat(ProgressBar.past("scale-out")).isEqualTo("scaled out");
        assertThat(ProgressBar.past("scale-in")).isEqualTo("scaled in");
    }

    @Test
    void aSuspendedVmIsSuspendedNotSuspendd() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(captured, true, StandardCharsets.UTF_8));

        bar.on(new ProgressEvent.Planned("web", "suspend", 2));
        bar.on(new ProgressEvent.Done("web", "suspend", ResourceKind.VM, "web-venus-1", "venus"));
        bar.on(new ProgressEvent.Done("web", "create", ResourceKind.VPC, "multicloud-vpc", "venus"));

        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("1/2 web-venus-1 suspended").contains("created VPC multicloud-vpc on venus")
                .doesNotContain("suspendd");
    }
}
