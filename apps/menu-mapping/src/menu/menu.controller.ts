import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, Roles, VenueScoped } from '@hub/auth';
import { ItemCodeParamsDto, MenuItemDto, UpsertMenuItemDto } from './dto/menu-item.dto';
import { MenuItemsRepository } from './menu-items.repository';
import { UpsertMenuItemUseCase } from './usecases/upsert-menu-item/upsert-menu-item.usecase';

@ApiTags('menu')
@ApiBearerAuth()
@Controller('v1/venues/:venueId/menu')
@VenueScoped({ from: 'param', key: 'venueId' })
export class MenuController {
  constructor(
    private readonly upsertMenuItem: UpsertMenuItemUseCase,
    private readonly items: MenuItemsRepository,
  ) {}

  @Put('items/:code')
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({ summary: 'Create or update a menu item by its code (PLU/SKU); its id stays stable' })
  @ApiOkResponse({ type: MenuItemDto })
  upsert(@Param() params: ItemCodeParamsDto, @Body() body: UpsertMenuItemDto): Promise<MenuItemDto> {
    return this.upsertMenuItem.execute(params.venueId, params.code, body);
  }

  @Get('items')
  @ApiOperation({ summary: "The venue's menu items" })
  @ApiOkResponse({ type: [MenuItemDto] })
  list(@Param('venueId') venueId: string): Promise<MenuItemDto[]> {
    return this.items.list(venueId);
  }
}
