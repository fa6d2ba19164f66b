import type { Response } from 'express';

/**
 * Writes a generator's chunks with back-pressure, so a large export streams instead of filling
 * memory. The generator's result (how many rows it wrote) becomes the audit entry's row count,
 * set before the response ends because the entry is written when it has.
 */
export async function streamChunks(res: Response, chunks: Generator<string, number>): Promise<void> {
  for (;;) {
    const next = chunks.next();
    if (next.done) {
      res.locals.auditRows = next.value;
      res.end();
      return;
    }
    if (!res.write(next.value)) await new Promise((resolve) => res.once('drain', resolve));
  }
}
