/** Injection token of the client pollers call the platforms' APIs with. */
export const POLL_PLATFORM_API = Symbol('POLL_PLATFORM_API');
