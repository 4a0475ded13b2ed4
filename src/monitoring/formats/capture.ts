/** One line of SageMaker's data capture JSON Lines (spec §1.4). */

export type CaptureEncoding = 'CSV' | 'JSON' | 'BASE64';

export interface CapturedPayload {
  observedContentType: string;
  mode: 'INPUT' | 'OUTPUT';
  data: string;
  encoding: CaptureEncoding;
  [unknownField: string]: unknown;
}

export interface CaptureRecord {
  captureData: {
    endpointInput?: CapturedPayload;
    endpointOutput?: CapturedPayload;
    [unknownField: string]: unknown;
  };
  eventMetadata: {
    eventId: string;
    inferenceId?: string;
    inferenceTime: string;
    customAttributes?: string;
    [unknownField: string]: unknown;
  };
  eventVersion: string;
  [unknownField: string]: unknown;
}
