package io.seatwarden.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A webhook's address. An incoming-webhook URL is a credential (whoever has it can post), so
 * {@link #toString()} shows only its scheme and host, and {@link #secret()} is read only by the
 * code that sends. Only {@code https} is accepted, except to a loopback host (tests, a local relay).
 *
 * <p>Checked with a pattern rather than {@code java.net.URI}: the policy model does no I/O and
 * imports no {@code java.net}; the sender parses it again.
 */
public final class WebhookUrl {
    private static final Pattern SHAPE = Pattern.compile(
            "(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<host>\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._~%-]+)(?<port>:[0-9]{1,5})?(?<rest>[/?#][^\\s]*)?");

    private final String value;
    private final String scheme;
    private final String host;

    private WebhookUrl(String value, String scheme, String host) {
        this.value = value;
        this.scheme = scheme;
        this.host = host;
    }

    /** The URL, or why it is refused (the message never repeats the URL). */
    public static Result parse(String text) {
        requireNonNull(text, "text is null");
        Matcher matcher = SHAPE.matcher(text);
        if (!matcher.matches()) {
            return new Result(Optional.empty(), Optional.of("is not an absolute http(s) URL without user name or password"));
        }
        String scheme = matcher.group("scheme").toLowerCase(Locale.ROOT);
        String host = matcher.group("host").toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return new Result(Optional.empty(), Optional.of("must use https, not " + scheme));
        }
        if (scheme.equals("http") && !isLoopback(host)) {
            return new Result(Optional.empty(), Optional.of("must use https (plain http is allowed only to a loopback host"
                    + " such as 127.0.0.1): the payload and the URL itself would cross the network in the clear"));
        }
        return new Result(Optional.of(new WebhookUrl(text, scheme, host)), Optional.empty());
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.[0-9]{1,3}){3}");
    }

    /** The whole URL, to send to. Never log it. */
    public String secret() {
        return value;
    }

    /** The host, safe to show (the secret is in the path). */
    public String host() {
        return host;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookUrl url && url.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return scheme + "://" + host + "/…";
    }

    /** A parsed URL or the reason it was refused. */
    public record Result(Optional<WebhookUrl> url, Optional<String> problem) {}
}
