import { Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Put on every event-handler class (`@UseFilters(PassRpcErrorsFilter)`): hands a handler's error
 * straight back to the JetStream transport, which retries it, dead-letters it and logs it once with
 * the event's context. Nest's default RPC filter would also log every expected retry (a printer
 * down, a platform answering 500) at error level. (A global filter cannot do it: a hybrid app's
 * microservice registers its handlers when it is connected.)
 */
@Catch()
export class PassRpcErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
