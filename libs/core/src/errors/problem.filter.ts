import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import { AppException } from './app.exception';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';
import { zodIssuesToFieldErrors } from '../http/zod-errors';

/** Fastify's own client errors (bad JSON, body too large, wrong content type) and what they become. */
const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', detail: 'The body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json', detail: 'The JSON body is empty.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', detail: 'The body is larger than allowed.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', detail: 'Unsupported content type.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_content_length', detail: 'Content-Length does not match the body.' },
};

/**
 * Turns every error into application/problem+json. Known errors keep their code; anything else
 * answers 500 with an errorId that is logged with the stack, which never reaches the client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = this.toProblem(error, request);
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  toProblem(error: unknown, request: FastifyRequest) {
    const instance = request.url?.split('?')[0];
    if (error instanceof AppException) {
      return { ...problem(error.status, error.code, error.message, error.extensions), instance };
    }
    if (error instanceof ZodError) {
      return {
        ...problem(400, 'validation_failed', 'The request is not valid; see errors for each field.', {
          errors: zodIssuesToFieldErrors(error.issues),
        }),
        instance,
      };
    }
    // Nest wraps Fastify's own errors in an HttpException whose cause is the original.
    const original = error instanceof HttpException && error.cause ? error.cause : error;
    const fastifyCode = (original as { code?: unknown })?.code;
    if (typeof fastifyCode === 'string' && FASTIFY_CLIENT_ERRORS[fastifyCode]) {
      const known = FASTIFY_CLIENT_ERRORS[fastifyCode];
      return { ...problem(known.status, known.code, known.detail), instance };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      if (status < 500) {
        const code = status === 404 ? 'not_found' : status === 405 ? 'method_not_allowed' : 'http_error';
        return { ...problem(status, code, status === 404 ? `No route for ${request.method} ${instance}` : error.message), instance };
      }
    }
    // PostgreSQL data exceptions (SQLSTATE class 22: a date out of range, a number that overflows)
    // come from values the caller sent that passed validation but not the database.
    const sqlState =
      (error as { code?: unknown })?.code ??
      (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } })?.meta?.driverAdapterError?.cause?.originalCode;
    if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
      return { ...problem(400, 'invalid_value', 'A value in the request is out of the range the platform accepts.'), instance };
    }
    const statusCode = (error as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return { ...problem(statusCode, 'bad_request', 'The request could not be processed.'), instance };
    }
    const errorId = randomUUID();
    request.log.error({ err: error, errorId }, 'unhandled error');
    return {
      ...problem(500, 'internal_error', 'An unexpected error occurred. Quote the errorId when reporting it.', { errorId }),
      instance,
    };
  }
}
