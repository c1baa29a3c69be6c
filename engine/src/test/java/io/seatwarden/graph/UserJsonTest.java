package io.seatwarden.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.microsoft.kiota.serialization.JsonParseNodeFactory;
import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.User;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link UserJson} maps a user object as the SDK's deserializer followed by
 * {@link GraphDirectoryReader#user(com.microsoft.graph.models.User)} does: each document is read both
 * ways (Kiota's own JSON parse node and model, and the streaming parser) and the two {@link User}s compared.
 * The shapes are those the emulator does not produce: JSON nulls, empty lists, fields in another order,
 * unknown states and fields, the "None" error.
 */
class UserJsonTest {
    private static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    private static final String PLAN = "efb87545-963c-4e0d-99df-69c6916d9eb0";
    private static final String GROUP = "11111111-0000-0000-0000-000000000001";

    @ParameterizedTest
    @ValueSource(strings = {
        // a plain member, fields in $select order
        "{'id':'u1','userPrincipalName':'a@contoso.test','displayName':'A','userType':'Member','accountEnabled':true,"
            + "'usageLocation':'US','assignedLicenses':[{'skuId':'" + E3 + "','disabledPlans':['" + PLAN + "']}],"
            + "'licenseAssignmentStates':[{'skuId':'" + E3 + "','disabledPlans':['" + PLAN + "'],'assignedByGroup':null,"
            + "'state':'Active','error':'None','lastUpdatedDateTime':'2026-01-01T00:00:00Z'}]}",
        // id last, unknown fields and objects, @odata.type, a group-inherited state in error
        "{'@odata.type':'#microsoft.graph.user','userPrincipalName':'b@contoso.test','mail':null,'manager':{'id':'x'},"
            + "'businessPhones':['1'],'assignedLicenses':[],'licenseAssignmentStates':[{'skuId':'" + E3 + "','disabledPlans':[],"
            + "'assignedByGroup':'" + GROUP + "','state':'Error','error':'CountViolation'}],'id':'u2'}",
        // states missing: assignedLicenses alone are direct licenses; accountEnabled false; onPremisesSyncEnabled
        "{'id':'u3','userPrincipalName':'c@contoso.test','accountEnabled':false,'onPremisesSyncEnabled':true,"
            + "'assignedLicenses':[{'skuId':'" + E3 + "','disabledPlans':null}]}",
        // states empty while assignedLicenses is not: read from assignedLicenses
        "{'id':'u4','userPrincipalName':'d@contoso.test','assignedLicenses':[{'skuId':'" + E3 + "'}],'licenseAssignmentStates':[]}",
        // JSON nulls everywhere: absent-alikes; accountEnabled null means enabled
        "{'id':'u5','userPrincipalName':'e@contoso.test','displayName':null,'userType':null,'creationType':null,"
            + "'externalUserState':null,'accountEnabled':null,'usageLocation':null,'onPremisesSyncEnabled':null,"
            + "'assignedLicenses':null,'licenseAssignmentStates':null}",
        // a state Graph may add later, blank assignedByGroup, a guest invited and pending
        "{'id':'u6','userPrincipalName':'f_x.com#EXT#@contoso.test','userType':'Guest','creationType':'Invitation',"
            + "'externalUserState':'PendingAcceptance','assignedLicenses':[{'skuId':'" + E3 + "','disabledPlans':[]}],"
            + "'licenseAssignmentStates':[{'skuId':'" + E3 + "','assignedByGroup':' ','state':'SomethingNew'},"
            + "{'skuId':null,'state':'Active'}]}",
    })
    void mapsAUserAsTheSdkModelDoes(String document) {
        String json = document.replace('\'', '"');
        User expected = GraphDirectoryReader.user(sdkModel(json));
        User streamed = streamed(json).toUser();
        assertThat(streamed).isEqualTo(expected);
    }

    @Test
    void aUserWithoutUserPrincipalNameFailsAsBefore() {
        String json = "{\"id\":\"u7\",\"displayName\":\"G\"}";
        String before = catchMessage(() -> GraphDirectoryReader.user(sdkModel(json)));
        assertThatThrownBy(() -> streamed(json).toUser()).isInstanceOf(DirectoryReadException.class).hasMessage(before);
    }

    @Test
    void tellsWhetherAssignedLicensesListASku() {
        UserJson user = streamed("{\"id\":\"u8\",\"userPrincipalName\":\"h@contoso.test\",\"assignedLicenses\":[{\"skuId\":\"" + E3 + "\"}],"
                + "\"licenseAssignmentStates\":[{\"skuId\":\"" + PLAN + "\",\"state\":\"Error\"}]}");
        assertThat(user.assigned(new SkuId(UUID.fromString(E3)))).isTrue();
        // a state in error is not an assigned license: Graph's assignedLicenses/any filter does not match it
        assertThat(user.assigned(new SkuId(UUID.fromString(PLAN)))).isFalse();
    }

    private static String catchMessage(Runnable action) {
        try {
            action.run();
        } catch (DirectoryReadException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a DirectoryReadException");
    }

    private static com.microsoft.graph.models.User sdkModel(String json) {
        try {
            return new JsonParseNodeFactory().getParseNode("application/json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                    .getObjectValue(com.microsoft.graph.models.User::createFromDiscriminatorValue);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static UserJson streamed(String json) {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            parser.nextToken();
            return UserJson.read(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
