import { Matches } from 'class-validator';
import { CHANNEL_PATTERN, VENUE_ID_PATTERN } from '@hub/order-model';
import { ITEM_CODE_MESSAGE } from '../constants/item-code-message.constant';
import { ITEM_CODE_PATTERN } from '../constants/item-code-pattern.constant';

export class VenueParamsDto {
  @Matches(VENUE_ID_PATTERN, { message: 'venueId must be a lowercase slug or uuid' })
  venueId: string;
}

export class BrandParamsDto {
  @Matches(VENUE_ID_PATTERN, { message: 'brandId must be a lowercase slug' })
  brandId: string;
}

export class ItemCodeParamsDto extends VenueParamsDto {
  @Matches(ITEM_CODE_PATTERN, { message: `code ${ITEM_CODE_MESSAGE}` })
  code: string;
}

export class VenuePlatformParamsDto extends VenueParamsDto {
  @Matches(CHANNEL_PATTERN, {
    message: 'platform must be a lowercase platform or channel name such as swiggy',
  })
  platform: string;
}

export class BrandPlatformParamsDto extends BrandParamsDto {
  @Matches(CHANNEL_PATTERN, {
    message: 'platform must be a lowercase platform or channel name such as swiggy',
  })
  platform: string;
}
