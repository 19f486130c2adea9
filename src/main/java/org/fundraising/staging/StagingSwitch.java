package org.fundraising.staging;

import org.fundraising.platform.ApiException;
import org.fundraising.platform.FundraisingConfig;

/** Staging can be switched off ({@code FUNDRAISING_ENABLE_GIFT_STAGING=false}): every staging route then answers 503. */
public final class StagingSwitch {

    private StagingSwitch() {
    }

    public static void requireOn(FundraisingConfig config) {
        if (!config.enableGiftStaging()) {
            throw new ApiException(503, "Gift staging is disabled");
        }
    }
}
