package io.seatwarden.reconcile;

import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.PrepaidUnits;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.reconcile.GraphFailure;
import io.seatwarden.reconcile.LicenseWriter;
import io.seatwarden.reconcile.UserLicenses;
import io.seatwarden.reconcile.WriteListener;
import io.seatwarden.reconcile.WriteOperation;
import io.seatwarden.reconcile.WriteResult;
import io.seatwarden.reconcile.WriterStats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A tenant in memory that reads and writes the way Graph does, for tests of the applier's own logic
 * (phases, guard, journal, ownership) apart from HTTP: an add needs a free seat, a removal of a
 * license held only through a group is refused, one seat per user per SKU. The Graph writer itself is
 * tested against the emulator.
 */
final class TestingDirectory implements DirectoryReader, LicenseWriter {
    private TenantSnapshot tenant;
    private final List<WriteOperation> sent = new ArrayList<>();
    private int batches;

    TestingDirectory(TenantSnapshot tenant) {
        this.tenant = tenant;
    }

    @Override
    public synchronized TenantSnapshot read(ReadScope scope) {
        return tenant;
    }

    synchronized TenantSnapshot tenant() {
        return tenant;
    }

    synchronized List<WriteOperation> sent() {
        return List.copyOf(sent);
    }

    /** Someone else takes seats (or frees them): consumedUnits moves by {@code delta}. */
    synchronized void consumeElsewhere(SkuId sku, int delta) {
        tenant = withConsumed(tenant, sku, delta);
    }

    @Override
    public synchronized List<WriteResult> write(List<WriteOperation> operations, WriteListener listener) {
        List<WriteResult> results = new ArrayList<>();
        for (int start = 0; start < operations.size(); start += 20) {
            List<WriteOperation> batch = operations.subList(start, Math.min(operations.size(), start + 20));
            listener.sending(batch);
            batches++;
            for (WriteOperation operation : batch) {
                sent.add(operation);
                Optional<GraphFailure> failure = carryOut(operation);
                WriteResult result = new WriteResult(operation, failure, 1, false);
                listener.settled(result);
                results.add(result);
            }
        }
        return results;
    }

    /** Carries a write out on the tenant, as Graph would; returns the refusal, if any. */
    synchronized Optional<GraphFailure> carryOut(WriteOperation operation) {
        User user = tenant.user(operation.user()).orElse(null);
        if (user == null) {
            return Optional.of(new GraphFailure.NotFound(operation.user().value()));
        }
        if (operation instanceof WriteOperation.SetUsageLocation set) {
            tenant = tenant.withUsers(List.of(user.withUsageLocation(set.usageLocation())));
            return Optional.empty();
        }
        WriteOperation.AssignLicenses assign = (WriteOperation.AssignLicenses) operation;
        List<LicenseAssignment> licenses = new ArrayList<>(user.licenses());
        TenantSnapshot next = tenant;
        for (SkuId removed : assign.removeLicenses()) {
            if (user.directLicense(removed).isEmpty()) {
                return Optional.of(user.holds(removed) ? new GraphFailure.InheritedOnly("inherited from a group")
                        : new GraphFailure.Other(400, "Request_BadRequest", "User does not have a corresponding license"));
            }
            licenses.removeIf(license -> license.isDirect() && license.skuId().equals(removed));
            if (licenses.stream().noneMatch(license -> license.skuId().equals(removed))) {
                next = withConsumed(next, removed, -1);
            }
        }
        for (LicenseAdd add : assign.addLicenses()) {
            SubscribedSku sku = next.sku(add.skuId()).orElse(null);
            if (sku == null) {
                return Optional.of(new GraphFailure.UnknownSku(add.skuId().toString()));
            }
            boolean held = licenses.stream().anyMatch(license -> license.skuId().equals(add.skuId()));
            if (!held && sku.consumedUnits() >= sku.prepaidUnits().enabled()) {
                return Optional.of(new GraphFailure.NoSeats("Subscription with SKU " + add.skuId() + " does not have any available licenses."));
            }
            licenses.removeIf(license -> license.isDirect() && license.skuId().equals(add.skuId()));
            licenses.add(LicenseAssignment.direct(add.skuId(), new TreeSet<>(add.disabledPlans())));
            if (!held) {
                next = withConsumed(next, add.skuId(), 1);
            }
        }
        tenant = next.withUsers(List.of(user.withLicenses(licenses)));
        return Optional.empty();
    }

    @Override
    public synchronized Map<UserId, Optional<UserLicenses>> readBack(Collection<UserId> users) {
        Map<UserId, Optional<UserLicenses>> found = new LinkedHashMap<>();
        for (UserId id : users) {
            found.put(id, tenant.user(id).map(user -> new UserLicenses(id, user.usageLocation(), user.licenses())));
        }
        return found;
    }

    @Override
    public synchronized WriterStats stats() {
        return new WriterStats(batches, sent.size(), 0, 0, java.time.Duration.ZERO);
    }

    private static TenantSnapshot withConsumed(TenantSnapshot tenant, SkuId skuId, int delta) {
        List<SubscribedSku> skus = new ArrayList<>();
        for (SubscribedSku sku : tenant.subscribedSkus()) {
            if (sku.skuId().equals(skuId)) {
                PrepaidUnits units = sku.prepaidUnits();
                skus.add(new SubscribedSku(sku.skuId(), sku.skuPartNumber(), sku.capabilityStatus(),
                        new PrepaidUnits(units.enabled(), units.suspended(), units.warning(), units.lockedOut()),
                        sku.consumedUnits() + delta, sku.servicePlans(), sku.appliesTo()));
            } else {
                skus.add(sku);
            }
        }
        return new TenantSnapshot(tenant.tenantId(), skus, tenant.users(), tenant.groups());
    }
}
