/**
 * One local endpoint's invocation path, shared by its HTTP server and by the demo builder (which replays
 * past hours without HTTP): decode the request, run the endpoint's model, encode the answer, and hand
 * the exchange to the endpoint's capture writer with the endpoint's current capture settings. Model and
 * settings are re-read at most every `refreshMs`, so enabling capture or swapping the config in another
 * window takes effect without a restart.
 */
import { randomUUID } from 'node:crypto';
import { isMonitoringError } from '../errors';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { DataCaptureConfig } from '../model';
import { CaptureWriter } from './captureWriter';
import { InferenceRequestError, formatPredictions, parseInferenceRequest, requestFormat, responseFormat } from './inferenceCodec';
import type { LocalBackend } from './localBackend';
import type { EndpointDocument } from './localDocuments';
import type { GradientBoostedTrees } from './regressionModel';

export const INFERENCE_ID_HEADER = 'x-amzn-sagemaker-inference-id';
export const INVOKED_VARIANT_HEADER = 'x-amzn-invoked-production-variant';

/** SageMaker's InferenceId: 1–64 printable characters, not starting with whitespace. */
const INFERENCE_ID = /^\S[\x20-\x7e\u00a0-\uffff]{0,63}$/u;

export interface InvocationRequest {
  contentType: string | undefined;
  accept?: string;
  body: Uint8Array;
  inferenceId?: string;
  /** When the invocation happened (default now): the demo replays past hours with it. */
  time?: Date;
}

export interface InvocationResponse {
  contentType: string;
  body: string;
  variantName: string;
  captured: boolean;
}

export interface EndpointInvokerOptions {
  now?: () => Date;
  random?: () => number;
  uuid?: () => string;
  flushIntervalMs?: number;
  refreshMs?: number;
  logger?: Logger;
}

interface LoadedEndpoint {
  loadedAt: number;
  version: string;
  model: GradientBoostedTrees;
  variantName: string;
  capture: DataCaptureConfig | undefined;
}

export class EndpointInvoker {
  private loaded: LoadedEndpoint | undefined;
  private loading: Promise<LoadedEndpoint> | undefined;
  private readonly writers = new Map<string, CaptureWriter>();
  private readonly logger: Logger;

  constructor(
    private readonly backend: LocalBackend,
    readonly endpointName: string,
    private readonly options: EndpointInvokerOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  async invoke(request: InvocationRequest): Promise<InvocationResponse> {
    if (request.inferenceId !== undefined && !INFERENCE_ID.test(request.inferenceId)) {
      throw new InferenceRequestError(400, `The inference id "${request.inferenceId.slice(0, 80)}" is invalid: use 1 to 64 printable characters, not starting with a space.`);
    }
    const inFormat = requestFormat(request.contentType);
    const outFormat = responseFormat(request.accept, inFormat);
    const endpoint = await this.current();
    const rows = parseInferenceRequest(inFormat, request.body, endpoint.model.featureNames);
    const response = formatPredictions(
      outFormat,
      rows.map((row) => endpoint.model.predict(row)),
    );
    const captured = this.writerFor(endpoint.variantName).capture(endpoint.capture, {
      inputContentType: request.contentType ?? '',
      input: request.body,
      outputContentType: response.contentType,
      output: Buffer.from(response.body, 'utf8'),
      ...(request.inferenceId !== undefined ? { inferenceId: request.inferenceId } : {}),
      ...(request.time ? { time: request.time } : {}),
    });
    return { ...response, variantName: endpoint.variantName, captured };
  }

  /** Writes buffered capture records now. */
  async flush(): Promise<void> {
    await Promise.all([...this.writers.values()].map((w) => w.flush()));
  }

  async close(): Promise<void> {
    await Promise.all([...this.writers.values()].map((w) => w.close()));
    this.writers.clear();
  }

  private writerFor(variantName: string): CaptureWriter {
    let writer = this.writers.get(variantName);
    if (!writer) {
      writer = new CaptureWriter(this.backend.objects, {
        endpointName: this.endpointName,
        variantName,
        ...(this.options.now ? { now: this.options.now } : {}),
        ...(this.options.random ? { random: this.options.random } : {}),
        uuid: this.options.uuid ?? randomUUID,
        ...(this.options.flushIntervalMs !== undefined ? { flushIntervalMs: this.options.flushIntervalMs } : {}),
        logger: this.logger,
      });
      this.writers.set(variantName, writer);
    }
    return writer;
  }

  private async current(): Promise<LoadedEndpoint> {
    const refreshMs = this.options.refreshMs ?? 2000;
    if (this.loaded && Date.now() - this.loaded.loadedAt < refreshMs) return this.loaded;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    this.loaded = await this.loading;
    return this.loaded;
  }

  private async load(): Promise<LoadedEndpoint> {
    let doc: EndpointDocument | undefined;
    try {
      doc = await this.backend.store.read<EndpointDocument>('endpoints', this.endpointName);
    } catch (e) {
      throw new InferenceRequestError(500, `Could not read endpoint ${this.endpointName}: ${(e as Error).message}`);
    }
    if (!doc) throw new InferenceRequestError(404, `Endpoint ${this.endpointName} does not exist in this workspace.`);
    if (doc.EndpointStatus !== 'InService') throw new InferenceRequestError(503, `Endpoint ${this.endpointName} is ${doc.EndpointStatus}, not InService.`);
    const version = `${doc.EndpointConfigName}@${doc.LastModifiedTime}`;
    if (this.loaded && this.loaded.version === version) return { ...this.loaded, loadedAt: Date.now() };
    try {
      const { model, variantName } = await this.backend.loadEndpointModel(this.endpointName);
      const config = await this.backend.describeEndpointConfig(doc.EndpointConfigName ?? '');
      return { loadedAt: Date.now(), version, model, variantName, capture: config.dataCapture };
    } catch (e) {
      const message = isMonitoringError(e) || e instanceof Error ? e.message : String(e);
      throw new InferenceRequestError(500, `Endpoint ${this.endpointName} cannot serve: ${message}`);
    }
  }
}
