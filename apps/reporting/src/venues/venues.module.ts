import { Module } from '@nestjs/common';
import { SetVenueTimeZoneUseCase } from './usecases/set-venue-time-zone/set-venue-time-zone.usecase';
import { VenuesController } from './venues.controller';
import { VenuesRepository } from './venues.repository';

@Module({
  controllers: [VenuesController],
  providers: [VenuesRepository, SetVenueTimeZoneUseCase],
  exports: [VenuesRepository],
})
export class VenuesModule {}
