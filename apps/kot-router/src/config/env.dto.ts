import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { BaseEnv } from '@hub/config';

export class KotRouterEnv extends BaseEnv {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  KOT_ROUTER_PORT: number = 3004;

  /** how long a screen has to acknowledge a ticket before it is sent again (up to 5 times) */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  KITCHEN_ACK_TIMEOUT_MS: number = 5000;

  /**
   * how kitchen screens on several replicas share rooms: `postgres` (default) relays every broadcast,
   * acknowledgement and room count through Postgres LISTEN/NOTIFY (@socket.io/postgres-adapter);
   * `memory` keeps rooms in this process, for a deployment of exactly one replica
   */
  @IsOptional()
  @IsIn(['postgres', 'memory'], { message: 'KITCHEN_SOCKET_ADAPTER must be postgres or memory' })
  KITCHEN_SOCKET_ADAPTER: 'postgres' | 'memory' = 'postgres';
}
