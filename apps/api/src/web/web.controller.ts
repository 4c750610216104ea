import * as fs from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Header, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, ErrorCode, SmartsegError } from '@smartseg/common/server';
import { ApiKeyService } from '@smartseg/tenant-config';
import { Access } from '../auth/access.decorator';
import { DEMO_KEY_FILE, DEMO_TENANT_ID } from '../demo-seed';
import { ASSET_CACHE_CONTROL, INDEX_CACHE_CONTROL, PAGE_CSP, WebFiles, type WebFile } from './web-files';

/** True for a loopback socket address (IPv4 127/8, IPv6 ::1, IPv4-mapped 127/8). */
export function isLoopbackAddress(ip: string | undefined): boolean {
  if (!ip) return false;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** True when the Host header names this machine (localhost, 127.x, [::1]); guards against DNS rebinding. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host
    .trim()
    .toLowerCase()
    .replace(/:\d{1,5}$/, '');
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

const NOT_OFFERED = 'No demo key is offered here: sign in with your API key';

/**
 * The web page (apps/web, built by `vite build` into apps/web/dist): `/` is index.html and
 * `/assets/:file` its hashed scripts and styles, read from disk with a fixed content-type map.
 * `GET /demo-key` hands the embedded demo key to a page opened on this machine (see apps/web/README.md).
 * Public like the probes; excluded from the OpenAPI document (not part of the API).
 */
@ApiExcludeController()
@Controller()
export class WebController {
  private readonly files = new WebFiles();

  constructor(
    private readonly config: AppConfig,
    private readonly keys: ApiKeyService,
  ) {}

  @Get()
  @Access('public')
  page(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const file = this.files.index();
    if (!file)
      throw new SmartsegError(ErrorCode.NotFound, 'The web page is not built: run `npm run build:web` (vite build)');
    reply
      .header('content-security-policy', PAGE_CSP)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer');
    this.send(req, reply, file, INDEX_CACHE_CONTROL);
  }

  @Get('assets/:file')
  @Access('public')
  asset(@Param('file') name: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const file = this.files.asset(name);
    if (!file) throw new SmartsegError(ErrorCode.NotFound, 'No such file');
    this.send(req, reply, file, ASSET_CACHE_CONTROL);
  }

  /**
   * The demo tenant's key, only when all hold: the embedded default with DEMO_TENANT on, the
   * caller connects from this machine (loopback socket; the proxy is not trusted) and names it
   * in Host (no DNS rebinding), the browser says the call is same-origin (when it says), and the
   * key in $SMARTSEG_HOME/demo-key.txt still authenticates for the demo tenant. Never cached.
   */
  @Get('demo-key')
  @Access('public')
  @Header('cache-control', 'no-store')
  async demoKey(@Req() req: FastifyRequest): Promise<{ tenant_id: string; key: string }> {
    const site = req.headers['sec-fetch-site'];
    if (
      !this.config.embedded ||
      !this.config.DEMO_TENANT ||
      !isLoopbackAddress(req.socket?.remoteAddress ?? req.ip) ||
      !isLoopbackHost(req.headers.host) ||
      (site !== undefined && site !== 'same-origin')
    )
      throw new SmartsegError(ErrorCode.NotFound, NOT_OFFERED);
    let key: string;
    try {
      key = fs.readFileSync(path.join(this.config.SMARTSEG_HOME, DEMO_KEY_FILE), 'utf8').trim();
    } catch {
      throw new SmartsegError(ErrorCode.NotFound, NOT_OFFERED);
    }
    const found = key ? await this.keys.authenticate(key) : undefined;
    if (!found || found.tenant.id !== DEMO_TENANT_ID) throw new SmartsegError(ErrorCode.NotFound, NOT_OFFERED);
    return { tenant_id: DEMO_TENANT_ID, key };
  }

  private send(req: FastifyRequest, reply: FastifyReply, file: WebFile, cacheControl: string): void {
    reply
      .header('cache-control', cacheControl)
      .header('etag', file.etag)
      .header('last-modified', file.lastModified.toUTCString())
      .header('x-content-type-options', 'nosniff');
    const match = req.headers['if-none-match'];
    if (match && match.split(',').some((t) => t.trim() === file.etag)) {
      reply.status(304).send();
      return;
    }
    reply.status(200).header('content-type', file.contentType).send(file.body);
  }
}
