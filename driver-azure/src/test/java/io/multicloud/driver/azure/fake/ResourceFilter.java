package io.multicloud.driver.azure.fake;

import static io.multicloud.driver.azure.fake.AzureFake.refuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resource Manager's {@code $filter} of a resource listing, in the forms its description in
 * resources.json allows and this fake serves: {@code tagName eq 'k'} with an optional
 * {@code and tagValue eq 'v'}; {@code resourceType eq 'T'}, {@code substringof('x', name)}, and
 * the two joined by {@code and} (the combination the description names). String literals use
 * OData's quoting ({@code ''} for a quote); names and types compare without case, tag values
 * exactly. Anything else is ARM's 400 {@code InvalidFilterInQueryString}.
 */
record ResourceFilter(Predicate<ObjectNode> test, boolean byTag) {
    private static final String LITERAL = "'((?:[^']|'')*)'";
    private static final Pattern TAG = Pattern.compile("tagName eq " + LITERAL + "(?: and tagValue eq " + LITERAL + ")?");
    private static final Pattern TYPE = Pattern.compile("resourceType eq " + LITERAL);
    private static final Pattern SUBSTRING = Pattern.compile("substringof\\(" + LITERAL + ", ?name\\)");

    static final ResourceFilter ALL = new ResourceFilter(r -> true, false);

    static ResourceFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return ALL;
        }
        Matcher tag = TAG.matcher(filter.trim());
        if (tag.matches()) {
            String name = unquote(tag.group(1));
            String value = tag.group(2) == null ? null : unquote(tag.group(2));
            return new ResourceFilter(r -> {
                JsonNode tags = r.path("tags");
                return tags.has(name) && (value == null || value.equals(tags.get(name).asText()));
            }, true);
        }
        Predicate<ObjectNode> all = r -> true;
        for (String part : filter.trim().split(" and ")) {
            Matcher type = TYPE.matcher(part.trim());
            Matcher sub = SUBSTRING.matcher(part.trim());
            if (type.matches()) {
                String t = unquote(type.group(1));
                all = all.and(r -> r.path("type").asText().equalsIgnoreCase(t));
            } else if (sub.matches()) {
                String s = unquote(sub.group(1)).toLowerCase(Locale.ROOT);
                all = all.and(r -> r.path("name").asText().toLowerCase(Locale.ROOT).contains(s));
            } else {
                throw refuse(400, "InvalidFilterInQueryString", "The $filter '" + filter + "' is not supported by this fake.");
            }
        }
        return new ResourceFilter(all, false);
    }

    private static String unquote(String literal) {
        return literal.replace("''", "'");
    }
}
