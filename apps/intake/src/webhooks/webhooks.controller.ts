import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { PublicEndpoint } from '@hub/auth';
import { ReceiveWebhookUseCase } from './usecases/receive-webhook/receive-webhook.usecase';

/** The path every platform posts to; its body reaches the handler as the raw bytes (see main.ts). */
export const WEBHOOKS_PATH = '/v1/webhooks';

/** How intake is reached from outside (INTAKE_PUBLIC_URL), for the URL a platform signed; undefined: as requested. */
export const PUBLIC_URL = Symbol('PUBLIC_URL');

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(
    private readonly receiveWebhook: ReceiveWebhookUseCase,
    @Inject(PUBLIC_URL) private readonly publicUrl: string | undefined,
  ) {}

  /** Platforms authenticate with their own signatures, checked by the adapter, not with our tokens. */
  @Post(':platform')
  @HttpCode(200)
  @PublicEndpoint()
  @ApiOperation({
    summary:
      'A platform webhook: 200 stored (or duplicate, or ignored), 400 malformed, 401 bad signature, 404 unknown platform or store, 413 too large, 429 rate-limited, 503 cannot store. ' +
      'A thin event (Square, Uber Eats) is stored and answered at once; its order is fetched from the platform afterwards. ' +
      'A GloriaFood push naming a restaurant with no integration stores the orders of the known restaurants and answers 404 naming the unknown one.',
  })
  @ApiOkResponse({
    description:
      '{ status: stored | duplicate | ignored, deliveryId?, deliveryIds?, reason? }; Google: its SubmitOrderResponseMessage',
  })
  receive(@Param('platform') platform: string, @Req() request: Request): Promise<unknown> {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name.toLowerCase(),
        Array.isArray(value) ? value.join(', ') : value,
      ]),
    );
    return this.receiveWebhook.answer({
      platform,
      headers,
      rawBody,
      url: `${this.publicUrl?.replace(/\/$/, '') ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`}${request.originalUrl}`,
      receivedAt: new Date(),
    });
  }
}
