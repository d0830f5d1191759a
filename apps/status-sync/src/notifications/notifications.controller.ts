import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Role, Roles, VenueScoped } from '@hub/auth';
import {
  NotificationEndpointDto,
  SaveNotificationEndpointDto,
  VenueParamsDto,
} from './dto/notification-endpoint.dto';
import { NotificationsRepository } from './notifications.repository';

const MASK = '********';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/venues/:venueId/notifications')
@VenueScoped({ from: 'param', key: 'venueId' })
export class NotificationsController {
  constructor(private readonly endpoints: NotificationsRepository) {}

  @Put()
  @Roles(Role.HEAD_OFFICE, Role.MANAGER)
  @ApiOperation({
    summary:
      "Set the venue's customer-notification webhook: order confirmed, preparing, ready, out for delivery, cancelled and refunded are POSTed to it, signed with X-Hub-Signature-256 (HMAC-SHA256 of the body), retried like platform callbacks",
  })
  @ApiOkResponse({ type: NotificationEndpointDto })
  async save(
    @Param() params: VenueParamsDto,
    @Body() body: SaveNotificationEndpointDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NotificationEndpointDto> {
    const saved = await this.endpoints.save(params.venueId, body.url, body.secret, principal.sub);
    return { ...saved, secret: MASK };
  }

  @Get()
  @Roles(Role.HEAD_OFFICE, Role.MANAGER)
  @ApiOperation({ summary: "The venue's customer-notification webhook, secret masked" })
  @ApiOkResponse({ type: NotificationEndpointDto })
  async get(@Param() params: VenueParamsDto): Promise<NotificationEndpointDto> {
    const endpoint = await this.endpoints.find(params.venueId);
    if (!endpoint) throw new NotFoundException(`venue ${params.venueId} has no notification webhook`);
    return { ...endpoint, secret: MASK };
  }
}
