import { Principal, Role } from '@hub/auth';
import { ActorType, StatusActor } from '@hub/order-model';

/** Who acted, as an order's timeline records it: a station token is the station, any other is staff. */
export function principalActor(principal: Principal): StatusActor {
  return { type: principal.role === Role.STATION ? ActorType.STATION : ActorType.STAFF, id: principal.sub };
}
