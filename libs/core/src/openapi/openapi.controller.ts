import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { Public } from '../http/contract';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OpenApiService } from './openapi.service';
import { AppException } from '../errors/app.exception';

const SWAGGER_ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js']);
const swaggerDir = () => dirname(require.resolve('swagger-ui-dist/package.json'));

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chainloom API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script></body></html>`;

/** Serves the OpenAPI document and a Swagger UI page from local assets (works offline). */
@Public()
@Controller()
export class OpenApiController {
  constructor(private readonly openapi: OpenApiService) {}

  @Get('v1/openapi.json')
  document() {
    return this.openapi.getDocument();
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  page() {
    return DOCS_PAGE;
  }

  @Get('docs/assets/:file')
  asset(@Param('file') name: string, @Res() reply: FastifyReply) {
    if (name === 'init.js') {
      return reply
        .type('application/javascript')
        .send(`SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#ui', deepLinking: true });`);
    }
    if (!SWAGGER_ASSETS.has(name)) throw AppException.notFound('Asset');
    const type = name.endsWith('.css') ? 'text/css' : 'application/javascript';
    return reply
      .type(type)
      .header('cache-control', 'public, max-age=86400')
      .send(readFileSync(join(swaggerDir(), name)));
  }
}
