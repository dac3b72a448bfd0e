package io.orderhub.returns.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SKU an exchange ships, told from the original SKU and what the customer asked for, when the SKU spells its
 * variant in dash-separated segments ({@code SHOE-RUN-BLK-38}, {@code TEE-WHITE-M}): the size segment is replaced or
 * stepped ("大一码" on 38 → 39, on M → L), the colour segment replaced in the same style (BLK → WHT, BLACK → WHITE).
 */
public final class SkuVariants {
    private static final List<String> LETTER_SIZES = List.of("XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL");
    private static final Map<String, String[]> COLOUR_CODES = Map.ofEntries(
            Map.entry("black", new String[]{"BLACK", "BLK"}), Map.entry("white", new String[]{"WHITE", "WHT"}),
            Map.entry("red", new String[]{"RED", "RED"}), Map.entry("blue", new String[]{"BLUE", "BLU"}),
            Map.entry("green", new String[]{"GREEN", "GRN"}), Map.entry("grey", new String[]{"GREY", "GRY"}),
            Map.entry("pink", new String[]{"PINK", "PNK"}), Map.entry("navy", new String[]{"NAVY", "NVY"}),
            Map.entry("brown", new String[]{"BROWN", "BRN"}), Map.entry("yellow", new String[]{"YELLOW", "YLW"}),
            Map.entry("purple", new String[]{"PURPLE", "PPL"}), Map.entry("beige", new String[]{"BEIGE", "BGE"}),
            Map.entry("khaki", new String[]{"KHAKI", "KHK"}));

    private SkuVariants() {
    }

    /** The new SKU, or null when it cannot be told (a person then gives it). */
    public static String exchangeSku(String originalSku, String desiredSize, String desiredColour, boolean defective) {
        if (originalSku == null || originalSku.isBlank()) {
            return null;
        }
        if (desiredSize == null && desiredColour == null) {
            return defective ? originalSku : null; // a faulty item is exchanged for the same one, new
        }
        String[] parts = originalSku.split("-");
        if (desiredSize != null && !resize(parts, desiredSize)) {
            return null;
        }
        if (desiredColour != null && !recolour(parts, desiredColour)) {
            return null;
        }
        return String.join("-", parts);
    }

    private static boolean resize(String[] parts, String desired) {
        for (int i = parts.length - 1; i > 0; i--) {
            String p = parts[i].toUpperCase(Locale.ROOT);
            boolean numeric = p.matches("\\d{1,2}(\\.5)?");
            boolean letter = LETTER_SIZES.contains(p);
            if (!numeric && !letter) {
                continue;
            }
            if (desired.startsWith("+") || desired.startsWith("-")) {
                BigDecimal step = new BigDecimal(desired);
                if (numeric) {
                    parts[i] = new BigDecimal(p).add(step).stripTrailingZeros().toPlainString();
                    return true;
                }
                if (step.scale() > 0 && step.stripTrailingZeros().scale() > 0) {
                    return false;
                }
                int at = LETTER_SIZES.indexOf(p) + step.intValue();
                if (at < 0 || at >= LETTER_SIZES.size()) {
                    return false;
                }
                parts[i] = LETTER_SIZES.get(at);
                return true;
            }
            String d = desired.toUpperCase(Locale.ROOT);
            if ((numeric && d.matches("\\d{1,2}(\\.5)?")) || (letter && LETTER_SIZES.contains(d))) {
                parts[i] = d;
                return true;
            }
            return false;
        }
        return false;
    }

    private static boolean recolour(String[] parts, String colour) {
        String[] target = COLOUR_CODES.get(colour);
        if (target == null) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].toUpperCase(Locale.ROOT);
            for (String[] codes : COLOUR_CODES.values()) {
                if (p.equals(codes[0])) {
                    parts[i] = target[0];
                    return true;
                }
                if (p.equals(codes[1])) {
                    parts[i] = target[1];
                    return true;
                }
            }
        }
        return false;
    }
}
