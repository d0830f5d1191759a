import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicEndpoint } from '@hub/auth';
import { KDS_CONTENT_SECURITY_POLICY } from './constants/kds-content-security-policy.constant';
import { KDS_PAGE_CSS } from './constants/kds-page-css.constant';
import { KDS_PAGE_HTML } from './constants/kds-page-html.constant';
import { loadKdsClientScript } from './kds-client-script.util';

/**
 * The kitchen display page. The page and its assets are public; the station is chosen by the token
 * the page sends in the socket handshake (namespace /kitchen), which is where it is checked. The
 * socket.io client comes from the socket.io server itself (/socket.io/socket.io.min.js).
 */
@ApiExcludeController()
@PublicEndpoint()
@Controller('kds')
export class KdsController {
  private readonly clientScript = loadKdsClientScript();

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Security-Policy', KDS_CONTENT_SECURITY_POLICY)
  @Header('Referrer-Policy', 'no-referrer')
  @Header('X-Content-Type-Options', 'nosniff')
  page(): string {
    return KDS_PAGE_HTML;
  }

  @Get('kds.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @Header('X-Content-Type-Options', 'nosniff')
  styles(): string {
    return KDS_PAGE_CSS;
  }

  @Get('kds.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @Header('X-Content-Type-Options', 'nosniff')
  script(): string {
    return this.clientScript;
  }
}
