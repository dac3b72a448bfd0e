package io.orderhub.returns.domain;

import java.util.List;
import java.util.Set;

/**
 * The reading of one customer message.
 *
 * @param intent        the best reading, or null when no intent can be read at all
 * @param confidence    0..1; below the configured minimum the request goes to manual review
 * @param needsReview   confidence below the minimum, or no intent: a person decides, never a silent guess
 * @param desiredSize   the size asked for: absolute ("42", "XL") or relative ("+1", "-1"), or null
 * @param desiredColour the colour asked for, in English ("black"), or null
 * @param desiredSku    an SKU the customer named, or null
 * @param evidence      the cues that decided, for the audit trail and for people reviewing it
 */
public record Classification(Intent intent, double confidence, boolean needsReview, Set<ReturnFlag> flags,
        String desiredSize, String desiredColour, String desiredSku, List<String> evidence) {

    public boolean has(ReturnFlag flag) {
        return flags.contains(flag);
    }
}
