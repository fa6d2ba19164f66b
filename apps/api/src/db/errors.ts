/**
 * What kind of storage fault an error is, so the error middleware can answer 503/507 instead of 500
 * without services knowing SQLite's error codes.
 */
export type StorageFault = 'busy' | 'read_only' | 'disk_full' | 'gone';

export function storageFaultOf(err: unknown): StorageFault | null {
  if (typeof err !== 'object' || err === null || !('code' in err) || typeof err.code !== 'string') return null;
  const code = err.code;
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') return 'busy';
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return 'read_only';
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_') || code === 'SQLITE_CANTOPEN') return 'gone';
  return null;
}
