package io.seatwarden.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Loads policy files (the format in DESIGN.md, "Policy files") into a {@link PolicySet}.
 *
 * <p>Every problem in every file is collected, never just the first: unknown keys (with a
 * suggestion for a near miss), wrong types, missing required keys, duplicate policy names, a second
 * {@code settings:}, empty files and YAML syntax errors. Each names its {@code file:line:column}.
 * References (SKUs, groups, service plans) are checked later against the tenant, not here.
 *
 * <pre>{@code
 * PolicyLoadResult result = new PolicyLoader(cronSyntax).load(List.of(new PolicySource("policies/sales.yaml", text)));
 * result.problems().forEach(System.err::println);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class PolicyLoader {
    /** Keys a policy file may hold at its top level. */
    public static final List<String> FILE_KEYS = List.of("policies", "settings");
    /** Keys of one entry of {@code policies:}. */
    public static final List<String> POLICY_KEYS = List.of("name", "group", "priority", "usageLocation", "licenses");
    /** Keys of one entry of a policy's {@code licenses:}. */
    public static final List<String> LICENSE_KEYS = List.of("sku", "disabledPlans", "enabledPlans", "prune", "adopt", "reclaim");
    /** The keys of a license's {@code reclaim:} map. */
    public static final List<String> RECLAIM_KEYS = List.of("inactiveDays", "disabledAccounts");
    /** The longest {@code inactiveDays} and {@code removalGraceDays} accepted: ten years. */
    public static final int MAX_DAYS = 3650;
    /** Keys of {@code settings:}. */
    public static final List<String> SETTINGS_KEYS = List.of("reserve", "maxRemovals", "maxRemovalsPercent",
            "protectedUsers", "includeDisabledAccounts", "countWarningSeats", "schedule", "removalGraceDays", "prices", "currency",
            "notify");
    /** Keys of one entry of {@code settings.notify}. */
    public static final List<String> NOTIFY_KEYS = List.of("url", "on", "format");

    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000");

    private final CronSyntax cronSyntax;
    private final YamlTreeReader reader = new YamlTreeReader();

    public PolicyLoader(CronSyntax cronSyntax) {
        this.cronSyntax = requireNonNull(cronSyntax, "cronSyntax is null");
    }

    /** Loads these files as one policy directory; they are read in order of their names. */
    public PolicyLoadResult load(List<PolicySource> sources) {
        List<PolicySource> sorted = sources.stream().sorted(Comparator.comparing(PolicySource::name)).toList();
        List<String> names = sorted.stream().map(PolicySource::name).toList();
        Load load = new Load();
        if (sorted.isEmpty()) {
            load.problems.add(SourceLocation.unknown("(policies)"), "no policy files (*.yaml, *.yml) to load");
        }
        for (PolicySource source : sorted) {
            reader.read(source, load.problems).ifPresent(load::readFile);
        }
        if (!load.problems.isEmpty()) {
            return PolicyLoadResult.invalid(load.problems.sorted(), names);
        }
        return PolicyLoadResult.valid(new PolicySet(load.policies, load.settings.orElseGet(Settings::defaults)), names);
    }

    /** The state of one {@link #load} call: what was read so far, across files. */
    private final class Load {
        private final Problems problems = new Problems();
        private final List<Policy> policies = new ArrayList<>();
        private final Map<String, SourceLocation> policyNames = new HashMap<>();
        private Optional<Settings> settings = Optional.empty();
        private Optional<SourceLocation> settingsLocation = Optional.empty();

        void readFile(YamlNode root) {
            if (!(root instanceof YamlNode.Mapping file)) {
                problems.add(root.location(), "a policy file is a map with 'policies:' and/or 'settings:', not " + root.describe());
                return;
            }
            if (file.entries().isEmpty()) {
                problems.add(file.location(), "the file is empty");
            }
            checkKeys(file, FILE_KEYS);
            file.entry("policies").flatMap(this::sequence).ifPresent(list -> list.items().forEach(this::readPolicy));
            file.entry("settings").ifPresent(this::readSettingsEntry);
        }

        private void readPolicy(YamlNode node) {
            if (!(node instanceof YamlNode.Mapping policy)) {
                problems.add(node.location(), "a policy is a map with name, group and licenses, not " + node.describe());
                return;
            }
            checkKeys(policy, POLICY_KEYS);
            Optional<String> name = required(policy, "name").flatMap(this::text);
            name.ifPresent(value -> checkUniqueName(value, policy.entry("name").orElseThrow().value().location()));
            Optional<String> group = required(policy, "group").flatMap(this::text);
            OptionalInt priority = optionalInt(policy.entry("priority").flatMap(entry -> integer(entry, Integer.MIN_VALUE, Integer.MAX_VALUE)));
            Optional<Optional<String>> usageLocation = policy.entry("usageLocation")
                    .map(entry -> text(entry).filter(code -> checkCountryCode(code, entry)));
            Optional<List<LicenseGrant>> licenses = required(policy, "licenses").flatMap(this::readLicenses);
            boolean complete = name.isPresent() && group.isPresent() && licenses.isPresent()
                    && usageLocation.map(Optional::isPresent).orElse(true);
            if (complete) {
                policies.add(new Policy(name.get(), group.get(), priority.orElse(0), usageLocation.flatMap(code -> code),
                        licenses.get(), policy.location()));
            }
        }

        private void checkUniqueName(String name, SourceLocation location) {
            SourceLocation first = policyNames.putIfAbsent(name, location);
            if (first != null) {
                problems.add(location, "duplicate policy name '" + name + "' (first defined at " + first + ")");
            }
        }

        private boolean checkCountryCode(String code, YamlNode.Entry entry) {
            if (COUNTRY_CODE.matcher(code).matches()) {
                return true;
            }
            problems.add(entry.value().location(), "usageLocation must be a two-letter ISO 3166 country code in capitals,"
                    + " such as US or DE, not '" + code + "'");
            return false;
        }

        private Optional<List<LicenseGrant>> readLicenses(YamlNode.Entry entry) {
            Optional<YamlNode.Sequence> list = sequence(entry);
            if (list.isEmpty()) {
                return Optional.empty();
            }
            if (list.get().items().isEmpty()) {
                problems.add(entry.value().location(), "'licenses' is empty: a policy grants at least one license");
                return Optional.empty();
            }
            List<LicenseGrant> grants = new ArrayList<>();
            Map<String, SourceLocation> skus = new HashMap<>();
            boolean complete = true;
            for (YamlNode item : list.get().items()) {
                Optional<LicenseGrant> grant = readLicense(item);
                grant.ifPresent(grants::add);
                grant.ifPresent(license -> {
                    SourceLocation first = skus.putIfAbsent(license.sku(), license.location());
                    if (first != null) {
                        problems.add(license.location(), "sku '" + license.sku() + "' is granted twice by this policy"
                                + " (first at " + first + ")");
                    }
                });
                complete &= grant.isPresent();
            }
            return complete ? Optional.of(grants) : Optional.empty();
        }

        private Optional<LicenseGrant> readLicense(YamlNode node) {
            if (!(node instanceof YamlNode.Mapping license)) {
                problems.add(node.location(), "a license is a map with sku (and optionally disabledPlans, enabledPlans,"
                        + " prune, adopt, reclaim), not " + node.describe());
                return Optional.empty();
            }
            checkKeys(license, LICENSE_KEYS);
            Optional<String> sku = required(license, "sku").flatMap(this::text);
            Optional<Optional<List<String>>> disabledPlans = license.entry("disabledPlans").map(this::textList);
            Optional<Optional<List<String>>> enabledPlans = license.entry("enabledPlans").map(this::textList);
            Optional<Optional<Boolean>> prune = license.entry("prune").map(this::bool);
            Optional<Optional<Boolean>> adopt = license.entry("adopt").map(this::bool);
            Optional<Optional<Reclaim>> reclaim = license.entry("reclaim").map(this::reclaim);
            if (disabledPlans.isPresent() && enabledPlans.isPresent()) {
                problems.add(license.entry("enabledPlans").orElseThrow().keyLocation(),
                        "use either disabledPlans or enabledPlans (an allow-list), not both");
                return Optional.empty();
            }
            boolean complete = sku.isPresent()
                    && disabledPlans.map(Optional::isPresent).orElse(true)
                    && enabledPlans.map(Optional::isPresent).orElse(true)
                    && prune.map(Optional::isPresent).orElse(true)
                    && adopt.map(Optional::isPresent).orElse(true)
                    && reclaim.map(Optional::isPresent).orElse(true);
            if (!complete) {
                return Optional.empty();
            }
            return Optional.of(new LicenseGrant(sku.get(), disabledPlans.flatMap(plans -> plans).orElse(List.of()),
                    enabledPlans.flatMap(plans -> plans), prune.flatMap(value -> value).orElse(false),
                    adopt.flatMap(value -> value).orElse(false), reclaim.flatMap(value -> value), license.location()));
        }

        private Optional<Reclaim> reclaim(YamlNode.Entry entry) {
            Optional<YamlNode.Mapping> map = mapping(entry);
            if (map.isEmpty()) {
                return Optional.empty();
            }
            checkKeys(map.get(), RECLAIM_KEYS);
            int before = problemCount();
            OptionalInt inactiveDays = optionalInt(map.get().entry("inactiveDays").flatMap(days -> integer(days, 1, MAX_DAYS)));
            boolean disabledAccounts = map.get().entry("disabledAccounts").flatMap(this::bool).orElse(false);
            if (problemCount() != before) {
                return Optional.empty();
            }
            if (inactiveDays.isEmpty() && !disabledAccounts) {
                problems.add(entry.keyLocation(), "'reclaim' reclaims nothing: give inactiveDays, or disabledAccounts: true");
                return Optional.empty();
            }
            return Optional.of(new Reclaim(inactiveDays, disabledAccounts));
        }

        private void readSettingsEntry(YamlNode.Entry entry) {
            if (settingsLocation.isPresent()) {
                problems.add(entry.keyLocation(), "settings are already defined at " + settingsLocation.get()
                        + "; at most one policy file may hold 'settings:'");
                return;
            }
            settingsLocation = Optional.of(entry.keyLocation());
            mapping(entry).ifPresent(map -> settings = readSettings(map, entry.keyLocation()));
        }

        private Optional<Settings> readSettings(YamlNode.Mapping map, SourceLocation location) {
            checkKeys(map, SETTINGS_KEYS);
            int before = problemCount();
            Map<String, Integer> reserve = new LinkedHashMap<>();
            map.entry("reserve").flatMap(this::mapping).ifPresent(skus -> skus.entries().forEach(
                    sku -> integer(sku, 0, Integer.MAX_VALUE).ifPresent(seats -> reserve.put(sku.key(), seats))));
            int maxRemovals = map.entry("maxRemovals").flatMap(entry -> integer(entry, 0, Integer.MAX_VALUE))
                    .orElse(Settings.DEFAULT_MAX_REMOVALS);
            OptionalInt maxRemovalsPercent = optionalInt(map.entry("maxRemovalsPercent").flatMap(entry -> integer(entry, 0, 100)));
            List<String> protectedUsers = map.entry("protectedUsers").flatMap(this::textList).orElse(List.of());
            boolean includeDisabledAccounts = map.entry("includeDisabledAccounts").flatMap(this::bool).orElse(false);
            boolean countWarningSeats = map.entry("countWarningSeats").flatMap(this::bool).orElse(false);
            Optional<String> schedule = map.entry("schedule").flatMap(entry -> text(entry).filter(cron -> checkCron(cron, entry)));
            int removalGraceDays = map.entry("removalGraceDays").flatMap(entry -> integer(entry, 0, MAX_DAYS)).orElse(0);
            Map<String, BigDecimal> prices = new LinkedHashMap<>();
            Optional<YamlNode.Entry> pricesEntry = map.entry("prices");
            pricesEntry.flatMap(this::mapping).ifPresent(skus -> skus.entries().forEach(
                    sku -> price(sku).ifPresent(price -> prices.put(sku.key(), price))));
            Optional<String> currency = map.entry("currency").flatMap(entry -> text(entry).filter(code -> checkCurrency(code, entry)));
            if (pricesEntry.isPresent() && map.entry("currency").isEmpty()) {
                problems.add(pricesEntry.get().keyLocation(), "'prices' needs a 'currency' (an ISO 4217 code such as EUR or USD)"
                        + " so that reports say what the amounts are in");
            }
            List<NotifyTarget> notify = new ArrayList<>();
            map.entry("notify").flatMap(this::sequence).ifPresent(list -> list.items().forEach(
                    item -> readNotifyTarget(item).ifPresent(notify::add)));
            if (problemCount() != before) {
                return Optional.empty();
            }
            return Optional.of(new Settings(reserve, maxRemovals, maxRemovalsPercent, protectedUsers,
                    includeDisabledAccounts, countWarningSeats, schedule, removalGraceDays, location, prices, currency, notify));
        }

        /** A price per seat per month: a number, zero or more, with at most four decimals. */
        private Optional<BigDecimal> price(YamlNode.Entry entry) {
            if (!hasValue(entry)) {
                return Optional.empty();
            }
            String expected = "the price of '" + entry.key() + "' must be a number of at least 0 with at most 4 decimals"
                    + " (per seat per month)";
            if (entry.value() instanceof YamlNode.Scalar scalar
                    && (scalar.kind() == YamlNode.Scalar.Kind.INTEGER || scalar.kind() == YamlNode.Scalar.Kind.DECIMAL)) {
                try {
                    BigDecimal value = new BigDecimal(scalar.text().replace("_", "").replace("+", ""));
                    if (value.signum() >= 0 && value.stripTrailingZeros().scale() <= 4 && value.compareTo(MAX_PRICE) <= 0) {
                        return Optional.of(value);
                    }
                } catch (NumberFormatException notANumber) {
                    // reported below
                }
                problems.add(scalar.location(), expected + ", not " + scalar.text());
                return Optional.empty();
            }
            problems.add(entry.value().location(), expected + ", not " + entry.value().describe());
            return Optional.empty();
        }

        private boolean checkCurrency(String code, YamlNode.Entry entry) {
            if (CURRENCY_CODE.matcher(code).matches()) {
                try {
                    java.util.Currency.getInstance(code);
                    return true;
                } catch (IllegalArgumentException unknown) {
                    // reported below
                }
            }
            problems.add(entry.value().location(), "currency must be an ISO 4217 code in capitals, such as EUR or USD, not '"
                    + code + "'");
            return false;
        }

        private Optional<NotifyTarget> readNotifyTarget(YamlNode node) {
            if (!(node instanceof YamlNode.Mapping target)) {
                problems.add(node.location(), "a notify entry is a map with url, on (and optionally format), not " + node.describe());
                return Optional.empty();
            }
            checkKeys(target, NOTIFY_KEYS);
            Optional<WebhookUrl> url = required(target, "url").flatMap(entry -> text(entry).flatMap(text -> {
                WebhookUrl.Result parsed = WebhookUrl.parse(text);
                parsed.problem().ifPresent(problem -> problems.add(entry.value().location(), "notify url " + problem));
                return parsed.url();
            }));
            Optional<Set<NotifyEvent>> on = required(target, "on").flatMap(this::notifyEvents);
            Optional<NotifyFormat> format = target.entry("format").map(entry -> text(entry).flatMap(text -> {
                Optional<NotifyFormat> known = NotifyFormat.fromKey(text);
                if (known.isEmpty()) {
                    problems.add(entry.value().location(), "notify format must be one of json, teams, slack, not '" + text + "'");
                }
                return known;
            })).orElse(Optional.of(NotifyFormat.JSON));
            if (url.isEmpty() || on.isEmpty() || format.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new NotifyTarget(url.get(), on.get(), format.get(), target.location()));
        }

        private Optional<Set<NotifyEvent>> notifyEvents(YamlNode.Entry entry) {
            Optional<List<String>> names = textList(entry);
            if (names.isEmpty()) {
                return Optional.empty();
            }
            if (names.get().isEmpty()) {
                problems.add(entry.value().location(), "'on' is empty: name at least one of " + String.join(", ", NotifyTarget.eventNames()));
                return Optional.empty();
            }
            Set<NotifyEvent> events = java.util.EnumSet.noneOf(NotifyEvent.class);
            boolean complete = true;
            for (String name : names.get()) {
                Optional<NotifyEvent> event = NotifyEvent.fromKey(name);
                if (event.isEmpty()) {
                    String hint = KeySuggestions.closest(name, NotifyTarget.eventNames())
                            .map(key -> "did you mean '" + key + "'?")
                            .orElse("expected one of: " + String.join(", ", NotifyTarget.eventNames()));
                    problems.add(entry.value().location(), "unknown notify event '" + name + "' (" + hint + ")");
                    complete = false;
                } else {
                    events.add(event.get());
                }
            }
            return complete ? Optional.of(events) : Optional.empty();
        }

        private boolean checkCron(String expression, YamlNode.Entry entry) {
            Optional<String> problem = cronSyntax.problem(expression);
            problem.ifPresent(message -> problems.add(entry.value().location(),
                    "schedule '" + expression + "' is not a valid Quartz cron expression: " + message));
            return problem.isEmpty();
        }

        private int problemCount() {
            return problems.size();
        }

        private void checkKeys(YamlNode.Mapping map, List<String> known) {
            for (YamlNode.Entry entry : map.entries()) {
                if (!known.contains(entry.key())) {
                    String hint = KeySuggestions.closest(entry.key(), known)
                            .map(key -> "did you mean '" + key + "'?")
                            .orElse("expected one of: " + String.join(", ", known));
                    problems.add(entry.keyLocation(), "unknown key '" + entry.key() + "' (" + hint + ")");
                }
            }
        }

        private Optional<YamlNode.Entry> required(YamlNode.Mapping map, String key) {
            Optional<YamlNode.Entry> entry = map.entry(key);
            if (entry.isEmpty()) {
                problems.add(map.location(), "missing required key '" + key + "'");
            }
            return entry;
        }

        private boolean hasValue(YamlNode.Entry entry) {
            if (entry.value() instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Scalar.Kind.NULL) {
                problems.add(entry.keyLocation(), "'" + entry.key() + "' has no value");
                return false;
            }
            return true;
        }

        private Optional<String> text(YamlNode.Entry entry) {
            return hasValue(entry) ? textValue(entry.value(), "'" + entry.key() + "'") : Optional.empty();
        }

        /** A string; numbers are taken as written (a group may be called 2024), booleans are refused. */
        private Optional<String> textValue(YamlNode node, String what) {
            if (node instanceof YamlNode.Scalar scalar
                    && (scalar.kind() == YamlNode.Scalar.Kind.STRING
                    || scalar.kind() == YamlNode.Scalar.Kind.INTEGER
                    || scalar.kind() == YamlNode.Scalar.Kind.DECIMAL)) {
                if (scalar.text().isBlank()) {
                    problems.add(node.location(), what + " is empty");
                    return Optional.empty();
                }
                return Optional.of(scalar.text().strip());
            }
            String hint = node instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Scalar.Kind.BOOLEAN
                    ? " (quote it if you mean the text)" : "";
            problems.add(node.location(), what + " must be a string, not " + node.describe() + hint);
            return Optional.empty();
        }

        private Optional<List<String>> textList(YamlNode.Entry entry) {
            Optional<YamlNode.Sequence> list = sequence(entry);
            if (list.isEmpty()) {
                return Optional.empty();
            }
            List<String> values = new ArrayList<>();
            for (YamlNode item : list.get().items()) {
                textValue(item, "an entry of '" + entry.key() + "'").ifPresent(values::add);
            }
            return values.size() == list.get().items().size() ? Optional.of(values) : Optional.empty();
        }

        private Optional<Integer> integer(YamlNode.Entry entry, int min, int max) {
            if (!hasValue(entry)) {
                return Optional.empty();
            }
            String expected = "'" + entry.key() + "' must be a whole number from " + min + " to " + max;
            if (!(entry.value() instanceof YamlNode.Scalar scalar) || scalar.kind() != YamlNode.Scalar.Kind.INTEGER) {
                problems.add(entry.value().location(), expected + ", not " + entry.value().describe());
                return Optional.empty();
            }
            try {
                int value = Integer.parseInt(scalar.text().replace("_", "").replace("+", ""));
                if (value >= min && value <= max) {
                    return Optional.of(value);
                }
            } catch (NumberFormatException outOfRange) {
                // reported below, like any other value out of range
            }
            problems.add(scalar.location(), expected + ", not " + scalar.text());
            return Optional.empty();
        }

        private Optional<Boolean> bool(YamlNode.Entry entry) {
            if (!hasValue(entry)) {
                return Optional.empty();
            }
            if (entry.value() instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Scalar.Kind.BOOLEAN) {
                return Optional.of(Boolean.parseBoolean(scalar.text()));
            }
            problems.add(entry.value().location(), "'" + entry.key() + "' must be true or false, not " + entry.value().describe());
            return Optional.empty();
        }

        private Optional<YamlNode.Sequence> sequence(YamlNode.Entry entry) {
            if (!hasValue(entry)) {
                return Optional.empty();
            }
            if (entry.value() instanceof YamlNode.Sequence list) {
                return Optional.of(list);
            }
            problems.add(entry.value().location(), "'" + entry.key() + "' must be a list, not " + entry.value().describe());
            return Optional.empty();
        }

        private Optional<YamlNode.Mapping> mapping(YamlNode.Entry entry) {
            if (!hasValue(entry)) {
                return Optional.empty();
            }
            if (entry.value() instanceof YamlNode.Mapping map) {
                return Optional.of(map);
            }
            problems.add(entry.value().location(), "'" + entry.key() + "' must be a map, not " + entry.value().describe());
            return Optional.empty();
        }
    }

    private static OptionalInt optionalInt(Optional<Integer> value) {
        return value.map(OptionalInt::of).orElseGet(OptionalInt::empty);
    }
}
