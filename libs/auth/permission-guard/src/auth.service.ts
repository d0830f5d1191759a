import { ForbiddenException, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { canAccessVenue, InvalidTokenError, Principal, principalFromClaims } from './principal';

/** Verifies bearer tokens (HS256 with AUTH_JWT_SECRET) into principals. */
@Injectable()
export class AuthService {
  constructor(private readonly jwt: JwtService) {}

  async verify(token: string): Promise<Principal> {
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(token);
    } catch (error) {
      throw new InvalidTokenError(`invalid token: ${(error as Error).message}`);
    }
    return principalFromClaims(claims);
  }
}

/** For use cases that learn an order's or ticket's venue from stored data. */
export function assertVenueAccess(principal: Principal, venueId: string): void {
  if (!canAccessVenue(principal, venueId)) {
    throw new ForbiddenException(`this token is not scoped to venue ${venueId}`);
  }
}
