/**
 * A local endpoint as an HTTP inference server on 127.0.0.1, answering like SageMaker runtime's
 * InvokeEndpoint: `POST /endpoints/<name>/invocations` (or the container path `POST /invocations`) with
 * `Content-Type` text/csv or application/json, optional `Accept` and `X-Amzn-SageMaker-Inference-Id`.
 * Malformed requests get a 4xx with a message that says what is wrong. With capture on, every sampled
 * exchange is written in SageMaker's capture format (captureWriter.ts); buffered records are flushed at
 * least once a minute and when the server stops. While it runs, `runtime/endpoints/<name>.json` says
 * where it listens, so other tools and windows can find it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, rm } from 'node:fs/promises';
import { writeFileAtomic } from '../fsAtomic';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { EndpointInvokerOptions } from './endpointInvoker';
import { EndpointInvoker, INFERENCE_ID_HEADER, INVOKED_VARIANT_HEADER } from './endpointInvoker';
import { InferenceRequestError } from './inferenceCodec';
import type { LocalBackend } from './localBackend';

/** SageMaker real-time endpoints accept payloads up to 6 MB. */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

export interface LocalEndpointServerOptions extends EndpointInvokerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

/** What `runtime/endpoints/<name>.json` holds while a server runs. */
export interface EndpointRuntimeInfo {
  endpointName: string;
  url: string;
  invocationsUrl: string;
  pid: number;
  startedAt: string;
}

export class LocalEndpointServer {
  private constructor(
    private readonly backend: LocalBackend,
    private readonly server: Server,
    private readonly invoker: EndpointInvoker,
    readonly endpointName: string,
    readonly url: string,
    private readonly logger: Logger,
    /** The Host headers a browser sends for this server's own origin; anything else is refused. */
    private readonly allowedHosts: ReadonlySet<string>,
  ) {}

  /** `POST` here to invoke the endpoint. */
  get invocationsUrl(): string {
    return `${this.url}/endpoints/${this.endpointName}/invocations`;
  }

  /** Starts serving an endpoint of the workspace; fails (NotFound) when the endpoint does not exist. */
  static async start(backend: LocalBackend, endpointName: string, options: LocalEndpointServerOptions = {}): Promise<LocalEndpointServer> {
    await backend.loadEndpointModel(endpointName); // fail now, not on the first request
    const logger = options.logger ?? backend.logger ?? silentLogger;
    const invoker = new EndpointInvoker(backend, endpointName, { ...options, logger });
    const server = createServer();
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const instance = new LocalEndpointServer(backend, server, invoker, endpointName, `http://${host}:${port}`, logger, allowedHostHeaders(host, port));
    server.on('request', (req, res) => void instance.handle(req, res));
    try {
      await instance.writeRuntimeInfo();
    } catch (e) {
      await instance.stop(); // the caller gets no server to stop: do not leave it listening
      throw e;
    }
    logger.info(`Endpoint ${endpointName} is listening at ${instance.invocationsUrl}`);
    return instance;
  }

