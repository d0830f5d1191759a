export * from './auth.module';
export * from './auth.service';
export * from './current-principal.decorator';
export * from './dev-token';
export * from './permission.decorators';
export * from './permission.guard';
export * from './principal';
