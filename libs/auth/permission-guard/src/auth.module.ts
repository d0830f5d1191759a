import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthService } from './auth.service';
import { PermissionGuard } from './permission.guard';

export interface AuthOptions {
  jwtSecret: string;
}

/** JWT verification and the global PermissionGuard. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [JwtModule.register({ secret: options.jwtSecret, verifyOptions: { algorithms: ['HS256'] } })],
      providers: [AuthService, { provide: APP_GUARD, useClass: PermissionGuard }],
      exports: [AuthService],
    };
  }
}
