import { OrderStatus } from '@hub/order-model';
import { AdapterCapabilityUnsupported } from './adapter.errors';
import { StatusTable } from './status-table.util';

describe('StatusTable', () => {
  const table = new StatusTable(
    'demo',
    { [OrderStatus.RECEIVED]: null, [OrderStatus.READY]: 'READY' },
    { READY: OrderStatus.READY },
  );

  it('sends what the platform can express, nothing for null, and refuses the rest', () => {
    expect(table.toPlatformStatus(OrderStatus.READY)).toBe('READY');
    expect(table.toPlatformStatus(OrderStatus.RECEIVED)).toBeUndefined();
    expect(() => table.toPlatformStatus(OrderStatus.CANCELLED)).toThrow(AdapterCapabilityUnsupported);
  });

  it('reads platform names back case-insensitively', () => {
    expect(table.toCanonical(' ready ')).toBe(OrderStatus.READY);
    expect(table.toCanonical('unknown')).toBeUndefined();
  });
});
