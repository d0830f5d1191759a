import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles, VenueScoped } from '@hub/auth';
import { BrandDto, SaveBrandDto } from './dto/brand.dto';
import { BrandParamsDto } from './dto/menu-params.dto';
import { MenuViewDto } from './dto/menu-item.dto';
import { MenuImportDto, MenuImportResultDto } from './import/menu-import.dto';
import { assertBrandAccess } from './menu-access';
import { MenuRepository } from './menu.repository';
import { GetMenuUseCase } from './usecases/get-menu/get-menu.usecase';
import { ImportMenuUseCase } from './usecases/import-menu/import-menu.usecase';
import { SaveBrandUseCase } from './usecases/save-brand/save-brand.usecase';

/**
 * The brand menu: head office only. A brand spans venues, so these routes are scoped by the brand's
 * venues, checked here against the token (assertBrandAccess) rather than by a venue in the path.
 */
@ApiTags('brand menu')
@ApiBearerAuth()
@Controller('v1/brands/:brandId')
@VenueScoped({ from: 'record' })
@Roles(Role.HEAD_OFFICE)
export class BrandsController {
  constructor(
    private readonly menu: MenuRepository,
    private readonly saveBrand: SaveBrandUseCase,
    private readonly getMenu: GetMenuUseCase,
    private readonly importMenu: ImportMenuUseCase,
  ) {}

  private async assertAccess(principal: Principal, brandId: string): Promise<void> {
    const venues = await this.menu.venuesOfBrand(brandId);
    assertBrandAccess(
      principal,
      brandId,
      venues.map((v) => v.id),
    );
  }

  @Put()
  @ApiOperation({ summary: 'Create a brand or rename it (head office)' })
  @ApiOkResponse({ type: BrandDto })
  async save(
    @Param() params: BrandParamsDto,
    @Body() body: SaveBrandDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BrandDto> {
    await this.assertAccess(principal, params.brandId);
    return this.saveBrand.execute(params.brandId, body);
  }

  @Get('menu')
  @ApiOperation({
    summary: "The brand's menu: categories, items, modifier groups and combos at brand prices",
  })
  @ApiOkResponse({ type: MenuViewDto })
  async menuOf(
    @Param() params: BrandParamsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MenuViewDto> {
    await this.assertAccess(principal, params.brandId);
    return this.getMenu.forBrand(params.brandId);
  }

  @Post('menu/import')
  @ApiOperation({
    summary:
      'Import a POS menu export (JSON), idempotently: matched by code, ids kept, unchanged rows untouched',
  })
  @ApiOkResponse({ type: MenuImportResultDto })
  async importJson(
    @Param() params: BrandParamsDto,
    @Body() body: MenuImportDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MenuImportResultDto> {
    await this.assertAccess(principal, params.brandId);
    return this.importMenu.execute(params.brandId, body);
  }

  @Post('menu/import/csv')
  @ApiOperation({ summary: 'Import a POS menu export (CSV, content-type text/csv; format in the README)' })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string' } })
  @ApiOkResponse({ type: MenuImportResultDto })
  async importCsv(
    @Param() params: BrandParamsDto,
    @Body() csv: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MenuImportResultDto> {
    await this.assertAccess(principal, params.brandId);
    return this.importMenu.executeCsv(params.brandId, typeof csv === 'string' ? csv : '');
  }
}
