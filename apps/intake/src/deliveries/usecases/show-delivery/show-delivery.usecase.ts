import { Injectable, NotFoundException } from '@nestjs/common';
import { IntegrationsRepository } from '../../../integrations/integrations.repository';
import { DeliveriesRepository } from '../../../orders/deliveries.repository';
import type { DeliveryEvidenceDto } from '../../dto/delivery.dto';
import { toDeliveryEvidenceDto } from '../../deliveries.mapper';

/**
 * One delivery of a venue with its evidence: the body as received and the headers kept with it,
 * signatures and keys masked, including the header a declarative integration's mapping
 * authenticates with (a static key would otherwise show in clear under a name of the platform's
 * choosing).
 */
@Injectable()
export class ShowDeliveryUseCase {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly integrations: IntegrationsRepository,
  ) {}

  async execute(venueId: string, id: string): Promise<DeliveryEvidenceDto> {
    const delivery = await this.deliveries.findEvidence(venueId, id);
    if (!delivery) throw new NotFoundException(`venue ${venueId} has no delivery ${id}`);
    const integration = await this.integrations.findByVenue(venueId, delivery.platform);
    const auth = integration?.settings.mapping?.auth as { header?: unknown } | undefined;
    return toDeliveryEvidenceDto(delivery, typeof auth?.header === 'string' ? auth.header : undefined);
  }
}
