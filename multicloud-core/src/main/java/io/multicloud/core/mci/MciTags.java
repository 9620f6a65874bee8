package io.multicloud.core.mci;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Vm;
import io.multicloud.core.catalog.OfferId;
import io.multicloud.core.catalog.PriceQuote;
import io.multicloud.core.catalog.Source;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tags that make an MCI's VMs their own record, so that any process of the same owner
 * rebuilds the MCI from what the clouds report ({@code mc.mcis().get("web")}). Every VM carries:
 * <ul>
 *   <li>{@value #MCI} and {@value #SUBGROUP}: its MCI and subgroup (the labels selectors use);</li>
 *   <li>{@value #OWNER}: the owner id of the {@code MultiCloud} installation that made it, so that
 *       two users' MCIs of one name in one account never mix;</li>
 *   <li>{@value #ID}: the id of the MCI's creation, which tells this MCI from an earlier one of the
 *       same name and from a concurrent create of the same name;</li>
 *   <li>{@value #GROUP}: what a rebuild needs of its subgroup, as a query string
 *       ({@code spec=..&image=..&size=..&ip=1}, and for a static subgroup {@code vpc}, {@code subnet},
 *       {@code sg}, {@code key});</li>
 *   <li>{@value #SETTINGS}: the MCI's own settings, as a query string ({@code policy=..}, its
 *       description as {@code d}, its labels as {@code l.<key>=<value>}, its budget as {@code b} and
 *       {@code bc});</li>
 *   <li>{@value #PLACE}: where it was made, as a spec id {@code provider+region+spec[+zone]} (the
 *       place a failover subgroup ended on);</li>
 *   <li>{@value #PRICE}: the price it was launched at, as a query string ({@code p=0.052&c=USD&s=live&d=2026-05-20}),
 *       so that its cost is what it was made for, whatever the catalog says later; absent when no
 *       price was known.</li>
 * </ul>
 * Each value is at most {@value #MAX_VALUE} characters (the smallest limit of the clouds' tag
 * values): settings that do not fit are refused when the MCI is created, naming the field.
 */
final class MciTags {
    static final String MCI = "multicloud:mci";
    static final String SUBGROUP = "multicloud:subgroup";
    static final String OWNER = "multicloud:owner";
    static final String ID = "multicloud:mci-id";
    static final String GROUP = "multicloud:group";
    static final String SETTINGS = "multicloud:mci-settings";
    static final String PLACE = "multicloud:place";
    static final String PRICE = "multicloud:price";
    /** Keys of the library's own: user labels may not start with it. */
    static final String RESERVED_PREFIX = "multicloud:";
    static final int MAX_VALUE = 255;

    private MciTags() {
    }

    /** Who made an MCI: its name, the id of its creation and the owner installation. */
    record Identity(String mci, String id, String owner) {
    }

    /** What an MCI VM's tags say, read back. */
    record Read(Identity identity, String subGroup, Map<String, String> group, Map<String, String> settings,
                Map<String, String> labels) {

        String policyName() {
            return settings.getOrDefault("policy", PartialFailure.CONTINUE.name());
        }

        String description() {
            return settings.getOrDefault("d", "");
        }

        /** The MCI's labels, from the {@code l.}-prefixed settings. */
        Map<String, String> mciLabels() {
            Map<String, String> out = new LinkedHashMap<>();
            settings.forEach((k, v) -> {
                if (k.startsWith("l.")) {
                    out.put(k.substring(2), v);
                }
            });
            return out;
        }

        /** The MCI's budget, if it has one (a malformed one reads as none). */
        java.util.Optional<Budget> budget() {
            String b = settings.get("b");
            if (b == null) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.of(new Budget(new java.math.BigDecimal(b), settings.getOrDefault("bc", "USD")));
            } catch (RuntimeException e) {
                return java.util.Optional.empty();
            }
        }

        int size() {
            try {
                return Integer.parseInt(group.getOrDefault("size", "0"));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        boolean publicIp() {
            return !"0".equals(group.get("ip"));
        }

        List<String> securityGroups() {
            String sg = group.get("sg");
            return sg == null || sg.isEmpty() ? List.of() : List.of(sg.split(","));
        }
    }

    /**
     * The tags of a VM of this subgroup (its labels included), checked against the clouds' limits:
     * with its place and, when known, the price it is launched at.
     */
    static Map<String, String> forVm(Identity identity, SubGroupRequest group, int declaredSize, String settings,
                                     PriceQuote price) {
        Map<String, String> tags = new LinkedHashMap<>(group.labels());
        tags.put(MCI, identity.mci());
        tags.put(SUBGROUP, group.name());
        tags.put(OWNER, identity.owner());
        tags.put(ID, identity.id());
        tags.put(GROUP, group(group, declaredSize));
        tags.put(SETTINGS, settings);
        tags.put(PLACE, fit("subgroup " + group.name() + " place", group.place().toString()));
        if (price != null && price.known()) {
            tags.put(PRICE, price(price));
        }
        return tags;
    }

    /** A launch price as its tag value. */
    static String price(PriceQuote price) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("p", price.perHour().toPlainString());
        q.put("c", price.currency());
        q.put("s", price.source() == null ? "" : price.source().name().toLowerCase(java.util.Locale.ROOT));
        if (price.asOf() != null) {
            q.put("d", price.asOf().toString().substring(0, 10));
        }
        return encode(q);
    }

    /** The price a VM was launched at, read from its tags; empty when it carries none (or a malformed one). */
    static java.util.Optional<PriceQuote> launchPrice(Map<String, String> tags) {
        String value = tags.get(PRICE);
        if (value == null) {
            return java.util.Optional.empty();
        }
        Map<String, String> q = decode(value);
        try {
            OfferId place = tags.containsKey(PLACE) ? OfferId.parse(tags.get(PLACE)) : OfferId.of("?", "?", "?");
            Source source = switch (q.getOrDefault("s", "")) {
                case "snapshot" -> Source.SNAPSHOT;
                case "live" -> Source.LIVE;
                default -> null;
            };
            java.time.Instant asOf = q.containsKey("d") ? java.time.LocalDate.parse(q.get("d"))
                    .atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : null;
            return java.util.Optional.of(new PriceQuote(place, new java.math.BigDecimal(q.get("p")), q.get("c"), source, asOf,
                    "launch price", null));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The subgroup's settings as one tag value; InvalidRequest naming the subgroup when too long. */
    static String group(SubGroupRequest group, int declaredSize) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("spec", group.spec());
        q.put("image", group.image());
        q.put("size", Integer.toString(declaredSize));
        q.put("ip", group.publicIp() ? "1" : "0");
        if (group.isStatic()) {
            q.put("vpc", group.vpc());
            q.put("subnet", group.subnet());
            q.put("sg", String.join(",", group.securityGroups()));
            if (group.keyPair() != null) {
                q.put("key", group.keyPair());
            }
        }
        return fit("subgroup " + group.name(), encode(q));
    }

    /** The MCI's settings as one tag value; InvalidRequest when its description and labels are too long. */
    static String settings(PartialFailure policy, String description, Map<String, String> labels, Budget budget) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("policy", policy.name());
        if (description != null && !description.isEmpty()) {
            q.put("d", description);
        }
        if (budget != null) {
            q.put("b", budget.perHour().toPlainString());
            q.put("bc", budget.currency());
        }
        labels.forEach((k, v) -> q.put("l." + k, v));
        return fit("description and labels", encode(q));
    }

    /** Reads an MCI VM's tags; empty when the VM lacks any tag a rebuild needs (made by an older version, or by hand). */
    static Optional<Read> read(Vm vm) {
        Map<String, String> tags = vm.tags();
        String mci = tags.get(MCI);
        String subGroup = tags.get(SUBGROUP);
        String owner = tags.get(OWNER);
        String id = tags.get(ID);
        String group = tags.get(GROUP);
        if (mci == null || subGroup == null || owner == null || id == null || group == null) {
            return Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        tags.forEach((k, v) -> {
            if (!k.startsWith(RESERVED_PREFIX)) {
                labels.put(k, v);
            }
        });
        Map<String, String> parsedGroup = decode(group);
        if (!parsedGroup.containsKey("spec") || !parsedGroup.containsKey("image")) {
            return Optional.empty();
        }
        return Optional.of(new Read(new Identity(mci, id, owner), subGroup, parsedGroup,
                decode(tags.getOrDefault(SETTINGS, "")), labels));
    }

    /** Refuses user labels that would pass for the library's own tags. */
    static void requireUserLabels(String field, Map<String, String> labels) {
        for (String key : labels.keySet()) {
            if (key.startsWith(RESERVED_PREFIX)) {
                throw new InvalidRequestException(field, "label '" + key + "' uses the reserved prefix " + RESERVED_PREFIX);
            }
        }
    }

    private static String fit(String field, String value) {
        if (value.length() > MAX_VALUE) {
            throw new InvalidRequestException(field, "encoded for the VMs' tags it takes " + value.length()
                    + " characters; a tag value holds at most " + MAX_VALUE + " (shorten it)");
        }
        return value;
    }

    static String encode(Map<String, String> query) {
        List<String> parts = new ArrayList<>();
        query.forEach((k, v) -> parts.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", parts);
    }

    static Map<String, String> decode(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a value not written by this class: skipped, the rest still reads
            }
        }
        return out;
    }
}
