import type { Response } from 'express';

/**
 * Writes a generator's chunks with back-pressure, so a large export streams instead of filling
 * memory, and keeps the audit entry's row count up to date as it goes (the entry is written when the
 * response has finished — or was cut off).
 */
export interface Chunk {
  text: string;
  /** Records in this chunk (0 for a header line). */
  rows: number;
  /** Their incident references, for the audit entry (who was sent HC/26/44019?). */
  references?: readonly string[];
}

export async function streamChunks(res: Response, chunks: Generator<Chunk, number>): Promise<void> {
  res.locals.auditRows = 0;
  res.locals.streamed = true;
  if (res.req.method === 'HEAD') {
    // The headers alone: nothing is read from the store, nothing is sent, nothing is disclosed.
    chunks.return(0);
    res.end();
    return;
  }
  const references: string[] = [];
  res.locals.auditReferences = references;
  for (;;) {
    // A client that went away stops the export; return() lets the generator finish cleanly.
    if (res.destroyed) {
      chunks.return(0);
      return;
    }
    const next = chunks.next();
    if (next.done) {
      res.locals.auditRows = next.value;
      res.end();
      return;
    }
    // Counted as sent: if the client stops half-way, the disclosure is recorded with what it got.
    res.locals.auditRows += next.value.rows;
    if (next.value.references) for (const r of next.value.references) references.push(r);
    if (!res.write(next.value.text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
    }
  }
}
