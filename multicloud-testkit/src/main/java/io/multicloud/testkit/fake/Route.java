package io.multicloud.testkit.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route: an HTTP method and a path template, a name (the API's operation id, which the
 * {@link ResponseCheck} uses to find the answer's schema) and a handler. In the template,
 * {@code {x}} matches one path segment and {@code {+x}} one or more (Google's and Azure's
 * reserved expansion), so {@code /v2/{+parent}/nodes} matches {@code /v2/projects/p/locations/z/nodes};
 * a literal suffix after a variable (such as {@code {+name}:start}) works too. Variables are
 * URL-decoded.
 */
public final class Route {
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\+?)([A-Za-z0-9_.]+)}");

    private final String method;
    private final String template;
    private final String name;
    private final FakeHandler handler;
    private final Pattern pattern;
    private final List<String> variables = new ArrayList<>();
    private final int literalLength;

    Route(String method, String template, String name, FakeHandler handler) {
        this.method = method.toUpperCase(java.util.Locale.ROOT);
        this.template = template;
        this.name = name;
        this.handler = handler;
        StringBuilder regex = new StringBuilder("^");
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        int literal = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            literal += m.start() - last;
            regex.append(m.group(1).isEmpty() ? "([^/]+?)" : "(.+?)");
            variables.add(m.group(2));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append('$');
        this.literalLength = literal + template.length() - last;
        this.pattern = Pattern.compile(regex.toString());
    }

    public String method() {
        return method;
    }

    public String template() {
        return template;
    }

    /** The operation's name, such as {@code compute.instances.insert}. */
    public String name() {
        return name;
    }

    FakeHandler handler() {
        return handler;
    }

    /** How much of the template is literal: the more, the earlier the route is tried. */
    int literalLength() {
        return literalLength;
    }

    /** The path variables when the path matches. */
    Optional<Map<String, String>> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            values.put(variables.get(i), java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.of(values);
    }

    @Override
    public String toString() {
        return method + " " + template + " (" + name + ")";
    }
}
