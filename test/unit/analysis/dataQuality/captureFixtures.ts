/** Builders for SageMaker data-capture lines used by the analyzer tests. */

/** A capture line as SageMaker writes it, for one CSV request/response pair. */
export function captureLine(input: string, output: string, time = '2021-06-13T18:30:00Z', id = 'e1'): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: input, encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv; charset=utf-8', mode: 'OUTPUT', data: output, encoding: 'CSV' },
    },
    eventMetadata: { eventId: id, inferenceTime: time },
    eventVersion: '0',
  });
}
