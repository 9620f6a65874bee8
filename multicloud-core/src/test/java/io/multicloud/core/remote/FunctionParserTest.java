package io.multicloud.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.core.remote.FunctionCall.Function;
import io.multicloud.core.remote.FunctionCall.Target;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionParserTest {

    @Test
    void findsEachCallWithItsBoundsArgumentsAndTarget() {
        String command = "curl $$Func(GetPublicIP(target=web.g1-2, prefix=http://, postfix=':3000')) -s";

        List<FunctionCall> calls = FunctionParser.parse(command);

        assertThat(calls).hasSize(1);
        FunctionCall call = calls.getFirst();
        assertThat(call.function()).isEqualTo(Function.GET_PUBLIC_IP);
        assertThat(command.substring(call.start(), call.end()))
                .isEqualTo("$$Func(GetPublicIP(target=web.g1-2, prefix=http://, postfix=':3000'))");
        assertThat(call.argument("prefix", null)).isEqualTo("http://");
        assertThat(call.argument("postfix", null)).isEqualTo(":3000");
        assertThat(call.argument("target", null)).isEqualTo("web.g1-2");
        assertThat(call.target()).isEqualTo(new Target("web", "g1-2"));
        assertThat(call.targetOffset()).isEqualTo(command.indexOf("web.g1-2"));
    }

    @Test
    void eitherPartOfAVmTargetMayBeThis() {
        assertThat(target("$$Func(GetPrivateIP(target=this))")).isEqualTo(Target.THIS);
        assertThat(target("$$Func(GetPrivateIP())")).isEqualTo(Target.THIS);
        assertThat(target("$$Func(GetPrivateIP(target=this.this))")).isEqualTo(Target.THIS);
        assertThat(target("$$Func(GetPrivateIP(target=this.g1-3))")).isEqualTo(new Target(null, "g1-3"));
        assertThat(target("$$Func(GetPrivateIP(target=db.this))")).isEqualTo(new Target("db", null));
        assertThat(target("$$Func(GetPrivateIPs(target=db))")).isEqualTo(new Target("db", null));
        assertThat(target("$$Func(GetPrivateIPs(target=THIS))")).isEqualTo(Target.THIS);
    }

    @Test
    void functionsWithoutATargetHaveNone() {
        assertThat(target("$$Func(GetVmId())")).isNull();
    }

    @Test
    void aMarkerWithoutAParenthesisIsText() {
        assertThat(FunctionParser.parse("echo $$ $HOME '$$Func' $$Funky $$Func")).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            echo $$Func(GetFoo())                               | 13 | unknown function 'GetFoo'
            echo $$Func(GetVmId()                               |  6 | unbalanced parentheses
            echo $$Func(GetVmId                                 |  6 | unbalanced parentheses
            echo $$Func(GetVmId(prefix=a                        |  6 | unbalanced parentheses
            $$Func(GetVmId() x)                                 | 18 | expected ')' to close $$Func( opened at column 1
            $$Func(GetPublicIP(prefix='http://))                | 27 | unterminated quote
            $$Func(GetPublicIP(prefix))                         | 20 | missing '=' after parameter 'prefix'
            $$Func(GetPublicIP(prefix, postfix=x))              | 20 | missing '=' after parameter 'prefix'
            $$Func(GetPublicIP(separator=+))                    | 20 | unknown parameter 'separator' for GetPublicIP
            $$Func(GetVmId(target=this))                        | 16 | unknown parameter 'target' for GetVmId
            $$Func(GetPublicIP(target=web))                     | 27 | bad target 'web'
            $$Func(GetPublicIP(target=web.))                    | 27 | bad target 'web.'
            $$Func(GetPublicIP(target=a.b.c))                   | 27 | bad target 'a.b.c'
            $$Func(GetPublicIPs(target=web.g1-1))               | 28 | bad target 'web.g1-1'
            $$Func(GetPublicIPs(target=))                       | 28 | bad target ''
            $$Func (GetVmId())                                  |  7 | no space allowed between $$Func and '('
            $$Func()                                            |  8 | expected a function name
            $$Func(GetVmId prefix=a)                            | 16 | expected '(' after function name 'GetVmId'
            $$Func(GetVmId)                                     | 15 | even without parameters: $$Func(GetVmId())
            $$Func(GetVmId(prefix=a(b)))                        | 24 | unbalanced parentheses: '(' inside an unquoted value
            $$Func(GetVmId(prefix=it's))                        | 25 | quote inside an unquoted value
            $$Func(GetPublicIP(prefix='a'b))                    | 30 | expected ',' or ')' after the quoted value
            $$Func(GetVmId(prefix=a, prefix=b))                 | 26 | parameter 'prefix' given twice
            $$Func(GetVmId(=x))                                 | 16 | missing parameter name before '='
            $$Func(GetVmId(prefix=a,))                          | 25 | expected a parameter key=value
            $$Func(AssignTask())                                |  1 | AssignTask needs task='a,b,c'
            $$Func(AssignTask(task=''))                         | 24 | task list is empty
            ok $$Func(GetVmId()) then $$Func(Nope())            | 34 | unknown function 'Nope'
            """)
    void aMalformedCallIsRefusedWithItsColumn(String command, int column, String what) {
        assertThatThrownBy(() -> FunctionParser.parse(command))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("command"))
                .hasMessageContaining("at column " + column + ":")
                .hasMessageContaining(what);
    }

    @Test
    void anUnknownFunctionIsReportedWithTheKnownOnes() {
        assertThatThrownBy(() -> FunctionParser.parse("$$Func(GetPublicIp4())"))
                .hasMessageContaining("known functions: GetPublicIP, GetPrivateIP, GetPublicIPs")
                .hasMessageContaining("GetInfraId");
    }

    @Test
    void anUnknownParameterIsReportedWithTheParametersTheFunctionTakes() {
        assertThatThrownBy(() -> FunctionParser.parse("$$Func(GetPublicIPs(sep=+))"))
                .hasMessageContaining("it takes: postfix, prefix, separator, target");
    }

    @Test
    void aMultiLineCommandGetsTheLineAndItsColumnToo() {
        assertThatThrownBy(() -> FunctionParser.parse("echo a\n  $$Func(Nope())"))
                .hasMessageContaining("at column 17 (line 2, column 10): unknown function 'Nope'");
    }

    @Test
    void columnsCountCharactersNotUtf16Units() {
        assertThatThrownBy(() -> FunctionParser.parse("\uD83D\uDE00 $$Func(Nope())"))
                .hasMessageContaining("at column 10:");
    }

    @Test
    void quotedTextHoldingAMarkerIsData() {
        List<FunctionCall> calls = FunctionParser.parse("$$Func(GetVmId(prefix='$$Func(Nope())'))");

        assertThat(calls).singleElement()
                .satisfies(c -> assertThat(c.argument("prefix", null)).isEqualTo("$$Func(Nope())"));
    }

    private static Target target(String command) {
        return FunctionParser.parse(command).getFirst().target();
    }
}
