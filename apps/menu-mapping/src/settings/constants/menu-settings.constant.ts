/** Injection token of MenuSettings. */
export const MENU_SETTINGS = Symbol('MENU_SETTINGS');
