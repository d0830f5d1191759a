import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles, VenueScoped } from '@hub/auth';
import { SaveVenueSettingsDto, VenueSettingsDto } from './dto/brand.dto';
import { ItemCodeParamsDto, VenueParamsDto } from './dto/menu-params.dto';
import { MenuItemDto, MenuViewDto, SetItemOverrideDto, UpsertMenuItemDto } from './dto/menu-item.dto';
import { MenuRepository } from './menu.repository';
import { NotFoundException } from '@nestjs/common';
import { GetMenuUseCase } from './usecases/get-menu/get-menu.usecase';
import { SaveVenueUseCase } from './usecases/save-venue/save-venue.usecase';
import { SetItemOverrideUseCase } from './usecases/set-item-override/set-item-override.usecase';
import { UpsertVenueItemUseCase } from './usecases/upsert-venue-item/upsert-venue-item.usecase';

/** A venue's menu: its brand's items with this venue's prices, stations and availability. */
@ApiTags('venue menu')
@ApiBearerAuth()
@Controller('v1/venues/:venueId/menu')
@VenueScoped({ from: 'param', key: 'venueId' })
export class VenueMenuController {
  constructor(
    private readonly menu: MenuRepository,
    private readonly getMenu: GetMenuUseCase,
    private readonly saveVenue: SaveVenueUseCase,
    private readonly upsertItem: UpsertVenueItemUseCase,
    private readonly setOverride: SetItemOverrideUseCase,
  ) {}

  @Get()
  @Roles(Role.HEAD_OFFICE, Role.MANAGER, Role.STAFF)
  @ApiOperation({
    summary: "The venue's menu: categories, items (venue price, station, availability), groups, combos",
  })
  @ApiOkResponse({ type: MenuViewDto })
  menuOf(@Param() params: VenueParamsDto): Promise<MenuViewDto> {
    return this.getMenu.forVenue(params.venueId);
  }

  @Get('settings')
  @Roles(Role.HEAD_OFFICE, Role.MANAGER)
  @ApiOperation({ summary: "The venue's brand and price tolerance" })
  @ApiOkResponse({ type: VenueSettingsDto })
  async settings(@Param() params: VenueParamsDto): Promise<VenueSettingsDto> {
    const venue = await this.menu.findVenue(params.venueId);
    if (!venue) throw new NotFoundException(`venue ${params.venueId} is not registered`);
    return this.saveVenue.view(venue);
  }

  @Put('settings')
  @Roles(Role.HEAD_OFFICE)
  @ApiOperation({
    summary: 'Register the venue with a brand (or move it), and set its price tolerance (head office)',
  })
  @ApiOkResponse({ type: VenueSettingsDto })
  saveSettings(
    @Param() params: VenueParamsDto,
    @Body() body: SaveVenueSettingsDto,
  ): Promise<VenueSettingsDto> {
    return this.saveVenue.execute(params.venueId, body);
  }

  @Put('items/:code')
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({
    summary:
      "Put an item on the venue's brand menu by its code (PLU/SKU; its id stays stable) with this venue's price and station",
  })
  @ApiOkResponse({ type: MenuItemDto })
  upsert(
    @Param() params: ItemCodeParamsDto,
    @Body() body: UpsertMenuItemDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MenuItemDto> {
    return this.upsertItem.execute(params.venueId, params.code, body, principal);
  }

  @Put('items/:code/override')
  @Roles(Role.MANAGER, Role.HEAD_OFFICE)
  @ApiOperation({ summary: "Set or clear (null) this venue's own price and station for a brand item" })
  @ApiOkResponse({ type: MenuItemDto })
  override(@Param() params: ItemCodeParamsDto, @Body() body: SetItemOverrideDto): Promise<MenuItemDto> {
    return this.setOverride.execute(params.venueId, params.code, body);
  }

  @Get('items')
  @Roles(Role.HEAD_OFFICE, Role.MANAGER, Role.STAFF)
  @ApiOperation({ summary: "The venue's menu items (venue price, station, availability)" })
  @ApiOkResponse({ type: [MenuItemDto] })
  async list(@Param() params: VenueParamsDto): Promise<MenuItemDto[]> {
    const venue = await this.menu.findVenue(params.venueId);
    if (!venue) return [];
    const items = await this.menu.venueItems(venue.id, venue.brandId);
    return items
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((i) => ({
        id: i.id,
        venueId: venue.id,
        code: i.code,
        name: i.name,
        price: i.price,
        currency: i.currency,
        station: i.station,
        available: i.available,
      }));
  }
}
