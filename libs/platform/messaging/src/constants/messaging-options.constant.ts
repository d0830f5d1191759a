/** Injection token of the MessagingOptions the module was given. */
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
