import { Injectable, RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { CONTRACT_METADATA, type RouteContract } from '../http/contract';
import { ProblemSchema } from './problem.schema';

type OpenApiDocument = ReturnType<typeof createDocument>;

const METHODS: Partial<Record<RequestMethod, 'get' | 'post' | 'put' | 'patch' | 'delete'>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `{${segment.slice(1)}}` : segment))
    .join('/');

/**
 * Builds the OpenAPI 3.1 document from the @Contract metadata of every controller route, once,
 * on first request. Routes without a contract (health, metrics, docs) are left out on purpose.
 */
@Injectable()
export class OpenApiService {
  private document?: OpenApiDocument;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  getDocument(): OpenApiDocument {
    this.document ??= this.build();
    return this.document;
  }

  private build(): OpenApiDocument {
    const paths: ZodOpenApiPathsObject = {};
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const base = this.reflector.get<string | string[] | undefined>(PATH_METADATA, metatype) ?? '';
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[methodName] as (...args: unknown[]) => unknown;
        const contract = this.reflector.get<RouteContract | undefined>(CONTRACT_METADATA, handler);
        const method = METHODS[this.reflector.get<RequestMethod>(METHOD_METADATA, handler)];
        if (!contract || !method) continue;
        const route = this.reflector.get<string | string[] | undefined>(PATH_METADATA, handler) ?? '';
        const path = joinPath(String(base), String(route));
        paths[path] = { ...paths[path], [method]: this.operation(contract, `${metatype.name}.${methodName}`) };
      }
    }
    return createDocument({
      openapi: '3.1.0',
      info: {
        title: 'Chainloom API',
        version: '1.0.0',
        description: 'Blockchain-as-a-Service: tenants, networks, certificates, traceability, relay.',
      },
      paths,
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key: Authorization: Bearer clk_…' },
          session: { type: 'http', scheme: 'bearer', description: 'console session token' },
        },
      },
    });
  }

  private operation(contract: RouteContract, operationId: string): ZodOpenApiOperationObject {
    const responses: ZodOpenApiResponsesObject = {};
    for (const [status, response] of Object.entries(contract.responses ?? { 200: { description: 'OK' } })) {
      responses[status as `2${string}`] = {
        description: response.description,
        ...(response.schema
          ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } }
          : {}),
      };
    }
    const problem = { content: { 'application/problem+json': { schema: ProblemSchema } } };
    responses.default = { description: 'Error (RFC 9457 problem details)', ...problem };
    return {
      operationId,
      summary: contract.summary,
      ...(contract.description ? { description: contract.description } : {}),
      ...(contract.tags ? { tags: contract.tags } : {}),
      security: (contract.security ?? []).map((name) => ({ [name]: [] })),
      requestParams: {
        ...(contract.params ? { path: contract.params } : {}),
        ...(contract.query ? { query: contract.query } : {}),
        ...(contract.headers ? { header: contract.headers } : {}),
      },
      ...(contract.body || contract.bodyContentType
        ? {
            requestBody: {
              required: true,
              content: { [contract.bodyContentType ?? 'application/json']: { schema: contract.body ?? {} } },
            },
          }
        : {}),
      responses,
    };
  }
}
