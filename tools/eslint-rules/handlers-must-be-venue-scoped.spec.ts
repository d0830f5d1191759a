import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import rule from './handlers-must-be-venue-scoped.cjs';

// RuleTester registers its own describe/it blocks with jest.
const ruleTester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
});

const missing = (method: string) => ({
  messageId: 'missingVenueScope',
  data: { method },
});

ruleTester.run('handlers-must-be-venue-scoped', rule, {
  valid: [
    {
      name: 'method-level @VenueScoped()',
      code: `
        @Controller('venues/:venueId/orders')
        export class OrdersController {
          @Get()
          @VenueScoped()
          list() {}
        }`,
    },
    {
      name: 'class-level @VenueScoped() covers every route',
      code: `
        @VenueScoped({ from: 'param', key: 'venueId' })
        @Controller('venues/:venueId/orders')
        export class OrdersController {
          @Get() list() {}
          @Post() create() {}
          @Patch(':id') update() {}
        }`,
    },
    {
      name: 'class-level @PublicEndpoint()',
      code: `
        @PublicEndpoint()
        @Controller('webhooks')
        export class WebhooksController {
          @Post(':platform') receive() {}
        }`,
    },
    {
      name: 'method-level @PublicEndpoint() on a NATS handler',
      code: `
        export class OrdersHandlers {
          @PublicEndpoint()
          @EventPattern('orders.v1.created')
          onCreated() {}
        }`,
    },
    {
      name: '@VenueScoped({ from: "record" }) on a message pattern and a socket message',
      code: `
        export class KitchenGateway {
          @VenueScoped({ from: 'record' })
          @MessagePattern('rpc.kot.v1.ticket')
          ticket() {}
          @VenueScoped({ from: 'body', key: 'venueId' })
          @SubscribeMessage('ticket.bump')
          bump() {}
        }`,
    },
    {
      name: "SetMetadata('hub:public-endpoint', true) on the class (platform libs)",
      code: `
        @SetMetadata('hub:public-endpoint', true)
        @Controller('metrics')
        export class MetricsController {
          @Get() metrics() {}
        }`,
    },
    {
      name: 'SetMetadata(PUBLIC_ENDPOINT, true) on the method',
      code: `
        export class DocsController {
          @SetMetadata(PUBLIC_ENDPOINT, true)
          @Get('docs') docs() {}
        }`,
    },
    {
      name: 'namespaced decorators',
      code: `
        @auth.VenueScoped()
        export class OrdersController {
          @common.Delete(':id') remove() {}
        }`,
    },
    {
      name: 'methods that are not entry points are ignored',
      code: `
        export class OrdersService {
          @Transactional()
          save() {}
          plain() {}
        }`,
    },
  ],
  invalid: [
    {
      name: 'HTTP route without any marker',
      code: `
        @Controller('venues/:venueId/orders')
        export class OrdersController {
          @Get()
          list() {}
        }`,
      errors: [{ ...missing('list'), line: 5, column: 11 }],
    },
    {
      name: 'every verb and transport is covered',
      code: `
        export class EverythingController {
          @Get() a() {}
          @Post() b() {}
          @Put() c() {}
          @Patch() d() {}
          @Delete() e() {}
          @All() f() {}
          @Head() g() {}
          @Options() h() {}
          @EventPattern('orders.v1.created') i() {}
          @MessagePattern('rpc.orders.v1.get') j() {}
          @SubscribeMessage('ticket.bump') k() {}
        }`,
      errors: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'].map(missing),
    },
    {
      name: 'a marker on a sibling method does not leak',
      code: `
        export class OrdersController {
          @VenueScoped() @Get('a') scoped() {}
          @Get('b') unscoped() {}
        }`,
      errors: [missing('unscoped')],
    },
    {
      name: 'SetMetadata with another key or a false value does not count',
      code: `
        @SetMetadata('hub:roles', ['owner'])
        export class ReportsController {
          @SetMetadata('hub:public-endpoint', false)
          @Get() daily() {}
        }`,
      errors: [missing('daily')],
    },
    {
      name: 'the class of a nested class expression is the one checked',
      code: `
        @PublicEndpoint()
        export class Outer {
          build() {
            return class Inner {
              @Post() create() {}
            };
          }
        }`,
      errors: [missing('create')],
    },
    {
      name: 'unrelated decorators do not count as a scope',
      code: `
        @UseGuards(PermissionGuard)
        @ApiTags('orders')
        export class OrdersController {
          @Roles('owner')
          @Get(':id') byId() {}
        }`,
      errors: [missing('byId')],
    },
  ],
});
