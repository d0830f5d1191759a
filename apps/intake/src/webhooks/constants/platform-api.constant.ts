/** Injection token of the client adapters fetch thin events' orders with. */
export const PLATFORM_API = Symbol('PLATFORM_API');
