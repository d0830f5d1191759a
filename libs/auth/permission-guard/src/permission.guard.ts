import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { WsException } from '@nestjs/websockets';
import type { Request } from 'express';
import { AuthService } from './auth.service';
import { PUBLIC_ENDPOINT, ROLES_KEY, VENUE_SCOPE_KEY, VenueScope } from './permission.decorators';
import { canAccessVenue, InvalidTokenError, Principal, Role } from './principal';

export type AuthenticatedRequest = Request & { principal?: Principal };

/** What a socket carries once its handshake token is verified (`socket.data`). */
export interface SocketAuthData {
  principal: Principal;
  venueId: string;
  station: string;
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Global guard. HTTP: verifies the bearer JWT (401), the route's roles (403) and its venue against
 * the token's venues (403). Sockets: the handshake was verified on connection and the socket joined
 * its venue's room only; here every event is checked for roles and for a body venue, if it names one.
 * Events from the bus (rpc) come from our own services and pass.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ENDPOINT, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const scope = this.reflector.getAllAndOverride<VenueScope | { from: 'record' } | undefined>(
      VENUE_SCOPE_KEY,
      targets,
    );

    switch (context.getType<'http' | 'ws' | 'rpc'>()) {
      case 'rpc':
        return true;
      case 'ws': {
        const data = context.switchToWs().getClient<{ data?: Partial<SocketAuthData> }>().data;
        if (!data?.principal || !data.venueId) throw new WsException('not authenticated');
        if (roles && !roles.includes(data.principal.role))
          throw new WsException(`role ${data.principal.role} may not do this`);
        const body = context.switchToWs().getData<Record<string, unknown> | undefined>();
        const named = body && typeof body === 'object' ? body.venueId : undefined;
        if (named !== undefined && named !== data.venueId)
          throw new WsException(`this socket is not joined to venue ${String(named)}`);
        return true;
      }
      case 'http': {
        const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
        const token = bearerToken(request.headers.authorization);
        if (!token) throw new UnauthorizedException('missing bearer token (Authorization: Bearer <jwt>)');
        let principal: Principal;
        try {
          principal = await this.auth.verify(token);
        } catch (error) {
          if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
          throw error;
        }
        request.principal = principal;
        if (roles && !roles.includes(principal.role)) {
          throw new ForbiddenException(
            `role ${principal.role} may not do this; allowed: ${roles.join(', ')}`,
          );
        }
        if (scope && scope.from !== 'record') {
          const source =
            scope.from === 'param' ? request.params : scope.from === 'body' ? request.body : request.query;
          const venueId = (source as Record<string, unknown> | undefined)?.[scope.key];
          if (typeof venueId === 'string' && !canAccessVenue(principal, venueId)) {
            throw new ForbiddenException(`this token is not scoped to venue ${venueId}`);
          }
        }
        return true;
      }
    }
  }
}
