package io.orderhub.ingest.domain.signature;

import java.util.Map;
import java.util.TreeMap;

/**
 * JD (JOS) and Pinduoduo (POP): {@code sign = upper(hex(MD5(secret + sorted key+value pairs + secret)))}
 * over the form fields of the push (query parameters count too).
 */
public abstract class FormParamsVerifier implements SignatureVerifier {

    /** The parameter that names the app (JD {@code app_key}, PDD {@code client_id}). */
    abstract String appKeyParam();

    static Map<String, String> params(WebhookRequest request) {
        Map<String, String> params = new TreeMap<>(request.query());
        if (request.isForm()) {
            params.putAll(request.form());
        }
        return params;
    }

    @Override
    public Verification verify(WebhookRequest request, Credential credential) {
        Map<String, String> params = params(request);
        String sign = params.get("sign");
        if (sign == null || sign.isBlank()) {
            return Verification.rejected(SortedParamsSigner.missing("sign", "upper-case MD5 of secret + sorted key+value pairs "
                    + "+ secret, posted as application/x-www-form-urlencoded"));
        }
        if (credential.appKey() != null && !credential.appKey().equals(params.get(appKeyParam()))) {
            return Verification.rejected(appKeyParam() + " '" + params.get(appKeyParam()) + "' is not this shop's app");
        }
        byte[] expected = SortedParamsSigner.md5Wrapped(credential.secret(), Digests.sortedPairs(params), new byte[0]);
        if (!Digests.hexEquals(sign, expected)) {
            return Verification.rejected("sign does not match: MD5(secret + every parameter but sign, sorted by name, "
                    + "as key+value + secret), upper-case hex, with this shop's secret");
        }
        return Verification.ok();
    }

    /** The signature of these parameters; for tests and simulators. */
    public static String sign(String secret, Map<String, String> params) {
        return Digests.hex(SortedParamsSigner.md5Wrapped(secret, Digests.sortedPairs(params), new byte[0])).toUpperCase();
    }
}
