import { JwtService } from '@nestjs/jwt';
import { principalFromClaims, Role } from './principal';

export interface DevTokenRequest {
  secret: string;
  role: Role;
  venues: string[] | '*';
  station?: string;
  sub?: string;
  /** seconds */
  expiresIn?: number;
}

/** Mints a token for local use and tests (`npm run token`). Checks the claims as the guard would. */
export function mintToken(request: DevTokenRequest): string {
  const claims = {
    sub: request.sub ?? `dev-${request.role}`,
    role: request.role,
    venues: request.venues,
    ...(request.station ? { station: request.station } : {}),
  };
  principalFromClaims(claims);
  return new JwtService({ secret: request.secret }).sign(claims, {
    algorithm: 'HS256',
    expiresIn: request.expiresIn ?? 12 * 3600,
  });
}
