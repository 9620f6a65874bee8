package io.multicloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote-command example runs every step over real SSH on SSH-backed mock VMs. */
class RemoteQuickstartTest {

    @Test
    void theRemoteExampleRunsFunctionsCommandListsUploadAndDownload(@TempDir Path work) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        RemoteQuickstart.run(work, new PrintStream(captured, true, StandardCharsets.UTF_8));
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.print(output);

        assertThat(output).contains(
                "llm-mars-1 | I am llm-mars-1: model llama3, peers ",
                "llm-mars-2 | I am llm-mars-2: model phi3, peers ",
                "llm-venus-1 | I am llm-venus-1: model llama3, peers ",
                "/app (exit 0)",
                "hello from llm-venus-2",
                "-> ready",
                "ExecReport[llm: 4 VMs, 4 ok");
        assertThat(output).containsPattern("peers (\\d+\\.\\d+\\.\\d+\\.\\d+:11434,){3}\\d+\\.\\d+\\.\\d+\\.\\d+:11434");
    }
}
