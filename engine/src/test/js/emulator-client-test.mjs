// A second, independent client of the Seatwarden Graph emulator: Microsoft's JavaScript Graph SDK
// (@microsoft/microsoft-graph-client) pages users, reads SKUs, assigns a license and sends a $batch.
// Usage: node emulator-client-test.mjs http://127.0.0.1:PORT/v1.0
// Prints one line per check and a closing "N passed, M failed"; exits 1 when anything failed.
import {
    BatchRequestContent,
    BatchResponseContent,
    Client,
    HTTPMessageHandler,
    PageIterator,
    RetryHandler,
    RetryHandlerOptions,
} from "@microsoft/microsoft-graph-client";

const baseUrl = process.argv[2];
if (!baseUrl || !/^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/.test(baseUrl)) {
    console.error("usage: node emulator-client-test.mjs http://127.0.0.1:PORT/v1.0");
    process.exit(2);
}
const root = baseUrl.slice(0, -"v1.0".length); // http://127.0.0.1:PORT/

/**
 * The JS SDK strips the host off absolute URLs (nextLinks) only for https; the emulator is plain
 * http on loopback, so a nextLink would be appended to the base. This middleware undoes that and
 * adds a bearer token (the SDK's AuthenticationHandler only sends tokens to https Graph hosts).
 */
class LoopbackHandler {
    async execute(context) {
        const url = typeof context.request === "string" ? context.request : context.request.url;
        const again = url.indexOf("http://", 1);
        if (again > 0) {
            context.request = url.substring(again);
        }
        context.options = context.options || {};
        const headers = new Headers(context.options.headers || {});
        headers.set("Authorization", "Bearer fake-js-token");
        context.options.headers = headers;
        return this.next.execute(context);
    }

    setNext(next) {
        this.next = next;
    }
}

const client = Client.initWithMiddleware({
    baseUrl: root,
    defaultVersion: "v1.0",
    middleware: [new LoopbackHandler(), new RetryHandler(new RetryHandlerOptions()), new HTTPMessageHandler()],
});

let passed = 0;
let failed = 0;

