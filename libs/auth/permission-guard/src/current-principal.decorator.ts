import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './permission.guard';
import type { Principal } from './principal';

/** The verified caller of an HTTP route. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal)
    throw new Error('CurrentPrincipal used on a route the PermissionGuard did not authenticate');
  return principal;
});
