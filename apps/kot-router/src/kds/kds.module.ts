import { Module } from '@nestjs/common';
import { KdsController } from './kds.controller';

/** The kitchen display web page at /kds; it talks to the KitchenGateway over socket.io. */
@Module({ controllers: [KdsController] })
export class KdsModule {}