function check(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

async function test(name, body) {
    try {
        await body();
        passed++;
        console.log(`ok   ${name}`);
    } catch (error) {
        failed++;
        console.log(`FAIL ${name}: ${error && error.stack ? error.stack : error}`);
    }
}

async function expectGraphError(call, status, code) {
    try {
        await call();
    } catch (error) {
        check(error.statusCode === status, `expected HTTP ${status}, got ${error.statusCode} (${error.message})`);
        check(error.code === code, `expected error code ${code}, got ${error.code}`);
        return error;
    }
    throw new Error(`expected HTTP ${status} ${code}, but the call succeeded`);
}

await test("pages users with PageIterator", async () => {
    const all = await client.api("/users").select(["id", "userPrincipalName"]).top(999).get();
    check(all.value.length >= 3, `the tenant needs at least 3 users, got ${all.value.length}`);
    const first = await client.api("/users").select(["id", "userPrincipalName"]).top(2).get();
    check(first.value.length === 2, `a page of $top=2 has ${first.value.length} users`);
    check(typeof first["@odata.nextLink"] === "string" && first["@odata.nextLink"].startsWith(baseUrl + "/users?"),
        `absolute nextLink on the base URL expected, got ${first["@odata.nextLink"]}`);
    const ids = [];
    const iterator = new PageIterator(client, first, (user) => {
        ids.push(user.id);
        return true;
    });
    await iterator.iterate();
    check(iterator.isComplete(), "the iterator did not complete");
    check(new Set(ids).size === ids.length, "a user came back twice");
    check(ids.length === all.value.length, `paged ${ids.length} users, one page of 999 has ${all.value.length}`);
    check(ids.join() === all.value.map((user) => user.id).join(), "paging changed the order of users");
    const defaults = await client.api(`/users/${encodeURIComponent(all.value[0].userPrincipalName)}`).get();
    check("businessPhones" in defaults && !("assignedLicenses" in defaults), "default property set expected without $select");
});

await test("reads subscribed SKUs and the organization", async () => {
    const organization = await client.api("/organization").get();
    check(organization.value.length === 1, "one organization expected");
    const tenantId = organization.value[0].id;
    const skus = await client.api("/subscribedSkus").get();
    check(skus["@odata.context"].endsWith("$metadata#subscribedSkus"), `odata context: ${skus["@odata.context"]}`);
    check(skus.value.length > 0, "no SKUs");
    for (const sku of skus.value) {
        check(sku.id === `${tenantId}_${sku.skuId}`, `SKU id ${sku.id} is not {tenantId}_{skuId}`);
        check(Number.isInteger(sku.consumedUnits) && sku.consumedUnits >= 0, `consumedUnits of ${sku.skuPartNumber}`);
        check(Number.isInteger(sku.prepaidUnits.enabled), `prepaidUnits.enabled of ${sku.skuPartNumber}`);
    }
    const selected = await client.api("/subscribedSkus").select(["skuId", "consumedUnits"]).get();
    check(selected.value.every((sku) => !("skuPartNumber" in sku)), "$select was not honoured");
    await expectGraphError(() => client.api("/subscribedSkus").filter("skuPartNumber eq 'X'").get(), 400, "Request_UnsupportedQuery");
});

/** A User-level SKU with a free seat, and a user with a usage location who does not hold it. */
async function freeSeatAndUser() {
    const skus = (await client.api("/subscribedSkus").get()).value;
    const sku = skus.find((candidate) => (candidate.appliesTo || "User") === "User"
        && candidate.prepaidUnits.enabled - candidate.consumedUnits > 0);
    check(sku, "no SKU with a free seat");
    const users = (await client.api("/users").select(["id", "userPrincipalName", "usageLocation", "assignedLicenses"]).top(999).get()).value;
    const user = users.find((candidate) => candidate.usageLocation
        && !candidate.assignedLicenses.some((license) => license.skuId === sku.skuId));
    check(user, `no user with a usage location lacks ${sku.skuPartNumber}`);
    return { sku, user };
}

await test("assigns a license", async () => {
    const { sku, user } = await freeSeatAndUser();
    const updated = await client.api(`/users/${user.id}/assignLicense`)
        .post({ addLicenses: [{ skuId: sku.skuId, disabledPlans: [] }], removeLicenses: [] });
    check(updated.id === user.id, "the answer is not the user");
    check(updated.assignedLicenses.some((license) => license.skuId === sku.skuId), "the license is not on the user");
    const after = (await client.api("/subscribedSkus").get()).value.find((candidate) => candidate.skuId === sku.skuId);
    check(after.consumedUnits === sku.consumedUnits + 1, `consumedUnits ${sku.consumedUnits} -> ${after.consumedUnits}`);
    const error = await expectGraphError(() => client.api(`/users/${user.id}/assignLicense`)
        .post({ addLicenses: [{ skuId: sku.skuId, disabledPlans: [] }] }), 400, "Request_BadRequest");
    check(/removeLicenses/.test(error.message), `the error names removeLicenses: ${error.message}`);
    await expectGraphError(() => client.api("/users/nobody@nowhere.test").get(), 404, "Request_ResourceNotFound");
});

await test("sends a $batch with dependsOn", async () => {
    const { sku, user } = await freeSeatAndUser();
    const json = { "Content-Type": "application/json" };
    // The JS SDK allows only parallel, serial or same-dependency batches (Microsoft's advice): send one of each kind.
    const parallel = new BatchRequestContent([
        { id: "read", request: new Request(`${baseUrl}/users/${user.id}?$select=id,assignedLicenses`, { method: "GET" }) },
        { id: "skus", request: new Request(`${baseUrl}/subscribedSkus?$select=skuId,consumedUnits`, { method: "GET" }) },
    ]);
    const serial = new BatchRequestContent([
        {
            id: "bad",
            request: new Request(`${baseUrl}/users/${user.id}/assignLicense`, {
                method: "POST", headers: json,
                body: JSON.stringify({ addLicenses: [{ skuId: "00000000-1111-2222-3333-444444444444", disabledPlans: [] }], removeLicenses: [] }),
            }),
        },
        {
            id: "after-bad", dependsOn: ["bad"],
            request: new Request(`${baseUrl}/users/${user.id}/assignLicense`, {
                method: "POST", headers: json,
                body: JSON.stringify({ addLicenses: [{ skuId: sku.skuId, disabledPlans: [] }], removeLicenses: [] }),
            }),
        },
    ]);
    const responses = new BatchResponseContent(await client.api("/$batch").post(await parallel.getContent()));
    check(responses.getResponseById("read").status === 200, "read step");
    check(responses.getResponseById("skus").status === 200, "skus step");
    const chained = new BatchResponseContent(await client.api("/$batch").post(await serial.getContent()));
    check(chained.getResponseById("bad").status === 400, `bad step: ${chained.getResponseById("bad").status}`);
    check(chained.getResponseById("after-bad").status === 424, `dependent step: ${chained.getResponseById("after-bad").status}`);
    const read = await responses.getResponseById("read").json();
    check(read.id === user.id && Array.isArray(read.assignedLicenses), "read step body");
    const skus = (await client.api("/subscribedSkus").get()).value.find((candidate) => candidate.skuId === sku.skuId);
    check(skus.consumedUnits === sku.consumedUnits, "the dependent assignLicense ran although its dependency failed");
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