  /** Stops accepting requests, flushes buffered capture records and removes the runtime file. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
    await this.invoker.close();
    const file = this.backend.layout.endpointRuntimeFile(this.endpointName);
    const info = await readRuntimeInfo(file);
    if (info?.pid === process.pid && info.url === this.url) await rm(file, { force: true });
    this.logger.info(`Endpoint ${this.endpointName} stopped`);
  }

  /** Writes buffered capture records now (they are also written at least once a minute). */
  flushCapture(): Promise<void> {
    return this.invoker.flush();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const hostHeader = (req.headers.host ?? '').toLowerCase();
      if (!this.allowedHosts.has(hostHeader)) {
        // A page whose DNS name was rebound to 127.0.0.1 reaches us with its own name as Host: it must not
        // be able to invoke the model or write captured data.
        throw new InferenceRequestError(403, `Refused a request for host "${hostHeader}": this endpoint answers only requests addressed to ${[...this.allowedHosts].join(' or ')}.`);
      }
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/ping') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('healthy');
        return;
      }
      const invocationPaths = ['/invocations', `/endpoints/${this.endpointName}/invocations`];
      if (!invocationPaths.includes(path)) {
        const other = /^\/endpoints\/([^/]+)\/invocations$/.exec(path);
        throw new InferenceRequestError(
          404,
          other ? `Endpoint ${safeDecode(other[1])} is not served here; this server serves ${this.endpointName}.` : `No route ${req.method} ${path}; POST to /endpoints/${this.endpointName}/invocations.`,
        );
      }
      if (req.method !== 'POST') throw new InferenceRequestError(400, `Use POST to invoke ${this.endpointName}, not ${req.method}.`);
      const body = await readBody(req);
      const inferenceId = header(req, INFERENCE_ID_HEADER);
      const result = await this.invoker.invoke({ contentType: header(req, 'content-type'), accept: header(req, 'accept'), body, ...(inferenceId !== undefined ? { inferenceId } : {}) });
      res.writeHead(200, { 'content-type': result.contentType, [INVOKED_VARIANT_HEADER]: result.variantName }).end(result.body);
    } catch (e) {
      const status = e instanceof InferenceRequestError ? e.status : 500;
      const message = e instanceof Error ? e.message : String(e);
      if (status >= 500) this.logger.error(`Endpoint ${this.endpointName}: ${message}`);
      const errorType = status === 404 ? 'ResourceNotFound' : status === 403 ? 'AccessDeniedException' : status >= 500 ? 'InternalFailure' : 'ValidationError';
      if (!res.headersSent) {
        res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': errorType }).end(JSON.stringify({ ErrorCode: errorType, Message: message }));
      } else res.end();
    }
  }

  private async writeRuntimeInfo(): Promise<void> {
    const info: EndpointRuntimeInfo = { endpointName: this.endpointName, url: this.url, invocationsUrl: this.invocationsUrl, pid: process.pid, startedAt: new Date().toISOString() };
    await writeFileAtomic(this.backend.layout.endpointRuntimeFile(this.endpointName), `${JSON.stringify(info, null, 2)}\n`, { within: this.backend.layout.root });
  }
}

/** `127.0.0.1:<port>`, `localhost:<port>`, and the bound host's own `<host>:<port>`. */
function allowedHostHeaders(host: string, port: number): ReadonlySet<string> {
  const bound = host.includes(':') ? `[${host}]` : host; // an IPv6 literal is bracketed in a Host header
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `${bound.toLowerCase()}:${port}`]);
}

/** Starts a server for every InService endpoint of the workspace. */
export async function startWorkspaceEndpoints(backend: LocalBackend, options: Omit<LocalEndpointServerOptions, 'port'> = {}): Promise<LocalEndpointServer[]> {
  const servers: LocalEndpointServer[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await backend.listEndpoints({ status: 'InService', ...(token ? { nextToken: token } : {}) });
      for (const endpoint of page.items) servers.push(await LocalEndpointServer.start(backend, endpoint.name, options));
      token = page.nextToken;
    } while (token);
  } catch (e) {
    await Promise.all(servers.map((s) => s.stop()));
    throw e;
  }
  return servers;
}

/** Where a running local endpoint listens, if a server for it is running (on this machine). */
export async function findRunningEndpoint(backend: LocalBackend, endpointName: string): Promise<EndpointRuntimeInfo | undefined> {
  const info = await readRuntimeInfo(backend.layout.endpointRuntimeFile(endpointName));
  if (!info) return undefined;
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return undefined; // the server's process is gone
  }
  return info;
}

async function readRuntimeInfo(file: string): Promise<EndpointRuntimeInfo | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as EndpointRuntimeInfo;
  } catch {
    return undefined;
  }
}

/** A malformed %-escape in a request path is the client's error (404 below), not a URIError (500). */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) throw new InferenceRequestError(413, `The request body is larger than ${MAX_PAYLOAD_BYTES / 1024 / 1024} MB, SageMaker's limit for real-time endpoints.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
