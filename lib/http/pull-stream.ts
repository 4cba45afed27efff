/**
 * A web stream that produces its next chunk only when the reader asks for one (`pull`): a slow
 * client holds the export where it is, instead of the server buffering the table for it.
 */
export function pullStream(chunks: AsyncIterable<string | Uint8Array>, label: string): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
      } catch (error) {
        // The headers are gone already: the download ends short, and the real error is logged here.
        console.error(`${label} interrompu :`, error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
