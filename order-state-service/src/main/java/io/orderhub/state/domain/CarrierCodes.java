package io.orderhub.state.domain;

import java.util.Locale;
import java.util.Map;

/**
 * The hub's carrier names (what the warehouse prints on the label: {@code SF}, {@code ZTO}, {@code UPS} …) as each
 * channel's ship API wants them: Taobao {@code company_code}, JD {@code logiCoprId}, Pinduoduo {@code logistics_id},
 * Douyin {@code company_code}, Xiaohongshu {@code expressCompanyCode}, Shopify {@code tracking_info.company}. The
 * numeric JD and Pinduoduo ids are reconstructed (R): check them against each platform's carrier list API
 * ({@code jingdong.get.vender.all.delivery.company}, {@code pdd.logistics.companies.get}) before going live. A
 * carrier not in the table is sent as it is.
 */
public final class CarrierCodes {
    private static final Map<String, Map<String, String>> CODES = Map.of(
            "taobao", Map.of("SF", "SF", "ZTO", "ZTO", "YTO", "YTO", "STO", "STO", "YUNDA", "YUNDA", "JD", "JD", "EMS", "EMS"),
            "jd", Map.of("SF", "467", "ZTO", "463", "YTO", "2460", "STO", "470", "YUNDA", "327", "JD", "2087", "EMS", "465"),
            "pdd", Map.of("SF", "44", "ZTO", "115", "YTO", "85", "STO", "1", "YUNDA", "121", "JD", "120", "EMS", "118"),
            "douyin", Map.of("SF", "shunfeng", "ZTO", "zhongtong", "YTO", "yuantong", "STO", "shentong", "YUNDA", "yunda", "JD", "jd",
                    "EMS", "ems"),
            "xhs", Map.of("SF", "shunfeng", "ZTO", "zhongtong", "YTO", "yuantong", "STO", "shentong", "YUNDA", "yunda", "JD", "jingdong",
                    "EMS", "ems"),
            "shopify", Map.of("SF", "SF Express", "ZTO", "ZTO Express", "UPS", "UPS", "FEDEX", "FedEx", "USPS", "USPS", "DHL", "DHL Express",
                    "EMS", "China Post"));

    /** The channel's code for the carrier, or the carrier as given when the table does not know it. */
    public static String code(String channel, String carrier) {
        if (carrier == null) {
            return null;
        }
        String key = carrier.strip().toUpperCase(Locale.ROOT).replace(" ", "").replace("EXPRESS", "");
        Map<String, String> table = CODES.getOrDefault(channel, Map.of());
        return table.getOrDefault(key, carrier.strip());
    }

    private CarrierCodes() {
    }
}
