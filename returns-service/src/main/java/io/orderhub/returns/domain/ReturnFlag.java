package io.orderhub.returns.domain;

/** Facts read from the customer's words beside the intent. */
public enum ReturnFlag {
    /** Nothing is sent back (refund only, keep the item, never received). */
    NO_RETURN_SHIPMENT,
    FULL_REFUND,
    PARTIAL_REFUND,
    /** The customer said they do not want an exchange ("不要换货", "no exchange"). */
    EXCHANGE_DECLINED,
    /** The customer said they do not want their money back ("不想退款", "no refund needed"). */
    REFUND_DECLINED,
    /** The goods were opened, worn or used. */
    OPENED,
    DEFECTIVE,
    GOODS_RECEIVED,
    NOT_RECEIVED,
    DESIRED_SIZE,
    DESIRED_COLOUR,
    DESIRED_SKU
}
