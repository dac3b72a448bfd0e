package io.orderhub.contract.payload;

/** A shipping address; {@code complete} tells whether every part needed to ship is present. */
public record Address(String name, String phone, String country, String province, String city,
        String district, String detail, String postalCode) {

    public boolean complete() {
        return notBlank(name) && notBlank(phone) && notBlank(province) && notBlank(city) && notBlank(detail);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
