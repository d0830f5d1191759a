import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describeValidationErrors } from '@hub/contracts';
import { MalformedPayloadError } from './adapter.errors';

/**
 * Checks the parts of a platform payload an adapter relies on against a class-validator class.
 * Unknown and extra fields are tolerated (platforms add fields without notice); every problem is
 * named with its path.
 */
export function validatePayload<T extends object>(
  platform: string,
  cls: new () => T,
  plain: unknown,
  path = 'body',
): T {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new MalformedPayloadError(platform, [`${path}: expected a JSON object`]);
  }
  const instance = plainToInstance(cls, plain);
  const problems = describeValidationErrors(validateSync(instance, { forbidUnknownValues: false }), path);
  if (problems.length > 0) throw new MalformedPayloadError(platform, problems);
  return instance;
}
