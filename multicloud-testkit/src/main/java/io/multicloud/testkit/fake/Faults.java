package io.multicloud.testkit.fake;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Faults injected on demand. Each rule matches requests (by route name, or any predicate) and
 * acts on the next {@code times} of them:
 * <ul>
 *   <li>{@link #refuse}: the request is answered with the given response and never reaches its
 *       handler (throttling, a quota or stockout error in the cloud's own body);</li>
 *   <li>{@link #loseAnswer}: the handler runs (the change is applied), then its answer is
 *       replaced by the given one (a 503) — what a client sees when the answer is lost on the way,
 *       the case an idempotency key exists for.</li>
 * </ul>
 * Rules apply in the order they were added; a used-up rule goes away. Thread-safe.
 */
public final class Faults {
    /** When a rule acts. */
    enum Phase { REFUSE, LOSE_ANSWER }

    private static final class Rule {
        final Predicate<FakeRequest> requests;
        final String route;
        final Phase phase;
        final FakeResponse answer;
        int left;

        Rule(String route, Predicate<FakeRequest> requests, int times, Phase phase, FakeResponse answer) {
            this.route = route;
            this.requests = requests;
            this.left = times;
            this.phase = phase;
            this.answer = answer;
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    /** Answers the next {@code times} requests to the named route with {@code answer}, without handling them. */
    public Faults refuse(String route, int times, FakeResponse answer) {
        return add(new Rule(route, r -> true, times, Phase.REFUSE, answer));
    }

    /** As {@link #refuse(String, int, FakeResponse)}, for requests to the route that also match. */
    public Faults refuse(String route, Predicate<FakeRequest> which, int times, FakeResponse answer) {
        return add(new Rule(route, which, times, Phase.REFUSE, answer));
    }

    /** Handles the next {@code times} requests to the named route, then answers {@code answer} instead. */
    public Faults loseAnswer(String route, int times, FakeResponse answer) {
        return add(new Rule(route, r -> true, times, Phase.LOSE_ANSWER, answer));
    }

    /** As {@link #loseAnswer(String, int, FakeResponse)}, for requests to the route that also match. */
    public Faults loseAnswer(String route, Predicate<FakeRequest> which, int times, FakeResponse answer) {
        return add(new Rule(route, which, times, Phase.LOSE_ANSWER, answer));
    }

    /** Removes every rule. */
    public synchronized void clear() {
        rules.clear();
    }

    /** Whether no rule is left to act. */
    public synchronized boolean isEmpty() {
        return rules.isEmpty();
    }

    private synchronized Faults add(Rule rule) {
        if (rule.left < 1) {
            throw new IllegalArgumentException("a fault acts at least once");
        }
        rules.add(rule);
        return this;
    }

    /** The answer of the first rule of this phase that takes this request, counting it. */
    synchronized Optional<FakeResponse> take(Phase phase, Route route, FakeRequest request) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.phase == phase && route != null && (rule.route == null || rule.route.equals(route.name()))
                    && rule.requests.test(request)) {
                if (--rule.left == 0) {
                    it.remove();
                }
                return Optional.of(rule.answer);
            }
        }
        return Optional.empty();
    }
}
