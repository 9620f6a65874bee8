package io.multicloud.driver.mock;

/**
 * A status that moves on by itself at a set time. Nothing runs in the background: the region
 * settles every due transition when it is next touched, so a status is a pure function of
 * the stored timestamps (which also makes a state file read by another process come out right).
 *
 * @param <S> the status enum
 */
final class Lifecycle<S extends Enum<S>> {
    S status;
    /** The status reached at {@link #settlesAt}; null when nothing is under way. */
    S next;
    long settlesAt;
    /** Whether the resource is gone once the transition is over (termination, deletion). */
    boolean removeWhenSettled;
    boolean gone;

    Lifecycle() {
        // for Jackson
    }

    static <S extends Enum<S>> Lifecycle<S> stable(S status) {
        Lifecycle<S> life = new Lifecycle<>();
        life.status = status;
        return life;
    }

    static <S extends Enum<S>> Lifecycle<S> moving(S transitional, S target, long settlesAt) {
        Lifecycle<S> life = stable(transitional);
        life.moveTo(transitional, target, settlesAt);
        return life;
    }

    /** Shows {@code transitional} now and {@code target} from {@code at} on. */
    void moveTo(S transitional, S target, long at) {
        status = transitional;
        next = target;
        settlesAt = at;
        removeWhenSettled = false;
    }

    /** Shows {@code transitional} now; the resource is gone from {@code at} on. */
    void removeAt(S transitional, long at) {
        status = transitional;
        next = null;
        settlesAt = at;
        removeWhenSettled = true;
    }

    /** Sets a status at once. */
    void set(S newStatus) {
        status = newStatus;
        next = null;
        removeWhenSettled = false;
    }

    /** Applies a due transition; true when something changed. */
    boolean settle(long now) {
        if (now < settlesAt || (next == null && !removeWhenSettled)) {
            return false;
        }
        if (removeWhenSettled) {
            gone = true;
            removeWhenSettled = false;
        } else {
            status = next;
            next = null;
        }
        return true;
    }

    /** Whether a removal is under way. */
    boolean removing() {
        return removeWhenSettled || gone;
    }

    boolean is(S candidate) {
        return status == candidate;
    }
}
