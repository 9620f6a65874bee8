package io.multicloud.core.mci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.InvalidRequestException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {
    static final Map<String, String> NONE = Map.of();
    static final Map<String, String> PROD_WEB = Map.of("env", "prod", "tier", "web");
    static final Map<String, String> DEV_API = Map.of("env", "dev", "tier", "api");
    static final Map<String, String> PROD_ONLY = Map.of("env", "prod");

    static boolean matches(String selector, Map<String, String> labels) {
        return LabelSelector.parse(selector).matches(labels);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "  \t "})
    void anEmptyOrBlankSelectorMatchesEverything(String text) {
        LabelSelector selector = LabelSelector.parse(text);

        assertThat(selector).isEqualTo(LabelSelector.all()).hasToString("");
        assertThat(selector.isAll()).isTrue();
        assertThat(selector.matches(NONE)).isTrue();
        assertThat(selector.matches(PROD_WEB)).isTrue();
    }

    @Test
    void equalsMatchesOnlyThatValueOfAPresentKey() {
        assertThat(matches("env=prod", PROD_WEB)).isTrue();
        assertThat(matches("env=prod", DEV_API)).isFalse();
        assertThat(matches("env=prod", NONE)).isFalse();
    }

    @Test
    void doubleEqualsIsTheSameAsEquals() {
        assertThat(LabelSelector.parse("env==prod")).isEqualTo(LabelSelector.parse("env=prod")).hasToString("env=prod");
        assertThat(matches("env==prod", PROD_WEB)).isTrue();
        assertThat(matches("env==prod", DEV_API)).isFalse();
        assertThat(matches("env==prod", NONE)).isFalse();
    }

    @Test
    void notEqualsAlsoMatchesWhenTheKeyIsAbsent() {
        assertThat(matches("env!=prod", DEV_API)).isTrue();
        assertThat(matches("env!=prod", NONE)).isTrue();
        assertThat(matches("env!=prod", PROD_WEB)).isFalse();
    }

    @Test
    void anEmptyValueMatchesOnlyAnEmptyLabel() {
        assertThat(matches("env=", Map.of("env", ""))).isTrue();
        assertThat(matches("env=", PROD_WEB)).isFalse();
        assertThat(matches("env=", NONE)).isFalse();
        assertThat(matches("env!=", PROD_WEB)).isTrue();
        assertThat(matches("env!=", Map.of("env", ""))).isFalse();
        assertThat(LabelSelector.parse("env = ")).hasToString("env=");
    }

    @Test
    void inMatchesAnyValueOfTheSetButNotAnAbsentKey() {
        assertThat(matches("tier in (web,api)", PROD_WEB)).isTrue();
        assertThat(matches("tier in (web,api)", DEV_API)).isTrue();
        assertThat(matches("tier in (db)", PROD_WEB)).isFalse();
        assertThat(matches("tier in (web,api)", NONE)).isFalse();
    }

    @Test
    void notinMatchesOtherValuesAndAnAbsentKey() {
        assertThat(matches("tier notin (web)", DEV_API)).isTrue();
        assertThat(matches("tier notin (web)", NONE)).isTrue();
        assertThat(matches("tier notin (web,api)", PROD_WEB)).isFalse();
        assertThat(matches("tier notin (web,api)", DEV_API)).isFalse();
    }

    @Test
    void aBareKeyMatchesWhenTheKeyExistsWhateverItsValue() {
        assertThat(matches("tier", PROD_WEB)).isTrue();
        assertThat(matches("tier", Map.of("tier", ""))).isTrue();
        assertThat(matches("tier", PROD_ONLY)).isFalse();
    }

    @Test
    void aNegatedKeyMatchesWhenTheKeyIsAbsent() {
        assertThat(matches("!tier", PROD_ONLY)).isTrue();
        assertThat(matches("!tier", NONE)).isTrue();
        assertThat(matches("!tier", PROD_WEB)).isFalse();
        assertThat(matches("! tier", PROD_WEB)).isFalse();
    }

    @Test
    void requirementsCombineWithAnd() {
        assertThat(matches("env=prod,tier=web", PROD_WEB)).isTrue();
        assertThat(matches("env=prod,tier=web", PROD_ONLY)).isFalse();
        assertThat(matches("env=prod,tier=api", PROD_WEB)).isFalse();
        assertThat(matches("env=prod,!tier", PROD_ONLY)).isTrue();
        assertThat(matches("env=prod,!tier", PROD_WEB)).isFalse();
    }

    @Test
    void commasInsideASetBelongToTheSet() {
        LabelSelector selector = LabelSelector.parse("tier in (web,api),env=prod");

        assertThat(selector).hasToString("env=prod,tier in (api,web)");
        assertThat(selector.matches(PROD_WEB)).isTrue();
        assertThat(selector.matches(Map.of("env", "prod", "tier", "api"))).isTrue();
        assertThat(selector.matches(DEV_API)).isFalse();
    }

    @Test
    void whitespaceIsAllowedAroundEveryToken() {
        LabelSelector spaced = LabelSelector.parse("  env = prod ,\ttier in ( web , api )  , ! draining , zone , x != y ");

        assertThat(spaced).isEqualTo(LabelSelector.parse("env=prod,tier in (web,api),!draining,zone,x!=y"));
        assertThat(spaced).hasToString("!draining,env=prod,tier in (api,web),x!=y,zone");
        assertThat(spaced.matches(Map.of("env", "prod", "tier", "api", "zone", "z1"))).isTrue();
        assertThat(spaced.matches(Map.of("env", "prod", "tier", "api", "zone", "z1", "draining", "yes"))).isFalse();
    }

    @Test
    void aSetNeedsNoSpaceBeforeItsParenthesis() {
        assertThat(LabelSelector.parse("tier in(web)")).isEqualTo(LabelSelector.parse("tier in (web)"));
        assertThat(LabelSelector.parse("tier notin(web)")).hasToString("tier notin (web)");
    }

    @Test
    void theLibrarysOwnKeysWithAColonAreAccepted() {
        Map<String, String> labels = Map.of("multicloud:mci", "llm", "multicloud:subgroup", "aws-gpu");

        assertThat(matches("multicloud:subgroup=aws-gpu", labels)).isTrue();
        assertThat(matches("multicloud:subgroup in (gcp-gpu, aws-gpu)", labels)).isTrue();
        assertThat(matches("multicloud:subgroup!=aws-gpu", labels)).isFalse();
        assertThat(matches("!multicloud:owner, multicloud:mci", labels)).isTrue();
    }

    @Test
    void keysMayCarryADnsPrefix() {
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "ollama", "example-1.com/role", "db");

        assertThat(matches("app.kubernetes.io/name=ollama", labels)).isTrue();
        assertThat(matches("example-1.com/role in (db,cache)", labels)).isTrue();
        assertThat(matches("role=db", labels)).isFalse();
    }

    @Test
    void valuesMayHoldLettersDigitsDashesUnderscoresAndDots() {
        assertThat(matches("version=1.2_3-RC4", Map.of("version", "1.2_3-RC4"))).isTrue();
        assertThat(matches("version=1.2_3-rc4", Map.of("version", "1.2_3-RC4"))).as("values are case-sensitive").isFalse();
    }

    @Test
    void aKeyNamedLikeAnOperatorIsStillAKey() {
        assertThat(matches("in", Map.of("in", "x"))).isTrue();
        assertThat(matches("in in (x)", Map.of("in", "x"))).isTrue();
        assertThat(matches("notin notin (x)", Map.of("notin", "y"))).isTrue();
    }

    @Test
    void theCanonicalTextSortsByKeyAndDropsDuplicatesAndParsesBack() {
        LabelSelector selector = LabelSelector.parse("zone, tier notin (web, web, api), env==prod, env=prod, !draining");

        assertThat(selector).hasToString("!draining,env=prod,tier notin (api,web),zone");
        assertThat(LabelSelector.parse(selector.toString())).isEqualTo(selector).hasSameHashCodeAs(selector);
    }

    @Test
    void requirementsOnOneKeyKeepTheirOrderInTheCanonicalText() {
        assertThat(LabelSelector.parse("env!=dev,env")).hasToString("env!=dev,env");
        assertThat(LabelSelector.parse("env,env!=dev")).hasToString("env,env!=dev");
    }

    @Test
    void differentSelectorsAreNotEqual() {
        assertThat(LabelSelector.parse("env=prod")).isNotEqualTo(LabelSelector.parse("env!=prod"))
                .isNotEqualTo(LabelSelector.parse("env in (prod)")).isNotEqualTo(LabelSelector.all());
    }

    @Test
    void aMissingSelectorIsRefused() {
        assertThatThrownBy(() -> LabelSelector.parse(null)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("selector"));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # in without a set
            tier in x              | column 9: expected '(' after 'in', found 'x'
            tier in                | column 8: expected '(' after 'in', found end of selector
            tier notin             | column 11: expected '(' after 'notin', found end of selector
            # unbalanced parentheses
            tier in (web,api       | column 17: expected ',' or ')' to close the set opened at column 9, found end of selector
            tier in (web,api))     | column 18: expected ',' or end of selector, found ')'
            tier in ((web))        | column 10: expected a value in the set opened at column 9, found '('
            tier=web)              | column 9: expected ',' or end of selector, found ')'
            (tier=web)             | column 1: expected a key, found '('
            # empty set, empty member, missing comma
            tier in ()             | column 10: expected a value in the set opened at column 9, found ')' (a set cannot be empty)
            tier in (web,)         | column 14: expected a value in the set opened at column 9, found ')'
            tier in (,web)         | column 10: expected a value in the set opened at column 9, found ','
            tier in (a b)          | column 12: expected ',' or ')' to close the set opened at column 9, found 'b'
            # empty key
            =web                   | column 1: expected a key, found '='
            tier=web,,env          | column 10: expected a key, found ','
            tier=web,              | column 10: expected a key, found end of selector
            ,                      | column 1: expected a key, found ','
            !                      | column 2: expected a key, found end of selector
            !=web                  | column 2: expected a key, found '='
            # stray or doubled operators
            tier==!=web            | column 7: expected a value after '==', found '!'
            tier===web             | column 7: expected a value after '==', found '='
            tier=!web              | column 6: expected a value after '=', found '!'
            tier=web=api           | column 9: expected ',' or end of selector, found '='
            !tier=web              | column 6: expected ',' or end of selector after '!tier', found '='
            tier!web               | column 5: expected '!=' after 'tier', found '!'
            tier web               | column 6: expected an operator (=, ==, !=, in, notin), ',' or end of selector after 'tier', found 'web'
            tier in (web) in (api) | column 15: expected ',' or end of selector, found 'i'
            tier = we$b            | column 10: expected ',' or end of selector, found '$'
            ti$er=web              | column 3: expected an operator (=, ==, !=, in, notin), ',' or end of selector after 'ti', found '$'
            # malformed keys
            a/b/c=1                | column 4: expected a key name, found a second '/' (a key has at most one)
            /b=1                   | column 1: expected a key prefix before '/'
            a/=1                   | column 3: expected a key name after '/', found '='
            my_app.io/x=1          | column 3: expected a DNS prefix (letters, digits, '-', '.') before '/', found '_'
            """)
    void aMalformedSelectorIsRefusedWithTheColumnAndWhatWasExpected(String text, String reason) {
        assertThatThrownBy(() -> LabelSelector.parse(text)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).isEqualTo("selector");
            assertThat(e.getMessage()).isEqualTo("invalid selector: " + reason);
        });
    }

    @Test
    void theColumnCountsLeadingWhitespace() {
        assertThatThrownBy(() -> LabelSelector.parse("   tier in x"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("column 12: expected '(' after 'in'");
    }
}
