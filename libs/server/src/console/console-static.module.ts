// Serves the built web console (dist/apps/console) at `/` from the platform process, with the
// single-page-app fallback: any GET that is not an API path and not a file answers index.html, so
// a deep link (/networks/net_…) loads the console, which then routes in the browser.
//
// apps/platform boots ConsoleStaticModule.fromConfig() (CONSOLE_DIR). API routes keep precedence: Fastify matches static routes (/v1/…)
// before this module's wildcard, and API-looking paths that match nothing still answer 404
// problem+json here rather than the console's HTML.
import { Controller, Get, Inject, Module, Req, Res, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, AppException, Public, type AppConfig } from '@chainloom/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

export interface ConsoleStaticOptions {
  /** The directory `vite build` wrote (dist/apps/console). */
  root: string;
}

const CONSOLE_STATIC_OPTIONS = Symbol('CONSOLE_STATIC_OPTIONS');

/** Paths that belong to the API and operations endpoints: never answered with the console. */
const RESERVED = /^\/(v1|rpc|health|metrics|docs)(\/|$)/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
];

@Public()
@Controller()
class ConsoleStaticController {
  private readonly root: string;
  private readonly index: string;

  constructor(@Inject(CONSOLE_STATIC_OPTIONS) options: ConsoleStaticOptions) {
    this.root = resolve(options.root);
    this.index = join(this.root, 'index.html');
  }

  @Get()
  home(@Res() reply: FastifyReply) {
    return this.sendIndex(reply);
  }

  @Get('*')
  asset(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const path = decodeURIComponent((request.url.split('?')[0] ?? '/').split('#')[0] ?? '/');
    if (RESERVED.test(path)) throw AppException.notFound('Route');
    // normalize() resolves "..": anything that lands outside the root is not ours to serve.
    const file = normalize(join(this.root, path));
    if (!file.startsWith(this.root + sep)) throw AppException.notFound('File');
    if (existsSync(file) && statSync(file).isFile()) {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      // Vite fingerprints everything under assets/: cache it for good. Other files may change.
      const immutable = path.startsWith('/assets/');
      // The build writes .br/.gz beside text assets (vite.config.ts): send one if the client takes it.
      const accepts = String(request.headers['accept-encoding'] ?? '');
      const encoding = ENCODINGS.find((e) => accepts.includes(e.name) && existsSync(file + e.suffix));
      reply.type(type).header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').header('vary', 'accept-encoding');
      if (encoding) reply.header('content-encoding', encoding.name);
      return reply.send(createReadStream(encoding ? file + encoding.suffix : file));
    }
    // A missing asset is a 404, not the app (a stale tab asking for an old chunk should fail loudly).
    if (path.startsWith('/assets/')) throw AppException.notFound('File');
    return this.sendIndex(reply);
  }

  private sendIndex(reply: FastifyReply) {
    if (!existsSync(this.index)) {
      throw new AppException(503, 'console_not_built', 'The web console is not built: run npx nx build console.');
    }
    return reply.type(TYPES['.html'] ?? 'text/html').header('cache-control', 'no-cache').send(createReadStream(this.index));
  }
}

@Module({})
export class ConsoleStaticModule {
  static forRoot(options: ConsoleStaticOptions): DynamicModule {
    return {
      module: ConsoleStaticModule,
      controllers: [ConsoleStaticController],
      providers: [{ provide: CONSOLE_STATIC_OPTIONS, useValue: options }],
    };
  }

  /** Serves the console from CONSOLE_DIR (default ./dist/apps/console). */
  static fromConfig(): DynamicModule {
    return {
      module: ConsoleStaticModule,
      controllers: [ConsoleStaticController],
      providers: [{ provide: CONSOLE_STATIC_OPTIONS, useFactory: (config: AppConfig) => ({ root: resolve(config.CONSOLE_DIR) }), inject: [APP_CONFIG] }],
    };
  }
}
