package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a plan's ownership records came from (rule 5: without them, no removal of a license the engine assigned is planned). */
public enum OwnershipSource {
    /** The engine's state database: licenses it assigned that no policy grants any more are removed. */
    @JsonProperty("state")
    STATE,
    /** No state was read: licenses the engine assigned that no policy grants any more are not shown. */
    @JsonProperty("none")
    NONE
}
