/** An item, modifier, group, category or component code (the POS's PLU or SKU): also used in URLs. */
export const ITEM_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
