/** Channels we own; every other channel is an aggregator or commerce platform's route name. */
export enum DirectChannel {
  DINE_IN = 'dine_in',
  WAITER = 'waiter',
  QR = 'qr',
  KIOSK = 'kiosk',
  APP = 'app',
  WEB = 'web',
  CALL_CENTER = 'call_center',
}

export const DIRECT_CHANNELS: readonly string[] = Object.values(DirectChannel);

export enum OrderType {
  DELIVERY = 'delivery',
  PICKUP = 'pickup',
  DINE_IN = 'dine_in',
  CURBSIDE = 'curbside',
}

/** A channel or platform name: lowercase letters, digits and underscores. */
export const CHANNEL_PATTERN = /^[a-z][a-z0-9_]{1,31}$/;

/** A venue id: lowercase slug or uuid, stable across the system and in tokens. */
export const VENUE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A station name: lowercase slug (tandoor, bar, dessert, expo). */
export const STATION_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;
