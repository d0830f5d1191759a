export const ITEM_CODE_MESSAGE = 'must be 1 to 100 letters, digits, dots, dashes, colons or underscores';
