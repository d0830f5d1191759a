import { IsUUID } from 'class-validator';
import { BrandPlatformParamsDto, VenuePlatformParamsDto } from '../../menu/dto/menu-params.dto';

export class VenueEntryParamsDto extends VenuePlatformParamsDto {
  @IsUUID('all', { message: 'entryId must be a mapping entry id (uuid)' })
  entryId: string;
}

export class BrandEntryParamsDto extends BrandPlatformParamsDto {
  @IsUUID('all', { message: 'entryId must be a mapping entry id (uuid)' })
  entryId: string;
}
