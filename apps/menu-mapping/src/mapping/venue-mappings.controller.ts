import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles, VenueScoped } from '@hub/auth';
import { VenuePlatformParamsDto } from '../menu/dto/menu-params.dto';
import { VenueEntryParamsDto } from './dto/mapping-params.dto';
import {
  DryRunReportDto,
  EditMappingDraftDto,
  MappingSetDto,
  PublishMappingDto,
  PublishResultDto,
  RollbackMappingDto,
  SuggestionDto,
  SuggestionQueryDto,
} from './dto/mapping.dto';
import { MappingScopes } from './mapping-scope';
import { DryRunMappingUseCase } from './usecases/dry-run-mapping/dry-run-mapping.usecase';
import { EditMappingDraftUseCase } from './usecases/edit-mapping-draft/edit-mapping-draft.usecase';
import { GetMappingUseCase } from './usecases/get-mapping/get-mapping.usecase';
import { PublishMappingUseCase } from './usecases/publish-mapping/publish-mapping.usecase';
import { RollbackMappingUseCase } from './usecases/rollback-mapping/rollback-mapping.usecase';
import { SuggestMappingUseCase } from './usecases/suggest-mapping/suggest-mapping.usecase';

/** One platform's codes for one venue: they win over the brand-wide mapping of the same platform. */
@ApiTags('mapping')
@ApiBearerAuth()
@Controller('v1/venues/:venueId/menu/mappings/:platform')
@VenueScoped({ from: 'param', key: 'venueId' })
@Roles(Role.HEAD_OFFICE, Role.MANAGER)
export class VenueMappingsController {
  constructor(
    private readonly scopes: MappingScopes,
    private readonly getMapping: GetMappingUseCase,
    private readonly editDraft: EditMappingDraftUseCase,
    private readonly dryRun: DryRunMappingUseCase,
    private readonly publishMapping: PublishMappingUseCase,
    private readonly rollbackMapping: RollbackMappingUseCase,
    private readonly suggestMapping: SuggestMappingUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: "The venue's mapping for a platform: version in force, draft, history" })
  @ApiOkResponse({ type: MappingSetDto })
  async get(@Param() params: VenuePlatformParamsDto): Promise<MappingSetDto> {
    return this.getMapping.execute(await this.scopes.ofVenue(params.venueId, params.platform));
  }

  @Put('draft')
  @ApiOperation({ summary: 'Add or replace entries of the draft (created from the version in force)' })
  @ApiOkResponse({ type: MappingSetDto })
  async putDraft(
    @Param() params: VenuePlatformParamsDto,
    @Body() body: EditMappingDraftDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MappingSetDto> {
    return this.editDraft.put(
      await this.scopes.ofVenue(params.venueId, params.platform),
      body,
      principal.sub,
    );
  }

  @Delete('draft')
  @ApiOperation({ summary: 'Discard the draft' })
  @ApiOkResponse({ type: MappingSetDto })
  async discardDraft(@Param() params: VenuePlatformParamsDto): Promise<MappingSetDto> {
    return this.editDraft.discard(await this.scopes.ofVenue(params.venueId, params.platform));
  }

  @Delete('draft/entries/:entryId')
  @ApiOperation({ summary: 'Remove one entry from the draft' })
  @ApiOkResponse({ type: MappingSetDto })
  async removeEntry(@Param() params: VenueEntryParamsDto): Promise<MappingSetDto> {
    return this.editDraft.removeEntry(
      await this.scopes.ofVenue(params.venueId, params.platform),
      params.entryId,
    );
  }

  @Post('dry-run')
  @HttpCode(200)
  @ApiOperation({
    summary: "Try the draft on the venue's recent orders: what would now fail, what it would fix",
  })
  @ApiOkResponse({ type: DryRunReportDto })
  async tryDraft(@Param() params: VenuePlatformParamsDto): Promise<DryRunReportDto> {
    return this.dryRun.execute(await this.scopes.ofVenue(params.venueId, params.platform));
  }

  @Post('publish')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Publish the draft after a dry run; 409 naming the recent orders that would now fail, unless force',
  })
  @ApiOkResponse({ type: PublishResultDto })
  async publish(
    @Param() params: VenuePlatformParamsDto,
    @Body() body: PublishMappingDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PublishResultDto> {
    return this.publishMapping.execute(
      await this.scopes.ofVenue(params.venueId, params.platform),
      body,
      principal.sub,
    );
  }

  @Post('rollback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put an earlier published version back in force' })
  @ApiOkResponse({ type: MappingSetDto })
  async rollback(
    @Param() params: VenuePlatformParamsDto,
    @Body() body: RollbackMappingDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MappingSetDto> {
    return this.rollbackMapping.execute(
      await this.scopes.ofVenue(params.venueId, params.platform),
      body,
      principal.sub,
    );
  }

  @Get('suggestions')
  @ApiOperation({
    summary: 'Candidates for a platform code: exact PLU/SKU/code first, then name similarity (score)',
  })
  @ApiOkResponse({ type: [SuggestionDto] })
  async suggestions(
    @Param() params: VenuePlatformParamsDto,
    @Query() query: SuggestionQueryDto,
  ): Promise<SuggestionDto[]> {
    const scope = await this.scopes.ofVenue(params.venueId, params.platform);
    return this.suggestMapping.execute(scope.brandId, query);
  }
}
